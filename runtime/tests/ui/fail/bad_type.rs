#[meeting_api::meeting_api(spec = "ui/fail/bad_type.yaml")]
mod m {}

fn main() {}
