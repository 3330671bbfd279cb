//! The rustdoc of generated items, from the spec's words: summaries,
//! descriptions, wire names, enum meanings and statuses. Every word of the
//! spec goes through [`escape`], as prose or as code.

use meeting_api_spec::{EnumValue, Field, Param, ParamIn, Response, Schema, Shape, Spec};

use crate::escape::{self, code, prose};
use crate::plan::{ERRORS_MODULE, FieldPlan, Missing, StatusVariant, Struct};

/// The request struct: summary, description, method and path, server.
pub fn request(spec: &Spec) -> Vec<String> {
    let mut lines = prose(&spec.summary);
    paragraph(&mut lines, spec.description.as_deref());
    lines.push(String::new());
    lines.push(code(&format!("{} {}", spec.method, spec.path)));
    if let Some(server) = &spec.server {
        lines.push(String::new());
        lines.push(format!("Default server: {}.", escape::url(server)));
    }
    lines.push(String::new());
    lines.push(
        "Build it with `builder()`, which names every param at the call site, then `send` it with a \
         `meeting_api::Client`."
            .to_owned(),
    );
    if let Some(paging) = &spec.paging {
        lines.push(String::new());
        lines.push(format!(
            "It pages through {} by {} and {}: `client.items(request)` streams every item of every page, \
             `client.pages(request)` each page (`meeting_api::Paged`).",
            code(&paging.items.join(".")),
            code(&paging.offset),
            code(&paging.limit),
        ));
    }
    lines
}

/// Where a param travels, and what being secret means for it.
pub fn wire_location(param: &Param) -> Vec<String> {
    let name = &param.field.name;
    let sentence = match param.location {
        ParamIn::Path => format!("Fills {} in the path.", code(&format!("{{{name}}}"))),
        ParamIn::Query => format!("Sent in the query as {}.", code(name)),
        ParamIn::Header => format!("Sent as the header {}.", code(name)),
        ParamIn::Body if param.whole_body => "Sent as the whole JSON body.".to_owned(),
        ParamIn::Body => format!("Sent in the JSON body as {}.", code(name)),
        ParamIn::Form if param.field.schema.shape == Shape::File => format!(
            "Sent as the file part {} of the `multipart/form-data` body, with its file name.",
            code(name)
        ),
        ParamIn::Form => format!("Sent as the part {} of the `multipart/form-data` body.", code(name)),
    };
    let mut lines = vec![String::new(), sentence];
    if let Some(value) = &param.session {
        lines.push(String::new());
        lines.push(format!(
            "Left to a session: unset, it is filled with the session's {} value (`Client::send_with`); a \
             value set here is sent instead.{}",
            code(value),
            match param.field.required {
                true => " Sent with neither, the request is refused before sending.",
                false => "",
            }
        ));
    }
    lines
}

/// A field: its description, default, bounds and secrecy.
pub fn field(field: &Field) -> Vec<String> {
    let mut lines = match &field.schema.description {
        Some(description) => prose(description),
        None => vec![format!("The {} value.", code(&field.name))],
    };
    let mut notes = Vec::new();
    if let Some(default) = &field.schema.default {
        notes.push(format!(
            "The server assumes {} when absent.",
            code(&default.to_string())
        ));
    }
    notes.extend(bounds(&field.schema.shape));
    if field.schema.secret {
        notes.push("Secret: `Debug` and `Display` print a redaction, never the value.".to_owned());
    }
    if !notes.is_empty() {
        lines.push(String::new());
        lines.push(notes.join(" "));
    }
    lines
}

/// The documented bounds of a value, as a sentence.
fn bounds(shape: &Shape) -> Option<String> {
    let (min, max, unit) = match shape {
        Shape::Integer { range, .. } => (range.min.map(|n| n.to_string()), range.max.map(|n| n.to_string()), ""),
        Shape::Number { range, .. } => (range.min.map(|n| n.to_string()), range.max.map(|n| n.to_string()), ""),
        Shape::String { length, .. } => (
            length.min.map(|n| n.to_string()),
            length.max.map(|n| n.to_string()),
            " characters",
        ),
        Shape::Array { length, .. } => (
            length.min.map(|n| n.to_string()),
            length.max.map(|n| n.to_string()),
            " elements",
        ),
        _ => return None,
    };
    match (min, max) {
        (Some(min), Some(max)) => Some(format!("From {min} to {max}{unit}.")),
        (Some(min), None) => Some(format!("At least {min}{unit}.")),
        (None, Some(max)) => Some(format!("At most {max}{unit}.")),
        (None, None) => None,
    }
}

