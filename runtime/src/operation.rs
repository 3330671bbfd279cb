//! The contract between generated code and the client: an [`Operation`]
//! writes its params into [`RequestParts`] and decodes a [`RawResponse`].

use std::fmt;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::enums::{Undocumented, checked};
use crate::error::{DecodeError, Failure, InvalidRequest, Redirect, UnexpectedStatus};
use crate::form::{FilePart, Form, is_content_type};
use crate::params::{ParamValue, Texts, encode, encode_into};
use crate::parsed::ParsedOnce;
use crate::secret::REDACTED;
use crate::session::{SessionParam, SessionValues};
use crate::wire::Location;

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
    /// The params a session may fill, when a request leaves them unset.
    pub session: &'static [SessionParam],
}

/// A request being assembled: path, query, headers and body (JSON, or the
/// parts of a `multipart/form-data` body), each value already in its wire
/// form. `Debug` shows secret path and query values as `[redacted]`,
/// secret headers as `Sensitive`, and the body only by its length. A
/// value that holds an enum's `Unknown` variant (a value the spec does not
/// list) is refused: [`InvalidRequest::UndocumentedValue`].
pub struct RequestParts {
    path: String,
    /// The path with secret values redacted, for `Debug`; `None` until a
    /// path param is filled (it is then the template), so that a call
    /// without path params does not copy the template twice.
    shown_path: Option<String>,
    query: Vec<QueryPair>,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    /// The multipart body, once a part is added; it is then the body.
    form: Option<Form>,
    problems: Vec<InvalidRequest>,
}

struct QueryPair {
    /// A spec's param name: static, so that a pair does not copy it.
    name: &'static str,
    value: String,
    secret: bool,
}

/// The text `Debug` shows for a value.
fn shown(value: &str, secret: bool) -> &str {
    if secret { REDACTED } else { value }
}

impl RequestParts {
    /// Starts a request for a path template.
    pub fn new(template: &str) -> Self {
        Self {
            path: template.to_owned(),
            shown_path: None,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            form: None,
            problems: Vec::new(),
        }
    }

    /// Fills `{name}` in the path with the value, percent-encoded (`/`
    /// included, so a value stays one segment). An empty value, `.` or
    /// `..` is refused: URL parsing would drop or climb a segment, and
    /// percent-encoding the dots does not help, since `%2e` counts as a
    /// dot there too.
    pub fn path(&mut self, name: &'static str, value: &dyn ParamValue, secret: bool) {
        let text = match self.texts(name, value) {
            Some(Texts::One(text)) => encode(&text),
            Some(Texts::List(texts)) => texts.iter().map(|t| encode(t)).collect::<Vec<_>>().join(","),
            None => return,
        };
        if matches!(text.as_str(), "" | "." | "..") {
            return self.problems.push(InvalidRequest::PathSegment { name });
        }
        let placeholder = format!("{{{name}}}");
        // Started from the path before this fill: the template, with the
        // params filled so far.
        let shown_path = self.shown_path.get_or_insert_with(|| self.path.clone());
        *shown_path = shown_path.replace(&placeholder, shown(&text, secret));
        self.path = self.path.replace(&placeholder, &text);
    }

    /// Adds a query param: one `name=value` pair per text form, none when
    /// the value is absent. A secret one is redacted in `Debug`.
    pub fn query(&mut self, name: &'static str, value: &dyn ParamValue, secret: bool) {
        match self.texts(name, value) {
            Some(Texts::One(value)) => self.query.push(QueryPair { name, value, secret }),
            Some(Texts::List(values)) => {
                for value in values {
                    self.query.push(QueryPair { name, value, secret });
                }
            }
            None => {}
        }
    }

    /// Sets a header; a secret one is marked sensitive, so that the HTTP
    /// stack never shows it either. Only visible ASCII, space and tab are
    /// sent: `HeaderValue` would also take bytes above 0x7F, which servers
    /// read in differing charsets.
    pub fn header(&mut self, name: &'static str, value: &dyn ParamValue, secret: bool) {
        // One value (the usual case) is sent as it is, not joined anew.
        let text = match self.texts(name, value) {
            Some(Texts::One(text)) => text,
            Some(Texts::List(mut values)) => match values.len() {
                0 => return,
                1 => values.swap_remove(0),
                _ => values.join(","),
            },
            None => return,
        };
        let Some(header_name) = header_name(name) else {
            return self.problems.push(InvalidRequest::HeaderName { name });
        };
        if !is_header_text(&text) {
            return self.problems.push(InvalidRequest::HeaderValue { name });
        }
        // From the String itself: its bytes become the value's, uncopied.
        match HeaderValue::try_from(text) {
            Ok(mut header) => {
                header.set_sensitive(secret);
                self.headers.append(header_name, header);
            }
            _ => self.problems.push(InvalidRequest::HeaderValue { name }),
        }
    }

