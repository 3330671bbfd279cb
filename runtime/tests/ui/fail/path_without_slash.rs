#[meeting_api::meeting_api(spec = "ui/fail/path_without_slash.yaml")]
mod m {}

fn main() {}
