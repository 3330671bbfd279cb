//! A request read against its spec: every param found where the spec puts
//! it, converted from its wire text to its type, and checked with the same
//! value rules that the spec's own examples obey (`meeting_api_spec::values`);
//! a plain string, which no rule holds to anything, is kept as its text.

use std::borrow::Cow;
use std::fmt;

use http::HeaderMap;
use http::header::HeaderName;
use meeting_api_spec::position::Path;
use meeting_api_spec::{ExampleRequest, Param, ParamIn, Schema, Shape, Spec, from_wire_text};
use serde_json::{Map, Value};

use super::clip;
use meeting_api_spec::multipart::{self, Part};

/// The parts of a request that params travel in.
#[derive(Debug)]
pub struct Incoming<'a> {
    /// The raw (percent-encoded) values of the path's `{name}` segments.
    pub path: &'a [(&'a str, &'a str)],
    /// The raw query string, without `?`.
    pub query: Option<&'a str>,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The body, possibly empty.
    pub body: &'a [u8],
}

/// Why a request is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Required secret headers are missing: the service answers 401 before
    /// it looks at anything else.
    Unauthorized(Vec<String>),
    /// Params are missing or wrong, or the body is malformed: 400.
    Invalid(Vec<Fault>),
}

/// Names the first few faults and counts the others, so that the text stays
/// short however many there are.
impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unauthorized(headers) => {
                let names = clip::listed(headers.iter().map(|h| format!("`{h}`")), ", ");
                write!(f, "required credential header {names} is missing")
            }
            Self::Invalid(faults) => f.write_str(&clip::listed(faults.iter().map(Fault::to_string), "; ")),
        }
    }
}

/// One thing wrong with a request. Its message never quotes a secret value,
/// and quotes any other value of the request cut to a few dozen bytes
/// ([`clip::message`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Fault {
    /// Where the offending value travels.
    pub location: ParamIn,
    /// The param's wire name; `None` for the body as a whole.
    pub param: Option<String>,
    /// What is wrong, at most [`clip::MAX_MESSAGE`] bytes and a marker.
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.param {
            Some(param) => write!(f, "{} param `{param}`: {}", self.location, self.message),
            None => write!(f, "body: {}", self.message),
        }
    }
}

/// What [`validate_with`] looks up in every request of one spec, prepared
/// once at start: each header param's name as a [`HeaderName`], so that a
/// request's headers are found without parsing (and lower-casing) the
/// spec's spelling of each name again, and what kind of body the spec
/// takes, so that its params are not searched for it again.
#[derive(Debug)]
pub struct Plan {
    /// By the index of the param in the spec: its header name, for a
    /// header param whose name is one (a spec's always are; one that were
    /// not could match no header, as `HeaderMap::get_all` of it matches
    /// none).
    headers: Vec<Option<HeaderName>>,
    /// By the index of the param: whether it is a plain string of the
    /// path, query or headers, one no rule holds to a list of values or
    /// a length. Its text is its value: kept as the request has it, with
    /// no check to run and no copy to make.
    plain: Vec<bool>,
    /// [`Spec::has_body`].
    json_body: bool,
    /// [`Spec::is_multipart`].
    multipart: bool,
    /// Whether a param is the whole body ([`Spec::whole_body`]).
    whole_body: bool,
}

impl Plan {
    /// The plan of `spec`.
    pub fn new(spec: &Spec) -> Self {
        let headers = spec
            .params
            .iter()
            .map(|p| match p.location {
                ParamIn::Header => HeaderName::try_from(p.field.name.as_str()).ok(),
                _ => None,
            })
            .collect();
        let plain = spec.params.iter().map(is_plain).collect();
        Self {
            headers,
            plain,
            json_body: spec.has_body(),
            multipart: spec.is_multipart(),
            whole_body: spec.whole_body().is_some(),
        }
    }
}

/// Whether `param` is a plain string of the path, query or headers (see
/// [`Plan`]): its value rules are then met by any text.
fn is_plain(param: &Param) -> bool {
    let text_location = matches!(param.location, ParamIn::Path | ParamIn::Query | ParamIn::Header);
    let unruled = match &param.field.schema.shape {
        Shape::String { values, length } => values.is_empty() && length.min.is_none() && length.max.is_none(),
        _ => false,
    };
    text_location && unruled
}

