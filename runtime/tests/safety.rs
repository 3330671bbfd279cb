//! The client against servers and values it must not trust: a redirect is
//! returned, not followed; a response body is read up to a limit; a path
//! value stays one segment; a header value is visible ASCII; `Debug` of a
//! request shows no secret; a transport error names where it failed.

use std::time::{Duration, Instant};

use meeting_api::{Client, DEFAULT_MAX_RESPONSE_BODY, InvalidRequest, Operation, REDACTED, RequestParts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
pub mod hands {}

#[meeting_api::meeting_api(spec = "tests/specs/update_room.yaml")]
pub mod room {}

#[meeting_api::meeting_api(spec = "tests/specs/secret_values.yaml")]
pub mod keys {}

use hands::HandsError;

const TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";
const KEY: &str = "key-5f88c55d5f6d5c1912dfb";
const TICKET: &str = "ticket-a8a1b0e3ab2e007a85a75";

fn raise(token: &str) -> hands::HandsRequest {
    hands::HandsRequest::builder()
        .conference_id("914083136")
        .participant_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .conference_authorization(token)
        .hands_state(hands::HandsState::Raise)
        .build()
}

fn client(base: &str) -> Client {
    Client::builder().base_url(base).build().expect("client builds")
}

/// A server that answers every request with `status`.
async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(response).mount(&server).await;
    server
}

async fn nothing_received(server: &MockServer) {
    let received = server.received_requests().await.expect("recording is on");
    assert!(
        received.is_empty(),
        "{} request(s) reached {}",
        received.len(),
        server.uri()
    );
}

#[tokio::test]
async fn a_redirect_is_returned_with_its_status_and_location_and_not_followed() {
    for status in [301, 302, 303, 307, 308] {
        let other = answering(ResponseTemplate::new(200)).await;
        let location = format!("{}/elsewhere?echo={TOKEN}", other.uri());
        let first = answering(ResponseTemplate::new(status).insert_header("Location", location.as_str())).await;

        let error = client(&first.uri()).send(raise(TOKEN)).await.expect_err("a redirect");

        nothing_received(&other).await;
        let HandsError::Redirect(redirect) = &error else {
            panic!("{status} gave {error:?}");
        };
        assert_eq!(redirect.status(), status);
        assert_eq!(redirect.location(), Some(location.as_str()));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert!(!error.is_retryable());
        let shown = error.to_string();
        assert!(
            shown.contains(&status.to_string()) && shown.contains("/elsewhere"),
            "{shown}"
        );
        for text in [shown, format!("{error:?}")] {
            assert!(!text.contains(TOKEN), "{text}");
        }
        for request in first.received_requests().await.unwrap() {
            assert!(request.headers.get("referer").is_none(), "{:?}", request.headers);
        }
    }
}

#[tokio::test]
async fn a_documented_redirect_decodes_as_documented() {
    let other = answering(ResponseTemplate::new(200)).await;
    let first = answering(
        ResponseTemplate::new(302)
            .insert_header("Location", other.uri().as_str())
            .set_body_json(serde_json::json!({"room": "r-2"})),
    )
    .await;
    match client(&first.uri())
        .send(keys::SecretValuesRequest::builder().key(KEY).ticket(TICKET).build())
        .await
    {
        Err(keys::SecretValuesError::Status302(body)) => assert_eq!(body.room, "r-2"),
        other => panic!("expected the documented 302, got {other:?}"),
    }
    nothing_received(&other).await;
}

/// A server for one connection that reads the request, writes `head`, then
/// writes `chunk` `times` times (1 ms apart) and `tail`, or stops when the
/// client hangs up; it returns how many bytes it wrote after `head`.
async fn serve_raw(
    head: &'static str,
    chunk: Vec<u8>,
    times: usize,
    tail: &'static [u8],
) -> (String, tokio::task::JoinHandle<u64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let _ = socket.read(&mut vec![0; 64 * 1024]).await;
        let mut written = 0;
        if socket.write_all(head.as_bytes()).await.is_err() {
            return written;
        }
        let start = Instant::now();
        for _ in 0..times {
            if start.elapsed() > Duration::from_secs(30) || socket.write_all(&chunk).await.is_err() {
                return written;
            }
            written += chunk.len() as u64;
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        if socket.write_all(tail).await.is_ok() {
            written += tail.len() as u64;
        }
        written
    });
    (base, task)
}

