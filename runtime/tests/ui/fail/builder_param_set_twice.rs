// A required param's setter is gone once it is called: setting the
// conference twice (say, where the participant was meant) does not compile.
#[meeting_api::meeting_api(spec = "ui/fail/hands.yaml")]
mod hands {}

fn main() {
    let _ = hands::HandsRequest::builder()
        .conference_id("914083136")
        .conference_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .conference_authorization("token")
        .hands_state(hands::HandsState::Raise)
        .build();
}