/// One param's value as a request gave it.
#[derive(Clone, Debug, PartialEq)]
pub enum Given<'r> {
    /// A plain string's text ([`Plan`]), borrowed from the request unless
    /// it had to be decoded.
    Text(Cow<'r, str>),
    /// Any other value, read as its type.
    Typed(Value),
}

impl Given<'_> {
    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::Typed(value) => value.as_str(),
        }
    }

    /// The value as text: a string as itself, any other value as its JSON.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Text(text) => Cow::Borrowed(text),
            Self::Typed(Value::String(text)) => Cow::Borrowed(text),
            Self::Typed(value) => Cow::Owned(value.to_string()),
        }
    }
}

/// A request's values, one slot per param of its spec, in the spec's
/// order: what the mock's later stages look up by the param's index, with
/// no name copied into it per request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Values<'r>(Vec<Option<Given<'r>>>);

impl Values<'_> {
    /// The value of the spec's param at `index`, if the request gave one.
    pub fn get(&self, index: usize) -> Option<&Given<'_>> {
        self.0.get(index)?.as_ref()
    }

    /// The values of a documented request (a spec's example), slot by
    /// slot as a request's, so that the two compare param by param.
    pub fn of_example(spec: &Spec, request: &ExampleRequest) -> Self {
        Self(
            spec.params
                .iter()
                .map(|p| request.value_of(p).cloned().map(Given::Typed))
                .collect(),
        )
    }
}

/// The request's values, typed, when they all fit `spec`.
pub fn validate<'r>(spec: &Spec, incoming: &Incoming<'r>) -> Result<Values<'r>, Rejection> {
    validate_with(spec, &Plan::new(spec), incoming)
}

/// [`validate`], with the `plan` of `spec` prepared beforehand.
pub fn validate_with<'r>(spec: &Spec, plan: &Plan, incoming: &Incoming<'r>) -> Result<Values<'r>, Rejection> {
    let missing_credentials: Vec<String> = spec
        .params
        .iter()
        .zip(&plan.headers)
        .filter(|(p, name)| {
            p.location == ParamIn::Header
                && p.field.required
                && p.field.schema.secret
                && !has_value(incoming.headers, name.as_ref())
        })
        .map(|(p, _)| p.field.name.clone())
        .collect();
    if !missing_credentials.is_empty() {
        return Err(Rejection::Unauthorized(missing_credentials));
    }
    let mut faults = Vec::new();
    let mut body = read_body(plan, incoming.body, &mut faults);
    let parts = read_form(plan, incoming, &mut faults);
    // A body that cannot be read was reported as such; its params are not
    // also reported missing.
    let body_unreadable = !faults.is_empty();
    // Decoded once, then looked up by each query param. `;` separates pairs
    // as `&` does, as in the log's redaction: a value never runs past one,
    // so a secret after it is never quoted as part of another param.
    let mut query: Vec<(Cow<'_, str>, Cow<'_, str>)> = incoming
        .query
        .unwrap_or_default()
        .split(';')
        .flat_map(|pairs| form_urlencoded::parse(pairs.as_bytes()))
        .collect();
    let mut values = Vec::with_capacity(spec.params.len());
    for ((param, header), plain) in spec.params.iter().zip(&plan.headers).zip(&plan.plain) {
        let raw = match param.location {
            ParamIn::Body => Raw::from_body(&mut body, param),
            ParamIn::Form => Raw::Parts(parts.iter().filter(|p| p.name == param.field.name).collect()),
            ParamIn::Header => Raw::header(incoming.headers, header.as_ref()),
            location => Raw::texts(incoming, &mut query, location, &param.field.name),
        };
        let mut fault = |message: String| faults.push(fault(param, message));
        let value = match read(param, *plain, raw) {
            Ok(Some(Given::Typed(value))) => {
                // The value rules never quote a secret value.
                for violation in param.field.schema.violations(&value) {
                    fault(at(&violation.path, violation.message));
                }
                Some(Given::Typed(value))
            }
            Ok(Some(text)) => Some(text),
            Ok(None) if matches!(param.location, ParamIn::Body | ParamIn::Form) && body_unreadable => None,
            Ok(None) if param.field.required => {
                fault(missing(param, incoming.body));
                None
            }
            Ok(None) => None,
            Err(message) => {
                fault(message);
                None
            }
        };
        values.push(value);
    }
    // Each declared field was taken out of the body: what is left is not
    // declared. (A whole body was taken whole.)
    if let Some(Value::Object(map)) = &body {
        undeclared_fields(map, &mut faults);
    }
    undeclared_parts(spec, &parts, &mut faults);
    if faults.is_empty() {
        Ok(Values(values))
    } else {
        Err(Rejection::Invalid(faults))
    }
}

