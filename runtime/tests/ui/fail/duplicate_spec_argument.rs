#[meeting_api::meeting_api(spec = "ui/fail/valid.yaml", spec = "ui/fail/hands.yaml")]
mod m {}

fn main() {}
