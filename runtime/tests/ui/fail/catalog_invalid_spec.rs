// A spec of a catalog that breaks the format is reported with its file,
// line and column; the other specs of the catalog are not generated.
#[meeting_api::meeting_api(catalog = "ui/fail/broken_catalog")]
mod m {}

fn main() {}
