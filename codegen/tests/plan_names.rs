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
