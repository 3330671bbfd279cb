#[meeting_api::meeting_api(spec = "ui/fail/example_undeclared_param.yaml")]
mod m {}

fn main() {}
