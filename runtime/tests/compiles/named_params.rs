// The call-site idiom: every param is named, so two strings of one type
// cannot trade places unnoticed (the old positional `new` took the
// conference and the participant in either order), setters come in any
// order, and optional params are set by name too.
use crate::project_hands::hands;

#[meeting_api::meeting_api(spec = "../spec/token.yaml")]
pub mod token {}

const CONFERENCE: &str = "914083136";
const PARTICIPANT: &str = "d2c3ae64216e11eabc510dc9b62e3a80";

#[test]
fn each_value_lands_in_the_param_it_is_named_for_whatever_the_order() {
    let in_spec_order = hands::HandsRequest::builder()
        .conference_id(CONFERENCE)
        .participant_id(PARTICIPANT)
        .conference_authorization("token")
        .hands_state(hands::HandsState::Raise)
        .build();
    let reversed = hands::HandsRequest::builder()
        .hands_state(hands::HandsState::Raise)
        .conference_authorization("token")
        .participant_id(PARTICIPANT)
        .conference_id(CONFERENCE)
        .build();
    assert_eq!(in_spec_order, reversed);
    assert_eq!(reversed.conference_id, CONFERENCE);
    assert_eq!(reversed.participant_id, PARTICIPANT);
}

#[test]
fn optional_params_are_set_by_name_between_the_required_ones() {
    let request = token::ConferenceTokenRequest::builder()
        .nonce("n-1")
        .conference_id(CONFERENCE)
        .password("123456")
        .login_type(token::LoginType::Password)
        .build();
    assert_eq!(request.nonce.as_deref(), Some("n-1"));
    assert!(request.conference_authorization.is_none());
    // A built request stays plain data: its fields can still change.
    let mut request = request;
    request.nonce = None;
    assert!(request.nonce.is_none());
}

#[test]
fn a_half_built_request_can_wait_for_its_last_params() {
    let common = || {
        hands::HandsRequest::builder()
            .conference_id(CONFERENCE)
            .conference_authorization("token")
    };
    let raise = common()
        .participant_id("p1")
        .hands_state(hands::HandsState::Raise)
        .build();
    let lower = common()
        .participant_id("p2")
        .hands_state(hands::HandsState::Lower)
        .build();
    assert_eq!(
        (raise.participant_id.as_str(), lower.participant_id.as_str()),
        ("p1", "p2")
    );
}
