//! The validated model of a spec: what the generator, the conformance kit
//! and the tools consume. Every value here has passed every rule of the
//! format, so consumers need not check again.

use std::fmt;

use serde_json::Value;

use crate::position::Position;

/// One endpoint, as described by one spec file.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// snake_case name of the operation.
    pub name: String,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// HTTP method.
    pub method: Method,
    /// Path template, starting with `/`, with `{name}` placeholders.
    pub path: String,
    /// Default base URL (scheme and host).
    pub server: Option<String>,
    /// Request parameters, in the order of the file.
    pub params: Vec<Param>,
    /// Documented statuses, in the order of the file.
    pub responses: Vec<Response>,
    /// Documented request/response pairs.
    pub examples: Vec<Example>,
    /// The shared shapes the spec names (its top-level `shapes` file),
    /// when it uses any.
    pub shapes: Option<std::sync::Arc<crate::Shapes>>,
    /// How the operation pages through a list (the top-level `paging`),
    /// when it does.
    pub paging: Option<Paging>,
}

impl Spec {
    /// The params sent in `location`, in the order of the file.
    pub fn params_in(&self, location: ParamIn) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(move |p| p.location == location)
    }

    /// The param named `name` in `location` (header names ignore case).
    pub fn param(&self, location: ParamIn, name: &str) -> Option<&Param> {
        self.params_in(location)
            .find(|p| location.same_name(&p.field.name, name))
    }

    /// The documented response with this status.
    pub fn response(&self, status: u16) -> Option<&Response> {
        self.responses.iter().find(|r| r.status == status)
    }

    /// Whether requests carry a JSON body (some param is `in: body`, or
    /// the spec declares the whole body).
    pub fn has_body(&self) -> bool {
        self.params_in(ParamIn::Body).next().is_some()
    }

    /// Whether requests carry a `multipart/form-data` body: some param is
    /// `in: form`. Such a spec has no JSON body.
    pub fn is_multipart(&self) -> bool {
        self.params_in(ParamIn::Form).next().is_some()
    }

    /// The param that is the whole request body, when the spec declares
    /// one (a top-level `body`, an array or a map): it is then the only
    /// body param.
    pub fn whole_body(&self) -> Option<&Param> {
        self.params.iter().find(|p| p.whole_body)
    }
}

/// How an operation pages through a list: the query params that say where
/// a page starts and how long it is, and where the 2xx body holds the
/// page's items and the total. Every name here was checked against the
/// spec: the params are integer query params, and the paths reach an
/// array and an integer of the one 2xx object body.
#[derive(Clone, Debug, PartialEq)]
pub struct Paging {
    /// The wire name of the `in: query` integer param that says how many
    /// items to skip.
    pub offset: String,
    /// The wire name of the `in: query` integer param that says how many
    /// items a page holds at most.
    pub limit: String,
    /// The field names from the 2xx body to the array of the page's items,
    /// outermost first (`data`, or `data`, `data`).
    pub items: Vec<String>,
    /// The field names from the 2xx body to the integer that counts the
    /// items of all pages, when the body has one.
    pub total: Option<Vec<String>>,
    /// Where `paging` is written.
    pub position: Position,
}

/// The name the whole request body goes by where a param needs a name:
/// the generated field, `WireValues`, the mock's messages.
pub const WHOLE_BODY_NAME: &str = "body";

/// An HTTP method the format allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }

    /// Whether a call changes state on the server (all but `GET`).
    pub fn changes_state(self) -> bool {
        self != Method::Get
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a param travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamIn {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A top-level field of the JSON object body.
    Body,
    /// A part of a `multipart/form-data` body, by name: a text part for a
    /// scalar, a file part for `type: file`.
    Form,
}

impl ParamIn {
    /// The word used in the format (`path`, `query`, `header`, `body`, `form`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Body => "body",
            ParamIn::Form => "form",
        }
    }

    /// Whether two wire names denote the same param here: header names
    /// ignore ASCII case, all others are exact.
    pub fn same_name(self, a: &str, b: &str) -> bool {
        match self {
            ParamIn::Header => a.eq_ignore_ascii_case(b),
            _ => a == b,
        }
    }
}

impl fmt::Display for ParamIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request parameter: a named field and where it travels.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Where the value travels.
    pub location: ParamIn,
    /// Name, shape and documentation.
    pub field: Field,
    /// Whether the value is the whole JSON body (the spec's top-level
    /// `body`) rather than one field of an object body. Such a param is
    /// `in: body`, required, named [`WHOLE_BODY_NAME`], and an array or a
    /// map; no other param travels in the body.
    pub whole_body: bool,
    /// The session value that fills the param when a request leaves it
    /// unset (`session: access_token`, new since v1): a token, or the ID
    /// of the conference a handle is for. `None` for a plain param.
    pub session: Option<String>,
}