/// Whether the header is there with a value: an empty credential is none.
fn has_value(headers: &HeaderMap, name: Option<&HeaderName>) -> bool {
    name.is_some_and(|name| {
        headers
            .get_all(name)
            .iter()
            .any(|value| !value.as_bytes().trim_ascii().is_empty())
    })
}

/// A param's value as found in the request, before conversion: texts
/// borrowed from the request (`'a`), or the parts of its form (`'p`).
enum Raw<'a, 'p> {
    Absent,
    /// Given once, the common case: no list to allocate.
    One(Cow<'a, str>),
    /// Given more than once.
    Texts(Vec<Cow<'a, str>>),
    /// Taken out of the body: moved on, not copied.
    Json(Value),
    /// A header whose bytes are not text.
    Opaque,
    /// The parts of a multipart body with the param's name.
    Parts(Vec<&'p Part<'a>>),
}

impl<'a> Raw<'a, '_> {
    /// A path or query param's texts; a query param's are taken out of
    /// the decoded `query` (each param reads its own name once).
    fn texts(
        incoming: &Incoming<'a>,
        query: &mut [(Cow<'a, str>, Cow<'a, str>)],
        location: ParamIn,
        name: &str,
    ) -> Self {
        match location {
            ParamIn::Path => Self::gather(
                incoming
                    .path
                    .iter()
                    .filter(|(n, _)| *n == name)
                    .map(|(_, raw)| percent_encoding::percent_decode_str(raw).decode_utf8_lossy()),
            ),
            ParamIn::Query => Self::gather(
                query
                    .iter_mut()
                    .filter(|(n, _)| n == name)
                    .map(|(_, value)| std::mem::take(value)),
            ),
            ParamIn::Header | ParamIn::Body | ParamIn::Form => Self::Absent,
        }
    }

    /// A header param's texts, `name` being its prepared name.
    fn header(headers: &'a HeaderMap, name: Option<&HeaderName>) -> Self {
        let Some(name) = name else {
            return Self::Absent;
        };
        let mut values = headers.get_all(name).iter();
        let mut texts = Vec::new();
        // Checked as they are gathered: any value that is not text makes
        // the param opaque.
        let first = match values.next().map(|v| v.to_str()) {
            None => return Self::Absent,
            Some(Ok(text)) => text,
            Some(Err(_)) => return Self::Opaque,
        };
        for value in values {
            match value.to_str() {
                Ok(text) => texts.push(Cow::Borrowed(text)),
                Err(_) => return Self::Opaque,
            }
        }
        if texts.is_empty() {
            Self::One(Cow::Borrowed(first))
        } else {
            texts.insert(0, Cow::Borrowed(first));
            Self::Texts(texts)
        }
    }

    /// Absent, one text or several, as `texts` has.
    fn gather(mut texts: impl Iterator<Item = Cow<'a, str>>) -> Self {
        let Some(first) = texts.next() else {
            return Self::Absent;
        };
        match texts.next() {
            None => Self::One(first),
            Some(second) => {
                let mut all = vec![first, second];
                all.extend(texts);
                Self::Texts(all)
            }
        }
    }

    /// A body param's value, taken out of the body: a field of it, or the
    /// whole body.
    fn from_body(body: &mut Option<Value>, param: &Param) -> Self {
        let value = match (param.whole_body, body) {
            (true, body) => body.take(),
            (false, Some(Value::Object(map))) => map.remove(&param.field.name),
            (false, _) => None,
        };
        match value {
            Some(value) => Self::Json(value),
            None => Self::Absent,
        }
    }
}

/// A param's value, `None` when absent, or why it cannot be read; a
/// `plain` param's text given once is its value as it is.
fn read<'a>(param: &Param, plain: bool, raw: Raw<'a, '_>) -> Result<Option<Given<'a>>, String> {
    let typed = match raw {
        Raw::Absent => return Ok(None),
        Raw::One(text) if plain => return Ok(Some(Given::Text(text))),
        Raw::Json(value) => Ok(Some(value)),
        Raw::Opaque => Err("the header value is not visible ASCII text".to_owned()),
        Raw::Parts(parts) => form_value(&param.field.schema, &parts),
        Raw::One(text) => from_texts(param, std::slice::from_ref(&text)).map(Some),
        Raw::Texts(texts) => from_texts(param, &texts).map(Some),
    };
    typed.map(|value| value.map(Given::Typed))
}

/// A path, query or header param's value from its texts.
fn from_texts(param: &Param, texts: &[Cow<'_, str>]) -> Result<Value, String> {
    let schema = &param.field.schema;
    if let Shape::Array { items, .. } = &schema.shape {
        // The client repeats an array's query key, and joins it with `,`
        // in a path segment or a header.
        let elements: Vec<&str> = match param.location {
            ParamIn::Query => texts.iter().map(|t| t.as_ref()).collect(),
            _ => texts.iter().flat_map(|t| t.split(',')).collect(),
        };
        return elements
            .into_iter()
            .enumerate()
            .map(|(i, text)| typed(items, text, schema.secret).map_err(|why| at(&Path::root().index(i), why)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    match texts {
        [text] => typed(schema, text, false),
        _ => Err(format!("given {} times; expected once", texts.len())),
    }
}

/// A wire text as the schema's type; the message never quotes a secret
/// (`inside_secret`: the text is an element of a secret list), and what it
/// quotes is cut when the fault is made.
fn typed(schema: &Schema, text: &str, inside_secret: bool) -> Result<Value, String> {
    let value = match &schema.shape {
        Shape::Object { .. } | Shape::Array { .. } | Shape::Map { .. } => serde_json::from_str(text).ok(),
        shape => from_wire_text(shape, text),
    };
    value.ok_or_else(|| {
        let shown = if schema.holds_secret() || inside_secret {
            "the value".to_owned()
        } else {
            format!("{text:?}")
        };
        format!("{shown} is not {}", schema.shape.expected())
    })
}

/// A form param's value from its parts: a file as its JSON object (its
/// content as text, lossily), a text part as its type, as a query value
/// is read. `None` when no part has the name.
fn form_value(schema: &Schema, parts: &[&Part<'_>]) -> Result<Option<Value>, String> {
    let part = match parts {
        [] => return Ok(None),
        [part] => part,
        _ => return Err(format!("given {} times; expected once", parts.len())),
    };
    match (&schema.shape, &part.file_name) {
        (Shape::File, None) => {
            Err("sent as a text part; expected a file part, with a `filename` in its Content-Disposition".to_owned())
        }
        (Shape::File, Some(name)) if name.is_empty() => Err("the file part's `filename` is empty".to_owned()),
        (Shape::File, Some(name)) => {
            let mut file = Map::new();
            file.insert("filename".to_owned(), Value::from(name.as_str()));
            file.insert("content".to_owned(), String::from_utf8_lossy(part.body).into());
            if let Some(content_type) = &part.content_type {
                file.insert("content_type".to_owned(), Value::from(content_type.as_str()));
            }
            Ok(Some(Value::Object(file)))
        }
        (_, Some(_)) => Err("sent as a file part (with a `filename`); expected a text part".to_owned()),
        (_, None) => match std::str::from_utf8(part.body) {
            Ok(text) => typed(schema, text, false).map(Some),
            Err(_) => Err("the part's bytes are not UTF-8 text".to_owned()),
        },
    }
}

/// The parts of a multipart body, when the spec takes one and it is
/// there; a fault for a body that is not a form.
fn read_form<'a>(plan: &Plan, incoming: &Incoming<'a>, faults: &mut Vec<Fault>) -> Vec<Part<'a>> {
    if !plan.multipart || incoming.body.is_empty() {
        return Vec::new();
    }
    let content_type = incoming
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let parsed = multipart::boundary(content_type)
        .ok_or(multipart::MultipartError::ContentType)
        .and_then(|boundary| multipart::parse(incoming.body, boundary));
    parsed.unwrap_or_else(|error| {
        faults.push(Fault {
            location: ParamIn::Form,
            param: None,
            message: error.to_string(),
        });
        Vec::new()
    })
}

/// Each part whose name no `in: form` param declares.
fn undeclared_parts(spec: &Spec, parts: &[Part<'_>], faults: &mut Vec<Fault>) {
    for part in parts
        .iter()
        .filter(|part| spec.param(ParamIn::Form, &part.name).is_none())
    {
        faults.push(Fault {
            location: ParamIn::Form,
            param: Some(clip::cut(&part.name, clip::MAX_QUOTED).into_owned()),
            message: "not a declared form part".to_owned(),
        });
    }
}

/// The JSON body, when the spec takes one and it is there; faults for a
/// malformed body, or for a body sent where the spec takes none.
fn read_body(plan: &Plan, bytes: &[u8], faults: &mut Vec<Fault>) -> Option<Value> {
    let blank = bytes.iter().all(u8::is_ascii_whitespace);
    let mut fault = |message: String| {
        faults.push(Fault {
            location: ParamIn::Body,
            param: None,
            message: clip::message(&message),
        })
    };
    if blank || plan.multipart {
        return None;
    }
    if !plan.json_body {
        fault("the spec declares no body params, so the request must carry no body".to_owned());
        return None;
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value @ Value::Object(_)) => Some(value),
        // A whole body may be of any JSON type; the value rules judge it.
        Ok(value) if plan.whole_body => Some(value),
        Ok(other) => {
            fault(format!(
                "the body is a JSON {}; expected an object of the body params",
                kind(&other)
            ));
            None
        }
        Err(error) => {
            fault(format!("the body is not valid JSON: {error}"));
            None
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn undeclared_fields(map: &Map<String, Value>, faults: &mut Vec<Fault>) {
    for name in map.keys() {
        faults.push(Fault {
            location: ParamIn::Body,
            // The name is the request's, and may be of any length.
            param: Some(clip::cut(name, clip::MAX_QUOTED).into_owned()),
            message: "not a declared body param".to_owned(),
        });
    }
}

fn missing(param: &Param, body: &[u8]) -> String {
    let in_body = matches!(param.location, ParamIn::Body | ParamIn::Form);
    if in_body && body.iter().all(u8::is_ascii_whitespace) {
        "required, but the request has no body".to_owned()
    } else {
        "required, but missing".to_owned()
    }
}

/// A fault of a declared param; the value rules quote the request's
/// values whole, so the message is cut here.
fn fault(param: &Param, message: String) -> Fault {
    Fault {
        location: param.location,
        param: Some(param.field.name.clone()),
        message: clip::message(&message),
    }
}

/// `message`, prefixed with where inside the value it applies.
fn at(inner: &Path, message: String) -> String {
    if inner.segments().is_empty() {
        message
    } else {
        format!("at {inner}: {message}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings_are_kept_as_sent_and_ruled_ones_are_read_and_checked() {
        let spec = meeting_api_spec::parse(
            "name: s\nsummary: s\nmethod: GET\npath: /x\nparams:\n  - {name: id, in: query, type: string, required: true}\n  - {name: kind, in: query, type: string, enum: [{value: a}]}\n  - {name: code, in: query, type: string, min_length: 2}\nresponses: [{status: 200, description: ok}]\n",
            "s.yaml",
        )
        .expect("a valid spec");
        let plan = Plan::new(&spec);
        assert_eq!(plan.plain, [true, false, false]);
        let headers = HeaderMap::new();
        let incoming = |query| Incoming {
            path: &[],
            query: Some(query),
            headers: &headers,
            body: b"",
        };
        let values = validate_with(&spec, &plan, &incoming("id=r1&kind=a&code=xy")).expect("valid");
        assert!(matches!(values.get(0), Some(Given::Text(Cow::Borrowed("r1")))));
        assert_eq!(values.get(1), Some(&Given::Typed(Value::from("a"))));
        assert_eq!(values.get(2).and_then(Given::as_str), Some("xy"));
        let Err(Rejection::Invalid(faults)) = validate_with(&spec, &plan, &incoming("id=1&id=2&kind=b&code=x")) else {
            panic!("refused");
        };
        let params: Vec<_> = faults.iter().map(|f| f.param.as_deref().unwrap_or_default()).collect();
        assert_eq!(params, ["id", "kind", "code"], "{faults:?}");
    }
}
