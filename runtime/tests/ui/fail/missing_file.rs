#[meeting_api::meeting_api(spec = "ui/fail/no_such_spec.yaml")]
mod m {}

fn main() {}