/// A named value: a param, an object's field or a response body field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The name on the wire, exactly as sent.
    pub name: String,
    /// Whether the value must be present.
    pub required: bool,
    /// Type, bounds and documentation of the value.
    pub schema: Schema,
}

/// The shape of a value and what the spec says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// Type, with the keys that belong to it.
    pub shape: Shape,
    /// Documentation.
    pub description: Option<String>,
    /// Whether the value must never be shown.
    pub secret: bool,
    /// The value the server assumes when absent.
    pub default: Option<Value>,
    /// An explicit Rust name for the field or type.
    pub rust_name: Option<RustName>,
    /// The shared shape this schema is, when it is written `shape: Name`:
    /// the rest of the schema is that shape's, resolved, so a consumer may
    /// ignore this; the generator gives all its uses one Rust type.
    pub shared: Option<String>,
    /// Where the value's definition starts in the file.
    pub position: Position,
}

/// A `rust_name` override and where it is written, for the generator to
/// point at when two overrides ask for one identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RustName {
    /// The identifier asked for.
    pub name: String,
    /// Where the `rust_name` value is written.
    pub position: Position,
}

/// A type of the format with its type-specific keys.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// `type: string`.
    String {
        /// Allowed values; empty means any.
        values: Vec<EnumValue>,
        /// Length bounds in characters.
        length: Bounds<u64>,
    },
    /// `type: integer`.
    Integer {
        /// `int32` or `int64`.
        format: IntFormat,
        /// Allowed values; empty means any.
        values: Vec<EnumValue>,
        /// Inclusive bounds.
        range: Bounds<i64>,
    },
    /// `type: number`.
    Number {
        /// `float` or `double`.
        format: FloatFormat,
        /// Inclusive bounds.
        range: Bounds<f64>,
    },
    /// `type: boolean`.
    Boolean,
    /// `type: object` with its fields.
    Object {
        /// The object's fields, in the order of the file.
        fields: Vec<Field>,
    },
    /// `type: array` with its element shape.
    Array {
        /// Shape of each element.
        items: Box<Schema>,
        /// Size bounds.
        length: Bounds<u64>,
    },
    /// `type: map`: a JSON object with free keys and values of one shape.
    Map {
        /// Shape of each value.
        values: Box<Schema>,
    },
    /// `type: file`: a file part of a multipart body (only `in: form`).
    /// As JSON (examples, [`crate::values`], the tools) a file is
    /// [`FILE_FIELDS`]: `{"filename": ..., "content": ..., "content_type": ...}`.
    File,
}

/// The keys of a file written as JSON, required first: its file name, its
/// content as text, and optionally the part's Content-Type.
pub const FILE_FIELDS: [&str; 3] = ["filename", "content", "content_type"];

impl Shape {
    /// The format's name for this type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::String { .. } => "string",
            Shape::Integer { .. } => "integer",
            Shape::Number { .. } => "number",
            Shape::Boolean => "boolean",
            Shape::Object { .. } => "object",
            Shape::Array { .. } => "array",
            Shape::Map { .. } => "map",
            Shape::File => "file",
        }
    }

    /// The enum values of a string or integer, empty for other types.
    pub fn enum_values(&self) -> &[EnumValue] {
        match self {
            Shape::String { values, .. } | Shape::Integer { values, .. } => values,
            _ => &[],
        }
    }
}

/// Inclusive lower and upper bounds, each optional.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Bounds<T> {
    /// Smallest allowed.
    pub min: Option<T>,
    /// Largest allowed.
    pub max: Option<T>,
}

impl<T: PartialOrd + Copy> Bounds<T> {
    /// Whether `value` lies within the bounds.
    pub fn contains(&self, value: T) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }
}

/// Width of an integer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntFormat {
    /// 32-bit signed.
    Int32,
    /// 64-bit signed (the default).
    #[default]
    Int64,
}

/// Width of a number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FloatFormat {
    /// 32-bit float.
    Float,
    /// 64-bit float (the default).
    #[default]
    Double,
}

/// One allowed value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: Literal,
    /// Explicit variant name.
    pub name: Option<String>,
    /// The documented meaning.
    pub description: Option<String>,
    /// Where the value is written.
    pub position: Position,
}

/// An enum value on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Literal {
    /// An integer enum value.
    Integer(i64),
    /// A string enum value.
    String(String),
}

impl Literal {
    /// The value as JSON.
    pub fn to_json(&self) -> Value {
        match self {
            Literal::Integer(i) => Value::from(*i),
            Literal::String(s) => Value::from(s.as_str()),
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Integer(i) => write!(f, "{i}"),
            Literal::String(s) => write!(f, "{s:?}"),
        }
    }
}

