#[meeting_api::meeting_api(spec = "ui/fail/example_value_not_in_enum.yaml")]
mod m {}

fn main() {}
