//! What the mock answers: responses prepared once at start, from the
//! documented examples and shapes, and the service's standard error body.

use bytes::Bytes;
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use meeting_api_spec::{Example, Spec, sample};
use serde_json::{Value, json};

use super::validate::{Given, Values};

/// The content type the service puts on its JSON answers.
pub const JSON: &str = "application/json;charset=UTF-8";

/// Headers that describe one connection or one encoding of a body: the
/// server sets them itself, so an example's copies are not replayed.
const TRANSPORT_HEADERS: &[&str] = &[
    "connection",
    "content-length",
    "keep-alive",
    "transfer-encoding",
    "date",
];

/// A response ready to be cloned onto the wire.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The status.
    pub status: StatusCode,
    /// Headers, without the transport ones.
    pub headers: HeaderMap,
    /// The body, possibly empty.
    pub body: Bytes,
}

impl Prepared {
    fn new(status: u16, body: Option<&Value>) -> Self {
        let mut headers = HeaderMap::new();
        if body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
        }
        Self {
            // Statuses come from a validated spec, so they are 100..=599.
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers,
            body: body.map_or_else(Bytes::new, |b| Bytes::from(b.to_string())),
        }
    }
}

/// The answers of one spec's endpoint.
#[derive(Debug)]
pub struct Answers {
    /// Examples' request values with their responses: the 2xx ones
    /// first, then the others, each group in the order of the file.
    examples: Vec<(Values<'static>, Prepared)>,
    /// For a valid request no example matches.
    fallback: Prepared,
    /// What the spec documents but the mock cannot answer with, one
    /// message each: unsendable headers, examples that others shadow.
    pub warnings: Vec<String>,
}

impl Answers {
    /// Prepares the answers of `spec`.
    pub fn new(spec: &Spec) -> Self {
        let mut warnings = Vec::new();
        let mut examples: Vec<(&Example, Values<'static>, Prepared)> = spec
            .examples
            .iter()
            .map(|example| {
                let values = Values::of_example(spec, &example.request);
                (example, values, from_example(spec, example, &mut warnings))
            })
            .collect();
        examples.sort_by_key(|(_, _, prepared)| !prepared.status.is_success());
        warnings.extend(shadowed(spec, &examples));
        let examples = examples
            .into_iter()
            .map(|(_, values, prepared)| (values, prepared))
            .collect();
        // A validated spec documents a 2xx status.
        let status = spec.responses.iter().find(|r| r.is_success()).map_or(200, |r| r.status);
        let fallback = Prepared::new(status, sample::response_body(spec, status).as_ref());
        Self {
            examples,
            fallback,
            warnings,
        }
    }

    /// The response for a valid request with `values`: the first example
    /// whose values it repeats, secrets included (a documented wrong
    /// password gets its documented refusal); else the first whose values
    /// it repeats but for secrets (any credential will do); else a 2xx of
    /// the documented shape.
    pub fn choose(&self, spec: &Spec, values: &Values<'_>) -> &Prepared {
        let find = |secrets| {
            self.examples
                .iter()
                .find(|(documented, _)| repeats(spec, documented, values, secrets))
        };
        find(true)
            .or_else(|| find(false))
            .map_or(&self.fallback, |(_, prepared)| prepared)
    }
}

/// Whether `values` repeat the `documented` request's values, with or
/// without the secret params.
fn repeats(spec: &Spec, documented: &Values<'_>, values: &Values<'_>, secrets: bool) -> bool {
    (spec.params.iter().enumerate())
        .filter(|(_, p)| secrets || !p.field.schema.secret)
        .all(|(i, _)| match (documented.get(i), values.get(i)) {
            (Some(documented), Some(given)) => same_given(documented, given),
            (documented, given) => documented == given,
        })
}

/// Examples that no request can reach, because an example tried before
/// them has the very same values.
fn shadowed(spec: &Spec, examples: &[(&Example, Values<'static>, Prepared)]) -> Vec<String> {
    let mut warnings = Vec::new();
    for (i, (example, values, _)) in examples.iter().enumerate() {
        let earlier = examples[..i]
            .iter()
            .find(|(_, before, _)| repeats(spec, before, values, true));
        if let Some((before, _, _)) = earlier {
            warnings.push(format!(
                "{}: example `{}` sends the same values as `{}`, so the mock answers them with `{}`'s response",
                spec.name, example.name, before.name, before.name
            ));
        }
    }
    warnings
}

/// Whether two given values are the same: texts as text, else as
/// [`same_value`].
fn same_given(a: &Given<'_>, b: &Given<'_>) -> bool {
    match (a, b) {
        (Given::Typed(a), Given::Typed(b)) => same_value(a, b),
        _ => a.as_str().is_some_and(|a| b.as_str() == Some(a)),
    }
}

/// Whether two JSON values are the same value: numbers compare by value,
/// so that a client writing the documented `1` as `1.0` sends the example.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || ((x.is_f64() || y.is_f64()) && x.as_f64() == y.as_f64()),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, x)| y.get(key).is_some_and(|y| same_value(x, y)))
        }
        _ => a == b,
    }
}

fn from_example(spec: &Spec, example: &Example, warnings: &mut Vec<String>) -> Prepared {
    let response = &example.response;
    let mut prepared = Prepared::new(response.status, response.body.as_ref());
    for (name, value) in &response.headers {
        if TRANSPORT_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        match (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            (Ok(name), Ok(value)) => {
                prepared.headers.insert(name, value);
            }
            _ => warnings.push(format!(
                "{}: example `{}`: header `{name}` is not a valid HTTP header and is not sent",
                spec.name, example.name
            )),
        }
    }
    prepared
}

/// The mock's own error codes: the service's format, in a range of their
/// own so that no one mistakes them for real ones.
fn error_code(status: StatusCode) -> String {
    format!("MMC.MOCK.{}", status.as_u16())
}

/// The service's standard error body, `{"error_code", "error_msg"}`, with
/// the mock's own code for `status`.
pub fn error(status: StatusCode, message: &str) -> Prepared {
    service_error(status, &error_code(status), message)
}

/// The service's standard error body with a code of the service's own,
/// for refusals that mean what the service's do (strict auth's).
pub fn service_error(status: StatusCode, code: &str, message: &str) -> Prepared {
    let body = json!({ "error_code": code, "error_msg": message });
    Prepared::new(status.as_u16(), Some(&body))
}
