//! The cases, as data, and how each one runs: serve the scenario's
//! response, call the generated client, compare the wire and the outcome
//! with the spec.

use std::time::Duration;

use meeting_api::{Client, ErrorOutcome, TransportKind};
use meeting_api_spec::{ExampleRequest, ParamIn, Shape, Spec};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::diff::{curl, differences, json};
use crate::expected::{Expected, wire_values};
use crate::live::Live;
use crate::runner::{Outcome, SpecEntry};
use meeting_api_spec::sample;

/// What a case checks.
#[derive(Clone, Debug, PartialEq)]
pub enum Scenario {
    /// The documented example at this index: the exact request, and the
    /// documented response decoded into the right typed value.
    Example(usize),
    /// A documented status served with a body of its documented shape.
    Status(u16),
    /// A failure report of a call with secret values shows none of them.
    SecretsStayHidden,
    /// A query value with `&`, `=`, `#`, a space and non-ASCII text arrives intact.
    AwkwardQuery(String),
    /// A path value with `/`, `+` and `@` arrives as one segment, intact.
    AwkwardPath(String),
    /// A 5xx with an HTML body is a typed error.
    HtmlError,
    /// A JSON content type with an empty body, for this status, is a decode error.
    EmptyJsonBody(u16),
    /// Truncated JSON, for this status, is a decode error.
    TruncatedJson(u16),
    /// A response slower than the client's timeout is a timeout.
    SlowResponse,
    /// A connection closed without a response is a transport error.
    DroppedConnection,
}

/// One case: a scenario of one spec.
#[derive(Clone, Debug)]
pub struct Case {
    /// Index of the spec in the entries.
    pub spec: usize,
    /// `<spec>::<case>`.
    pub name: String,
    /// What it checks.
    pub scenario: Scenario,
}

/// Awkward texts for the encoding cases.
const AWKWARD_QUERY: &str = "a&b=c#d e 会议";
const AWKWARD_PATH: &str = "a/b+c@d é";

/// The client's timeout in the slow-response case, and the server's delay.
const SHORT_TIMEOUT: Duration = Duration::from_millis(300);
const SLOW_DELAY: Duration = Duration::from_secs(3);

/// Every case of every spec.
pub fn cases(entries: &[SpecEntry]) -> Vec<Case> {
    entries
        .iter()
        .enumerate()
        .flat_map(|(index, entry)| spec_cases(index, &entry.spec))
        .collect()
}

fn spec_cases(index: usize, spec: &Spec) -> Vec<Case> {
    let mut scenarios: Vec<(String, Scenario)> = spec
        .examples
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.clone(), Scenario::Example(i)))
        .collect();
    scenarios.extend(
        spec.responses
            .iter()
            .map(|r| (format!("status-{}", r.status), Scenario::Status(r.status))),
    );
    if spec.params.iter().any(|p| p.field.schema.secret) {
        scenarios.push(("secrets-stay-hidden".into(), Scenario::SecretsStayHidden));
    }
    if let Some(name) = text_param(spec, ParamIn::Query) {
        scenarios.push(("awkward-query-value".into(), Scenario::AwkwardQuery(name)));
    }
    if let Some(name) = text_param(spec, ParamIn::Path) {
        scenarios.push(("awkward-path-value".into(), Scenario::AwkwardPath(name)));
    }
    scenarios.push(("html-5xx".into(), Scenario::HtmlError));
    if let Some(status) = json_status(spec) {
        scenarios.push(("empty-json-body".into(), Scenario::EmptyJsonBody(status)));
        scenarios.push(("truncated-json".into(), Scenario::TruncatedJson(status)));
    }
    scenarios.push(("slow-response".into(), Scenario::SlowResponse));
    scenarios.push(("dropped-connection".into(), Scenario::DroppedConnection));
    scenarios
        .into_iter()
        .map(|(case, scenario)| Case {
            spec: index,
            name: format!("{}::{case}", spec.name),
            scenario,
        })
        .collect()
}