/// A documented status.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Documented meaning.
    pub description: String,
    /// The declared body; `None` means no body for a 2xx and the standard
    /// error body for other statuses.
    pub body: Option<Body>,
    /// Where the response is written.
    pub position: Position,
}

impl Response {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body this status carries: the declared one, the standard error
    /// body for an error status without one, or `None` for a 2xx without
    /// a body.
    pub fn carried_body(&self) -> Option<std::borrow::Cow<'_, Body>> {
        match &self.body {
            Some(body) => Some(std::borrow::Cow::Borrowed(body)),
            None if self.is_success() => None,
            None => Some(std::borrow::Cow::Owned(Body::Fields(standard_error_fields()))),
        }
    }

    /// The fields of the object body this status carries: the declared
    /// ones, or the standard error body's for an error status without a
    /// declared body; `None` for a 2xx without a body and for a whole body.
    pub fn body_fields(&self) -> Option<std::borrow::Cow<'_, [Field]>> {
        match self.carried_body()? {
            std::borrow::Cow::Borrowed(Body::Fields(fields)) => Some(fields.as_slice().into()),
            std::borrow::Cow::Owned(Body::Fields(fields)) => Some(fields.into()),
            _ => None,
        }
    }
}

/// A declared response body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// `body:` as a list of fields: a JSON object with these fields (v1).
    Fields(Vec<Field>),
    /// `body:` as a mapping holding one schema: the whole body is a value
    /// of it, an array or a map.
    Whole(Schema),
}

/// The fields of the service's standard error body,
/// `{"error_code": string, "error_msg": string}`.
pub fn standard_error_fields() -> Vec<Field> {
    let text = |name: &str, description: &str| Field {
        name: name.to_owned(),
        required: true,
        schema: Schema {
            shape: Shape::String {
                values: Vec::new(),
                length: Bounds::default(),
            },
            description: Some(description.to_owned()),
            secret: false,
            default: None,
            rust_name: None,
            shared: None,
            position: Position::default(),
        },
    };
    vec![
        text("error_code", "Error code, starting with `MMC.` or `USG.`."),
        text("error_msg", "Error message."),
    ]
}

/// A documented request/response pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// Unique name within the spec.
    pub name: String,
    /// The request's values.
    pub request: ExampleRequest,
    /// The response the service gave.
    pub response: ExampleResponse,
    /// Where the example is written.
    pub position: Position,
}

/// The values of an example request, by wire name, in the order of the file.
/// Path, query and header values are normalised to their param's JSON type
/// (`"914083136"` for a string, `1` for an integer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExampleRequest {
    /// `{name}` path values.
    pub path: Vec<(String, Value)>,
    /// Query values.
    pub query: Vec<(String, Value)>,
    /// Header values.
    pub headers: Vec<(String, Value)>,
    /// The JSON body.
    pub body: Option<Value>,
    /// The parts of a multipart body: text parts normalised like query
    /// values, files as [`FILE_FIELDS`] objects.
    pub form: Vec<(String, Value)>,
}

impl ExampleRequest {
    /// The values given for params in `location` (body: the top-level
    /// fields of an object body; a whole body is [`Self::value_of`] its param).
    pub fn values_in(&self, location: ParamIn) -> Vec<(&str, &Value)> {
        match self.pairs(location) {
            Some(pairs) => pairs.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            None => match &self.body {
                Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.as_str(), v)).collect(),
                _ => Vec::new(),
            },
        }
    }

    /// The value given for `param`, if any: the whole body for the param
    /// that is the whole body. Builds no list.
    pub fn value_of(&self, param: &Param) -> Option<&Value> {
        let name = param.field.name.as_str();
        if param.whole_body {
            return self.body.as_ref();
        }
        match self.pairs(param.location) {
            Some(pairs) => pairs
                .iter()
                .find(|(given, _)| param.location.same_name(given, name))
                .map(|(_, value)| value),
            // Keys of a JSON object are unique: the first that is the name
            // is the one.
            None => match &self.body {
                Some(Value::Object(map)) => map.get(name),
                _ => None,
            },
        }
    }

    /// The name-value pairs of `location`; `None` for the body, whose
    /// fields are a JSON object's.
    fn pairs(&self, location: ParamIn) -> Option<&[(String, Value)]> {
        match location {
            ParamIn::Path => Some(&self.path),
            ParamIn::Query => Some(&self.query),
            ParamIn::Header => Some(&self.headers),
            ParamIn::Form => Some(&self.form),
            ParamIn::Body => None,
        }
    }
}

/// The documented response of an example.
#[derive(Clone, Debug, PartialEq)]
pub struct ExampleResponse {
    /// Status code, one of the spec's.
    pub status: u16,
    /// Headers as documented, in the order of the file.
    pub headers: Vec<(String, String)>,
    /// The JSON body.
    pub body: Option<Value>,
}
