//! The Example Request and Example Response of a page: HTTP messages as
//! text (a start line, headers, a blank line, a JSON body), read into the
//! spec's documented example.

use meeting_api_spec::model::{Example, ExampleRequest, ExampleResponse, ParamIn, Spec};
use meeting_api_spec::position::Position;
use serde_json::Value;

use super::Findings;
use super::page::Block;
use super::shared::{self, Target};

/// The name of the example a page documents.
pub(crate) const EXAMPLE_NAME: &str = "documented";

/// The response headers an example keeps: the content type, and the request
/// id that the generated client exposes. The others (Date, Content-Length,
/// Server...) belong to the transport, not to the API.
const KEPT_HEADERS: [&str; 2] = ["Content-Type", "X-Request-Id"];

/// A host the page names, and where.
#[derive(Debug)]
pub(crate) struct Host {
    /// Where the host was found, for messages.
    pub source: &'static str,
    /// The scheme, when the source is a URL.
    pub scheme: Option<String>,
    /// The host, with its port if any.
    pub host: String,
}

impl Host {
    /// The host of a `scheme://host` server.
    pub(crate) fn from_url(source: &'static str, server: &str) -> Self {
        let (scheme, host) = server.split_once("://").unwrap_or(("https", server));
        Host {
            source,
            scheme: Some(scheme.to_owned()),
            host: host.to_owned(),
        }
    }
}

/// What the two example sections give.
#[derive(Debug, Default)]
pub(crate) struct Documented {
    /// The example, when the page has one.
    pub example: Option<Example>,
    /// The hosts the request names (Host header, absolute URL).
    pub hosts: Vec<Host>,
}

/// Reads the example sections against `spec`'s params and statuses.
pub(crate) fn documented(
    request: Option<&[Block]>,
    response: Option<&[Block]>,
    spec: &Spec,
    findings: &mut Findings,
) -> Documented {
    let mut documented = Documented::default();
    if request.is_none() && response.is_none() {
        return documented;
    }
    let values = request.map_or_else(ExampleRequest::default, |blocks| {
        read_request(blocks, spec, &mut documented.hosts, findings)
    });
    let answer = response.map(|blocks| read_response(blocks, findings));
    let (status, headers, body) = answer.unwrap_or_default();
    let status = status.or_else(|| {
        let success = spec.responses.iter().find(|r| r.is_success())?.status;
        let message = format!("the example gives no response status; {success}, the first 2xx, is assumed");
        findings.inferred("Example Response", message);
        Some(success)
    });
    documented.example = status.map(|status| Example {
        name: EXAMPLE_NAME.to_owned(),
        request: values,
        response: ExampleResponse { status, headers, body },
        position: Position::default(),
    });
    documented
}

/// The parts of an HTTP message as the page writes it.
struct Message<'p> {
    start: Option<(usize, &'p str)>,
    headers: Vec<(usize, &'p str, &'p str)>,
    body: Option<(usize, String)>,
}

/// Splits the section's blocks into a message: the first block holds the
/// start line and the headers, up to a line that opens JSON; the rest is
/// the body.
fn message<'p>(blocks: &'p [Block], is_start: fn(&str) -> bool, section: &str, findings: &mut Findings) -> Message<'p> {
    let lines: Vec<(usize, &str)> = blocks
        .iter()
        .flat_map(|b| b.lines.iter().enumerate().map(move |(i, l)| (b.line + i, l.trim())))
        .collect();
    let opens_json = |l: &&String| l.trim_start().starts_with(['{', '[']);
    let head_len = blocks
        .first()
        .map_or(0, |b| b.lines.iter().take_while(|l| !opens_json(l)).count());
    let (head, body) = lines.split_at(head_len.min(lines.len()));
    let mut message = Message {
        start: None,
        headers: Vec::new(),
        body: None,
    };
    for (index, &(line, text)) in head.iter().enumerate() {
        if index == 0 && is_start(text) {
            message.start = Some((line, text));
            continue;
        }
        match header(text) {
            Some((name, value)) => message.headers.push((line, name, value)),
            None => findings.dropped(
                format!("line {line} ({section})"),
                format!("{:?} is neither a start line nor a header", shared::shorten(text)),
            ),
        }
    }
    if let Some(&(line, _)) = body.first() {
        let text: Vec<&str> = body.iter().map(|(_, t)| *t).collect();
        message.body = Some((line, text.join("\n")));
    }
    message
}

/// `Name: value` (the space is optional, as in `X-Conference-Authorization:stb...`).
fn header(text: &str) -> Option<(&str, &str)> {
    let (name, value) = text.split_once(':')?;
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    (!name.is_empty() && name.chars().all(token)).then(|| (name, value.trim()))
}

/// `PUT /v1/...?query HTTP/1.1`, or with a whole URL.
fn is_request_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    matches!(words.as_slice(), [method, target, ..] if words.len() <= 3
        && method.chars().all(|c| c.is_ascii_uppercase())
        && (target.starts_with('/') || target.contains("://")))
}

