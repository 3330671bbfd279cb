//! Snapshots of the generated code, formatted with prettyplease: a change
//! to the generator shows up as a readable diff of what users get.

use std::path::Path;

fn generated(spec_file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec").join(spec_file);
    let spec = meeting_api_spec::load(&path).unwrap_or_else(|error| panic!("{error}"));
    let items = meeting_api_codegen::generate(&spec, &meeting_api_codegen::Options::default())
        .unwrap_or_else(|clashes| panic!("{clashes:?}"));
    meeting_api_codegen::format(&items).expect("generated code parses")
}

#[test]
fn hands() {
    insta::assert_snapshot!(generated("hands.yaml"));
}

#[test]
fn mute() {
    insta::assert_snapshot!(generated("mute.yaml"));
}

#[test]
fn conference_token() {
    insta::assert_snapshot!(generated("token.yaml"));
}

#[test]
fn every_shape() {
    insta::assert_snapshot!(generated("../runtime/tests/specs/update_room.yaml"));
}

/// Whole bodies that are arrays, maps in fields (new since v1).
#[test]
fn whole_body_array() {
    insta::assert_snapshot!(generated("../runtime/tests/specs/add_attendees.yaml"));
}

/// A whole body that is a map, answered with a map of lists.
#[test]
fn whole_body_map() {
    insta::assert_snapshot!(generated("../runtime/tests/specs/set_labels.yaml"));
}

/// A multipart/form-data body: text parts and files (new since v1).
#[test]
fn multipart_form() {
    insta::assert_snapshot!(generated("../runtime/tests/specs/add_material.yaml"));
}

/// A catalog (new since v1): the shared shapes' module, then a module per
/// operation that names the shapes' types by path.
#[test]
fn catalog_with_shared_shapes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/tests/specs/shop");
    let mut cache = meeting_api_spec::ShapesCache::default();
    let specs: Vec<_> = meeting_api_spec::spec_files_in(&dir)
        .expect("the shop catalog is readable")
        .into_iter()
        .map(|file| {
            let spec = meeting_api_spec::load_with(&file, &mut cache).unwrap_or_else(|error| panic!("{error}"));
            let file = file.strip_prefix(&dir).expect("in the directory").to_owned();
            meeting_api_codegen::CatalogSpec { file, spec }
        })
        .collect();
    let items = meeting_api_codegen::generate_catalog(&specs, true).unwrap_or_else(|errors| panic!("{errors:?}"));
    insta::assert_snapshot!(meeting_api_codegen::format(&items).expect("generated code parses"));
}

/// A paged operation (new since v1): its request implements
/// `meeting_api::Paged`, reading the page at `data` and the total at
/// `count`.
#[test]
fn paged() {
    insta::assert_snapshot!(generated("../runtime/tests/specs/list_rooms.yaml"));
}
