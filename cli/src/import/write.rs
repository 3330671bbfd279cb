//! The spec model as YAML text, laid out like the hand-written specs: the
//! top-level keys in the order of `spec/hands.yaml`, indented lists, a blank
//! line before `params`, `responses` and `examples`, and quotes only where
//! YAML would otherwise read another value (`"914083136"` stays a string).

use meeting_api_spec::model::{Bounds, EnumValue, Example, Field, FloatFormat, IntFormat, Literal, Shape, Spec};
use meeting_api_spec::{Body, Param, Response, Schema};
use serde_json::Value;

/// A YAML node to be written.
enum Node {
    /// A scalar already in its written form (`1`, `true`, `PUT`).
    Scalar(String),
    /// Text, written plain, quoted or as a literal block as it needs.
    Text(String),
    /// A mapping, in order.
    Map(Vec<(String, Node)>),
    /// A sequence.
    Seq(Vec<Node>),
}

type Entries = Vec<(String, Node)>;

/// `spec` as YAML, after a comment of `header` lines.
pub(crate) fn to_yaml(spec: &Spec, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let line: String = line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        out.push_str(&format!("# {line}\n"));
    }
    write_entries(&mut out, &head(spec), 0);
    let lists = [
        (
            "params",
            spec.params
                .iter()
                .filter(|p| !p.whole_body)
                .map(param)
                .collect::<Vec<_>>(),
        ),
        ("responses", spec.responses.iter().map(response).collect()),
        ("examples", spec.examples.iter().map(example).collect()),
    ];
    for (key, items) in lists {
        // `responses` is required, so it is written even when empty, for
        // the validator to name what is missing.
        if !items.is_empty() || key == "responses" {
            out.push('\n');
            write_entries(&mut out, &[(key.to_owned(), Node::Seq(items))], 0);
        }
        if let (Some(whole), "params") = (spec.whole_body(), key) {
            out.push('\n');
            write_entries(&mut out, &[entry("body", whole_body(&whole.field.schema))], 0);
        }
    }
    out
}

/// The schema of a whole body, request or response: a mapping, not a list.
fn whole_body(schema: &Schema) -> Node {
    let mut entries = Vec::new();
    schema_entries(&mut entries, schema, false);
    Node::Map(entries)
}

fn head(spec: &Spec) -> Entries {
    let mut entries = vec![
        entry("name", Node::Text(spec.name.clone())),
        entry("summary", Node::Text(spec.summary.clone())),
    ];
    if let Some(description) = &spec.description {
        entries.push(entry("description", Node::Text(description.clone())));
    }
    entries.push(entry("method", Node::Scalar(spec.method.as_str().to_owned())));
    entries.push(entry("path", Node::Text(spec.path.clone())));
    if let Some(server) = &spec.server {
        entries.push(entry("server", Node::Text(server.clone())));
    }
    if let Some(paging) = &spec.paging {
        entries.push(entry("paging", paging_node(paging)));
    }
    entries
}

/// The top-level `paging`, its paths dotted as written.
fn paging_node(paging: &meeting_api_spec::Paging) -> Node {
    let mut entries = vec![
        entry("offset", Node::Text(paging.offset.clone())),
        entry("limit", Node::Text(paging.limit.clone())),
        entry("items", Node::Text(paging.items.join("."))),
    ];
    if let Some(total) = &paging.total {
        entries.push(entry("total", Node::Text(total.join("."))));
    }
    Node::Map(entries)
}

fn entry(key: &str, node: Node) -> (String, Node) {
    (key.to_owned(), node)
}

fn param(param: &Param) -> Node {
    let mut entries = vec![
        entry("name", Node::Text(param.field.name.clone())),
        entry("in", Node::Scalar(param.location.as_str().to_owned())),
    ];
    schema_entries(&mut entries, &param.field.schema, param.field.required);
    if let Some(session) = &param.session {
        entries.push(entry("session", Node::Text(session.clone())));
    }
    Node::Map(entries)
}

