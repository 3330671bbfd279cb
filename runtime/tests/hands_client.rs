//! The generated hands client against a wiremock server: the documented
//! request goes out exactly, every documented status maps to its variant,
//! awkward values survive the trip, and no token is ever shown.

use meeting_api::{Client, Secret};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
pub mod hands {}

const TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";
const PATH: &str = "/v1/mmc/control/conferences/participants/hands";

fn documented_request() -> hands::HandsRequest {
    hands::HandsRequest::builder()
        .conference_id("914083136")
        .participant_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .conference_authorization(TOKEN)
        .hands_state(hands::HandsState::Raise)
        .build()
}

async fn client_for(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("client builds")
}

#[tokio::test]
async fn sends_exactly_the_documented_request_and_decodes_the_documented_response() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(PATH))
        .and(query_param("conferenceID", "914083136"))
        .and(query_param("participantID", "d2c3ae64216e11eabc510dc9b62e3a80"))
        .and(header("X-Conference-Authorization", TOKEN))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"handsState": 1})))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Content-Type", "application/json;charset=UTF-8")
                .insert_header("X-Request-Id", "f78b007ec2dabf1498620131c7bc19e0"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let response = client_for(&server)
        .await
        .send(documented_request())
        .await
        .expect("documented 200");

    assert_eq!(response.status(), 200);
    assert_eq!(*response.body(), hands::HandsResponse);
    assert_eq!(response.request_id(), Some("f78b007ec2dabf1498620131c7bc19e0"));
    let content_type = response.headers().get("content-type").expect("a Content-Type");
    assert_eq!(content_type, "application/json;charset=UTF-8");
    let (status, headers, body) = response.into_parts();
    assert_eq!((status, body), (meeting_api::StatusCode::OK, hands::HandsResponse));
    assert_eq!(headers.get("x-request-id").unwrap(), "f78b007ec2dabf1498620131c7bc19e0");
    let received = &server.received_requests().await.expect("recording is on")[0];
    let query: Vec<(String, String)> = received.url.query_pairs().into_owned().collect();
    assert_eq!(
        query,
        [
            ("conferenceID".into(), "914083136".into()),
            ("participantID".into(), "d2c3ae64216e11eabc510dc9b62e3a80".into())
        ]
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&received.body).unwrap(),
        json!({"handsState": 1})
    );
}

#[tokio::test]
async fn lowering_sends_zero_as_an_integer() {
    let server = MockServer::start().await;
    Mock::given(body_json(json!({"handsState": 0})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let request = hands::HandsRequest::builder()
        .conference_id("1")
        .participant_id("2")
        .conference_authorization(TOKEN)
        .hands_state(hands::HandsState::Lower)
        .build();
    request.send(&client_for(&server).await).await.expect("200");
}

#[tokio::test]
async fn an_undeclared_2xx_body_is_not_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"extra": true})))
        .mount(&server)
        .await;
    let response = client_for(&server)
        .await
        .send(documented_request())
        .await
        .expect("200 with a body");
    assert_eq!(*response.body(), hands::HandsResponse);
}

