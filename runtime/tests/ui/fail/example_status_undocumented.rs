#[meeting_api::meeting_api(spec = "ui/fail/example_status_undocumented.yaml")]
mod m {}

fn main() {}
