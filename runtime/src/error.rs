//! The failures every operation can meet, and the service's standard error
//! body. Generated error enums wrap these in variants of their own.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};

/// The service's standard error body, `{"error_code", "error_msg"}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceError {
    /// Error code, such as `MMC.111072065` (`MMC.` from the meeting service,
    /// `USG.` from the account service).
    pub error_code: String,
    /// Error message, such as `CONF_NOT_FOUND_OR_AUTH_FAILED`.
    pub error_msg: String,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.error_code, self.error_msg)
    }
}

impl std::error::Error for ServiceError {}

/// A failure that is not a documented status: the part of every
/// operation's error that the runtime produces.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A status the spec does not document.
    #[error(transparent)]
    UnexpectedStatus(#[from] UnexpectedStatus),
    /// A redirect the spec does not document; it was not followed.
    #[error(transparent)]
    Redirect(#[from] Redirect),
    /// A response body longer than the client's limit.
    #[error(transparent)]
    BodyTooLarge(#[from] BodyTooLarge),
    /// A body that does not decode.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// No response.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The request could not be built.
    #[error(transparent)]
    InvalidRequest(#[from] InvalidRequest),
}

/// The service answered with a status the spec does not document.
#[derive(Debug, thiserror::Error)]
#[error("undocumented status {} ({} bytes of body)", .0.status, .0.body.len())]
pub struct UnexpectedStatus(Box<Received>);

/// A response kept whole for an error. Boxed, so that errors stay small
/// in the `Result`s that carry them.
#[derive(Debug)]
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl UnexpectedStatus {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self(Box::new(Received { status, headers, body }))
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// The raw body.
    pub fn body(&self) -> &Bytes {
        &self.0.body
    }
}

/// The service answered with a 3xx status the spec does not document.
/// It is not followed: the Meeting API does not redirect, and following
/// would send the request's secret headers, and its query, to wherever the
/// `Location` points. The `Location` header is marked sensitive, and the
/// message shows it without its query, which may echo a secret.
#[derive(Debug, thiserror::Error)]
#[error("redirected with status {} to {}; not followed", .0.status, shown_location(self.location()))]
pub struct Redirect(Box<Received>);

impl Redirect {
    pub(crate) fn new(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> Self {
        for (name, value) in headers.iter_mut() {
            if name == LOCATION {
                value.set_sensitive(true);
            }
        }
        Self(Box::new(Received { status, headers, body }))
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// Where the response points, when it says so in visible ASCII.
    pub fn location(&self) -> Option<&str> {
        self.0.headers.get(LOCATION).and_then(|value| value.to_str().ok())
    }

    /// The raw body.
    pub fn body(&self) -> &Bytes {
        &self.0.body
    }
}

/// A `Location` for messages: up to its query or fragment.
fn shown_location(location: Option<&str>) -> String {
    match location {
        Some(location) => {
            let shown = location.split(['?', '#']).next().unwrap_or_default();
            let cut = if shown.len() < location.len() { "?…" } else { "" };
            format!("`{shown}{cut}`")
        }
        None => "no Location".to_owned(),
    }
}

/// How much of an oversized body [`BodyTooLarge`] keeps.
pub(crate) const KEPT_BODY_START: usize = 1024;

/// A response body longer than the client's limit
/// ([`crate::ClientBuilder::max_response_body`]). Reading stopped at the
/// limit, or never began when `Content-Length` announced more; the status,
/// headers and the first KiB read are kept.
#[derive(Debug, thiserror::Error)]
#[error(
    "the {} response body is longer than the limit of {} bytes{}",
    .0.received.status,
    .0.limit,
    advertised(.0.advertised)
)]
pub struct BodyTooLarge(Box<Oversized>);

#[derive(Debug)]
struct Oversized {
    received: Received,
    limit: usize,
    advertised: Option<u64>,
}

fn advertised(length: Option<u64>) -> String {
    length.map(|n| format!(" (Content-Length: {n})")).unwrap_or_default()
}

impl BodyTooLarge {
    /// `start` is what was read, of which the first KiB is kept.
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        limit: usize,
        advertised: Option<u64>,
        start: &[u8],
    ) -> Self {
        let body = Bytes::copy_from_slice(&start[..start.len().min(KEPT_BODY_START)]);
        Self(Box::new(Oversized {
            received: Received { status, headers, body },
            limit,
            advertised,
        }))
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.0.received.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.received.headers
    }

    /// The client's limit, in bytes.
    pub fn limit(&self) -> usize {
        self.0.limit
    }

    /// The length `Content-Length` announced, if it did.
    pub fn advertised_length(&self) -> Option<u64> {
        self.0.advertised
    }

    /// The first bytes of the body (at most 1 KiB; none when the
    /// announced length alone was too large).
    pub fn body_start(&self) -> &Bytes {
        &self.0.received.body
    }
}

/// A response body that does not decode into its documented shape; keeps
/// the status and the raw bytes.
#[derive(Debug, thiserror::Error)]
#[error("the {} response body does not decode: {source} (body: {})", received.status, preview(&received.body))]
pub struct DecodeError {
    received: Box<Received>,
    #[source]
    source: serde_json::Error,
}

impl DecodeError {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: Bytes, source: serde_json::Error) -> Self {
        Self {
            received: Box::new(Received { status, headers, body }),
            source,
        }
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.received.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.received.headers
    }

    /// The raw body that failed to decode.
    pub fn body(&self) -> &Bytes {
        &self.received.body
    }
}

/// The start of a body, as text, for messages.
fn preview(body: &Bytes) -> String {
    const LIMIT: usize = 200;
    let text = String::from_utf8_lossy(&body[..body.len().min(LIMIT)]);
    let more = if body.len() > LIMIT { "…" } else { "" };
    format!("{text:?}{more}")
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No response within the client's timeout.
    Timeout,
    /// The connection could not be made (refused, DNS, TLS handshake).
    Connect,
    /// The connection broke while sending or receiving.
    Io,
}

/// No response arrived: connection, TLS, timeout. It names the host and
/// port and the innermost reason (`Connection refused (os error 111)`);
/// the rest of the URL is not kept, so that a secret path or query value
/// cannot leak through this error.
#[derive(Debug, thiserror::Error)]
#[error("{} {}: {reason}", describe(*.kind), target(.host.as_deref(), *.port))]
pub struct TransportError {
    kind: TransportKind,
    host: Option<String>,
    port: Option<u16>,
    reason: String,
    #[source]
    source: reqwest::Error,
}

fn describe(kind: TransportKind) -> &'static str {
    match kind {
        TransportKind::Timeout => "timed out waiting for",
        TransportKind::Connect => "could not connect to",
        TransportKind::Io => "lost the connection to",
    }
}

