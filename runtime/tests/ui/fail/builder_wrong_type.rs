// A setter takes its param's type, or what converts into it: the wire's
// integer is no `HandsState`.
#[meeting_api::meeting_api(spec = "ui/fail/hands.yaml")]
mod hands {}

fn main() {
    let _ = hands::HandsRequest::builder()
        .conference_id("914083136")
        .participant_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .conference_authorization("token")
        .hands_state(1)
        .build();
}
