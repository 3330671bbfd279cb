// A body-less GET with a path param and optional query params.
#[meeting_api::meeting_api(spec = "tests/compiles/get_by_id.yaml")]
mod widget {}

#[test]
fn the_generated_names_can_be_used() {
    let request = widget::GetWidgetRequest::builder()
        .widget_id("w-1")
        .lang(widget::Lang::ZhCn)
        .limit(10)
        .build();
    assert_eq!(request.widget_id, "w-1");
    match request.lang {
        Some(widget::Lang::EnUs) | None => unreachable!(),
        Some(widget::Lang::ZhCn) => {}
    }
    let response = widget::GetWidgetResponse {
        widget_id: "w-1".into(),
        name: None,
    };
    assert!(response.name.is_none());
    let not_found = |e: &widget::GetWidgetError| matches!(e, widget::GetWidgetError::NotFound(_));
    let _ = not_found;
}
