#[meeting_api::meeting_api(spec = "ui/fail/yaml_syntax.yaml")]
mod m {}

fn main() {}
