#[meeting_api::meeting_api(catalog = "ui/fail/no_such_catalog")]
mod m {}

fn main() {}
