// `build()` without a required param does not compile, and the message
// names the param, its wire name and the setter that sets it, also when
// another spec of the crate has a param of the same name.
#[meeting_api::meeting_api(spec = "ui/fail/hands.yaml")]
mod hands {}

#[meeting_api::meeting_api(spec = "ui/fail/mute.yaml")]
mod mute {}

fn main() {
    let _ = hands::HandsRequest::builder()
        .conference_id("914083136")
        .conference_authorization("token")
        .hands_state(hands::HandsState::Raise)
        .build();
    let _ = mute::MuteRequest::builder().build();
}
