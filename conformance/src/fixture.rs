//! A stand-in for a live server, for testing live mode: it answers each
//! spec's method and path with the first documented 2xx example (or a body
//! of the documented shape), and with 401 and the standard error body when
//! a required secret header does not hold the expected token. Unlike the
//! `meeting-api mock`, which takes any credential, it checks the exact one.
//!
//! It serves the specs it is given, read when it starts, not those the kit
//! was built for, so that the kit's own tests mean the same whatever
//! `MEETING_API_SPEC_DIR` the kit is built with.

use meeting_api_spec::{ParamIn, Spec};
use serde_json::json;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use meeting_api_spec::sample;

/// Starts the fixture on a free local port for `specs`; every required
/// secret header must be `token`.
pub async fn serve(specs: &[Spec], token: &str) -> MockServer {
    let server = MockServer::start().await;
    for spec in specs {
        let spec = spec.clone();
        let token = token.to_owned();
        Mock::given(method(spec.method.as_str()))
            .and(path_regex(path_pattern(&spec.path)))
            .respond_with(move |request: &Request| answer(&spec, &token, request))
            .mount(&server)
            .await;
    }
    server
}

fn answer(spec: &Spec, token: &str, request: &Request) -> ResponseTemplate {
    let secrets = spec
        .params_in(ParamIn::Header)
        .filter(|p| p.field.required && p.field.schema.secret);
    let refused = secrets
        .into_iter()
        .any(|p| request.headers.get(p.field.name.as_str()).and_then(|v| v.to_str().ok()) != Some(token));
    if refused {
        let body = json!({"error_code": "MMC.111072065", "error_msg": "CONF_NOT_FOUND_OR_AUTH_FAILED"});
        return ResponseTemplate::new(401).set_body_json(body);
    }
    let example = spec.examples.iter().find(|e| (200..300).contains(&e.response.status));
    let status = example.map_or_else(
        || spec.responses.iter().find(|r| r.is_success()).map_or(200, |r| r.status),
        |e| e.response.status,
    );
    let body = example.map_or_else(|| sample::response_body(spec, status), |e| e.response.body.clone());
    let mut response = ResponseTemplate::new(status).insert_header("X-Request-Id", "live-fixture");
    if let Some(body) = body {
        response = response.set_body_json(body);
    }
    response
}

/// A regex for a path template: literal text escaped, `{name}` one segment.
fn path_pattern(template: &str) -> String {
    let mut pattern = String::from("^");
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        pattern.push_str(&escape(&rest[..open]));
        pattern.push_str("[^/]+");
        rest = rest[open..].split_once('}').map_or("", |(_, after)| after);
    }
    pattern.push_str(&escape(rest));
    pattern.push('$');
    pattern
}

fn escape(text: &str) -> String {
    text.chars()
        .flat_map(
            |c| match c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '_' {
                true => vec![c],
                false => vec!['\\', c],
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_match_one_segment() {
        assert_eq!(
            super::path_pattern("/v1/rooms/{id}/x.json"),
            r"^/v1/rooms/[^/]+/x\.json$"
        );
    }
}
