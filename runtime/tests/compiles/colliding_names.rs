// Specs that `meeting-api check` accepts compile, even where the generated
// names would collide: fields whose names differ only in underscores, a
// field named `build` like the builder's last call, a type named like the
// builder's first type parameter, and a body param whose type is named
// like the struct that serialises the body. Also the
// spec whose every text is hostile to rustdoc.

#[meeting_api::meeting_api(spec = "tests/specs/setters.yaml")]
pub mod setters {}

#[meeting_api::meeting_api(spec = "tests/specs/body_param.yaml")]
pub mod body_param {}

#[meeting_api::meeting_api(spec = "tests/specs/spec_text.yaml")]
pub mod spec_text {}

#[test]
fn each_field_has_its_own_setter_and_build_stays_build() {
    let request = setters::SettersRequest::builder()
        .a("a")
        ._a("_a")
        .a_("a_")
        .a_2("a_2")
        .set_build("required")
        .set_set_build("optional")
        .kinds([setters::S0::One])
        .build();
    assert_eq!(request.a.as_deref(), Some("a"));
    assert_eq!(request._a.as_deref(), Some("_a"));
    assert_eq!(request.a_.as_deref(), Some("a_"));
    assert_eq!(request.a_2.as_deref(), Some("a_2"));
    assert_eq!(request.build, "required");
    assert_eq!(request.set_build.as_deref(), Some("optional"));
    assert_eq!(request.kinds, [setters::S0::One]);
}

#[test]
fn a_body_param_may_be_named_body() {
    let body = body_param::Body { text: "hi".to_owned() };
    let request = body_param::BodyParamRequest::builder()
        .body(body.clone())
        .kind(body_param::Kind::Rich)
        .build();
    assert_eq!(request.body, body);
}

#[test]
fn hostile_spec_text_still_names_its_items() {
    let request = spec_text::SpecTextRequest::builder()
        .id("7")
        .mode(spec_text::Mode::Script)
        .build();
    assert_eq!(request.mode, Some(spec_text::Mode::Script));
}
