#[meeting_api::meeting_api(spec = "ui/fail/shape_misuse.yaml")]
mod m {}

fn main() {}
