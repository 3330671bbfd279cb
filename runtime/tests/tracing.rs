//! The `tracing` span of each call, captured by a subscriber that records
//! every span and event with its fields: what the span says, that the
//! retries are counted, and that no secret or param value is recorded.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use meeting_api::{Client, RetryPolicy, Secret};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
pub mod hands {}

#[meeting_api::meeting_api(spec = "tests/specs/secret_values.yaml")]
pub mod keys {}

const TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";
const KEY: &str = "key-5f88c55d5f6d5c1912dfb";
const TICKET: &str = "ticket-a8a1b0e3ab2e007a85a75";
const SPARE: &str = "spare-c2dabf1498620131c7";
const HEADER_KEY: &str = "xkey-0e3ab2e007a85a75f8";
const CONFERENCE: &str = "914083136";
const PARTICIPANT: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const REQUEST_ID: &str = "f78b007ec2dabf1498620131c7bc19e0";

/// A span or an event as recorded: its name, target and its fields'
/// values as text; an event's `span` is the index of the span it
/// happened in.
#[derive(Clone, Debug, Default)]
struct Recorded {
    name: &'static str,
    target: &'static str,
    fields: BTreeMap<&'static str, String>,
    span: Option<usize>,
}

impl Visit for Recorded {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.fields.insert(field.name(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.fields.insert(field.name(), format!("{value:?}"));
    }
}

#[derive(Default)]
struct Log {
    spans: Vec<Recorded>,
    events: Vec<Recorded>,
    /// The spans entered on this thread, innermost last.
    entered: Vec<usize>,
}

/// Records everything, at every level. Span ids are indexes into
/// `spans`, plus one.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Log>>);

impl Recorder {
    fn log(&self) -> std::sync::MutexGuard<'_, Log> {
        self.0.lock().unwrap()
    }
}

fn index(id: &Id) -> usize {
    (id.into_u64() - 1) as usize
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut span = Recorded {
            name: attributes.metadata().name(),
            target: attributes.metadata().target(),
            ..Recorded::default()
        };
        attributes.record(&mut span);
        let mut log = self.log();
        log.spans.push(span);
        Id::from_u64(log.spans.len() as u64)
    }

    fn record(&self, id: &Id, values: &Record<'_>) {
        values.record(&mut self.log().spans[index(id)]);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut log = self.log();
        let mut recorded = Recorded {
            name: event.metadata().name(),
            target: event.metadata().target(),
            span: event.parent().map(index).or(log.entered.last().copied()),
            ..Recorded::default()
        };
        event.record(&mut recorded);
        log.events.push(recorded);
    }

    fn enter(&self, id: &Id) {
        self.log().entered.push(index(id));
    }

    fn exit(&self, _: &Id) {
        self.log().entered.pop();
    }
}

/// Runs `call` with a recorder as this thread's subscriber (the test's
/// runtime has one thread) and returns what it recorded.
async fn recording<F: Future>(call: F) -> (F::Output, Recorder) {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    (call.await, recorder)
}

/// The `meeting_api.call` spans, which must be all there is of them.
fn calls(recorder: &Recorder) -> Vec<Recorded> {
    let log = recorder.log();
    log.spans
        .iter()
        .filter(|span| span.name == "meeting_api.call")
        .cloned()
        .collect()
}

