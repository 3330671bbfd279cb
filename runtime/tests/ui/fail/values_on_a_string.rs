#[meeting_api::meeting_api(spec = "ui/fail/values_on_a_string.yaml")]
mod m {}

fn main() {}
