#[meeting_api::meeting_api(spec = "ui/fail/rust_name_clash.yaml")]
mod m {}

fn main() {}
