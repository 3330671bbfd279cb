#[meeting_api::meeting_api(spec = "ui/fail/missing_method.yaml")]
mod m {}

fn main() {}