fn field(field: &Field) -> Node {
    let mut entries = vec![entry("name", Node::Text(field.name.clone()))];
    schema_entries(&mut entries, &field.schema, field.required);
    Node::Map(entries)
}

/// The keys of a schema, in the order of the hand-written specs.
fn schema_entries(entries: &mut Entries, schema: &Schema, required: bool) {
    let shape = &schema.shape;
    entries.push(entry("type", Node::Scalar(shape.type_name().to_owned())));
    if let Some(format) = format(shape) {
        entries.push(entry("format", Node::Scalar(format.to_owned())));
    }
    if required {
        entries.push(entry("required", Node::Scalar("true".to_owned())));
    }
    if schema.secret {
        entries.push(entry("secret", Node::Scalar("true".to_owned())));
    }
    if let Some(description) = &schema.description {
        entries.push(entry("description", Node::Text(description.clone())));
    }
    if let Some(default) = &schema.default {
        entries.push(entry("default", json(default)));
    }
    entries.extend(shape_entries(shape));
}

fn format(shape: &Shape) -> Option<&'static str> {
    match shape {
        Shape::Integer { format, .. } => Some(match format {
            IntFormat::Int32 => "int32",
            IntFormat::Int64 => "int64",
        }),
        Shape::Number { format, .. } => Some(match format {
            FloatFormat::Float => "float",
            FloatFormat::Double => "double",
        }),
        _ => None,
    }
}

/// Bounds, enum values, fields and items: the keys that depend on the type.
fn shape_entries(shape: &Shape) -> Entries {
    match shape {
        Shape::String { values, length } => [bounds("min_length", "max_length", length), enum_entries(values)]
            .into_iter()
            .flatten()
            .collect(),
        Shape::Integer { values, range, .. } => [bounds("minimum", "maximum", range), enum_entries(values)]
            .into_iter()
            .flatten()
            .collect(),
        Shape::Number { range, .. } => bounds("minimum", "maximum", range),
        Shape::Boolean | Shape::File => Vec::new(),
        Shape::Object { fields } => vec![entry("fields", Node::Seq(fields.iter().map(field).collect()))],
        Shape::Array { items, length } => {
            let mut element = Vec::new();
            schema_entries(&mut element, items, false);
            let mut entries = bounds("min_length", "max_length", length);
            entries.push(entry("items", Node::Map(element)));
            entries
        }
        Shape::Map { values } => {
            let mut value = Vec::new();
            schema_entries(&mut value, values, false);
            vec![entry("values", Node::Map(value))]
        }
    }
}

fn bounds<T: ToString>(min_key: &str, max_key: &str, bounds: &Bounds<T>) -> Entries {
    let scalar = |key: &str, bound: &Option<T>| bound.as_ref().map(|b| entry(key, Node::Scalar(b.to_string())));
    [scalar(min_key, &bounds.min), scalar(max_key, &bounds.max)]
        .into_iter()
        .flatten()
        .collect()
}

fn enum_entries(values: &[EnumValue]) -> Entries {
    if values.is_empty() {
        return Vec::new();
    }
    let value = |v: &EnumValue| {
        let mut entries = vec![entry(
            "value",
            match &v.value {
                Literal::Integer(i) => Node::Scalar(i.to_string()),
                Literal::String(s) => Node::Text(s.clone()),
            },
        )];
        if let Some(name) = &v.name {
            entries.push(entry("name", Node::Text(name.clone())));
        }
        if let Some(description) = &v.description {
            entries.push(entry("description", Node::Text(description.clone())));
        }
        Node::Map(entries)
    };
    vec![entry("enum", Node::Seq(values.iter().map(value).collect()))]
}

