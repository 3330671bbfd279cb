//! The contract between generated code and the client: an [`Operation`]
//! writes its params into [`RequestParts`] and decodes a [`RawResponse`].

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::enums::{Undocumented, checked};
use crate::error::{DecodeError, Failure, InvalidRequest, Redirect, UnexpectedStatus};
use crate::form::{FilePart, Form, is_content_type};
use crate::params::{ParamValue, Texts, encode, encode_into, is_unreserved_text};
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
/// list) is refused: [`InvalidRequest::UndocumentedValue`]; values are
/// watched for one unless [`watch_unknown`](Self::watch_unknown) says
/// otherwise.
pub struct RequestParts {
    /// The template until a param fills it: a call without path params
    /// does not copy it.
    path: Cow<'static, str>,
    /// The path with secret values redacted, for `Debug`; `None` until a
    /// path param is filled (it is then the template), so that a call
    /// without path params does not copy the template twice.
    shown_path: Option<String>,
    /// The query string as it goes on the wire (percent-encoded, without
    /// the `?`), written as each param is added: one buffer for all the
    /// pairs, where a pair each would be an allocation of its own.
    query: String,
    /// Where the secret pairs start in `query`, for `Debug` to redact.
    secret_pairs: Vec<usize>,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    /// The multipart body, once a part is added; it is then the body.
    form: Option<Form>,
    problems: Vec<InvalidRequest>,
    /// Whether the values written next are watched for an `Unknown` variant.
    watch_unknown: bool,
}

/// The room a query string starts with: a few pairs of IDs and numbers,
/// which would otherwise grow the string pair by pair, and the path that
/// is put before them to make the request target
/// ([`RequestParts::take_wire`]).
const QUERY_ROOM: usize = 128;

/// The text `Debug` shows for a value.
fn shown(value: &str, secret: bool) -> &str {
    if secret { REDACTED } else { value }
}

impl RequestParts {
    /// Starts a request for a path template: a spec's, compiled in.
    pub fn new(template: &'static str) -> Self {
        Self {
            path: Cow::Borrowed(template),
            shown_path: None,
            query: String::new(),
            secret_pairs: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            form: None,
            problems: Vec::new(),
            watch_unknown: true,
        }
    }

    /// Whether the values written next are watched for an enum's `Unknown`
    /// variant, and refused when they hold one: on at first. Watching is a
    /// thread-local mark around writing each value, since a value's
    /// `Serialize` and [`ParamValue`] impls cannot report it otherwise.
    /// The generated `write` turns it off for the values whose type cannot
    /// hold an `Unknown` (strings, numbers, enums that only requests use,
    /// and what is made of them), which the generator knows, and on again
    /// for the others; a value written unwatched is sent as it is.
    pub fn watch_unknown(&mut self, watch: bool) {
        self.watch_unknown = watch;
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
        let shown_path = self.shown_path.get_or_insert_with(|| self.path.to_string());
        *shown_path = shown_path.replace(&placeholder, shown(&text, secret));
        self.path = Cow::Owned(self.path.replace(&placeholder, &text));
    }

    /// Adds a query param: one `name=value` pair per text form, none when
    /// the value is absent. A secret one is redacted in `Debug`.
    pub fn query(&mut self, name: &'static str, value: &dyn ParamValue, secret: bool) {
        // One text (the usual case) is written into the query in place.
        let end = self.query.len();
        match self.watched(name, &mut |parts| parts.push_query_text(name, value)) {
            Some(Some(pair)) => self.mark_secret(pair, secret),
            Some(None) => {
                let values = self.texts(name, value).map(Texts::into_vec).unwrap_or_default();
                for value in values {
                    let pair = self.push_query_name(name);
                    encode_into(&value, &mut self.query);
                    self.mark_secret(pair, secret);
                }
            }
            // Refused: the pair written is taken back.
            None => self.query.truncate(end),
        }
    }

    /// Appends `name=` and the value's one text, percent-encoded, and
    /// returns where the pair starts; `None`, with nothing written, for a
    /// value without exactly one text.
    fn push_query_text(&mut self, name: &str, value: &dyn ParamValue) -> Option<usize> {
        let end = self.query.len();
        let pair = self.push_query_name(name);
        let text = self.query.len();
        if !value.param_text(&mut self.query) {
            self.query.truncate(end);
            return None;
        }
        // Written as it is, and encoded only when it needs to be: most
        // values (IDs, numbers, tokens) need no escape.
        if !is_unreserved_text(&self.query[text..]) {
            let raw = self.query.split_off(text);
            encode_into(&raw, &mut self.query);
        }
        Some(pair)
    }

