#[meeting_api::meeting_api(spec = "ui/fail/placeholder_without_param.yaml")]
mod m {}

fn main() {}