    /// Sets the JSON body.
    pub fn json(&mut self, body: &impl serde::Serialize) {
        // Only the serialisation is generic: it is compiled once per body type.
        let written = checked(&mut || serde_json::to_vec(body));
        self.set_json(written);
    }

    /// Takes the written JSON body as the body, or notes why it is refused.
    fn set_json(&mut self, written: (serde_json::Result<Vec<u8>>, Option<Undocumented>)) {
        match written {
            (_, Some(found)) => self.problems.push(found.refused(None)),
            (Ok(bytes), None) => {
                self.headers
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                self.body = Some(bytes);
            }
            (Err(error), None) => self.problems.push(InvalidRequest::Body(error)),
        }
    }

    /// Adds a text part to the `multipart/form-data` body: one part per
    /// text form of the value, none when it is absent. Text parts go
    /// before every file part, as the official SDK sends them.
    pub fn form_text(&mut self, name: &'static str, value: &dyn ParamValue) {
        for text in self.texts(name, value).map(Texts::into_vec).unwrap_or_default() {
            self.form().text(name, &text);
        }
    }

    /// Adds a file part to the `multipart/form-data` body, after the parts
    /// so far: `Content-Disposition: form-data; name="<name>";
    /// filename="<file name>"` (quotes, CR and LF percent-encoded), and a
    /// Content-Type only when the file has one. An empty file name, or a
    /// Content-Type that is not one header line of visible ASCII, is
    /// refused when the request is sent.
    pub fn form_file(&mut self, name: &'static str, file: &FilePart) {
        if file.file_name().is_empty() {
            return self.problems.push(InvalidRequest::FileName { name });
        }
        if file.content_type().is_some_and(|c| !is_content_type(c)) {
            return self.problems.push(InvalidRequest::FileContentType { name });
        }
        self.form().file(name, file);
    }

    /// Fills each session param that the request left unset with its
    /// value from `values`; a required one with no value is a problem.
    pub(crate) fn fill_session(&mut self, params: &[SessionParam], values: &SessionValues) {
        for param in params {
            if self.carries(param) {
                continue;
            }
            match values.get(param.value) {
                Some(value) => match param.location {
                    Location::Path => self.path(param.name, value, param.secret),
                    Location::Query => self.query(param.name, value, param.secret),
                    _ => self.header(param.name, value, param.secret),
                },
                None if param.required => self.problems.push(InvalidRequest::MissingSessionValue {
                    name: param.name,
                    value: param.value,
                }),
                None => {}
            }
        }
    }

    /// Whether the request already carries the param.
    fn carries(&self, param: &SessionParam) -> bool {
        match param.location {
            // Without a `format!` per call: `{name}` still in the path.
            Location::Path => !self.path.split('{').skip(1).any(|rest| {
                rest.strip_prefix(param.name)
                    .is_some_and(|after| after.starts_with('}'))
            }),
            Location::Query => self.query.iter().any(|pair| pair.name == param.name),
            _ => self.headers.contains_key(param.name),
        }
    }

    /// The text forms of a param's value; `None`, and a problem, when it
    /// holds an enum value the spec does not list (an `Unknown` variant).
    fn texts(&mut self, name: &'static str, value: &dyn ParamValue) -> Option<Texts> {
        match checked(&mut || Texts::of(value)) {
            (texts, None) => Some(texts),
            (_, Some(found)) => {
                self.problems.push(found.refused(Some(name)));
                None
            }
        }
    }

    /// The multipart body, started (with its Content-Type) on first use.
    fn form(&mut self) -> &mut Form {
        let headers = &mut self.headers;
        self.form.get_or_insert_with(|| {
            let form = Form::new();
            if let Ok(value) = HeaderValue::from_str(&form.content_type()) {
                headers.insert(CONTENT_TYPE, value);
            }
            form
        })
    }

    /// The filled path and the query string, percent-encoded: the
    /// request target as it goes on the wire.
    pub fn path_and_query(&self) -> String {
        let mut text = self.path.clone();
        if self.has_query() {
            text.push('?');
            self.write_query(&mut text);
        }
        text
    }

    /// The path with its params filled in, percent-encoded.
    pub(crate) fn filled_path(&self) -> &str {
        &self.path
    }

    /// Whether any query pair is set.
    pub(crate) fn has_query(&self) -> bool {
        !self.query.is_empty()
    }

