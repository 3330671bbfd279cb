#[meeting_api::meeting_api(spec = ui_fail_valid_yaml)]
mod m {}

fn main() {}
