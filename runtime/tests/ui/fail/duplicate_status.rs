#[meeting_api::meeting_api(spec = "ui/fail/duplicate_status.yaml")]
mod m {}

fn main() {}