    /// Appends the separator, if a pair comes before, then `name=`, and
    /// returns where the pair starts.
    fn push_query_name(&mut self, name: &str) -> usize {
        match self.query.is_empty() {
            true => self.query.reserve(QUERY_ROOM),
            false => self.query.push('&'),
        }
        let pair = self.query.len();
        encode_into(name, &mut self.query);
        self.query.push('=');
        pair
    }

    /// Notes that the pair starting at `start` is secret, when it is.
    fn mark_secret(&mut self, start: usize, secret: bool) {
        if secret {
            self.secret_pairs.push(start);
        }
    }

    /// The query's pairs: where each starts, its name and its value, as
    /// on the wire.
    fn query_pairs(&self) -> impl Iterator<Item = (usize, &str, &str)> {
        let mut start = 0;
        self.query
            .split('&')
            .filter(|_| !self.query.is_empty())
            .map(move |pair| {
                let at = start;
                start += pair.len() + 1;
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (at, name, value)
            })
    }

    /// Sets a header; a secret one is marked sensitive, so that the HTTP
    /// stack never shows it either. Only visible ASCII, space and tab are
    /// sent: `HeaderValue` takes those and also bytes above 0x7F, which
    /// servers read in differing charsets, so ASCII is asked of the text
    /// first and `HeaderValue` checks the rest.
    pub fn header(&mut self, name: &'static str, value: &dyn ParamValue, secret: bool) {
        let bytes = match value.static_text() {
            // A text compiled in (a listed enum value) is sent uncopied.
            Some(text) => Bytes::from_static(text.as_bytes()),
            // One value (the usual case) is sent as it is, not joined anew;
            // the String's bytes become the value's, uncopied.
            None => Bytes::from(match self.texts(name, value) {
                Some(Texts::One(text)) => text,
                Some(Texts::List(mut values)) => match values.len() {
                    0 => return,
                    1 => values.swap_remove(0),
                    _ => values.join(","),
                },
                None => return,
            }),
        };
        let Some(header_name) = header_name(name) else {
            return self.problems.push(InvalidRequest::HeaderName { name });
        };
        match bytes.is_ascii().then(|| HeaderValue::from_maybe_shared(bytes)) {
            Some(Ok(mut header)) => {
                header.set_sensitive(secret);
                self.headers.append(header_name, header);
            }
            _ => self.problems.push(InvalidRequest::HeaderValue { name }),
        }
    }

    /// Sets the JSON body.
    pub fn json(&mut self, body: &impl serde::Serialize) {
        // Only the serialisation is generic: it is compiled once per body type.
        let written = match self.watch_unknown {
            true => checked(&mut || serde_json::to_vec(body)),
            false => (serde_json::to_vec(body), None),
        };
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
        // A session value is a `Secret<String>`, which holds no enum.
        let watch = std::mem::replace(&mut self.watch_unknown, false);
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
        self.watch_unknown = watch;
    }

    /// Whether the request already carries the param.
    fn carries(&self, param: &SessionParam) -> bool {
        match param.location {
            // Without a `format!` per call: `{name}` still in the path.
            Location::Path => !self.path.split('{').skip(1).any(|rest| {
                rest.strip_prefix(param.name)
                    .is_some_and(|after| after.starts_with('}'))
            }),
            Location::Query => self.query_pairs().any(|(_, name, _)| decode(name) == param.name),
            _ => self.headers.contains_key(param.name),
        }
    }

    /// The text forms of a param's value; `None`, and a problem, when it
    /// is watched and holds an enum value the spec does not list (an
    /// `Unknown` variant).
    fn texts(&mut self, name: &'static str, value: &dyn ParamValue) -> Option<Texts> {
        self.watched(name, &mut |_| Texts::of(value))
    }

