#[meeting_api::meeting_api(spec = "ui/fail/shape_without_shapes_file.yaml")]
mod m {}

fn main() {}
