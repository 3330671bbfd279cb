#[meeting_api::meeting_api(spec = "ui/fail/map_without_values.yaml")]
mod m {}

fn main() {}
