//! Swagger 2.0 schemas (the shared part of parameters, `definitions` and
//! response schemas) as spec shapes, and the reader of JSON objects that
//! reports every key it did not read.

use std::collections::BTreeSet;
use std::fmt::Display;

use meeting_api_spec::model::{Bounds, Field, FloatFormat, IntFormat, Literal, Schema, Shape};
use serde_yaml::{Mapping, Value};

use super::Findings;
use super::shared::{self, EnumKind};

/// How deep schemas may nest through `properties`, `items` and `$ref`:
/// deeper is reported rather than followed.
const MAX_DEPTH: usize = 16;

/// One JSON object being read, with the keys read so far, so that
/// [`Obj::finish`] can report the others.
pub(crate) struct Obj<'d> {
    map: &'d Mapping,
    /// Where the object is, as a key path.
    pub at: String,
    read: Vec<&'static str>,
}

impl<'d> Obj<'d> {
    /// Opens `value`, reporting it when it is not an object.
    pub(crate) fn open(value: &'d Value, at: &str, what: &str, findings: &mut Findings) -> Option<Self> {
        match value.as_mapping() {
            Some(map) => Some(Obj {
                map,
                at: at.to_owned(),
                read: Vec::new(),
            }),
            None => {
                findings.dropped(
                    at,
                    format!("expected {what} (an object), found {}", shared::show(value)),
                );
                None
            }
        }
    }

    /// The key path of `key` in this object.
    pub(crate) fn at(&self, key: &str) -> String {
        match self.at.is_empty() {
            true => key.to_owned(),
            false => format!("{}.{key}", self.at),
        }
    }

