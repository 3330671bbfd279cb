#[meeting_api::meeting_api(spec = "ui/fail/paging_misuse.yaml")]
mod m {}

fn main() {}
