#[meeting_api::meeting_api(spec = "ui/fail/form_beside_body.yaml")]
mod m {}

fn main() {}
