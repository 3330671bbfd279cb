//! Params that a spec leaves to a session (`session:`): the builder does
//! not ask for them, `send_with` fills the unset ones from the session's
//! values, and without a value a required one stops the request before
//! anything is sent.

use meeting_api::{Client, Failure, InvalidRequest, Secret, SessionValues};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "tests/specs/session_params.yaml")]
pub mod control {}

/// Only the params that are the caller's own: no conference, no token.
fn raise() -> control::RaiseHandRequest {
    control::RaiseHandRequest::builder()
        .participant_id("p-7")
        .hands_state(1)
        .build()
}

fn session() -> SessionValues {
    SessionValues::new()
        .with("conference_id", Secret::new("914083136".to_owned()))
        .with("conference_token", Secret::new("control-token".to_owned()))
}

async fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("client")
}

#[tokio::test]
async fn send_with_fills_the_params_left_to_the_session() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/conferences/914083136/participants/p-7/hands"))
        .and(header("X-Conference-Authorization", "control-token"))
        .and(query_param_is_missing("X-Trace"))
        .and(body_json(serde_json::json!({"handsState": 1})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let response = client(&server).await.send_with(raise(), &session()).await;
    assert!(response.is_ok(), "{response:?}");
}

#[tokio::test]
async fn a_value_the_request_sets_is_sent_instead_of_the_sessions() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/conferences/111/participants/p-7/hands"))
        .and(header("X-Conference-Authorization", "own-token"))
        .and(query_param("X-Trace", "t-1"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let request = control::RaiseHandRequest::builder()
        .conference_id("111")
        .participant_id("p-7")
        .conference_authorization(Secret::new("own-token".to_owned()))
        .hands_state(1)
        .build();
    let values = session().with("trace", Secret::new("t-1".to_owned()));
    let response = client(&server).await.send_with(request, &values).await;
    assert!(response.is_ok(), "{response:?}");
}

#[tokio::test]
async fn a_required_session_param_without_a_value_is_refused_unsent() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server).await;
    let only_conference = SessionValues::new().with("conference_id", Secret::new("914083136".to_owned()));
    let refused = client.execute_with(&raise(), &only_conference).await;
    assert!(
        matches!(
            refused,
            Err(Failure::InvalidRequest(InvalidRequest::MissingSessionValue {
                name: "X-Conference-Authorization",
                value: "conference_token"
            }))
        ),
        "{refused:?}"
    );
    // `send` supplies no value at all: the path's conference is missing too,
    // and the first problem is reported.
    let refused = client.send(raise()).await;
    assert!(
        matches!(
            refused,
            Err(control::RaiseHandError::InvalidRequest(
                InvalidRequest::MissingSessionValue {
                    name: "conferenceID",
                    ..
                }
            ))
        ),
        "{refused:?}"
    );
}

#[test]
fn the_operation_lists_its_session_params_and_values_stay_secret() {
    use meeting_api::{Location, Operation, SessionParam};
    let listed = control::RaiseHandRequest::INFO.session;
    assert_eq!(listed.len(), 3);
    assert_eq!(
        listed[1],
        SessionParam {
            value: "conference_token",
            location: Location::Header,
            name: "X-Conference-Authorization",
            required: true,
            secret: true,
        }
    );
    assert!(!listed[2].required);
    let shown = format!("{:?}", session());
    assert!(
        shown.contains("conference_token") && !shown.contains("control-token"),
        "{shown}"
    );
}
