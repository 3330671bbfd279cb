//! Whether a JSON value fits a schema. The validator checks examples and
//! defaults with it; the mock server checks live requests with it, so a spec
//! and the server built from it cannot disagree on what a value may be.

use serde_json::{Map, Value};

use crate::decode::Decoder;
use crate::model::{Bounds, EnumValue, FILE_FIELDS, Field, IntFormat, Schema, Shape};
use crate::position::Path;

/// One way a value fails to fit its schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Where, relative to the value checked: `[]` for the value itself,
    /// `data.token` for a field inside it.
    pub path: Path,
    /// What is wrong and what was expected. Never quotes a secret value.
    pub message: String,
    /// Whether the fault is the key itself (an undeclared field) rather
    /// than the value under it.
    pub on_key: bool,
}

impl Shape {
    /// The type as a message names what it expected: "an integer".
    pub fn expected(&self) -> &'static str {
        match self {
            Shape::Integer { .. } => "an integer",
            Shape::Number { .. } => "a number",
            Shape::String { .. } => "a string",
            Shape::Boolean => "a boolean (true or false)",
            Shape::Object { .. } => "a mapping of fields",
            Shape::Array { .. } => "a list",
            Shape::Map { .. } => "a mapping of names to values",
            Shape::File => "a file (a mapping with `filename`, `content` and optionally `content_type`)",
        }
    }
}

impl Schema {
    /// Whether this value is secret or holds a secret anywhere inside: a
    /// message about it as a whole must not quote it.
    pub fn holds_secret(&self) -> bool {
        self.secret
            || match &self.shape {
                Shape::Object { fields } => fields.iter().any(|f| f.schema.holds_secret()),
                Shape::Array { items, .. } => items.holds_secret(),
                Shape::Map { values } => values.holds_secret(),
                _ => false,
            }
    }

    /// Every way `value` fails to fit this schema; empty when it fits.
    pub fn violations(&self, value: &Value) -> Vec<Violation> {
        let mut found = Vec::new();
        check_shown(&mut found, &Path::root(), self, value, Shown::OPEN);
        found
    }
}

/// Every way `map` fails to be an object of `fields`: undeclared fields,
/// missing required fields and bad values.
pub fn object_violations(fields: &[Field], map: &Map<String, Value>) -> Vec<Violation> {
    let mut found = Vec::new();
    check_fields(&mut found, &Path::root(), fields, map, Shown::OPEN);
    found
}

/// The JSON value of a path, query or header value, which travels as text,
/// read as its schema's type: `"1"` is the integer 1 for an integer param
/// and the string "1" for a string param. `None` when the text is not of
/// the type (`"x"` for an integer), or the shape has no text form.
///
/// Numbers are read with JSON's grammar, as the client writes them: `+5`,
/// ` 5`, `0x1F` and `inf` are not numbers.
pub fn from_wire_text(shape: &Shape, text: &str) -> Option<Value> {
    let number = || match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(n)) if text.trim() == text => Some(n),
        _ => None,
    };
    match shape {
        Shape::String { .. } => Some(Value::from(text)),
        Shape::Integer { .. } => number().filter(|n| n.is_i64() || n.is_u64()).map(Value::Number),
        Shape::Number { .. } => number().map(Value::Number),
        Shape::Boolean => text.parse::<bool>().ok().map(Value::Bool),
        Shape::Object { .. } | Shape::Array { .. } | Shape::Map { .. } | Shape::File => None,
    }
}

impl Decoder<'_, '_> {
    /// Reports every way `value` fails to fit `schema`.
    pub(crate) fn check_value(&mut self, path: &Path, schema: &Schema, value: &Value) {
        self.report(path, schema.violations(value));
    }

    /// Reports undeclared fields, missing required fields and every bad value.
    pub(crate) fn check_object(&mut self, path: &Path, fields: &[Field], map: &Map<String, Value>) {
        self.report(path, object_violations(fields, map));
    }

    fn report(&mut self, path: &Path, violations: Vec<Violation>) {
        for violation in violations {
            let at = path.join(&violation.path);
            if violation.on_key {
                self.ctx.key_error(&at, violation.message);
            } else {
                self.ctx.error(&at, violation.message);
            }
        }
    }
}

/// What a message calls a value: itself, or a stand-in when it is secret
/// or lies inside a secret one, so that no message ever shows it.
#[derive(Clone, Copy)]
struct Shown {
    secret: bool,
}