#[tokio::test]
async fn documented_error_statuses_map_to_their_variants() {
    for status in [400, 401, 403, 500] {
        let server = MockServer::start().await;
        let body = json!({"error_code": format!("MMC.11107{status}"), "error_msg": format!("failure {status}")});
        Mock::given(method("PUT"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .mount(&server)
            .await;

        let error = client_for(&server)
            .await
            .send(documented_request())
            .await
            .expect_err("an error status");

        let service = match (&error, status) {
            (hands::HandsError::BadRequest(e), 400)
            | (hands::HandsError::Unauthorized(e), 401)
            | (hands::HandsError::Forbidden(e), 403)
            | (hands::HandsError::InternalServerError(e), 500) => e,
            (other, _) => panic!("status {status} gave {other:?}"),
        };
        assert_eq!(service.error_code, format!("MMC.11107{status}"));
        assert_eq!(service.error_msg, format!("failure {status}"));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.is_retryable(), status == 500);
        assert_eq!(error.service_error(), Some(service));
    }
}

#[tokio::test]
async fn undocumented_statuses_and_bad_bodies_keep_status_and_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(418).set_body_string("teapot"))
        .mount(&server)
        .await;
    match client_for(&server).await.send(documented_request()).await {
        Err(hands::HandsError::UnexpectedStatus(e)) => {
            assert_eq!(e.status(), 418);
            assert_eq!(&e.body()[..], b"teapot");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }

    let server = MockServer::start().await;
    let html = "<html>Bad Gateway</html>";
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(html, "text/html"))
        .mount(&server)
        .await;
    match client_for(&server).await.send(documented_request()).await {
        Err(hands::HandsError::Decode(e)) => {
            assert_eq!(e.status(), 500);
            assert_eq!(&e.body()[..], html.as_bytes());
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn transport_failures_are_typed() {
    let server = MockServer::start().await;
    let slow = ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5));
    Mock::given(method("PUT")).respond_with(slow).mount(&server).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(std::time::Duration::from_millis(200))
        .build()
        .unwrap();
    match client.send(documented_request()).await {
        Err(hands::HandsError::Transport(e)) => {
            assert_eq!(e.kind(), meeting_api::TransportKind::Timeout);
            assert!(e.is_retryable());
        }
        other => panic!("expected a timeout, got {other:?}"),
    }

    // A port nobody listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    match client.send(documented_request()).await {
        Err(hands::HandsError::Transport(e)) => assert_eq!(e.kind(), meeting_api::TransportKind::Connect),
        other => panic!("expected a connect failure, got {other:?}"),
    }
}

#[tokio::test]
async fn awkward_query_values_arrive_intact() {
    let awkward = "a&b=c#d e/f+g@h 会议";
    let server = MockServer::start().await;
    Mock::given(query_param("conferenceID", awkward))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let request = hands::HandsRequest::builder()
        .conference_id(awkward)
        .participant_id("p")
        .conference_authorization(TOKEN)
        .hands_state(hands::HandsState::Raise)
        .build();
    client_for(&server)
        .await
        .send(request)
        .await
        .expect("the mock matched the decoded value");
    let received = &server.received_requests().await.unwrap()[0];
    let raw_query = received.url.query().unwrap_or_default();
    assert!(
        raw_query.starts_with("conferenceID=a%26b%3Dc%23d%20e%2Ff%2Bg%40h%20%E4%BC%9A%E8%AE%AE&"),
        "{raw_query}"
    );
}

#[tokio::test]
async fn no_token_in_debug_of_requests_or_errors() {
    let request = documented_request();
    for text in [
        format!("{request:?}"),
        format!("{request:#?}"),
        request.conference_authorization.to_string(),
    ] {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(text.contains(meeting_api::REDACTED), "{text}");
    }

    let server = MockServer::start().await;
    let echo = json!({"error_code": "MMC.111072065", "error_msg": "CONF_NOT_FOUND_OR_AUTH_FAILED"});
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(401).set_body_json(echo))
        .mount(&server)
        .await;
    let mut errors = vec![client_for(&server).await.send(documented_request()).await.unwrap_err()];
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let unreachable = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let secret_query = hands::HandsRequest::builder()
        .conference_id(TOKEN)
        .participant_id(TOKEN)
        .conference_authorization(TOKEN)
        .hands_state(hands::HandsState::Raise)
        .build();
    errors.push(unreachable.send(secret_query).await.unwrap_err());
    let bad_header = hands::HandsRequest::builder()
        .conference_id("1")
        .participant_id("2")
        .conference_authorization(format!("{TOKEN}\n"))
        .hands_state(hands::HandsState::Raise)
        .build();
    errors.push(unreachable.send(bad_header).await.unwrap_err());
    for error in &errors {
        for text in [format!("{error:?}"), format!("{error:#?}"), error.to_string()] {
            assert!(!text.contains(TOKEN), "token leaked: {text}");
        }
    }
    assert!(
        matches!(errors[2], hands::HandsError::InvalidRequest(_)),
        "{:?}",
        errors[2]
    );
}

#[test]
fn secrets_accept_strings_and_secrets() {
    let from_secret = hands::HandsRequest::builder()
        .conference_id("1")
        .participant_id("2")
        .conference_authorization(Secret::from("t"))
        .hands_state(hands::HandsState::Raise)
        .build();
    let from_string = hands::HandsRequest::builder()
        .conference_id("1")
        .participant_id("2")
        .conference_authorization(String::from("t"))
        .hands_state(hands::HandsState::Raise)
        .build();
    assert_eq!(from_secret, from_string);
}
