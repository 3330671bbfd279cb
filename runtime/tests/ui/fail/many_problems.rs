#[meeting_api::meeting_api(spec = "ui/fail/many_problems.yaml")]
mod m {}

fn main() {}
