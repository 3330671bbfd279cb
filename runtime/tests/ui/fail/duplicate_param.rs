#[meeting_api::meeting_api(spec = "ui/fail/duplicate_param.yaml")]
mod m {}

fn main() {}
