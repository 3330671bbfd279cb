//! The README's sessions example, as it is printed there (between the
//! `readme:begin` and `readme:end` marks), against a recording server: a
//! session logs in by itself, and a conference handle obtains the control
//! token by itself.

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

// readme:begin
use meeting_api::{Client, Secret};
use meeting_api_huawei::{Login, Session, hand, search_meetings};

/// Logs in once, lists the meetings with the session's token, and raises a
/// hand in the first one with its control token: no token passed anywhere.
async fn raise_in_first_meeting(
    client: Client,
    password: Secret<String>,
    host_password: Secret<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let session = Session::new(
        client,
        Login::Account {
            account: "alice".into(),
            password,
        },
    );
    let request = search_meetings::SearchMeetingsRequest::builder().limit(20).build();
    let meetings = session.send(request).await?.into_body().data.unwrap_or_default();
    let Some(id) = meetings.into_iter().find_map(|meeting| meeting.conference_id) else {
        return Ok(());
    };

    let conference = session.conference(id, host_password);
    let raise = hand::HandRequest::builder()
        .participant_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .hands_state(hand::HandsState::Raise)
        .build();
    conference.send(raise).await?;
    Ok(())
}
// readme:end

#[tokio::test]
async fn the_readme_sessions_example_obtains_both_tokens_by_itself() {
    let server = MockServer::start().await;
    let json = |body: serde_json::Value| ResponseTemplate::new(200).set_body_json(body);
    Mock::given(path("/v1/usg/acs/auth/account"))
        .respond_with(json(
            serde_json::json!({"accessToken": "access-1", "validPeriod": 43200}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/mmc/management/conferences"))
        .and(header("X-Access-Token", "access-1"))
        .respond_with(json(
            serde_json::json!({"count": 1, "data": [{"conferenceID": "914083136"}]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/v1/mmc/control/conferences/token"))
        .and(header("X-Password", "host-pw"))
        .respond_with(json(
            serde_json::json!({"data": {"token": "control-1", "confTokenExpireTime": 1800}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/v1/mmc/control/conferences/participants/hands"))
        .and(header("X-Conference-Authorization", "control-1"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let outcome = raise_in_first_meeting(client, Secret::new("pw".into()), Secret::new("host-pw".into())).await;
    assert!(outcome.is_ok(), "{outcome:?}");
}

#[test]
fn the_readme_prints_this_example() {
    let source = include_str!("readme_sessions.rs");
    let start = source.find("// readme:begin\n").expect("the begin mark") + "// readme:begin\n".len();
    let end = source.find("// readme:end").expect("the end mark");
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains(&format!("```rust\n{}```", &source[start..end])),
        "README.md does not print api/tests/readme_sessions.rs's example verbatim"
    );
}