    /// The length of the query string when no value needs escaping (the
    /// usual case): the room to reserve for it.
    pub(crate) fn query_len(&self) -> usize {
        self.query
            .iter()
            .map(|pair| pair.name.len() + pair.value.len() + 2)
            .sum()
    }

    /// Appends the query string, percent-encoded, without the `?`:
    /// written in place, so that a call does not allocate per pair.
    pub(crate) fn write_query(&self, out: &mut String) {
        // Room for the pairs unescaped, the usual case: one allocation.
        out.reserve(self.query_len());
        for (i, pair) in self.query.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            encode_into(pair.name, out);
            out.push('=');
            encode_into(&pair.value, out);
        }
    }

    /// The headers set so far.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body, if any: the JSON, or the whole `multipart/form-data`
    /// body once a part is added.
    pub fn body(&self) -> Option<&[u8]> {
        match &self.form {
            Some(form) => Some(form.bytes()),
            None => self.body.as_deref(),
        }
    }

    /// The first problem met while writing, if any.
    pub(crate) fn into_checked(mut self) -> Result<Self, InvalidRequest> {
        match self.problems.is_empty() {
            true => Ok(self),
            false => Err(self.problems.swap_remove(0)),
        }
    }

    pub(crate) fn into_parts(self) -> (HeaderMap, Option<Vec<u8>>) {
        let body = match self.form {
            Some(form) => Some(form.into_bytes()),
            None => self.body,
        };
        (self.headers, body)
    }
}

/// The header names met so far, each parsed once: a mixed-case name such
/// as `X-Conference-Authorization` would otherwise be lower-cased into an
/// allocation of its own on every call; a cached one is shared.
static HEADER_NAMES: ParsedOnce<HeaderName> = ParsedOnce::new();

/// `name` as a header name, `None` when it is not one.
fn header_name(name: &'static str) -> Option<HeaderName> {
    HEADER_NAMES.with(
        name,
        |name| HeaderName::from_bytes(name.as_bytes()).ok(),
        HeaderName::clone,
    )
}

/// Visible ASCII, space and tab: what a header value may hold.
fn is_header_text(text: &str) -> bool {
    text.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

impl fmt::Debug for RequestParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|pair| (pair.name, shown(&pair.value, pair.secret)))
            .collect();
        f.debug_struct("RequestParts")
            .field("path", &self.shown_path.as_deref().unwrap_or(&self.path))
            .field("query", &query)
            .field("headers", &self.headers)
            .field("body_len", &self.body().map(<[u8]>::len))
            .field("problems", &self.problems)
            .finish()
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
        // The error path is not generic, so it is compiled once, not per type.
        match serde_json::from_slice(&self.body) {
            Ok(value) => Ok(value),
            Err(source) => Err(self.decode_failure(source)),
        }
    }

    /// The failure of a body that did not decode, keeping the response.
    fn decode_failure(&self, source: serde_json::Error) -> Failure {
        Failure::Decode(DecodeError::new(
            self.status,
            self.headers.clone(),
            self.body.clone(),
            source,
        ))
    }

    /// The failure for a status the spec does not document: a
    /// [`Redirect`] for a 3xx, else an [`UnexpectedStatus`].
    pub fn unexpected_status(&self) -> Failure {
        let (status, headers, body) = (self.status, self.headers.clone(), self.body.clone());
        match status.is_redirection() {
            true => Failure::Redirect(Redirect::new(status, headers, body)),
            false => Failure::UnexpectedStatus(UnexpectedStatus::new(status, headers, body)),
        }
    }

    /// The documented outcome of `O` for this response: what
    /// [`crate::Client::send`] returns, for a response obtained with
    /// [`crate::Client::execute`].
    pub fn into_response<O: Operation>(self) -> Result<Response<O::Response>, O::Error> {
        let body = O::decode(&self)?;
        Ok(Response::new(self.status, self.headers, body))
    }
}

/// A successful call: the status, the headers and the decoded body, each
/// read through a method.
#[derive(Clone, Debug)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self { status, headers, body }
    }

    /// The status, one of those the spec documents as successful.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The `X-Request-Id` header, which the service's support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get("x-request-id").and_then(|v| v.to_str().ok())
    }

    /// The decoded body, without the status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The status, the headers and the decoded body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cached name is the name parsed anew, and a name that is not one
    /// is refused each time, never cached.
    #[test]
    fn header_names_are_parsed_once_and_refused_every_time() {
        for _ in 0..2 {
            let name = header_name("X-Conference-Authorization").expect("a name");
            assert_eq!(name, HeaderName::from_static("x-conference-authorization"));
            assert!(header_name("Bad Name").is_none());
        }
        assert!(!HEADER_NAMES.holds("Bad Name"));
    }
}