fn response(response: &Response) -> Node {
    let mut entries = vec![
        entry("status", Node::Scalar(response.status.to_string())),
        entry("description", Node::Text(response.description.clone())),
    ];
    match &response.body {
        Some(Body::Fields(fields)) => entries.push(entry("body", Node::Seq(fields.iter().map(field).collect()))),
        Some(Body::Whole(schema)) => entries.push(entry("body", whole_body(schema))),
        None => {}
    }
    Node::Map(entries)
}

fn example(example: &Example) -> Node {
    let request = &example.request;
    let pairs = |pairs: &[(String, Value)]| Node::Map(pairs.iter().map(|(k, v)| (k.clone(), json(v))).collect());
    let mut values = Vec::new();
    for (key, list) in [
        ("path", &request.path),
        ("query", &request.query),
        ("headers", &request.headers),
        ("form", &request.form),
    ] {
        if !list.is_empty() {
            values.push(entry(key, pairs(list)));
        }
    }
    if let Some(body) = &request.body {
        values.push(entry("body", json(body)));
    }
    let response = &example.response;
    let mut answer = vec![entry("status", Node::Scalar(response.status.to_string()))];
    if !response.headers.is_empty() {
        let headers = response.headers.iter().map(|(k, v)| (k.clone(), Node::Text(v.clone())));
        answer.push(entry("headers", Node::Map(headers.collect())));
    }
    if let Some(body) = &response.body {
        answer.push(entry("body", json(body)));
    }
    let mut entries = vec![entry("name", Node::Text(example.name.clone()))];
    if !values.is_empty() {
        entries.push(entry("request", Node::Map(values)));
    }
    entries.push(entry("response", Node::Map(answer)));
    Node::Map(entries)
}

/// A JSON value as YAML nodes.
fn json(value: &Value) -> Node {
    match value {
        Value::Null => Node::Scalar("null".to_owned()),
        Value::Bool(b) => Node::Scalar(b.to_string()),
        Value::Number(n) => Node::Scalar(n.to_string()),
        Value::String(s) => Node::Text(s.clone()),
        Value::Array(items) => Node::Seq(items.iter().map(json).collect()),
        Value::Object(map) => Node::Map(map.iter().map(|(k, v)| (k.clone(), json(v))).collect()),
    }
}

fn write_entries(out: &mut String, entries: &[(String, Node)], indent: usize) {
    for (key, node) in entries {
        let lead = format!("{}{}:", " ".repeat(indent), scalar(key));
        write_node(out, &lead, node, indent + 2);
    }
}

/// Writes `node` after `lead` (`key:` or `-`, already indented); its
/// children go at `indent`.
fn write_node(out: &mut String, lead: &str, node: &Node, indent: usize) {
    match node {
        Node::Scalar(text) => out.push_str(&format!("{lead} {text}\n")),
        Node::Text(text) if is_literal_block(text) => {
            out.push_str(&format!("{lead} |-\n"));
            for line in text.split('\n') {
                match line.is_empty() {
                    true => out.push('\n'),
                    false => out.push_str(&format!("{}{line}\n", " ".repeat(indent))),
                }
            }
        }
        Node::Text(text) => out.push_str(&format!("{lead} {}\n", scalar(text))),
        Node::Map(entries) if entries.is_empty() => out.push_str(&format!("{lead} {{}}\n")),
        Node::Seq(items) if items.is_empty() => out.push_str(&format!("{lead} []\n")),
        // A mapping in a list starts on the line of its dash.
        Node::Map(entries) if lead.ends_with('-') => {
            let mut inner = String::new();
            write_entries(&mut inner, entries, indent);
            out.push_str(&format!("{lead} {}", &inner[indent..]));
        }
        Node::Map(entries) => {
            out.push_str(&format!("{lead}\n"));
            write_entries(out, entries, indent);
        }
        Node::Seq(items) => {
            out.push_str(&format!("{lead}\n"));
            let dash = format!("{}-", " ".repeat(indent));
            for item in items {
                write_node(out, &dash, item, indent + 2);
            }
        }
    }
}

