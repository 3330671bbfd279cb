#[meeting_api::meeting_api(spec = "ui/fail/bad_in.yaml")]
mod m {}

fn main() {}
