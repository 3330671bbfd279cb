//! The request a client must send for a set of documented values: what a
//! case's mock matches, and what its diff is measured against.

use meeting_api::{Location, WireValues};
use meeting_api_spec::{ExampleRequest, ParamIn, Spec};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// What the client must put on the wire.
#[derive(Clone, Debug)]
pub struct Expected {
    /// HTTP method.
    pub method: String,
    /// The path template.
    pub template: String,
    /// `{name}` values, as text.
    pub path: Vec<(String, String)>,
    /// Query pairs, as text, in the order of the values.
    pub query: Vec<(String, String)>,
    /// Headers, as text.
    pub headers: Vec<(String, String)>,
    /// The JSON body; `None` when the request carries none.
    pub body: Option<Value>,
    /// The parts of a `multipart/form-data` body, in the order of the
    /// values; `None` when the spec has no `in: form` params.
    pub form: Option<Vec<ExpectedPart>>,
    /// Secret values, which no message may show.
    pub secrets: Vec<String>,
    /// Headers whose values are secret.
    pub secret_headers: Vec<String>,
}

impl Expected {
    /// The request `spec` documents for `values`.
    pub fn new(spec: &Spec, values: &ExampleRequest) -> Self {
        let pairs = |location: ParamIn| -> Vec<(String, String)> {
            values
                .values_in(location)
                .into_iter()
                .flat_map(|(name, value)| texts(value).into_iter().map(move |text| (name.to_owned(), text)))
                .collect()
        };
        let joined = |location: ParamIn| -> Vec<(String, String)> {
            values
                .values_in(location)
                .into_iter()
                .map(|(name, value)| (name.to_owned(), texts(value).join(",")))
                .collect()
        };
        let secret_params: Vec<_> = spec.params.iter().filter(|p| p.field.schema.secret).collect();
        let secrets = secret_params
            .iter()
            .filter_map(|p| values.value_of(p))
            .flat_map(texts)
            .filter(|text| !text.is_empty())
            .collect();
        Self {
            method: spec.method.as_str().to_owned(),
            template: spec.path.clone(),
            path: joined(ParamIn::Path),
            query: pairs(ParamIn::Query),
            headers: joined(ParamIn::Header),
            body: values.body.clone(),
            form: spec.is_multipart().then(|| form_parts(values)),
            secrets,
            secret_headers: secret_params
                .iter()
                .filter(|p| p.location == ParamIn::Header)
                .map(|p| p.field.name.clone())
                .collect(),
        }
    }

    /// The path segments as the server must decode them: the template's,
    /// with each placeholder replaced by its value.
    pub fn path_segments(&self) -> Vec<String> {
        self.template
            .split('/')
            .map(|segment| {
                self.path.iter().fold(segment.to_owned(), |segment, (name, value)| {
                    segment.replace(&format!("{{{name}}}"), value)
                })
            })
            .collect()
    }

    /// `text` with every secret value replaced in each form a message may
    /// print it in: as written, percent-encoded in a URL, escaped by
    /// `Debug` or JSON, quoted for a shell. (The JUnit report escapes
    /// messages that are already redacted.)
    pub fn redact(&self, text: &str) -> String {
        let mut forms: Vec<String> = self.secrets.iter().flat_map(|secret| printed_forms(secret)).collect();
        // The longest first, so that no form is left half replaced by a
        // shorter one it contains.
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms.dedup();
        forms.iter().fold(text.to_owned(), |text, form| {
            text.replace(form.as_str(), meeting_api::REDACTED)
        })
    }
}

/// Every form in which the kit's messages and reports can show `secret`.
fn printed_forms(secret: &str) -> Vec<String> {
    let quoted_inside = |quoted: String| quoted[1..quoted.len() - 1].to_owned();
    let encoded = utf8_percent_encode(secret, COMPONENT).to_string();
    vec![
        secret.to_owned(),
        encoded,
        quoted_inside(format!("{secret:?}")),
        quoted_inside(serde_json::Value::from(secret).to_string()),
        secret.replace('\'', "'\\''"),
    ]
}

/// What a URL component escapes: all but RFC 3986's unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The text forms of a value on the wire: one per list element.
pub fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::Null => Vec::new(),
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        other => vec![other.to_string()],
    }
}

/// One part of a multipart body, as the client must write it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedPart {
    /// The part's name.
    pub name: String,
    /// The file name, for a file part.
    pub file_name: Option<String>,
    /// The part's Content-Type, which the client writes only when given.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub content: Vec<u8>,
}

/// The parts `values` give: a file value is one file part; any other is a
/// text part per text, like a query param's.
fn form_parts(values: &ExampleRequest) -> Vec<ExpectedPart> {
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    let [file_name, content, content_type] = meeting_api_spec::FILE_FIELDS;
    values
        .values_in(ParamIn::Form)
        .into_iter()
        .flat_map(|(name, value)| match value {
            Value::Object(file) => vec![ExpectedPart {
                name: name.to_owned(),
                file_name: text(file.get(file_name)),
                content_type: text(file.get(content_type)),
                content: text(file.get(content)).unwrap_or_default().into_bytes(),
            }],
            other => texts(other)
                .into_iter()
                .map(|text| ExpectedPart {
                    name: name.to_owned(),
                    file_name: None,
                    content_type: None,
                    content: text.into_bytes(),
                })
                .collect(),
        })
        .collect()
}

/// The values of `spec`'s params in the form the generated clients take
/// them; a whole body goes by its param's name, as `from_wire` reads it.
pub fn wire_values(spec: &Spec, values: &ExampleRequest) -> WireValues {
    let mut wire = WireValues::new();
    for param in &spec.params {
        let location = match param.location {
            ParamIn::Path => Location::Path,
            ParamIn::Query => Location::Query,
            ParamIn::Header => Location::Header,
            ParamIn::Body => Location::Body,
            ParamIn::Form => Location::Form,
        };
        if let Some(value) = values.value_of(param) {
            wire.insert(location, param.field.name.clone(), value.clone());
        }
    }
    wire
}