impl Shown {
    /// Outside any secret: values are quoted.
    const OPEN: Self = Self { secret: false };
    const SECRET: &'static str = "[secret value]";

    fn value(self, value: &Value) -> String {
        if self.secret {
            Self::SECRET.to_owned()
        } else {
            value.to_string()
        }
    }

    fn number(self, n: impl std::fmt::Display) -> String {
        if self.secret {
            Self::SECRET.to_owned()
        } else {
            n.to_string()
        }
    }

    /// `value 5`, `a mapping`: the value a type error found.
    fn found(self, value: &Value) -> String {
        match value {
            Value::Null => "an empty value".to_owned(),
            Value::Object(_) => "a mapping".to_owned(),
            Value::Array(_) => "a list".to_owned(),
            other => format!("value {}", self.value(other)),
        }
    }
}

fn check_shown(found: &mut Vec<Violation>, path: &Path, schema: &Schema, value: &Value, shown: Shown) {
    let shown = Shown {
        secret: shown.secret || schema.secret,
    };
    let mut fault = |message: String| {
        found.push(Violation {
            path: path.clone(),
            message,
            on_key: false,
        })
    };
    let expected = match (&schema.shape, value) {
        (Shape::String { values, length }, Value::String(s)) => {
            check_enum(&mut fault, values, value, shown);
            // Counting characters is a pass over the string: done only
            // when there are bounds to hold the count to.
            if length.min.is_none() && length.max.is_none() {
                return;
            }
            let count = s.chars().count() as u64;
            if !length.contains(count) {
                let bounds = bounds(length.min, length.max);
                fault(format!(
                    "string of {count} characters is outside the length bounds {bounds}"
                ));
            }
            return;
        }
        // A whole number too large for any integer type parses as a float.
        (Shape::Integer { format, values, range }, Value::Number(n)) if n.is_i64() || n.is_u64() || beyond_i64(n) => {
            let Some(n) = n
                .as_i64()
                .filter(|n| *format == IntFormat::Int64 || i32::try_from(*n).is_ok())
            else {
                return fault(format!(
                    "{} does not fit in an {}",
                    shown.value(value),
                    format_name(*format)
                ));
            };
            check_enum(&mut fault, values, value, shown);
            return check_range(&mut fault, range, n, shown);
        }
        (Shape::Number { range, .. }, Value::Number(n)) => {
            return check_range(&mut fault, range, n.as_f64().unwrap_or(f64::NAN), shown);
        }
        (Shape::Boolean, Value::Bool(_)) => return,
        (Shape::Object { fields }, Value::Object(map)) => return check_fields(found, path, fields, map, shown),
        (Shape::Map { values }, Value::Object(map)) => {
            for (name, value) in map {
                check_shown(found, &path.key(name.clone()), values, value, shown);
            }
            return;
        }
        (Shape::File, Value::Object(map)) => return check_file(found, path, map),
        (Shape::Array { items, length }, Value::Array(elements)) => {
            for (i, element) in elements.iter().enumerate() {
                check_shown(found, &path.index(i), items, element, shown);
            }
            if !length.contains(elements.len() as u64) {
                let (count, bounds) = (elements.len(), bounds(length.min, length.max));
                found.push(Violation {
                    path: path.clone(),
                    message: format!("list of {count} elements is outside the size bounds {bounds}"),
                    on_key: false,
                });
            }
            return;
        }
        (shape, _) => shape.expected(),
    };
    fault(format!(
        "{} has the wrong type; expected {expected}",
        shown.found(value)
    ));
}

fn check_fields(found: &mut Vec<Violation>, path: &Path, fields: &[Field], map: &Map<String, Value>, shown: Shown) {
    for (name, value) in map {
        match fields.iter().find(|f| &f.name == name) {
            Some(field) => check_shown(found, &path.key(name.clone()), &field.schema, value, shown),
            None => found.push(Violation {
                path: path.key(name.clone()),
                message: format!(
                    "`{name}` is not a declared field here; declared: {}",
                    names(fields.iter().map(|f| f.name.as_str()))
                ),
                on_key: true,
            }),
        }
    }
    for field in fields.iter().filter(|f| f.required && !map.contains_key(&f.name)) {
        found.push(Violation {
            path: path.clone(),
            message: format!("required field `{}` is missing", field.name),
            on_key: false,
        });
    }
}

