//! Values of the documented shapes, for what the examples do not cover: a
//! request when a spec has no example, a body for each documented status.
//! The conformance kit and the mock server both draw on them.

use crate::{Body, ExampleRequest, Field, Literal, ParamIn, Schema, Shape, Spec};
use serde_json::{Map, Value, json};

/// A value of `schema`: its first enum value, else one within its bounds.
pub fn value(schema: &Schema) -> Value {
    if let Some(first) = schema.shape.enum_values().first() {
        return match &first.value {
            Literal::Integer(n) => json!(n),
            Literal::String(s) => json!(s),
        };
    }
    match &schema.shape {
        Shape::String { length, .. } => {
            let size = length.min.unwrap_or(6).max(1).min(length.max.unwrap_or(u64::MAX)) as usize;
            json!("sample".chars().cycle().take(size).collect::<String>())
        }
        Shape::Integer { range, .. } => json!(range.min.or(range.max).unwrap_or(1)),
        Shape::Number { range, .. } => json!(range.min.or(range.max).unwrap_or(1.5)),
        Shape::Boolean => json!(true),
        Shape::Object { fields } => object(fields),
        Shape::Array { items, length } => {
            let count = length.min.unwrap_or(1).max(1) as usize;
            Value::Array(vec![value(items); count])
        }
        // One entry shows the values' shape; the key is free.
        Shape::Map { values } => json!({ "key": value(values) }),
        Shape::File => json!({ "filename": "sample.txt", "content": "sample" }),
    }
}

/// An object with every field, optional ones too.
pub fn object(fields: &[Field]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| (f.name.clone(), value(&f.schema)))
            .collect::<Map<_, _>>(),
    )
}

/// The body a documented status carries, as JSON; `None` for a 2xx without
/// one. The standard error body gets a recognisable code.
pub fn response_body(spec: &Spec, status: u16) -> Option<Value> {
    let response = spec.response(status)?;
    match (&response.body, response.is_success()) {
        (None, true) => None,
        (None, false) => {
            Some(json!({"error_code": "MMC.000000000", "error_msg": format!("sample response for status {status}")}))
        }
        (Some(Body::Fields(fields)), _) => Some(object(fields)),
        (Some(Body::Whole(schema)), _) => Some(value(schema)),
    }
}

/// A request with a value for every required param.
pub fn request(spec: &Spec) -> ExampleRequest {
    let mut request = ExampleRequest::default();
    let mut body = Map::new();
    for param in spec.params.iter().filter(|p| p.field.required) {
        let pair = (param.field.name.clone(), value(&param.field.schema));
        match param.location {
            ParamIn::Path => request.path.push(pair),
            ParamIn::Query => request.query.push(pair),
            ParamIn::Header => request.headers.push(pair),
            ParamIn::Form => request.form.push(pair),
            ParamIn::Body if param.whole_body => request.body = Some(pair.1),
            ParamIn::Body => {
                body.insert(pair.0, pair.1);
            }
        }
    }
    if request.body.is_none() && spec.has_body() {
        request.body = Some(Value::Object(body));
    }
    request
}