    /// `write`'s result, which writes the value of the param `name`;
    /// `None`, and a problem, when the value is watched and holds an
    /// `Unknown` variant.
    fn watched<R>(&mut self, name: &'static str, write: &mut dyn FnMut(&mut Self) -> R) -> Option<R> {
        if !self.watch_unknown {
            return Some(write(self));
        }
        match checked(&mut || write(self)) {
            (written, None) => Some(written),
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
        match self.query.is_empty() {
            true => self.path.to_string(),
            false => [&self.path, "?", &self.query].concat(),
        }
    }

    /// The path with its params filled in, percent-encoded.
    #[cfg(test)]
    pub(crate) fn filled_path(&self) -> &str {
        &self.path
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

    /// The problems met while writing.
    #[cfg(test)]
    pub(crate) fn problems(&self) -> &[InvalidRequest] {
        &self.problems
    }

    /// The first problem met while writing, if any.
    pub(crate) fn check(&mut self) -> Result<(), InvalidRequest> {
        match self.problems.is_empty() {
            true => Ok(()),
            false => Err(self.problems.swap_remove(0)),
        }
    }

    /// The parts as they go on the wire. The request target (the
    /// filled path, then `?` and the query) is built in the query's buffer,
    /// whose room is most often enough for the path too, and is the path
    /// itself when there is no query: no allocation of its own.
    /// Taken out of the parts, which are left empty: the parts stay where
    /// they are, not moved whole.
    pub(crate) fn take_wire(&mut self) -> WireParts {
        let path = std::mem::take(&mut self.path);
        let path_len = path.len();
        let target = match self.query.is_empty() {
            true => path,
            false => {
                let mut target = std::mem::take(&mut self.query);
                target.insert(0, '?');
                target.insert_str(0, &path);
                Cow::Owned(target)
            }
        };
        let body = match self.form.take() {
            Some(form) => Some(form.into_bytes()),
            None => self.body.take(),
        };
        WireParts {
            target,
            path_len,
            headers: std::mem::take(&mut self.headers),
            body,
        }
    }
}

/// A checked request as it goes on the wire.
pub(crate) struct WireParts {
    /// The request target: the filled path, then `?` and the query when
    /// there is one, percent-encoded.
    pub target: Cow<'static, str>,
    /// Where the path ends in `target`.
    pub path_len: usize,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
}

/// A query name or value as it was before percent-encoding.
fn decode(encoded: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(encoded).decode_utf8_lossy()
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

impl fmt::Debug for RequestParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Shown as written, decoded: the encoding escaped every byte but
        // the unreserved ones, so decoding gives back the text.
        let query: Vec<(Cow<str>, Cow<str>)> = self
            .query_pairs()
            .map(|(start, name, value)| {
                let value = match self.secret_pairs.contains(&start) {
                    true => Cow::Borrowed(REDACTED),
                    false => decode(value),
                };
                (decode(name), value)
            })
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

    /// Exactly visible ASCII, space and tab are sent: what `HeaderValue`
    /// takes, less the bytes above 0x7F.
    #[test]
    fn a_header_value_is_visible_ascii_space_or_tab() {
        let texts = (0..0x80u8).map(char::from).chain(['\u{80}', 'é', 'ÿ', '会']);
        for c in texts {
            let mut parts = RequestParts::new("/");
            parts.header("X-Value", &format!("a{c}b"), false);
            let sent = c == '\t' || (' '..='~').contains(&c);
            assert_eq!(parts.problems.is_empty(), sent, "{c:?}");
            if !sent {
                assert!(matches!(
                    parts.problems[..],
                    [InvalidRequest::HeaderValue { name: "X-Value" }]
                ));
            }
        }
    }

    /// The query is kept as it goes on the wire; `Debug` shows each value
    /// as written, a secret one (each of a list) redacted.
    #[test]
    fn the_query_is_shown_decoded_and_secrets_redacted() {
        let mut parts = RequestParts::new("/");
        parts.query("q", &"a b&c=d/é~".to_owned(), false);
        parts.query("key", &crate::Secret::<String>::from("s3cr3t"), true);
        parts.query("keys", &vec!["k1".to_owned(), "k2".to_owned()], true);
        parts.query("none", &None::<i32>, false);
        parts.query("n", &-7, false);
        assert_eq!(
            parts.path_and_query(),
            "/?q=a%20b%26c%3Dd%2F%C3%A9~&key=s3cr3t&keys=k1&keys=k2&n=-7"
        );
        let shown = format!("{parts:?}");
        assert!(shown.contains(r#"("q", "a b&c=d/é~")"#), "{shown}");
        assert!(
            shown.contains(r#"("key", "[redacted]"), ("keys", "[redacted]"), ("keys", "[redacted]"), ("n", "-7")"#),
            "{shown}"
        );
        assert!(!shown.contains("s3cr3t") && !shown.contains("k1"), "{shown}");
        let wire = parts.take_wire();
        assert_eq!(&wire.target[..wire.path_len], "/");
    }
}