fn target(host: Option<&str>, port: Option<u16>) -> String {
    match (host, port) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => "the server".to_owned(),
    }
}

/// The end of the `source()` chain: reqwest's own message
/// (`error sending request`) says nothing the kind does not.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut inner = error;
    while let Some(next) = inner.source() {
        inner = next;
    }
    inner.to_string()
}

impl TransportError {
    pub(crate) fn new(error: reqwest::Error) -> Self {
        let kind = if error.is_timeout() {
            TransportKind::Timeout
        } else if error.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Io
        };
        let url = error.url();
        let host = url.and_then(|url| url.host_str()).map(str::to_owned);
        let port = url.and_then(reqwest::Url::port_or_known_default);
        let source = error.without_url();
        Self {
            kind,
            host,
            port,
            reason: innermost(&source),
            source,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportKind {
        self.kind
    }

    /// The host the request went to, when known.
    pub fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    /// The port the request went to, when known (the scheme's default if
    /// the URL names none).
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// Whether sending again may succeed (always, for transport failures).
    pub fn is_retryable(&self) -> bool {
        true
    }
}

/// The request could not be built, so nothing was sent.
#[derive(Debug, thiserror::Error)]
pub enum InvalidRequest {
    /// A header value holds a character other than visible ASCII, space
    /// and tab. The value is not kept: it may be secret.
    #[error(
        "the value of header `{name}` cannot be sent in a header (only visible ASCII, space and tab can; no control characters or non-ASCII text)"
    )]
    HeaderValue {
        /// The header.
        name: &'static str,
    },
    /// A path param's value is empty, `.` or `..`, which would remove or
    /// move a segment of the path instead of filling one. The value is
    /// not kept: it may be secret.
    #[error("the value of path param `{name}` cannot be a path segment (it is empty, `.` or `..`)")]
    PathSegment {
        /// The param's wire name.
        name: &'static str,
    },
    /// A file part's file name is empty: a file part is sent with its
    /// file name (give the base name, as `logo.png`).
    #[error("the file of form part `{name}` has an empty file name; give the file's base name")]
    FileName {
        /// The part's name.
        name: &'static str,
    },
    /// A file part's Content-Type holds a character other than visible
    /// ASCII and space, or is empty, so it cannot be one header line.
    #[error(
        "the content type of the file of form part `{name}` cannot be sent in a header (only visible ASCII and spaces can)"
    )]
    FileContentType {
        /// The part's name.
        name: &'static str,
    },
    /// A header name that HTTP does not allow.
    #[error("`{name}` is not a valid header name")]
    HeaderName {
        /// The name.
        name: &'static str,
    },
    /// A param that a session fills (`session:` in the spec) is unset,
    /// and no session value of that name was supplied: send the request
    /// through a session, or set the param.
    #[error(
        "param `{name}` is left to a session (its value `{value}`), but the request was sent without one; send it through a session, or set the param"
    )]
    MissingSessionValue {
        /// The param's wire name.
        name: &'static str,
        /// The session value's name.
        value: &'static str,
    },
    /// Neither the client nor the spec gives a base URL.
    #[error("operation `{operation}` has no server in its spec; set one with `ClientBuilder::base_url`")]
    NoBaseUrl {
        /// The operation.
        operation: &'static str,
    },
    /// The base URL and path do not make a URL.
    #[error("`{url}` is not a valid URL: {source}")]
    Url {
        /// The URL, without its query (which may hold secrets).
        url: String,
        /// What is wrong with it.
        source: url::ParseError,
    },
    /// The next page of a [`crate::Client::pages`] stream starts at an
    /// offset that the operation's offset param cannot hold (its integer
    /// type is too narrow), so it was not asked for.
    #[error("the next page starts at item {offset}, which the offset param `{param}` cannot hold")]
    PageOffset {
        /// The offset param's wire name.
        param: &'static str,
        /// Where the next page would start.
        offset: i128,
    },
    /// The JSON body could not be serialised.
    #[error("the request body cannot be serialised: {0}")]
    Body(#[source] serde_json::Error),
    /// An enum value the spec does not list, the `Unknown` variant that
    /// a response decoded it into: a request sends only documented
    /// values. A value inside a [`crate::Secret`] is not kept.
    #[error(
        "{} is not a value of `{type_name}` that the spec lists ({}); a request sends only documented values",
        shown_value(.value.as_deref()),
        shown_param(*.param)
    )]
    UndocumentedValue {
        /// The param's wire name; `None` for a value in the JSON body.
        param: Option<&'static str>,
        /// The enum.
        type_name: &'static str,
        /// The value, unless it is secret.
        value: Option<String>,
    },
}

fn shown_value(value: Option<&str>) -> String {
    value.map_or_else(|| crate::REDACTED.to_owned(), |value| format!("`{value}`"))
}

fn shown_param(param: Option<&str>) -> String {
    param.map_or_else(|| "in the JSON body".to_owned(), |param| format!("param `{param}`"))
}

/// A wire value that names no variant of a generated enum that only
/// requests use (an enum that a response uses keeps such a value in its
/// `Unknown` variant instead).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{value} is not a known value of `{type_name}`")]
pub struct UnknownValue {
    type_name: &'static str,
    value: String,
}

impl UnknownValue {
    /// The error for `value`, which `type_name` does not list.
    pub fn new(type_name: &'static str, value: impl fmt::Display) -> Self {
        Self {
            type_name,
            value: value.to_string(),
        }
    }
}

/// Whether a response with this status may succeed when sent again:
/// 408, 429, 500, 502, 503 and 504.
pub fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}
