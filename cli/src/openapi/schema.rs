//! Schema Objects from the spec's shapes: types, formats, bounds, enums,
//! nested objects, arrays and maps, defaults and the secret mark.

use meeting_api_spec::{Bounds, EnumValue, Field, FloatFormat, IntFormat, Literal, Shape};
use serde_json::Value;

use super::document::Schema;

/// The schema of one value of the spec: a shared object or enum is a
/// reference to its component (which is [`written_out`]).
pub(crate) fn of(schema: &meeting_api_spec::Schema) -> Schema {
    if let Some(name) = schema.shared.as_deref().filter(|_| is_component(schema)) {
        return Schema {
            reference: Some(format!("#/components/schemas/{name}")),
            description: schema.description.clone(),
            ..Schema::default()
        };
    }
    written_out(schema)
}

/// Whether a shared shape is exported as a component: an object or an
/// enum, the shapes that are one type in the generated client. Others (a
/// list, a plain string) are written where they are used.
pub(crate) fn is_component(schema: &meeting_api_spec::Schema) -> bool {
    matches!(schema.shape, Shape::Object { .. }) || !schema.shape.enum_values().is_empty()
}

/// A value's schema written out in place, as a shared shape's component
/// is and any other value's schema.
pub(crate) fn written_out(schema: &meeting_api_spec::Schema) -> Schema {
    let mut out = shape(&schema.shape);
    out.description = describe(schema.description.as_deref(), schema.shape.enum_values());
    out.default = schema.default.clone();
    if schema.secret {
        out.secret = true;
        // `password` is the one standard format that tells renderers to
        // mask a value; it only means something for strings.
        if out.kind == Some("string") {
            out.format = Some("password");
        }
    }
    out
}

/// An object schema with `fields` as its properties.
pub(crate) fn object<'a>(fields: impl IntoIterator<Item = &'a Field>) -> Schema {
    let mut out = Schema {
        kind: Some("object"),
        ..Schema::default()
    };
    for field in fields {
        if field.required {
            out.required.push(field.name.clone());
        }
        out.properties.insert(field.name.clone(), of(&field.schema));
    }
    out
}

fn shape(shape: &Shape) -> Schema {
    match shape {
        Shape::String { values, length } => Schema {
            kind: Some("string"),
            min_length: length.min,
            max_length: length.max,
            ..enumeration(values)
        },
        Shape::Integer { format, values, range } => Schema {
            kind: Some("integer"),
            format: Some(match format {
                IntFormat::Int32 => "int32",
                IntFormat::Int64 => "int64",
            }),
            ..bounded(range, |n| Some(Value::from(n)), enumeration(values))
        },
        Shape::Number { format, range } => Schema {
            kind: Some("number"),
            format: Some(match format {
                FloatFormat::Float => "float",
                FloatFormat::Double => "double",
            }),
            ..bounded(
                range,
                |n| serde_json::Number::from_f64(n).map(Value::Number),
                Schema::default(),
            )
        },
        Shape::Boolean => Schema {
            kind: Some("boolean"),
            ..Schema::default()
        },
        Shape::Object { fields } => object(fields),
        Shape::Array { items, length } => Schema {
            kind: Some("array"),
            items: Some(Box::new(of(items))),
            min_items: length.min,
            max_items: length.max,
            ..Schema::default()
        },
        // OpenAPI 3.0's spelling of a file in a multipart body.
        Shape::File => Schema {
            kind: Some("string"),
            format: Some("binary"),
            ..Schema::default()
        },
        Shape::Map { values } => Schema {
            kind: Some("object"),
            additional_properties: Some(Box::new(of(values))),
            ..Schema::default()
        },
    }
}

fn bounded<T: Copy>(range: &Bounds<T>, json: impl Fn(T) -> Option<Value>, base: Schema) -> Schema {
    Schema {
        minimum: range.min.and_then(&json),
        maximum: range.max.and_then(&json),
        ..base
    }
}

/// `enum` with the values, and their names and meanings in
/// openapi-generator's extensions. The names extension needs one name per
/// value, so it is left out unless the spec names every value; generators
/// then name the values themselves, as the Rust client does.
fn enumeration(values: &[EnumValue]) -> Schema {
    let all_named = values.iter().all(|v| v.name.is_some());
    let any_described = values.iter().any(|v| v.description.is_some());
    Schema {
        values: values.iter().map(|v| v.value.to_json()).collect(),
        value_names: match all_named {
            true => values.iter().filter_map(|v| v.name.clone()).collect(),
            false => Vec::new(),
        },
        value_descriptions: match any_described {
            true => values
                .iter()
                .map(|v| v.description.clone().unwrap_or_default())
                .collect(),
            false => Vec::new(),
        },
        ..Schema::default()
    }
}

/// The description, followed by a list of the enum's values when the spec
/// documents them: renderers show descriptions, not extensions.
fn describe(text: Option<&str>, values: &[EnumValue]) -> Option<String> {
    if values.iter().all(|v| v.name.is_none() && v.description.is_none()) {
        return text.map(str::to_owned);
    }
    let list = values.iter().map(value_line).collect::<Vec<_>>().join("\n");
    Some(match text {
        Some(text) => format!("{text}\n\n{list}"),
        None => list,
    })
}

fn value_line(value: &EnumValue) -> String {
    let name = value.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
    let meaning = value
        .description
        .as_deref()
        .map(|d| format!(": {d}"))
        .unwrap_or_default();
    let wire = match &value.value {
        Literal::Integer(n) => n.to_string(),
        Literal::String(s) => s.clone(),
    };
    format!("- `{wire}`{name}{meaning}")
}
