#[meeting_api::meeting_api(spec = "ui/fail/whole_body_example_does_not_fit.yaml")]
mod m {}

fn main() {}
