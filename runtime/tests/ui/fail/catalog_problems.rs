// The names a catalog cannot take: two specs with one name, and a spec
// named like the module of the shared shapes.
#[meeting_api::meeting_api(catalog = "ui/fail/bad_catalog")]
mod m {}

fn main() {}
