#[meeting_api::meeting_api(spec = "ui/fail/valid.yaml")]
struct Widget;

fn main() {}