/// A named enum or object type, for the value on the wire named `wire`
/// (`members[]` for the elements of `members`).
pub fn schema(schema: &Schema, wire: &str) -> Vec<String> {
    let mut lines = match &schema.description {
        Some(description) => prose(description),
        None => vec![format!("The value of {}.", code(wire))],
    };
    if !schema.shape.enum_values().is_empty() {
        lines.push(String::new());
        lines.push(format!("Travels as its wire value: {}.", wire_values(&schema.shape)));
    }
    lines
}

fn wire_values(shape: &Shape) -> String {
    shape
        .enum_values()
        .iter()
        .map(|v| code(&v.value.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An enum variant: its wire value and meaning.
pub fn variant(value: &EnumValue) -> Vec<String> {
    let value_code = code(&value.value.to_string());
    match &value.description {
        Some(description) => sentence(&format!("{value_code}: "), description, ""),
        None => vec![format!("{value_code}.")],
    }
}

/// A response enum: what becomes of a value the spec does not list.
pub fn unknown_values() -> Vec<String> {
    vec![
        String::new(),
        "A value the spec does not list decodes into `Unknown`, which keeps it and serialises it back as \
         received, instead of failing the whole response. A request sends only the listed values: one that \
         holds `Unknown` is refused before anything is sent (`InvalidRequest::UndocumentedValue`)."
            .to_owned(),
    ]
}

/// The catch-all variant of a response enum.
pub fn unknown_variant() -> Vec<String> {
    vec!["A value the spec does not list, as received. A request that holds it is not sent.".to_owned()]
}

/// The response type.
pub fn response(spec: &Spec) -> Vec<String> {
    let mut lines = sentence("Successful outcome of ", &spec.summary, ".");
    lines.push(String::new());
    for response in spec.responses.iter().filter(|r| r.is_success()) {
        lines.extend(sentence(
            &format!("- `{}`: ", response.status),
            &response.description,
            "",
        ));
    }
    lines
}

/// The error type.
pub fn error(spec: &Spec) -> Vec<String> {
    let mut lines = sentence("Failure of ", &spec.summary, ".");
    lines.extend(error_variants());
    lines
}

/// An error enum that the operations of a catalog share.
pub fn shared_error(statuses: &[StatusVariant]) -> Vec<String> {
    let codes: Vec<String> = statuses.iter().map(|s| code(&s.status.to_string())).collect();
    let mut lines = vec![match codes.is_empty() {
        true => "Failure of the catalog's operations that document no error status.".to_owned(),
        false => format!(
            "Failure of the catalog's operations that document the error statuses {}, with these meanings \
             and bodies: their error types are aliases of this one enum.",
            codes.join(", ")
        ),
    }];
    lines.extend(error_variants());
    lines
}

/// An operation's error type when it is an alias of a shared enum: the
/// first paragraph of its own docs, then where the enum is.
pub fn error_alias(own: &[String], shared: &str) -> Vec<String> {
    let mut lines: Vec<String> = own.iter().take_while(|line| !line.is_empty()).cloned().collect();
    lines.push(String::new());
    lines.push(format!(
        "The catalog's [`super::{ERRORS_MODULE}::{shared}`], which every operation that documents the same \
         error statuses shares."
    ));
    lines
}

fn error_variants() -> Vec<String> {
    let mut lines = vec![
        String::new(),
        "One variant per documented error status, carrying the decoded error body, then the failures \
         every call can meet: an undocumented status, a redirect (not followed), a body over the client's \
         limit, a body that does not decode, a transport failure, a request that cannot be built."
            .to_owned(),
    ];
    lines.extend(non_exhaustive("a variant for a status or failure"));
    lines
}

/// Why an enum is `#[non_exhaustive]`, and where that holds: the attribute
/// binds only other crates, and the generated module is in the user's.
pub fn non_exhaustive(addition: &str) -> Vec<String> {
    vec![
        String::new(),
        format!(
            "`#[non_exhaustive]`: outside the crate that defines this enum, a `match` needs a `_` arm, so that \
             {addition} documented later is not a breaking change for users of a crate that publishes this \
             module. Inside the crate whose module has the `#[meeting_api]` attribute it has no effect."
        ),
    ]
}

/// A variant chosen by a status.
pub fn status(response: &Response) -> Vec<String> {
    sentence(&format!("`{}`: ", response.status), &response.description, "")
}

/// The struct of a status's declared body.
pub fn status_body(response: &Response) -> Vec<String> {
    let before = format!("Body of the `{}` response: ", response.status);
    sentence(&before, &response.description, "")
}

/// The builder's setter of `field`: how it may be called, then the
/// field's own doc, which says what the param is and where it travels.
pub fn setter(field: &FieldPlan) -> Vec<String> {
    let ident = &field.ident;
    let how = match field.required {
        true => format!("Sets `{ident}`, a required param: once, before `build()`."),
        false => format!("Sets `{ident}`, an optional param (`None` until set; a second call replaces the value)."),
    };
    let mut lines = vec![how, String::new()];
    lines.extend(field.docs.iter().cloned());
    lines
}

/// The builder type of `request`.
pub fn builder(request: &Struct) -> Vec<String> {
    let name = &request.name;
    let mut lines = vec![
        format!("Builds a [`{name}`] with each param named: `{name}::builder()`, a setter per param, then `build()`."),
        String::new(),
    ];
    let required = required_list(request);
    lines.push(match required.is_empty() {
        true => "Every param is optional: `build()` can be called at once, and a param not set is `None`.".to_owned(),
        false => format!(
            "Each type parameter tracks one required param, in order ({required}): `meeting_api::Unset` until \
             the param's setter is called, then the value's type. That setter exists only while its param is \
             unset, and `build()` only once none is, so a request that lacks a required param, or sets one \
             twice, does not compile. Optional params are `None` until set."
        ),
    });
    lines
}

/// The request's `builder()`.
pub fn builder_start(request: &Struct, builder: &str) -> Vec<String> {
    let required = required_list(request);
    let first = format!("A [`{builder}`] with no param set yet.");
    match required.is_empty() {
        true => vec![first],
        false => vec![
            first,
            String::new(),
            format!("`build()` needs the required params: {required}."),
        ],
    }
}

/// The builder's `build`.
pub fn build(request: &Struct) -> Vec<String> {
    let required = required_list(request);
    let first = format!("The [`{}`], with every param set so far.", request.name);
    match required.is_empty() {
        true => vec![first],
        false => vec![
            first,
            String::new(),
            format!(
                "Callable once the required params ({required}) are set; without one, the compiler names it and \
                 its setter."
            ),
        ],
    }
}

/// The required fields of `request`, as a list of code spans.
fn required_list(request: &Struct) -> String {
    let names: Vec<String> = request
        .fields
        .iter()
        .filter(|field| field.required)
        .map(|field| format!("`{}`", field.ident))
        .collect();
    names.join(", ")
}

/// What the compiler says when `build` is called without `field`, whose
/// setter is `setter`.
pub fn missing(request: &str, field: &FieldPlan, setter: &str) -> Missing {
    let braces = |text: String| text.replace('{', "{{").replace('}', "}}");
    let ident = &field.ident;
    // The compiler prints the message as it is: a control or bidi
    // codepoint of the wire name must reach the terminal escaped.
    let wire = match field.whole_body {
        true => "the whole JSON body".to_owned(),
        false => format!("`{}`", field.wire.escape_debug()),
    };
    Missing {
        message: braces(format!(
            "the required param `{ident}` ({wire}) of `{request}` is not set"
        )),
        label: braces(format!("`build()` needs `{ident}`")),
        note: braces(format!("set it with `.{setter}(…)` before `.build()`")),
    }
}

/// Spec text within a sentence of ours: `before` starts its first line and
/// `after` ends its last.
fn sentence(before: &str, text: &str, after: &str) -> Vec<String> {
    let mut lines = prose(text);
    if let Some(first) = lines.first_mut() {
        first.insert_str(0, before);
    }
    if let Some(last) = lines.last_mut() {
        // "Failure of Adds an item." rather than "...an item.."
        let after = match last.ends_with('.') {
            true => after.strip_prefix('.').unwrap_or(after),
            false => after,
        };
        last.push_str(after);
    }
    lines
}

fn paragraph(lines: &mut Vec<String>, text: Option<&str>) {
    if let Some(text) = text {
        lines.push(String::new());
        lines.extend(prose(text));
    }
}
