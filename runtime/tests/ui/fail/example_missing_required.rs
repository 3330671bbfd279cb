#[meeting_api::meeting_api(spec = "ui/fail/example_missing_required.yaml")]
mod m {}

fn main() {}
