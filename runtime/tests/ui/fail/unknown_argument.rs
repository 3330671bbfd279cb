#[meeting_api::meeting_api(spec = "ui/fail/valid.yaml", client = "reqwest")]
mod m {}

fn main() {}
