#[meeting_api::meeting_api(catalog = "ui/fail/bad_catalog", spec = "ui/fail/hands.yaml")]
mod m {}

fn main() {}