/// A file as JSON: a non-empty `filename` and a `content`, both strings,
/// and optionally a `content_type` string; no other keys.
fn check_file(found: &mut Vec<Violation>, path: &Path, map: &Map<String, Value>) {
    let mut fault = |path: Path, message: String, on_key: bool| found.push(Violation { path, message, on_key });
    let [filename, content, _] = FILE_FIELDS;
    for name in map.keys().filter(|name| !FILE_FIELDS.contains(&name.as_str())) {
        let expected = names(FILE_FIELDS.into_iter());
        let message = format!("`{name}` is not a key of a file; expected {expected}");
        fault(path.key(name.clone()), message, true);
    }
    for required in [filename, content].into_iter().filter(|key| !map.contains_key(*key)) {
        fault(path.clone(), format!("a file needs `{required}`"), false);
    }
    for (key, value) in map.iter().filter(|(key, _)| FILE_FIELDS.contains(&key.as_str())) {
        match value {
            Value::String(text) if text.is_empty() && key == filename => fault(
                path.key(key.clone()),
                "`filename` is empty; a file part is sent with its file name".to_owned(),
                false,
            ),
            Value::String(_) => {}
            other => fault(
                path.key(key.clone()),
                format!("{} has the wrong type; expected a string", Shown::OPEN.found(other)),
                false,
            ),
        }
    }
}

/// Whether `n` is a whole number outside the range of `i64`.
fn beyond_i64(n: &serde_json::Number) -> bool {
    // `i64::MAX as f64` rounds up to 2^63, the first value beyond.
    n.as_f64()
        .is_some_and(|f| f.is_finite() && f.fract() == 0.0 && (f >= i64::MAX as f64 || f < i64::MIN as f64))
}

fn check_range<T: Copy + PartialOrd + std::fmt::Display>(
    fault: &mut impl FnMut(String),
    range: &Bounds<T>,
    n: T,
    shown: Shown,
) {
    if !range.contains(n) {
        let bounds = bounds(range.min, range.max);
        fault(format!("{} is outside the bounds {bounds}", shown.number(n)));
    }
}

fn check_enum(fault: &mut impl FnMut(String), values: &[EnumValue], value: &Value, shown: Shown) {
    if values.is_empty() || values.iter().any(|v| v.value.to_json() == *value) {
        return;
    }
    let allowed = values.iter().map(|v| match &v.name {
        Some(name) => format!("{} ({name})", v.value),
        None => v.value.to_string(),
    });
    fault(format!(
        "{} is not one of the enum values: {}",
        shown.value(value),
        allowed.collect::<Vec<_>>().join(", ")
    ));
}

/// A list of names for messages, or "none".
pub(crate) fn names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let list: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if list.is_empty() {
        "none".to_owned()
    } else {
        list.join(", ")
    }
}

fn format_name(format: IntFormat) -> &'static str {
    match format {
        IntFormat::Int32 => "int32",
        IntFormat::Int64 => "int64",
    }
}

fn bounds<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    let show = |b: Option<T>| b.map_or_else(|| "..".to_owned(), |b| b.to_string());
    format!("[{}, {}]", show(min), show(max))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bounds, FloatFormat};

    #[test]
    fn wire_numbers_follow_the_json_grammar() {
        let integer = Shape::Integer {
            format: IntFormat::Int64,
            values: Vec::new(),
            range: Bounds::default(),
        };
        let number = Shape::Number {
            format: FloatFormat::Double,
            range: Bounds::default(),
        };
        assert_eq!(from_wire_text(&integer, "-12"), Some(Value::from(-12)));
        assert_eq!(from_wire_text(&number, "1.5e3"), Some(Value::from(1500.0)));
        for text in ["+5", " 5", "5 ", "0x1F", "05", "1.0", "1e3", "", "five"] {
            assert_eq!(from_wire_text(&integer, text), None, "{text:?}");
        }
        for text in ["+1.5", "inf", "NaN", ".5", "1.", ""] {
            assert_eq!(from_wire_text(&number, text), None, "{text:?}");
        }
        assert_eq!(from_wire_text(&Shape::Boolean, "true"), Some(Value::Bool(true)));
        assert_eq!(from_wire_text(&Shape::Boolean, "True"), None);
    }
}