fn fields(pairs: &[(&'static str, &str)]) -> BTreeMap<&'static str, String> {
    pairs.iter().map(|&(name, value)| (name, value.to_owned())).collect()
}

fn client(server: &str) -> Client {
    Client::builder()
        .base_url(server)
        .retry(RetryPolicy::new().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap()
}

fn raise() -> hands::HandsRequest {
    hands::HandsRequest::builder()
        .conference_id(CONFERENCE)
        .participant_id(PARTICIPANT)
        .conference_authorization(TOKEN)
        .hands_state(hands::HandsState::Raise)
        .build()
}

/// A server that answers `failures` 503s, then 200 with a request id.
async fn failing(failures: u64) -> MockServer {
    let server = MockServer::start().await;
    if failures > 0 {
        Mock::given(any())
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(failures)
            .mount(&server)
            .await;
    }
    let ok = ResponseTemplate::new(200).insert_header("X-Request-Id", REQUEST_ID);
    Mock::given(any()).respond_with(ok).mount(&server).await;
    server
}

#[tokio::test]
async fn a_call_is_one_span_with_operation_method_path_status_and_request_id() {
    let server = failing(0).await;
    let (outcome, recorder) = recording(client(&server.uri()).send(raise())).await;
    outcome.expect("documented 200");

    let calls = calls(&recorder);
    assert_eq!(calls.len(), 1, "{calls:?}");
    let mut call = calls[0].fields.clone();
    let latency = call.remove("latency_ms").expect("a latency");
    assert!(latency.parse::<u64>().is_ok(), "{latency}");
    let expected = fields(&[
        ("operation", "hands"),
        ("method", "PUT"),
        ("path", "/v1/mmc/control/conferences/participants/hands"),
        ("attempts", "1"),
        ("status", "200"),
        ("request_id", REQUEST_ID),
    ]);
    assert_eq!(call, expected);
}

#[tokio::test]
async fn with_retries_the_span_counts_the_attempts_and_each_retry_is_an_event_in_it() {
    let server = failing(2).await;
    let (outcome, recorder) = recording(client(&server.uri()).send(raise())).await;
    outcome.expect("the third attempt succeeds");

    let calls = calls(&recorder);
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].fields["attempts"], "3");
    assert_eq!(calls[0].fields["status"], "200");
    let log = recorder.log();
    let span = log.spans.iter().position(|span| span.name == "meeting_api.call");
    // The HTTP stack's own events are in the span too.
    let retries: Vec<_> = log
        .events
        .iter()
        .filter(|event| event.span == span && event.target.starts_with("meeting_api"))
        .collect();
    assert_eq!(retries.len(), 2, "{:?}", log.events);
    for (attempt, event) in retries.iter().enumerate() {
        assert_eq!(event.fields["message"], "retrying");
        assert_eq!(event.fields["attempt"], (attempt + 1).to_string());
        assert_eq!(event.fields["cause"], "status 503");
        assert!(event.fields["wait_ms"].parse::<u64>().is_ok(), "{event:?}");
    }
}

#[tokio::test]
async fn a_failed_call_says_how_it_failed_and_after_how_many_attempts() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = client(&format!("http://127.0.0.1:{port}"));
    let (outcome, recorder) = recording(client.send(raise())).await;
    assert!(matches!(outcome, Err(hands::HandsError::Transport(_))), "{outcome:?}");

    let calls = calls(&recorder);
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].fields["attempts"], "3");
    assert_eq!(calls[0].fields["error"], "connect");
    assert!(!calls[0].fields.contains_key("status"), "{calls:?}");
}

#[tokio::test]
async fn no_secret_and_no_param_value_is_ever_recorded() {
    let server = failing(1).await;
    let secret_path = keys::SecretValuesRequest::builder()
        .key(KEY)
        .ticket(TICKET)
        .spares(vec![Secret::from(SPARE)])
        .keys(vec![Secret::from(HEADER_KEY)])
        .page(4242)
        .build();
    let client = client(&server.uri());
    let calls = async {
        client.send(raise()).await.expect("hands, after a retry");
        client.send(secret_path).await.expect("a documented 200");
    };
    let ((), recorder) = recording(calls).await;

    let log = recorder.log();
    let paths: Vec<&str> = log
        .spans
        .iter()
        .filter(|span| span.name == "meeting_api.call")
        .map(|span| span.fields["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        ["/v1/mmc/control/conferences/participants/hands", "/v1/keys/{key}/room"]
    );
    assert!(!log.events.is_empty(), "the retry is recorded");
    for recorded in log.spans.iter().chain(&log.events) {
        for value in recorded.fields.values() {
            for hidden in [TOKEN, KEY, TICKET, SPARE, HEADER_KEY, CONFERENCE, PARTICIPANT, "4242"] {
                assert!(!value.contains(hidden), "{hidden} in {recorded:?}");
            }
        }
    }
}