/// A free-text string param in `location` (no enum, no length bound that
/// the awkward text would break).
fn text_param(spec: &Spec, location: ParamIn) -> Option<String> {
    spec.params_in(location)
        .find(|p| matches!(&p.field.schema.shape, Shape::String { values, length } if values.is_empty() && length.max.is_none()))
        .map(|p| p.field.name.clone())
}

/// A documented status whose body is JSON: an error status, or a 2xx
/// that declares a body.
fn json_status(spec: &Spec) -> Option<u16> {
    spec.responses
        .iter()
        .find(|r| !r.is_success() || r.body.is_some())
        .map(|r| r.status)
}

/// Runs one case against wiremock; `Err` says what differed.
pub async fn run(entry: &SpecEntry, scenario: &Scenario) -> Result<(), String> {
    let spec = &entry.spec;
    match scenario {
        Scenario::Example(index) => {
            let example = &spec.examples[*index];
            let response = respond(
                example.response.status,
                &example.response.headers,
                example.response.body.as_ref(),
            );
            let (outcome, wire) = exchange(entry, &example.request, response).await?;
            wire?;
            expect_documented(&outcome, example.response.status, example.response.body.as_ref())
        }
        Scenario::Status(status) => {
            let body = sample::response_body(spec, *status);
            let response = respond(*status, &[], body.as_ref());
            let (outcome, _) = exchange(entry, &base_values(spec), response).await?;
            // A 2xx without a body decodes to the unit value, `null`.
            expect_documented(&outcome, *status, Some(body.as_ref().unwrap_or(&Value::Null)))
        }
        Scenario::SecretsStayHidden => secrets_stay_hidden(entry).await,
        Scenario::AwkwardQuery(name) => awkward(entry, ParamIn::Query, name, AWKWARD_QUERY).await,
        Scenario::AwkwardPath(name) => awkward(entry, ParamIn::Path, name, AWKWARD_PATH).await,
        Scenario::HtmlError => {
            let html = ResponseTemplate::new(500).set_body_raw("<html><body>Bad Gateway</body></html>", "text/html");
            let (outcome, _) = exchange(entry, &base_values(spec), html).await?;
            expect_error(&outcome, |e| {
                matches!(e, ErrorOutcome::Decode(500) | ErrorOutcome::UnexpectedStatus(500))
            })
        }
        Scenario::EmptyJsonBody(status) => {
            let empty = ResponseTemplate::new(*status).insert_header("content-type", "application/json");
            let (outcome, _) = exchange(entry, &base_values(spec), empty).await?;
            expect_error(&outcome, |e| *e == ErrorOutcome::Decode(*status))
        }
        Scenario::TruncatedJson(status) => {
            let truncated = ResponseTemplate::new(*status).set_body_raw(r#"{"error_code": "MMC.1"#, "application/json");
            let (outcome, _) = exchange(entry, &base_values(spec), truncated).await?;
            expect_error(&outcome, |e| *e == ErrorOutcome::Decode(*status))
        }
        Scenario::SlowResponse => slow_response(entry).await,
        Scenario::DroppedConnection => dropped_connection(entry).await,
    }
}

/// Runs an example case against a live server with the user's values. A
/// documented 2xx must come back as that status; an error example, whose
/// fault the live server may not reproduce, must come back as some
/// documented status. Either way the body must decode into its typed value.
pub async fn run_live(entry: &SpecEntry, index: usize, live: &Live) -> Result<(), String> {
    let spec = &entry.spec;
    let example = &spec.examples[index];
    let values = live.values(spec, &example.request);
    // Used for its secrets: messages must not show the user's real ones.
    let expected = Expected::new(spec, &values);
    let client = Client::builder()
        .base_url(&live.base_url)
        .build()
        .map_err(|error| format!("cannot build the client: {error}"))?;
    let outcome = entry.call(&client, wire_values(&entry.spec, &values)).await;
    let status = match &outcome {
        Outcome::Success { status, .. }
        | Outcome::Error {
            outcome: ErrorOutcome::Documented { status, .. },
            ..
        } => *status,
        other => return Err(expected.redact(&format!("no documented outcome: {}", describe(other)))),
    };
    let documented = example.response.status;
    match (200..300).contains(&documented) && status != documented {
        true => Err(expected.redact(&format!(
            "expected status {documented} as documented, got {}",
            describe(&outcome)
        ))),
        false => Ok(()),
    }
}

/// The values the non-example cases call with: the first example's (a
/// successful one if any), else a value for every required param.
fn base_values(spec: &Spec) -> ExampleRequest {
    let successful = spec.examples.iter().find(|e| (200..300).contains(&e.response.status));
    successful
        .or(spec.examples.first())
        .map(|e| e.request.clone())
        .unwrap_or_else(|| sample::request(spec))
}

fn respond(status: u16, headers: &[(String, String)], body: Option<&Value>) -> ResponseTemplate {
    let mut response = ResponseTemplate::new(status);
    for (name, value) in headers {
        response = response.insert_header(name.as_str(), value.as_str());
    }
    match body {
        Some(body) => response.set_body_raw(body.to_string(), "application/json"),
        None => response,
    }
}

/// Serves `response` to the exact request `values` make (anything else
/// gets 599 and is recorded), calls the client, and tells whether exactly
/// one exact request arrived.
async fn exchange(
    entry: &SpecEntry,
    values: &ExampleRequest,
    response: ResponseTemplate,
) -> Result<(Outcome, Result<(), String>), String> {
    let expected = Expected::new(&entry.spec, values);
    let server = MockServer::start().await;
    Mock::given(expected.clone())
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(599))
        .with_priority(u8::MAX)
        .mount(&server)
        .await;
    let client = client(&server.uri(), None)?;
    let outcome = entry.call(&client, wire_values(&entry.spec, values)).await;
    let received = server.received_requests().await.unwrap_or_default();
    let wire = check_wire(&expected, &received, &server.uri());
    settle(server, wire.is_ok()).await;
    Ok((outcome, wire))
}

