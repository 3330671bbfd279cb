#[meeting_api::meeting_api(spec = "ui/fail/file_with_bounds.yaml")]
mod m {}

fn main() {}
