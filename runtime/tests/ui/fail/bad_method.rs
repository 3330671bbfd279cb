#[meeting_api::meeting_api(spec = "ui/fail/bad_method.yaml")]
mod m {}

fn main() {}
