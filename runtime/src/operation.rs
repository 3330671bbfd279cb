//! The contract between generated code and the client: an [`Operation`]
//! writes its params into [`RequestParts`] and decodes a [`RawResponse`].

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Failure, InvalidRequest, UnexpectedStatus};
use crate::params::{ParamValue, encode, texts};

/// One endpoint's request type. Implemented by the `#[meeting_api]`
/// attribute for each spec's request; sent with [`crate::Client::send`].
pub trait Operation {
    /// What a documented 2xx status decodes into.
    type Response;
    /// The operation's error enum.
    type Error: From<Failure>;
    /// The spec's name, method, path template and server.
    const INFO: OperationInfo;

    /// Puts every param where the spec says it travels.
    fn write(&self, request: &mut RequestParts);

    /// Maps a response to the documented outcome for its status.
    fn decode(response: &RawResponse) -> Result<Self::Response, Self::Error>;
}

/// What a spec says about an operation, beyond its params.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The spec's `name`.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template with `{name}` placeholders.
    pub path: &'static str,
    /// Default base URL.
    pub server: Option<&'static str>,
}

/// A request being assembled: path, query, headers and body, each value
/// already in its wire form.
#[derive(Debug)]
pub struct RequestParts {
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    problems: Vec<InvalidRequest>,
}

impl RequestParts {
    /// Starts a request for a path template.
    pub fn new(template: &str) -> Self {
        Self {
            path: template.to_owned(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            problems: Vec::new(),
        }
    }

    /// Fills `{name}` in the path with the value, percent-encoded (`/`
    /// included, so a value stays one segment).
    pub fn path(&mut self, name: &str, value: &dyn ParamValue) {
        let text = texts(value).iter().map(|t| encode(t)).collect::<Vec<_>>().join(",");
        self.path = self.path.replace(&format!("{{{name}}}"), &text);
    }

    /// Adds a query param: one `name=value` pair per text form, none when
    /// the value is absent.
    pub fn query(&mut self, name: &str, value: &dyn ParamValue) {
        for text in texts(value) {
            self.query.push((name.to_owned(), text));
        }
    }

    /// Sets a header; a secret one is marked sensitive, so that the HTTP
    /// stack never shows it either.
    pub fn header(&mut self, name: &'static str, value: &dyn ParamValue, secret: bool) {
        let values = texts(value);
        if values.is_empty() {
            return;
        }
        let Ok(header_name) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.problems.push(InvalidRequest::HeaderName { name });
        };
        match HeaderValue::from_str(&values.join(",")) {
            Ok(mut header) => {
                header.set_sensitive(secret);
                self.headers.append(header_name, header);
            }
            Err(_) => self.problems.push(InvalidRequest::HeaderValue { name }),
        }
    }

    /// Sets the JSON body.
    pub fn json(&mut self, body: &impl serde::Serialize) {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.headers
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                self.body = Some(bytes);
            }
            Err(error) => self.problems.push(InvalidRequest::Body(error)),
        }
    }

    /// The filled path and the query string, percent-encoded: the
    /// request target as it goes on the wire.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let pairs: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!("{}?{}", self.path, pairs.join("&"))
    }

    /// The headers set so far.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The JSON body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The first problem met while writing, if any.
    pub(crate) fn into_checked(mut self) -> Result<Self, InvalidRequest> {
        match self.problems.is_empty() {
            true => Ok(self),
            false => Err(self.problems.swap_remove(0)),
        }
    }

    pub(crate) fn into_parts(self) -> (HeaderMap, Option<Vec<u8>>) {
        (self.headers, self.body)
    }
}

/// A response as received: status, headers and the whole body.
#[derive(Clone, Debug)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self { status, headers, body }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body decoded as JSON, or a [`DecodeError`] keeping the bytes.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        serde_json::from_slice(&self.body).map_err(|source| {
            Failure::Decode(DecodeError::new(
                self.status,
                self.headers.clone(),
                self.body.clone(),
                source,
            ))
        })
    }

    /// The failure for a status the spec does not document.
    pub fn unexpected_status(&self) -> Failure {
        Failure::UnexpectedStatus(UnexpectedStatus::new(
            self.status,
            self.headers.clone(),
            self.body.clone(),
        ))
    }

    pub(crate) fn into_head(self) -> (StatusCode, HeaderMap) {
        (self.status, self.headers)
    }
}

/// A successful call: the decoded body with the status and headers.
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> Response<T> {
    /// The `X-Request-Id` header, which the service's support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get("x-request-id").and_then(|v| v.to_str().ok())
    }

    /// The decoded body.
    pub fn into_body(self) -> T {
        self.body
    }
}