/// One chunk of a chunked body: `len` spaces.
fn chunk_of(len: usize) -> Vec<u8> {
    let mut chunk = format!("{len:x}\r\n").into_bytes();
    chunk.extend(std::iter::repeat_n(b' ', len));
    chunk.extend(b"\r\n");
    chunk
}

#[tokio::test]
async fn a_huge_advertised_body_is_refused_before_it_is_read() {
    let head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n";
    let (base, server) = serve_raw(head, vec![b' '; 64 * 1024], usize::MAX, b"").await;
    let started = Instant::now();
    let outcome = tokio::time::timeout(Duration::from_secs(10), client(&base).send(raise(TOKEN))).await;
    let error = outcome.expect("the client gave up early").expect_err("too large");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    let HandsError::BodyTooLarge(too_large) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(too_large.status(), 400);
    assert_eq!(too_large.limit(), DEFAULT_MAX_RESPONSE_BODY);
    assert_eq!(too_large.advertised_length(), Some(2_147_483_648));
    assert!(too_large.body_start().is_empty());
    assert!(!error.is_retryable());
    assert!(error.to_string().contains("2147483648"), "{error}");

    let written = tokio::time::timeout(Duration::from_secs(20), server)
        .await
        .unwrap()
        .unwrap();
    assert!(
        written < 64 << 20,
        "the server wrote {written} bytes before the client hung up"
    );
}

#[tokio::test]
async fn a_chunked_body_is_cut_off_past_the_limit() {
    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    let (base, server) = serve_raw(head, chunk_of(100), usize::MAX, b"").await;
    let client = Client::builder()
        .base_url(base)
        .max_response_body(2000)
        .build()
        .unwrap();
    let outcome = tokio::time::timeout(Duration::from_secs(10), client.send(raise(TOKEN))).await;
    match outcome.expect("the client gave up early") {
        Err(HandsError::BodyTooLarge(too_large)) => {
            assert_eq!(too_large.status(), 200);
            assert_eq!(too_large.limit(), 2000);
            assert_eq!(too_large.advertised_length(), None);
            assert_eq!(&too_large.body_start()[..], &[b' '; 1024][..]);
        }
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
    let written = tokio::time::timeout(Duration::from_secs(20), server)
        .await
        .unwrap()
        .unwrap();
    assert!(
        written < 1 << 20,
        "the server wrote {written} bytes before the client hung up"
    );
}

#[tokio::test]
async fn a_body_exactly_at_the_limit_is_read() {
    let exact = answering(ResponseTemplate::new(418).set_body_bytes(vec![b'x'; DEFAULT_MAX_RESPONSE_BODY])).await;
    match client(&exact.uri()).send(raise(TOKEN)).await {
        Err(HandsError::UnexpectedStatus(e)) => assert_eq!(e.body().len(), DEFAULT_MAX_RESPONSE_BODY),
        other => panic!("expected the whole body, got {other:?}"),
    }
    let over = answering(ResponseTemplate::new(200).set_body_bytes(vec![b'x'; 8_000_000])).await;
    match client(&over.uri()).send(raise(TOKEN)).await {
        Err(HandsError::BodyTooLarge(e)) => assert_eq!(e.advertised_length(), Some(8_000_000)),
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }

    let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    let (base, _server) = serve_raw(head, chunk_of(250), 8, b"0\r\n\r\n").await;
    let client = Client::builder()
        .base_url(base)
        .max_response_body(2000)
        .build()
        .unwrap();
    client
        .send(raise(TOKEN))
        .await
        .expect("2000 bytes fit a 2000-byte limit");
}

#[tokio::test]
async fn a_path_value_is_exactly_one_segment() {
    let server = answering(ResponseTemplate::new(204)).await;
    for value in ["..", ".", ""] {
        let request = room::UpdateRoomRequest::builder()
            .room_id(value)
            .member(7)
            .type_(room::Type::Increment)
            .build();
        match client(&server.uri()).send(request).await {
            Err(room::UpdateRoomError::InvalidRequest(error @ InvalidRequest::PathSegment { name: "roomID" })) => {
                assert!(error.to_string().contains("`roomID`"), "{error}");
            }
            other => panic!("{value:?} gave {other:?}"),
        }
    }
    nothing_received(&server).await;

    let request = room::UpdateRoomRequest::builder()
        .room_id("...")
        .member(7)
        .type_(room::Type::Increment)
        .build();
    client(&server.uri()).send(request).await.expect("`...` is a segment");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].url.path(), "/v1/rooms/.../members/7");
}

