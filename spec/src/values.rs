//! Whether a JSON value fits a schema: used for examples and defaults.

use serde_json::{Map, Value};

use crate::decode::Decoder;
use crate::model::{Field, IntFormat, Schema, Shape};
use crate::position::Path;

impl Decoder<'_, '_> {
    /// Reports every way `value` fails to fit `schema`.
    pub(crate) fn check_value(&mut self, path: &Path, schema: &Schema, value: &Value) {
        if schema.secret {
            // The messages quote the value, and a secret must not appear in them.
            let before = self.ctx.count();
            let open = Schema {
                secret: false,
                ..schema.clone()
            };
            self.check_value(path, &open, value);
            if let Value::String(_) = value {
                self.ctx.redact_since(before, &value.to_string());
            }
            return;
        }
        let expected = match (&schema.shape, value) {
            (Shape::String { values, length }, Value::String(s)) => {
                self.check_enum(path, values, value);
                if !length.contains(s.chars().count() as u64) {
                    self.ctx.error(
                        path,
                        format!(
                            "string of {} characters is outside the length bounds {}",
                            s.chars().count(),
                            bounds(length.min, length.max)
                        ),
                    );
                }
                return;
            }
            (Shape::Integer { format, values, range }, Value::Number(n)) if n.is_i64() || n.is_u64() => {
                let Some(n) = n
                    .as_i64()
                    .filter(|n| *format == IntFormat::Int64 || i32::try_from(*n).is_ok())
                else {
                    self.ctx
                        .error(path, format!("{value} does not fit in an {}", format_name(*format)));
                    return;
                };
                self.check_enum(path, values, value);
                if !range.contains(n) {
                    self.ctx.error(
                        path,
                        format!("{n} is outside the bounds {}", bounds(range.min, range.max)),
                    );
                }
                return;
            }
            (Shape::Number { range, .. }, Value::Number(n)) => {
                let n = n.as_f64().unwrap_or(f64::NAN);
                if !range.contains(n) {
                    self.ctx.error(
                        path,
                        format!("{n} is outside the bounds {}", bounds(range.min, range.max)),
                    );
                }
                return;
            }
            (Shape::Boolean, Value::Bool(_)) => return,
            (Shape::Object { fields }, Value::Object(map)) => return self.check_object(path, fields, map),
            (Shape::Array { items, length }, Value::Array(elements)) => {
                for (i, element) in elements.iter().enumerate() {
                    self.check_value(&path.index(i), items, element);
                }
                if !length.contains(elements.len() as u64) {
                    self.ctx.error(
                        path,
                        format!(
                            "list of {} elements is outside the size bounds {}",
                            elements.len(),
                            bounds(length.min, length.max)
                        ),
                    );
                }
                return;
            }
            (Shape::Integer { .. }, _) => "an integer",
            (Shape::Number { .. }, _) => "a number",
            (Shape::String { .. }, _) => "a string",
            (Shape::Boolean, _) => "a boolean (true or false)",
            (Shape::Object { .. }, _) => "a mapping of fields",
            (Shape::Array { .. }, _) => "a list",
        };
        self.ctx.error(
            path,
            format!("{} has the wrong type; expected {expected}", describe(value)),
        );
    }

    /// Reports undeclared fields, missing required fields and every bad value.
    pub(crate) fn check_object(&mut self, path: &Path, fields: &[Field], map: &Map<String, Value>) {
        for (name, value) in map {
            match fields.iter().find(|f| &f.name == name) {
                Some(field) => self.check_value(&path.key(name.clone()), &field.schema, value),
                None => self.ctx.key_error(
                    &path.key(name.clone()),
                    format!(
                        "`{name}` is not a declared field here; declared: {}",
                        names(fields.iter().map(|f| f.name.as_str()))
                    ),
                ),
            }
        }
        for field in fields.iter().filter(|f| f.required && !map.contains_key(&f.name)) {
            self.ctx
                .error(path, format!("required field `{}` is missing", field.name));
        }
    }

    fn check_enum(&mut self, path: &Path, values: &[crate::model::EnumValue], value: &Value) {
        if values.is_empty() || values.iter().any(|v| v.value.to_json() == *value) {
            return;
        }
        let allowed = values.iter().map(|v| match &v.name {
            Some(name) => format!("{} ({name})", v.value),
            None => v.value.to_string(),
        });
        self.ctx.error(
            path,
            format!(
                "{value} is not one of the enum values: {}",
                allowed.collect::<Vec<_>>().join(", ")
            ),
        );
    }
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

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "an empty value".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        other => format!("value {other}"),
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
