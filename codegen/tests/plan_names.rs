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
fn fields_whose_underscores_drop_away_get_distinct_setters() {
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
            ("a", "with_a"),
            ("_a", "with_a_2"),
            ("a_", "with_a_3"),
            ("a_2", "with_a_2_2")
        ]
    );
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
