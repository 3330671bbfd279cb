// Wire names that collide in Rust (`userId`, `userID`, `user-id`, `user_id`),
// keywords (`type`, `self`, `async`), a leading digit, a prelude name
// (`Option`), and an enum field `state` in both the request and the
// response: each gets its own valid identifier, usable from user code.
#[meeting_api::meeting_api(spec = "tests/compiles/clashing_names.yaml")]
pub mod clash {}

use clash::{Level, State, TypeError, TypeRequest, TypeRequestOption, TypeResponse, TypeResponseState};

#[test]
fn the_generated_names_can_be_used() {
    let request = TypeRequest::builder()
        .user_id("path-id")
        .user_id_query("query-id")
        .state(State::On2)
        .user_id_header("header-id")
        .user_id_body("body-id")
        .type_("kind")
        .self_(true)
        .async_(1)
        ._2fa("123456")
        .option(TypeRequestOption {
            some: Some("x".into()),
            type_: Some(3),
        })
        .level(Level::Lowest)
        .build();
    assert_eq!(request.user_id, "path-id");
    assert_eq!(request.user_id_query, "query-id");
    assert_eq!(request.user_id_header.as_deref(), Some("header-id"));
    assert_eq!(request.user_id_body.as_deref(), Some("body-id"));
    assert_eq!(request.type_.as_deref(), Some("kind"));
    assert_eq!(request.self_, Some(true));
    assert_eq!(request.async_, Some(1));
    assert_eq!(request._2fa.as_deref(), Some("123456"));
    let state = match request.state {
        State::On => "on",
        State::On2 => "ON",
        State::On3 => "On!",
        State::V1 => "1",
    };
    assert_eq!(state, "ON");
    assert!(matches!(request.level, Some(Level::Lowest | Level::V1)));

    let response = TypeResponse {
        state: TypeResponseState::On,
        type_: None,
    };
    assert!(matches!(response.state, TypeResponseState::On | TypeResponseState::Off));
    let client_closed = |e: &TypeError| matches!(e, TypeError::Status499(_) | TypeError::BadRequest(_));
    let _ = client_closed;
    // Option, Some and None still mean the prelude's.
    let none: Option<u8> = None;
    assert!(none.is_none());
}
