#[meeting_api::meeting_api(spec = "ui/fail/enum_value_wrong_type.yaml")]
mod m {}

fn main() {}