/// Shuts a mock server down. When `check_wire` found exactly one exact
/// request, wiremock's `expect(1)` is verified too; when it did not, its
/// diff has said why, and wiremock's verdict, a panic that prints the whole
/// request with its secrets, is not asked for.
async fn settle(server: MockServer, verify: bool) {
    if verify {
        server.verify().await;
    }
    server.reset().await;
}

fn client(base_url: &str, timeout: Option<Duration>) -> Result<Client, String> {
    Client::builder()
        .base_url(base_url)
        .timeout(timeout.unwrap_or(Duration::from_secs(10)))
        .build()
        .map_err(|error| format!("cannot build the client: {error}"))
}

/// Exactly one received request is the expected one; else what differed.
fn check_wire(expected: &Expected, received: &[Request], base_url: &str) -> Result<(), String> {
    let exact = received.iter().filter(|r| differences(expected, r).is_empty()).count();
    match (exact, received) {
        (1, _) => Ok(()),
        (_, []) => Err("the client sent no request".to_owned()),
        (0, [first, ..]) => Err(format!(
            "the request differs from the documented one:\n  - {}\nreproduce it with:\n{}",
            differences(expected, first).join("\n  - "),
            curl(expected, first, base_url)
        )),
        (n, _) => Err(format!(
            "the client sent the documented request {n} times; expected once"
        )),
    }
}

/// The outcome is the typed value of a documented status, with this body.
fn expect_documented(outcome: &Outcome, status: u16, body: Option<&Value>) -> Result<(), String> {
    let (got_status, got_body) = match outcome {
        Outcome::Success { status, body } if (200..300).contains(status) => (*status, body),
        Outcome::Error {
            outcome: ErrorOutcome::Documented { status, body },
            ..
        } => (*status, body),
        other => {
            return Err(format!(
                "expected the typed outcome of status {status}, got {}",
                describe(other)
            ));
        }
    };
    if got_status != status {
        return Err(format!(
            "expected the typed outcome of status {status}, got that of {got_status}"
        ));
    }
    let mut differences = Vec::new();
    if let Some(body) = body {
        json(body, got_body, "", &mut differences);
    }
    match differences.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "the decoded body differs from the documented one:\n  - {}",
            differences.join("\n  - ")
        )),
    }
}

