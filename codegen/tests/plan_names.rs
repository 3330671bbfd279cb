//! Names the plan hands out are unique where Rust needs them to be, so a
//! spec that the plan accepts compiles.

use std::path::Path;

use meeting_api_codegen::plan::{self, Plan, TypeDef};

fn planned(spec_file: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../runtime/tests/specs")
        .join(spec_file);
    let spec = meeting_api_spec::load(&path).unwrap_or_else(|error| panic!("{error}"));
    plan::plan(&spec).unwrap_or_else(|clashes| panic!("{clashes:?}"))
}

#[test]
fn setters_are_named_like_their_fields_but_none_is_build() {
    let plan = planned("setters.yaml");
    let setters: Vec<(&str, &str)> = plan
        .request
        .fields
        .iter()
        .map(|field| {
            (
                field.ident.as_str(),
                field.setter.as_ref().map_or("", |s| s.ident.as_str()),
            )
        })
        .collect();
    assert_eq!(
        setters,
        [
            ("a", "a"),
            ("_a", "_a"),
            ("a_", "a_"),
            ("a_2", "a_2"),
            ("build", "set_build"),
            ("set_build", "set_set_build"),
            ("kinds", "kinds")
        ]
    );
    assert_eq!(plan.builder.build.ident, "build");
}

/// The builder's type parameters shadow module types inside its impls, so
/// they are named unlike every one (the spec has a type `S0`).
#[test]
fn the_builder_type_parameters_are_named_unlike_every_module_type() {
    let plan = planned("setters.yaml");
    let states: Vec<&str> = plan
        .request
        .fields
        .iter()
        .filter_map(|field| Some(field.setter.as_ref()?.required.as_ref()?.state.as_str()))
        .collect();
    assert_eq!(states, ["State0", "S1"]);
    assert_eq!(plan.builder.name, "SettersRequestBuilder");
    assert_eq!(plan.builder.markers, "setters_request_builder");
}

#[test]
fn the_body_struct_is_named_unlike_every_module_type() {
    let plan = planned("body_param.yaml");
    let types: Vec<&str> = plan
        .types
        .iter()
        .map(|def| match def {
            TypeDef::Struct(object) => object.name.as_str(),
            TypeDef::Enum(enumeration) => enumeration.name.as_str(),
        })
        .collect();
    assert_eq!(types, ["Body", "Kind"]);
    assert_eq!(plan.body_type, "BodyParamBody");
}

/// A request field is also the parameter of its setter, where a
/// unit struct or a prelude variant of the same name would be read as a
/// pattern (E0530, E0308): the plan refuses such a `rust_name`, so that the
/// attribute and `meeting-api check` both report it.
#[test]
fn a_field_may_not_take_the_name_of_a_value_in_scope() {
    let source = "name: ping\nsummary: Ping\nmethod: GET\npath: /v1/ping\nparams:\n\
                  - name: a\n    in: query\n    type: string\n    rust_name: PingResponse\n\
                  - name: b\n    in: query\n    type: string\n    rust_name: None\n\
                  - name: c\n    in: query\n    type: string\n    rust_name: Some\n\
                  responses:\n  - status: 200\n    description: ok\n";
    let source = source.replace("\n- name", "\n  - name");
    let spec = meeting_api_spec::parse(&source, "ping.yaml").unwrap_or_else(|error| panic!("{error}"));
    let clashes = plan::plan(&spec).expect_err("each of these names would not compile");
    let names: Vec<&str> = clashes
        .iter()
        .map(|clash| clash.message.split('"').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(names, ["PingResponse", "None", "Some"], "{clashes:?}");
}

/// A response enum's catch-all is `Unknown` in every enum: it is claimed
/// first, so a value whose name would be `Unknown` is numbered. An enum
/// only requests use has none, and keeps `Unknown` for a value.
#[test]
fn the_catch_all_of_a_response_enum_keeps_its_name() {
    let plan = planned("unknown_values.yaml");
    let enums: Vec<(&str, Vec<&str>, Option<&str>)> = plan
        .types
        .iter()
        .filter_map(|def| match def {
            TypeDef::Enum(e) => Some((
                e.name.as_str(),
                e.variants.iter().map(|v| v.ident.as_str()).collect(),
                e.unknown.as_ref().map(|u| u.ident.as_str()),
            )),
            TypeDef::Struct(_) => None,
        })
        .collect();
    assert_eq!(
        enums,
        [
            ("ItemState", vec!["OnSale", "Sold"], Some("Unknown")),
            ("Order", vec!["Asc", "Desc"], None),
            ("Status", vec!["Watching", "Unknown2"], Some("Unknown")),
            ("Level", vec!["V0", "V1"], Some("Unknown")),
            ("LevelsItem", vec!["V10", "V20"], Some("Unknown")),
        ]
    );

    let source = "name: pick\nsummary: Pick\nmethod: GET\npath: /v1/pick\nparams:\n  - name: mode\n    in: query\n    \
                  type: string\n    enum:\n      - value: UNKNOWN\nresponses:\n  - status: 200\n    description: ok\n";
    let spec = meeting_api_spec::parse(source, "pick.yaml").unwrap_or_else(|error| panic!("{error}"));
    let plan = plan::plan(&spec).unwrap_or_else(|clashes| panic!("{clashes:?}"));
    let TypeDef::Enum(mode) = &plan.types[0] else {
        panic!("an enum")
    };
    assert_eq!(
        (mode.variants[0].ident.as_str(), mode.unknown.is_none()),
        ("Unknown", true)
    );
}
