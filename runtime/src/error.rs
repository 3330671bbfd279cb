//! The failures every operation can meet, and the service's standard error
//! body. Generated error enums wrap these in variants of their own.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

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

/// No response arrived: connection, TLS, timeout. The URL is not kept, so
/// that a secret query value cannot leak through this error.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", describe(*.kind))]
pub struct TransportError {
    kind: TransportKind,
    #[source]
    source: reqwest::Error,
}

fn describe(kind: TransportKind) -> &'static str {
    match kind {
        TransportKind::Timeout => "the request timed out",
        TransportKind::Connect => "could not connect",
        TransportKind::Io => "the connection failed",
    }
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
        Self {
            kind,
            source: error.without_url(),
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportKind {
        self.kind
    }

    /// Whether sending again may succeed (always, for transport failures).
    pub fn is_retryable(&self) -> bool {
        true
    }
}

/// The request could not be built, so nothing was sent.
#[derive(Debug, thiserror::Error)]
pub enum InvalidRequest {
    /// A header value holds a character that cannot travel in a header.
    /// The value is not kept: it may be secret.
    #[error("the value of header `{name}` cannot be sent in a header (control characters or non-ASCII text)")]
    HeaderValue {
        /// The header.
        name: &'static str,
    },
    /// A header name that HTTP does not allow.
    #[error("`{name}` is not a valid header name")]
    HeaderName {
        /// The name.
        name: &'static str,
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
    /// The JSON body could not be serialised.
    #[error("the request body cannot be serialised: {0}")]
    Body(#[source] serde_json::Error),
}

/// A wire value that names no variant of a generated enum.
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
