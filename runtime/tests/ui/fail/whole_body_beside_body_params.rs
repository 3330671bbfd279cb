#[meeting_api::meeting_api(spec = "ui/fail/whole_body_beside_body_params.yaml")]
mod m {}

fn main() {}
