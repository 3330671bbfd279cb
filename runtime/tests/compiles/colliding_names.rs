// Specs that `meeting-api check` accepts compile, even where the generated
// names would collide: setters that drop to one name, and a body param
// whose type is named like the struct that serialises the body. Also the
// spec whose every text is hostile to rustdoc.

#[meeting_api::meeting_api(spec = "tests/specs/setters.yaml")]
pub mod setters {}

#[meeting_api::meeting_api(spec = "tests/specs/body_param.yaml")]
pub mod body_param {}

#[meeting_api::meeting_api(spec = "tests/specs/spec_text.yaml")]
pub mod spec_text {}

#[test]
fn each_optional_field_has_its_own_setter() {
    let request = setters::SettersRequest::new()
        .with_a("a")
        .with_a_2("_a")
        .with_a_3("a_")
        .with_a_2_2("a_2");
    assert_eq!(request.a.as_deref(), Some("a"));
    assert_eq!(request._a.as_deref(), Some("_a"));
    assert_eq!(request.a_.as_deref(), Some("a_"));
    assert_eq!(request.a_2.as_deref(), Some("a_2"));
}

#[test]
fn a_body_param_may_be_named_body() {
    let body = body_param::Body { text: "hi".to_owned() };
    let request = body_param::BodyParamRequest::new(body.clone()).with_kind(body_param::Kind::Rich);
    assert_eq!(request.body, body);
}

#[test]
fn hostile_spec_text_still_names_its_items() {
    let request = spec_text::SpecTextRequest::new("7").with_mode(spec_text::Mode::Script);
    assert_eq!(request.mode, Some(spec_text::Mode::Script));
}