/// Text as a YAML scalar: plain when YAML reads it back as the same
/// string, else double-quoted with escapes.
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && text.chars().all(verbatim)
        && matches!(serde_yaml::from_str(text), Ok(serde_yaml::Value::String(read)) if read == text);
    if plain { text.to_owned() } else { double_quoted(text) }
}

/// Whether multi-line text can be a `|-` block: every line starts and ends
/// without blanks (indentation would change its meaning) and has only
/// characters that stand for themselves.
fn is_literal_block(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with('\n')
        && !text.ends_with('\n')
        && text
            .split('\n')
            .all(|line| line.trim() == line && line.chars().all(verbatim))
}

/// Whether YAML reads `c` as itself anywhere: printable, and neither a
/// line break nor a byte-order mark.
fn verbatim(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if verbatim(c) => out.push(c),
            c if u32::from(c) <= 0xff => out.push_str(&format!("\\x{:02X}", u32::from(c))),
            c if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRICKY: [&str; 22] = [
        "914083136",
        "1.50",
        "true",
        "null",
        "~",
        "a: b",
        "- x",
        "x #y",
        "#x",
        " padded ",
        "say \"hi\"\\",
        "multi\nline\n\nwith a gap",
        " indented\nblock",
        "trailing\n",
        "tab\there",
        "bell\u{7}",
        "nel\u{85}ls\u{2028}",
        "bom\u{feff}",
        "[x]",
        "*alias",
        "",
        "中文：值",
    ];

    /// Every example value survives writing, form parts included.
    #[test]
    fn a_multipart_spec_reads_back_with_its_form_examples() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/tests/specs/add_material.yaml");
        let spec = meeting_api_spec::load(std::path::Path::new(path)).unwrap();
        let written = to_yaml(&spec, "# written back\n");
        let read = meeting_api_spec::parse(&written, "written.yaml").unwrap_or_else(|e| panic!("{written}\n{e}"));
        let forms = |spec: &Spec| spec.examples.iter().map(|e| e.request.form.clone()).collect::<Vec<_>>();
        assert!(forms(&spec).iter().all(|form| !form.is_empty()));
        assert_eq!(forms(&read), forms(&spec));
    }

    #[test]
    fn text_reads_back_as_written() {
        for text in TRICKY {
            let yaml = format!("key: {}\n", scalar(text));
            let read: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(read["key"].as_str(), Some(text), "{yaml}");
            let mut out = String::new();
            write_node(&mut out, "key:", &Node::Text(text.to_owned()), 2);
            let read: serde_yaml::Value = serde_yaml::from_str(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
            assert_eq!(read["key"].as_str(), Some(text), "{out}");
        }
    }

    #[test]
    fn plain_where_yaml_agrees_and_blocks_for_lines() {
        assert_eq!(scalar("914083136"), "\"914083136\"");
        assert_eq!(
            scalar("d2c3ae64216e11eabc510dc9b62e3a80"),
            "d2c3ae64216e11eabc510dc9b62e3a80"
        );
        assert_eq!(
            scalar("application/json;charset=UTF-8"),
            "application/json;charset=UTF-8"
        );
        let mut out = String::new();
        write_node(&mut out, "  description:", &Node::Text("One.\nTwo.".to_owned()), 4);
        assert_eq!(out, "  description: |-\n    One.\n    Two.\n");
    }

    #[test]
    fn nested_lists_and_maps_are_indented_like_hand_written_specs() {
        let node = Node::Seq(vec![Node::Map(vec![
            entry("name", Node::Text("a".into())),
            entry(
                "enum",
                Node::Seq(vec![Node::Map(vec![entry("value", Node::Scalar("0".into()))])]),
            ),
        ])]);
        let mut out = String::new();
        write_entries(&mut out, &[("params".to_owned(), node)], 0);
        assert_eq!(out, "params:\n  - name: a\n    enum:\n      - value: 0\n");
    }
}
