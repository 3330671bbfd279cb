#[meeting_api::meeting_api(spec = "ui/fail/unknown_key.yaml")]
mod m {}

fn main() {}