/// `HTTP/1.1 200 OK`, or a bare status.
fn is_status_line(text: &str) -> bool {
    text.starts_with("HTTP/") || status_of(text).is_some()
}

fn status_of(text: &str) -> Option<u16> {
    let code = match text.starts_with("HTTP/") {
        true => text.split_whitespace().nth(1)?,
        false => text.split_whitespace().next()?,
    };
    crate::import::table::status(code)
}

fn read_request(blocks: &[Block], spec: &Spec, hosts: &mut Vec<Host>, findings: &mut Findings) -> ExampleRequest {
    const SECTION: &str = "Example Request";
    let message = message(blocks, is_request_line, SECTION, findings);
    let mut values = ExampleRequest::default();
    if let Some((line, start)) = message.start {
        let at = format!("line {line} ({SECTION})");
        read_start_line(start, spec, &at, &mut values, hosts, findings);
    }
    for (line, name, value) in message.headers {
        let at = format!("line {line} ({SECTION})");
        match spec.param(ParamIn::Header, name) {
            Some(param) => {
                let value = shared::wire_value(&param.field.schema, value);
                values.headers.push((param.field.name.clone(), value));
            }
            None if name.eq_ignore_ascii_case("host") => {
                hosts.push(Host {
                    source: "the Host header",
                    scheme: None,
                    host: value.to_owned(),
                });
                let message = format!("header `{name}: {value}` is not a declared param; it gives the server's host");
                findings.dropped(at, message);
            }
            None => {
                let shown = if shared::credential_word(name).is_some() {
                    "[redacted]"
                } else {
                    value
                };
                findings.dropped(at, format!("header `{name}: {shown}` is not a declared param"));
            }
        }
    }
    values.body = message
        .body
        .and_then(|(line, text)| json_body(&text, &format!("line {line} ({SECTION})"), findings));
    values
}

/// The method, path and query of `PUT /path?query HTTP/1.1`. The method and
/// path are the Prototype's; a difference is reported.
fn read_start_line(
    start: &str,
    spec: &Spec,
    at: &str,
    values: &mut ExampleRequest,
    hosts: &mut Vec<Host>,
    findings: &mut Findings,
) {
    let mut words = start.split_whitespace();
    let (method, target) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
    if !method.eq_ignore_ascii_case(spec.method.as_str()) {
        let message = format!(
            "the example's method {method} differs from the Prototype's {}",
            spec.method
        );
        findings.dropped(at, message);
    }
    let target = Target::parse(target);
    if let Some(server) = &target.server {
        hosts.push(Host::from_url("the Example Request's URL", server));
    }
    match shared::path_values(&spec.path, target.path) {
        Some(pairs) => values.path = declared(pairs, ParamIn::Path, spec, at, findings),
        None => {
            let message = format!(
                "the example's path {} differs from the Prototype's {}",
                target.path, spec.path
            );
            findings.dropped(at, message);
        }
    }
    values.query = declared(shared::query_pairs(target.query), ParamIn::Query, spec, at, findings);
}

/// The pairs that name declared params of `location`, as their types; the
/// others are reported.
fn declared(
    pairs: Vec<(String, String)>,
    location: ParamIn,
    spec: &Spec,
    at: &str,
    findings: &mut Findings,
) -> Vec<(String, Value)> {
    let mut values = Vec::new();
    for (name, text) in pairs {
        match spec.param(location, &name) {
            Some(param) => values.push((name, shared::wire_value(&param.field.schema, &text))),
            None => findings.dropped(at, format!("{location} value `{name}={text}` is not a declared param")),
        }
    }
    values
}

/// A JSON object body; anything else is reported.
fn json_body(text: &str, at: &str, findings: &mut Findings) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(body @ Value::Object(_)) => Some(body),
        Ok(_) => {
            findings.dropped(at, "the body is JSON but not an object, as the spec format needs");
            None
        }
        Err(error) => {
            findings.dropped(at, format!("the body is not JSON ({error})"));
            None
        }
    }
}

/// The status, the kept headers and the body of the Example Response.
type Answer = (Option<u16>, Vec<(String, String)>, Option<Value>);

fn read_response(blocks: &[Block], findings: &mut Findings) -> Answer {
    const SECTION: &str = "Example Response";
    let message = message(blocks, is_status_line, SECTION, findings);
    let status = message.start.and_then(|(_, start)| status_of(start));
    if let Some((line, start)) = message.start.filter(|_| status.is_none()) {
        let message = format!("{start:?} gives no HTTP status code");
        findings.dropped(format!("line {line} ({SECTION})"), message);
    }
    let mut headers = Vec::new();
    for (line, name, value) in message.headers {
        match KEPT_HEADERS.iter().any(|k| k.eq_ignore_ascii_case(name)) {
            true => headers.push((name.to_owned(), value.to_owned())),
            false => findings.dropped(
                format!("line {line} ({SECTION})"),
                format!("header `{name}: {value}` belongs to the transport, not to the documented response"),
            ),
        }
    }
    let body = message
        .body
        .and_then(|(line, text)| json_body(&text, &format!("line {line} ({SECTION})"), findings));
    (status, headers, body)
}
