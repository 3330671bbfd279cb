//! The opt-in retry policy against servers that fail a known number of
//! times: what is retried and what is not, how often, and for how long.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use meeting_api::{Client, RetryPolicy, TransportKind};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
pub mod hands {}

#[meeting_api::meeting_api(spec = "tests/specs/add_attendees.yaml")]
pub mod attendees {}

#[meeting_api::meeting_api(spec = "tests/specs/update_room.yaml")]
pub mod room {}

use hands::HandsError;

const TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";

/// A PUT, which is idempotent.
fn raise() -> hands::HandsRequest {
    hands::HandsRequest::builder()
        .conference_id("914083136")
        .participant_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .conference_authorization(TOKEN)
        .hands_state(hands::HandsState::Raise)
        .build()
}

/// A POST, which is not.
fn add_attendee() -> attendees::AddAttendeesRequest {
    attendees::AddAttendeesRequest::builder()
        .conference_id("914083136")
        .access_token(TOKEN)
        .body(vec![attendees::Attendee {
            name: "Alice".into(),
            phone: None,
            labels: None,
        }])
        .build()
}

/// A PATCH, which is not either.
fn update_room() -> room::UpdateRoomRequest {
    room::UpdateRoomRequest::builder()
        .room_id("r-1")
        .member(7)
        .type_(room::Type::Increment)
        .build()
}

