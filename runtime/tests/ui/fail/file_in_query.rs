#[meeting_api::meeting_api(spec = "ui/fail/file_in_query.yaml")]
mod m {}

fn main() {}
