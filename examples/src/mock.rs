//! The embedded mock: answers the documented requests the way the
//! documentation shows, and tells what it received.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Headers whose values are secret; printed redacted.
const SECRET_HEADERS: &[&str] = &["x-conference-authorization"];

/// Starts a mock of the hands and mute endpoints on a free local port.
pub async fn start() -> MockServer {
    let server = MockServer::start().await;
    for (endpoint, request_id) in [
        (
            "/v1/mmc/control/conferences/participants/hands",
            "f78b007ec2dabf1498620131c7bc19e0",
        ),
        (
            "/v1/mmc/control/conferences/participants/mute",
            "0d1e2c3b4a5968778695a4b3c2d1e0f9",
        ),
    ] {
        let documented = ResponseTemplate::new(200)
            .insert_header("Content-Type", "application/json;charset=UTF-8")
            .insert_header("X-Request-Id", request_id);
        Mock::given(method("PUT"))
            .and(path(endpoint))
            .respond_with(documented)
            .mount(&server)
            .await;
    }
    server
}

/// Prints the last request the mock received, as it arrived.
pub async fn print_last_request(mock: Option<&MockServer>) {
    let Some(mock) = mock else { return };
    let Some(request) = mock.received_requests().await.and_then(|r| r.last().cloned()) else {
        println!("Sent: nothing reached the mock");
        return;
    };
    let query = request.url.query().map(|q| format!("?{q}")).unwrap_or_default();
    println!("Sent: {} {}{query}", request.method, request.url.path());
    for (name, value) in &request.headers {
        let shown = match SECRET_HEADERS.contains(&name.as_str()) {
            true => meeting_api::REDACTED,
            false => value.to_str().unwrap_or("(not text)"),
        };
        println!("  {name}: {shown}");
    }
    if !request.body.is_empty() {
        println!("  body: {}", String::from_utf8_lossy(&request.body));
    }
}