#[tokio::test]
async fn a_header_value_is_visible_ascii_space_or_tab() {
    let server = answering(ResponseTemplate::new(204)).await;
    match client(&server.uri()).send(raise("tök")).await {
        Err(HandsError::InvalidRequest(InvalidRequest::HeaderValue {
            name: "X-Conference-Authorization",
        })) => {}
        other => panic!("expected HeaderValue, got {other:?}"),
    }
    let trace = room::UpdateRoomRequest::builder()
        .room_id("r")
        .member(7)
        .type_(room::Type::Increment)
        .trace("tök")
        .build();
    let error = client(&server.uri()).send(trace).await.expect_err("refused");
    assert!(matches!(
        error,
        room::UpdateRoomError::InvalidRequest(InvalidRequest::HeaderValue { name: "X-Trace" })
    ));
    nothing_received(&server).await;

    let trace = room::UpdateRoomRequest::builder()
        .room_id("r")
        .member(7)
        .type_(room::Type::Increment)
        .trace("a b\tc")
        .build();
    client(&server.uri()).send(trace).await.expect("space and tab are sent");
}

#[test]
fn request_parts_debug_redacts_secret_path_and_query_values_and_the_body() {
    let mut parts = RequestParts::new(keys::SecretValuesRequest::INFO.path);
    keys::SecretValuesRequest::builder()
        .key(KEY)
        .ticket(TICKET)
        .page(3)
        .spares(vec![meeting_api::Secret::from("spare-secret-1")])
        .keys(vec![meeting_api::Secret::from("header-secret-2")])
        .build()
        .write(&mut parts);
    let text = format!("{parts:?} {parts:#?}");
    assert!(!text.contains(KEY) && !text.contains(TICKET), "{text}");
    // Secrets inside a list are redacted too: the list travels as one text.
    assert!(
        !text.contains("spare-secret-1") && !text.contains("header-secret-2"),
        "{text}"
    );
    assert!(
        text.contains(REDACTED) && text.contains("page") && text.contains('3'),
        "{text}"
    );
    assert_eq!(
        parts.path_and_query(),
        format!("/v1/keys/{KEY}/room?ticket={TICKET}&page=3&spares=spare-secret-1")
    );

    let mut parts = RequestParts::new(room::UpdateRoomRequest::INFO.path);
    room::UpdateRoomRequest::builder()
        .room_id("r")
        .member(7)
        .type_(room::Type::Increment)
        .build()
        .write(&mut parts);
    let text = format!("{parts:?}");
    assert!(!text.contains("INCREMENT"), "{text}");
    assert!(
        text.contains(&format!("Some({})", parts.body().unwrap().len())),
        "{text}"
    );
}

/// A local port nobody listens on: bound, then freed.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn a_transport_error_names_host_port_and_reason_but_no_secret() {
    let port = closed_port();
    let client = client(&format!("http://127.0.0.1:{port}"));
    let error = client
        .send(keys::SecretValuesRequest::builder().key(KEY).ticket(TICKET).build())
        .await
        .unwrap_err();
    let keys::SecretValuesError::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(transport.kind(), meeting_api::TransportKind::Connect);
    assert_eq!((transport.host(), transport.port()), (Some("127.0.0.1"), Some(port)));
    let shown = error.to_string();
    assert!(
        shown.starts_with(&format!("could not connect to 127.0.0.1:{port}: ")),
        "{shown}"
    );
    assert!(shown.contains("os error"), "{shown}");
    for text in [shown, format!("{error:?}"), format!("{error:#?}")] {
        for hidden in [KEY, TICKET, "ticket=", "/v1/keys"] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
    }

    let slow = answering(ResponseTemplate::new(200).set_delay(Duration::from_secs(5))).await;
    let client = Client::builder()
        .base_url(slow.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = client.send(raise(TOKEN)).await.unwrap_err();
    let target = slow.uri().trim_start_matches("http://").to_owned();
    assert!(matches!(&error, HandsError::Transport(e) if e.kind() == meeting_api::TransportKind::Timeout));
    assert!(
        error
            .to_string()
            .starts_with(&format!("timed out waiting for {target}: ")),
        "{error}"
    );
}