/// Retries with waits short enough not to slow the tests.
fn quick() -> RetryPolicy {
    RetryPolicy::new()
        .max_attempts(4)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

fn client(server: &str, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(server)
        .retry(policy)
        .build()
        .expect("client builds")
}

/// A server that answers `failure` to the first `times` requests, then
/// `success`.
async fn failing(times: u64, failure: ResponseTemplate, success: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(failure)
        .up_to_n_times(times)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(success).mount(&server).await;
    server
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.expect("recording is on").len()
}

#[tokio::test]
async fn each_retryable_status_is_retried_until_the_request_succeeds() {
    for status in [429, 502, 503, 504] {
        let server = failing(2, ResponseTemplate::new(status), ResponseTemplate::new(200)).await;
        let response = client(&server.uri(), quick()).send(raise()).await;
        assert_eq!(response.expect("the third attempt succeeds").status(), 200);
        assert_eq!(received(&server).await, 3, "{status}");
    }
}

#[tokio::test]
async fn without_a_policy_a_request_is_sent_once() {
    let server = failing(1, ResponseTemplate::new(503), ResponseTemplate::new(200)).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let error = client.send(raise()).await.expect_err("the one attempt failed");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn post_and_patch_are_retried_only_when_the_policy_says_so() {
    let ok_list = || ResponseTemplate::new(200).set_body_json(serde_json::json!([]));
    let server = failing(1, ResponseTemplate::new(503), ok_list()).await;
    let error = client(&server.uri(), quick()).send(add_attendee()).await.unwrap_err();
    assert!(matches!(&error, attendees::AddAttendeesError::UnexpectedStatus(e) if e.status() == 503));
    assert_eq!(received(&server).await, 1, "POST retried by default");

    let server = failing(1, ResponseTemplate::new(503), ResponseTemplate::new(204)).await;
    client(&server.uri(), quick()).send(update_room()).await.unwrap_err();
    assert_eq!(received(&server).await, 1, "PATCH retried by default");

    let opted_in = quick().retry_non_idempotent(true);
    let server = failing(1, ResponseTemplate::new(503), ok_list()).await;
    let response = client(&server.uri(), opted_in.clone()).send(add_attendee()).await;
    assert!(response.expect("the second attempt succeeds").body().is_empty());
    assert_eq!(received(&server).await, 2);

    let server = failing(1, ResponseTemplate::new(503), ResponseTemplate::new(204)).await;
    client(&server.uri(), opted_in).send(update_room()).await.unwrap();
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn after_max_attempts_the_last_failure_is_returned_typed() {
    let server = failing(
        u64::MAX,
        ResponseTemplate::new(502).set_body_string("bad gateway"),
        ResponseTemplate::new(200),
    )
    .await;
    let error = client(&server.uri(), quick().max_attempts(3))
        .send(raise())
        .await
        .unwrap_err();
    let HandsError::UnexpectedStatus(unexpected) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(unexpected.status(), 502);
    assert_eq!(&unexpected.body()[..], b"bad gateway");
    assert_eq!(received(&server).await, 3);

    let server = failing(u64::MAX, ResponseTemplate::new(503), ResponseTemplate::new(200)).await;
    client(&server.uri(), quick().max_attempts(0))
        .send(raise())
        .await
        .unwrap_err();
    assert_eq!(received(&server).await, 1, "0 attempts means once");
}

#[tokio::test]
async fn other_outcomes_are_never_retried() {
    // Documented (400, 401, 500) or not (404, 408, 501), a status outside
    // 429, 502, 503 and 504 would answer the same again; so would a
    // redirect, and a body over the limit.
    let statuses = [400, 401, 404, 408, 500, 501].map(ResponseTemplate::new);
    let redirect = ResponseTemplate::new(302).insert_header("Location", "http://127.0.0.1:9/");
    let too_long = ResponseTemplate::new(503).set_body_string("x".repeat(2000));
    for failure in statuses.into_iter().chain([redirect, too_long]) {
        let server = failing(1, failure, ResponseTemplate::new(200)).await;
        let client = Client::builder()
            .base_url(server.uri())
            .max_response_body(1000)
            .retry(quick())
            .build()
            .unwrap();
        let error = client.send(raise()).await.unwrap_err();
        assert_eq!(received(&server).await, 1, "{error:?}");
    }

    // A body that does not decode is the server's answer, not a mishap.
    let server = failing(
        1,
        ResponseTemplate::new(200).set_body_string("{"),
        ResponseTemplate::new(204),
    )
    .await;
    let error = client(&server.uri(), quick().retry_non_idempotent(true))
        .send(update_room())
        .await
        .unwrap_err();
    assert!(matches!(error, room::UpdateRoomError::Decode(_)), "{error:?}");
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn a_timeout_is_retried() {
    let slow = ResponseTemplate::new(200).set_delay(Duration::from_secs(5));
    let server = failing(1, slow, ResponseTemplate::new(200)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .retry(quick())
        .build()
        .unwrap();
    client.send(raise()).await.expect("the second attempt is not delayed");
    assert_eq!(received(&server).await, 2);

    let server = failing(
        u64::MAX,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
        ResponseTemplate::new(200),
    )
    .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .retry(quick().max_attempts(2))
        .build()
        .unwrap();
    let error = client.send(raise()).await.unwrap_err();
    assert!(
        matches!(&error, HandsError::Transport(e) if e.kind() == TransportKind::Timeout),
        "{error:?}"
    );
    assert_eq!(received(&server).await, 2);
}

/// A server that closes the first `drops` connections as soon as it has
/// read a request, then answers 200; it returns how many connections it
/// accepted in all, once it has answered.
async fn dropping(drops: usize) -> (String, tokio::task::JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        for accepted in 1.. {
            let (mut socket, _) = listener.accept().await.unwrap();
            let _ = socket.read(&mut vec![0; 64 * 1024]).await;
            if accepted > drops {
                socket
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .await
                    .unwrap();
                return accepted;
            }
        }
        unreachable!("the loop returns")
    });
    (base, task)
}

#[tokio::test]
async fn a_lost_connection_is_retried() {
    let (base, server) = dropping(2).await;
    client(&base, quick())
        .send(raise())
        .await
        .expect("the third attempt is answered");
    let accepted = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(accepted, 3);

    let (base, _server) = dropping(usize::MAX).await;
    let error = client(&base, quick().max_attempts(2)).send(raise()).await.unwrap_err();
    assert!(matches!(error, HandsError::Transport(_)), "{error:?}");
}

/// A server that answers `failure` once, then 200, and notes when each
/// request arrived.
async fn timed(failure: ResponseTemplate) -> (MockServer, Arc<Mutex<Vec<Instant>>>) {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let server = MockServer::start().await;
    let noted = Arc::clone(&arrivals);
    let respond = move |_: &Request| {
        let mut arrivals = noted.lock().unwrap();
        arrivals.push(Instant::now());
        match arrivals.len() {
            1 => failure.clone(),
            _ => ResponseTemplate::new(200),
        }
    };
    Mock::given(any()).respond_with(respond).mount(&server).await;
    (server, arrivals)
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    for status in [429, 503] {
        let (server, arrivals) = timed(ResponseTemplate::new(status).insert_header("Retry-After", "1")).await;
        client(&server.uri(), quick())
            .send(raise())
            .await
            .expect("the second attempt succeeds");
        let arrivals = arrivals.lock().unwrap();
        assert_eq!(arrivals.len(), 2);
        let gap = arrivals[1] - arrivals[0];
        assert!(gap >= Duration::from_secs(1), "{status}: the retry came after {gap:?}");
    }
}

#[tokio::test]
async fn the_budget_stops_retries() {
    // A Retry-After past the budget: the 503 is returned at once.
    let (server, arrivals) = timed(ResponseTemplate::new(503).insert_header("Retry-After", "5")).await;
    let policy = quick().budget(Duration::from_secs(1));
    let error = client(&server.uri(), policy).send(raise()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(arrivals.lock().unwrap().len(), 1);

    // A computed backoff past the budget (at least half of 10 s).
    let server = failing(1, ResponseTemplate::new(503), ResponseTemplate::new(200)).await;
    let policy = RetryPolicy::new()
        .initial_backoff(Duration::from_secs(10))
        .max_backoff(Duration::from_secs(10))
        .budget(Duration::from_secs(1));
    let error = client(&server.uri(), policy).send(raise()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await, 1);
}