    /// The value under `key`, marking it read.
    pub(crate) fn get(&mut self, key: &'static str) -> Option<&'d Value> {
        self.read.push(key);
        self.map.get(key)
    }

    /// The value under `key` as `T`; another kind of value is reported.
    pub(crate) fn typed<T>(
        &mut self,
        key: &'static str,
        expected: &str,
        read: impl Fn(&'d Value) -> Option<T>,
        findings: &mut Findings,
    ) -> Option<T> {
        let value = self.get(key)?;
        let typed = read(value);
        if typed.is_none() {
            findings.dropped(self.at(key), format!("{} is not {expected}", shared::show(value)));
        }
        typed
    }

    /// The text under `key`.
    pub(crate) fn text(&mut self, key: &'static str, findings: &mut Findings) -> Option<&'d str> {
        self.typed(key, "text", Value::as_str, findings)
    }

    /// The boolean under `key`.
    pub(crate) fn flag(&mut self, key: &'static str, findings: &mut Findings) -> Option<bool> {
        self.typed(key, "a boolean", Value::as_bool, findings)
    }

    /// The texts of the list under `key`.
    pub(crate) fn texts(&mut self, key: &'static str, findings: &mut Findings) -> Option<Vec<&'d str>> {
        let list = |v: &'d Value| v.as_sequence()?.iter().map(Value::as_str).collect();
        self.typed(key, "a list of texts", list, findings)
    }

    /// The elements of the list under `key`.
    pub(crate) fn list(&mut self, key: &'static str, findings: &mut Findings) -> Vec<&'d Value> {
        let list = |v: &'d Value| v.as_sequence().map(|items| items.iter().collect());
        self.typed(key, "a list", list, findings).unwrap_or_default()
    }

    /// The mapping under `key`.
    pub(crate) fn mapping(&mut self, key: &'static str, findings: &mut Findings) -> Option<&'d Mapping> {
        self.typed(key, "an object", Value::as_mapping, findings)
    }

    /// Reports every key that was not read.
    pub(crate) fn finish(self, findings: &mut Findings) {
        for (key, value) in self.map {
            let text = shared::key_text(key);
            if self.read.contains(&text.as_str()) {
                continue;
            }
            let what = match text.starts_with("x-") {
                true => "vendor extension",
                false => "key",
            };
            let message = format!(
                "{what} `{text}` ({}) has no counterpart in the spec format",
                shared::show(value)
            );
            findings.dropped(self.at(&text), message);
        }
    }
}

/// Reads schemas against the whole document, for `$ref`s, and remembers
/// which definitions were used.
pub(crate) struct Schemas<'d, 'f> {
    root: &'d Value,
    /// The findings of the import.
    pub findings: &'f mut Findings,
    /// The `$ref`s followed so far.
    pub used: BTreeSet<&'d str>,
}

impl<'d, 'f> Schemas<'d, 'f> {
    /// A reader for the document `root`.
    pub(crate) fn new(root: &'d Value, findings: &'f mut Findings) -> Self {
        Self {
            root,
            findings,
            used: BTreeSet::new(),
        }
    }

    /// The whole document.
    pub(crate) fn root(&self) -> &'d Value {
        self.root
    }

    /// The value a local `$ref` (`#/definitions/X`) points at, marking it used.
    pub(crate) fn target(&mut self, reference: &'d str, at: &str) -> Option<&'d Value> {
        let target = reference.strip_prefix("#/").and_then(|pointer| {
            let mut steps = pointer.split('/').map(|s| s.replace("~1", "/").replace("~0", "~"));
            steps.try_fold(self.root, |node, step| node.get(step.as_str()))
        });
        match target {
            Some(target) => {
                self.used.insert(reference);
                Some(target)
            }
            None => {
                let message = format!(
                    "$ref {reference:?} points at nothing in this file; only local `#/...` references are read"
                );
                self.findings.dropped(at, message);
                None
            }
        }
    }

    /// The shape a schema object describes; `None` (reported) when the
    /// spec format has no shape for it.
    pub(crate) fn schema(&mut self, value: &'d Value, at: &str, stack: &mut Vec<&'d str>) -> Option<Schema> {
        if stack.len() >= MAX_DEPTH {
            let message = format!("schemas nest deeper than {MAX_DEPTH} through properties, items and $ref; left out");
            self.findings.dropped(at, message);
            return None;
        }
        let mut obj = Obj::open(value, at, "a schema", self.findings)?;
        if obj.map.contains_key("$ref") {
            return self.referenced(obj, stack);
        }
        let schema = self.own_schema(&mut obj, stack);
        obj.finish(self.findings);
        schema
    }

    /// A `$ref` schema: the definition's, with a description written
    /// beside the `$ref` taking precedence, as API Explorer writes them.
    fn referenced(&mut self, mut obj: Obj<'d>, stack: &mut Vec<&'d str>) -> Option<Schema> {
        let reference = obj.text("$ref", self.findings);
        let description = obj.text("description", self.findings);
        let at = obj.at.clone();
        obj.finish(self.findings);
        let reference = reference?;
        if stack.contains(&reference) {
            let chain: Vec<&str> = stack
                .iter()
                .copied()
                .filter(|s| s.starts_with('#'))
                .chain([reference])
                .collect();
            let message = format!("$ref cycle: {}", chain.join(" → "));
            self.findings.dropped(at, message);
            return None;
        }
        let target = self.target(reference, &at)?;
        stack.push(reference);
        let target_at = reference.trim_start_matches("#/").replace('/', ".");
        let schema = self.schema(target, &target_at, stack);
        stack.pop();
        schema.map(|mut schema| {
            schema.description = description.map(str::to_owned).or(schema.description);
            schema
        })
    }

    /// The schema keys of `obj`, which may be a parameter: type and its
    /// keys, enum, description and default.
    pub(crate) fn own_schema(&mut self, obj: &mut Obj<'d>, stack: &mut Vec<&'d str>) -> Option<Schema> {
        let type_name = match obj.text("type", self.findings) {
            Some(type_name) => type_name,
            None if obj.map.contains_key("properties") => "object",
            None if obj.map.contains_key("items") => "array",
            None => {
                self.findings.dropped(
                    &obj.at,
                    "no `type`; the spec format needs one, so this value is left out",
                );
                return None;
            }
        };
        let (shape, secret) = self.shape(obj, type_name, stack)?;
        let mut schema = shared::schema(shape);
        schema.secret = secret;
        let description = obj.text("description", self.findings);
        self.enum_values(obj, &mut schema, description);
        if let Some(default) = obj.get("default") {
            schema.default = self.default(default, &schema, &obj.at("default"));
        }
        Some(schema)
    }

    fn shape(&mut self, obj: &mut Obj<'d>, type_name: &str, stack: &mut Vec<&'d str>) -> Option<(Shape, bool)> {
        let format = obj.text("format", self.findings);
        let shape = match type_name {
            "string" => {
                let length = self.bounds(obj, "minLength", "maxLength", Value::as_u64, |_| true);
                let secret = format == Some("password");
                if let Some(format) = format.filter(|_| !secret) {
                    let message = format!("format `{format}` has no counterpart; the value is a plain string");
                    self.findings.dropped(obj.at("format"), message);
                }
                let values = Vec::new();
                return Some((Shape::String { values, length }, secret));
            }
            "integer" => {
                let format = self.int_format(obj, format);
                let fits = move |n: i64| format == IntFormat::Int64 || i32::try_from(n).is_ok();
                let range = self.bounds(obj, "minimum", "maximum", Value::as_i64, fits);
                let values = Vec::new();
                Shape::Integer { format, values, range }
            }
            "number" => Shape::Number {
                format: self.float_format(obj, format),
                range: self.bounds(obj, "minimum", "maximum", Value::as_f64, |_| true),
            },
            "boolean" => Shape::Boolean,
            "object" => Shape::Object {
                fields: self.properties(obj, stack),
            },
            "array" => Shape::Array {
                items: Box::new(self.items(obj, stack)?),
                length: self.bounds(obj, "minItems", "maxItems", Value::as_u64, |_| true),
            },
            other => {
                let message = format!("type `{other}` has no counterpart in the spec format; the value is left out");
                self.findings.dropped(obj.at("type"), message);
                return None;
            }
        };
        if let Some(format) = format.filter(|_| !matches!(shape, Shape::Integer { .. } | Shape::Number { .. })) {
            let message = format!("format `{format}` of a {type_name} has no counterpart");
            self.findings.dropped(obj.at("format"), message);
        }
        Some((shape, false))
    }

    fn int_format(&mut self, obj: &Obj<'d>, format: Option<&str>) -> IntFormat {
        match format {
            Some("int32") => IntFormat::Int32,
            None | Some("int64") => IntFormat::Int64,
            Some(other) => {
                let message = format!("integer format `{other}` is not int32 or int64; imported as int64");
                self.findings.inferred(obj.at("format"), message);
                IntFormat::Int64
            }
        }
    }

    fn float_format(&mut self, obj: &Obj<'d>, format: Option<&str>) -> FloatFormat {
        match format {
            Some("float") => FloatFormat::Float,
            None | Some("double") => FloatFormat::Double,
            Some(other) => {
                let message = format!("number format `{other}` is not float or double; imported as double");
                self.findings.inferred(obj.at("format"), message);
                FloatFormat::Double
            }
        }
    }

    /// Inclusive bounds; a bound that does not `fit` the type, or a
    /// maximum below the minimum, would make the spec invalid and is left out.
    fn bounds<T: PartialOrd + Copy + Display>(
        &mut self,
        obj: &mut Obj<'d>,
        min_key: &'static str,
        max_key: &'static str,
        read: fn(&Value) -> Option<T>,
        fits: impl Fn(T) -> bool,
    ) -> Bounds<T> {
        let mut bound = |key: &'static str| {
            let value = obj.typed(key, "a whole number in range", read, self.findings)?;
            if fits(value) {
                return Some(value);
            }
            self.findings
                .dropped(obj.at(key), format!("{value} does not fit the type; left out"));
            None
        };
        let (min, max) = (bound(min_key), bound(max_key));
        match (min, max) {
            (Some(min), Some(max)) if max < min => {
                let message = format!("{max_key} {max} is below {min_key} {min}; both are left out");
                self.findings.dropped(&obj.at, message);
                Bounds { min: None, max: None }
            }
            _ => Bounds { min, max },
        }
    }

    /// The fields of an object schema, in the order of `properties`.
    fn properties(&mut self, obj: &mut Obj<'d>, stack: &mut Vec<&'d str>) -> Vec<Field> {
        // On a parameter, `required` is a boolean, read by the caller.
        let required: Vec<&str> = match obj.map.get("required") {
            Some(Value::Sequence(_)) => obj.texts("required", self.findings).unwrap_or_default(),
            _ => Vec::new(),
        };
        let properties = obj.mapping("properties", self.findings);
        let mut fields = Vec::new();
        for (name, value) in properties.into_iter().flatten() {
            let name = shared::key_text(name);
            let name = name.as_str();
            stack.push("properties");
            let schema = self.schema(value, &obj.at(&format!("properties.{name}")), stack);
            stack.pop();
            if let Some(schema) = schema {
                let required = required.contains(&name);
                fields.push(Field {
                    name: name.to_owned(),
                    required,
                    schema,
                });
            }
        }
        for name in required.iter().filter(|n| !fields.iter().any(|f| f.name == **n)) {
            let message = format!("required property `{name}` is not among the imported properties");
            self.findings.dropped(obj.at("required"), message);
        }
        fields
    }

    fn items(&mut self, obj: &mut Obj<'d>, stack: &mut Vec<&'d str>) -> Option<Schema> {
        let Some(items) = obj.get("items") else {
            self.findings.dropped(
                &obj.at,
                "an array without `items`; the spec format needs its element shape, so it is left out",
            );
            return None;
        };
        stack.push("items");
        let items = self.schema(items, &obj.at("items"), stack);
        stack.pop();
        items
    }

    /// `enum` values, with the meanings that the description lists as
    /// `value: meaning` lines; those lines leave the description when
    /// every listed value is a declared one.
    fn enum_values(&mut self, obj: &mut Obj<'d>, schema: &mut Schema, description: Option<&str>) {
        let prose = description.map(|d| shared::read_prose(d.lines(), EnumKind::of(&schema.shape)));
        schema.description = description.map(str::to_owned);
        let Some(declared) = obj.typed("enum", "a list", Value::as_sequence, self.findings) else {
            return;
        };
        let prose = prose.unwrap_or_default();
        let literals: Vec<Literal> = declared
            .iter()
            .filter_map(|v| self.literal(v, &obj.at("enum")))
            .collect();
        if !prose.values.is_empty() && prose.values.iter().all(|(v, _)| literals.contains(v)) {
            schema.description = prose.description;
        }
        let meaning = |literal: &Literal| prose.values.iter().find(|(v, _)| v == literal).map(|(_, m)| m.clone());
        let values = literals.iter().map(|l| (l.clone(), meaning(l))).collect();
        shared::set_enum(&mut schema.shape, values, &obj.at("enum"), self.findings);
    }

    fn literal(&mut self, value: &Value, at: &str) -> Option<Literal> {
        match value {
            Value::String(s) => Some(Literal::String(s.clone())),
            Value::Number(n) if n.as_i64().is_some() => n.as_i64().map(Literal::Integer),
            other => {
                let message = format!(
                    "enum value {} is neither an integer nor text; left out",
                    shared::show(other)
                );
                self.findings.dropped(at, message);
                None
            }
        }
    }

    /// A default that fits the schema; another would make the spec invalid.
    fn default(&mut self, value: &Value, schema: &Schema, at: &str) -> Option<serde_json::Value> {
        let json = serde_json::to_value(value).ok()?;
        let violations = schema.violations(&json);
        match violations.first() {
            None => Some(json),
            Some(violation) => {
                let message = format!(
                    "default {} does not fit: {}; left out",
                    shared::show(value),
                    violation.message
                );
                self.findings.dropped(at, message);
                None
            }
        }
    }
}
