//! The rustdoc of generated items, from the spec's words: summaries,
//! descriptions, wire names, enum meanings and statuses. Every word of the
//! spec goes through [`escape`], as prose or as code.

use meeting_api_spec::{EnumValue, Field, Param, ParamIn, Response, Schema, Shape, Spec};

use crate::escape::{self, code, prose};

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
    lines.push("Build it with `new` and the `with_` setters, then `send` it with a `meeting_api::Client`.".to_owned());
    lines
}

/// Where a param travels, and what being secret means for it.
pub fn wire_location(param: &Param) -> Vec<String> {
    let name = &param.field.name;
    let sentence = match param.location {
        ParamIn::Path => format!("Fills {} in the path.", code(&format!("{{{name}}}"))),
        ParamIn::Query => format!("Sent in the query as {}.", code(name)),
        ParamIn::Header => format!("Sent as the header {}.", code(name)),
        ParamIn::Body => format!("Sent in the JSON body as {}.", code(name)),
    };
    vec![String::new(), sentence]
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
    lines.extend([
        String::new(),
        "One variant per documented error status, carrying the decoded error body, then the failures \
         every call can meet: an undocumented status, a body that does not decode, a transport failure, \
         a request that cannot be built."
            .to_owned(),
    ]);
    lines
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

/// The doc of a request's setter for `field`, sent as `wire`.
pub fn setter(field: &str, wire: &str) -> Vec<String> {
    vec![format!("Sets `{field}` ({}).", code(wire))]
}

/// Spec text within a sentence of ours: `before` starts its first line and
/// `after` ends its last.
fn sentence(before: &str, text: &str, after: &str) -> Vec<String> {
    let mut lines = prose(text);
    if let Some(first) = lines.first_mut() {
        first.insert_str(0, before);
    }
    if let Some(last) = lines.last_mut() {
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
