#[meeting_api::meeting_api]
mod m {}

fn main() {}
