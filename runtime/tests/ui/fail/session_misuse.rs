#[meeting_api::meeting_api(spec = "ui/fail/session_misuse.yaml")]
mod m {}

fn main() {}
