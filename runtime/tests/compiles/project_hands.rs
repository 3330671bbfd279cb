// The project's own hands spec, as users write it, through a link to
// spec/hands.yaml so that this case follows the real spec.
#[meeting_api::meeting_api(spec = "tests/compiles/hands.yaml")]
pub mod hands {}

fn describe(error: &hands::HandsError) -> &'static str {
    match error {
        hands::HandsError::BadRequest(_) => "400",
        hands::HandsError::Unauthorized(_) => "401",
        hands::HandsError::Forbidden(_) => "403",
        hands::HandsError::InternalServerError(_) => "500",
        hands::HandsError::UnexpectedStatus(_) => "undocumented status",
        hands::HandsError::Decode(_) => "bad body",
        hands::HandsError::Transport(_) => "no response",
        hands::HandsError::InvalidRequest(_) => "not sent",
        hands::HandsError::Redirect(_) => "redirected",
        hands::HandsError::BodyTooLarge(_) => "body too large",
    }
}

#[test]
fn the_generated_names_can_be_used() {
    let request = hands::HandsRequest::builder()
        .conference_id("914083136")
        .participant_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .conference_authorization("token")
        .hands_state(hands::HandsState::Raise)
        .build();
    let raised = match request.hands_state {
        hands::HandsState::Lower => false,
        hands::HandsState::Raise => true,
    };
    assert!(raised);
    assert_eq!(hands::HandsState::Lower.wire_value(), 0);
    let _: hands::HandsResponse = hands::HandsResponse;
    let _: fn(&hands::HandsError) -> &'static str = describe;
    let _ = <hands::HandsRequest as meeting_api::Operation>::INFO;
}