/// The outcome is a typed error of the kind `fits` accepts.
fn expect_error(outcome: &Outcome, fits: impl Fn(&ErrorOutcome) -> bool) -> Result<(), String> {
    match outcome {
        Outcome::Error { outcome, .. } if fits(outcome) => Ok(()),
        other => Err(format!("unexpected outcome: {}", describe(other))),
    }
}

fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Success { status, body } => format!("success {status} with body {body}"),
        Outcome::Error { outcome, message } => format!("error {outcome:?}: {message}"),
        Outcome::BadValues(message) => format!("the values make no request: {message}"),
    }
}

/// A call whose request is reported as different shows no secret: not in
/// the diff, the curl command, nor the error.
async fn secrets_stay_hidden(entry: &SpecEntry) -> Result<(), String> {
    let values = base_values(&entry.spec);
    let mut expected = Expected::new(&entry.spec, &values);
    if expected.secrets.is_empty() {
        return Err("the values of this case give no secret param a value".to_owned());
    }
    // Expect other secret values, so that the report has to talk about them.
    for (name, value) in &mut expected.headers {
        if expected.secret_headers.iter().any(|s| s.eq_ignore_ascii_case(name)) {
            *value = "not-the-documented-secret".to_owned();
        }
    }
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(599))
        .mount(&server)
        .await;
    let client = client(&server.uri(), None)?;
    let outcome = entry.call(&client, wire_values(&entry.spec, &values)).await;
    let received = server.received_requests().await.unwrap_or_default();
    let wire = check_wire(&expected, &received, &server.uri());
    settle(server, false).await;
    let report = format!("{wire:?}\n{}\n{outcome:?}", describe(&outcome));
    let leaked: Vec<&String> = expected
        .secrets
        .iter()
        .filter(|s| report.contains(s.as_str()))
        .collect();
    match leaked.is_empty() {
        true => Ok(()),
        false => Err(format!("{} secret value(s) appear in the failure report", leaked.len())),
    }
}

/// A request with an awkward text in one param reaches the server intact.
async fn awkward(entry: &SpecEntry, location: ParamIn, name: &str, text: &str) -> Result<(), String> {
    let mut values = base_values(&entry.spec);
    let slot = match location {
        ParamIn::Path => &mut values.path,
        _ => &mut values.query,
    };
    slot.retain(|(n, _)| n != name);
    slot.push((name.to_owned(), Value::from(text)));
    let status = first_success(&entry.spec);
    let ok = respond(status, &[], sample::response_body(&entry.spec, status).as_ref());
    let (_, wire) = exchange(entry, &values, ok).await?;
    wire
}

fn first_success(spec: &Spec) -> u16 {
    spec.responses.iter().find(|r| r.is_success()).map_or(200, |r| r.status)
}

async fn slow_response(entry: &SpecEntry) -> Result<(), String> {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(first_success(&entry.spec)).set_delay(SLOW_DELAY))
        .mount(&server)
        .await;
    let client = client(&server.uri(), Some(SHORT_TIMEOUT))?;
    let outcome = entry
        .call(&client, wire_values(&entry.spec, &base_values(&entry.spec)))
        .await;
    settle(server, false).await;
    expect_error(&outcome, |e| *e == ErrorOutcome::Transport(TransportKind::Timeout))
}

async fn dropped_connection(entry: &SpecEntry) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot listen: {e}"))?;
    let address = listener.local_addr().map_err(|e| format!("no local address: {e}"))?;
    let server = tokio::spawn(async move {
        // Read the request, then close the connection without a word.
        if let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = tokio::io::AsyncReadExt::read(&mut stream, &mut buffer).await;
        }
    });
    let client = client(&format!("http://{address}"), None)?;
    let outcome = entry
        .call(&client, wire_values(&entry.spec, &base_values(&entry.spec)))
        .await;
    server.abort();
    expect_error(&outcome, |e| matches!(e, ErrorOutcome::Transport(_)))
}
