//! One Operation Object from one spec: its parameters, request body and
//! responses, each carrying the spec's examples by example name.

use meeting_api_spec::{Body, Example, ParamIn, Spec};
use serde_json::Value;

use super::document::{self, Header, Map, MediaType, Operation, Parameter, RequestBody, Response, Schema, Server};
use super::{error_ref, schema};

/// The media type of bodies and responses.
const JSON: &str = "application/json";

/// The media type of a body of `in: form` params.
const MULTIPART: &str = "multipart/form-data";

/// The operation of `spec`, served from `servers` when it overrides the
/// document's.
pub(crate) fn operation(spec: &Spec, servers: Vec<Server>) -> Operation {
    Operation {
        operation_id: spec.name.clone(),
        summary: spec.summary.clone(),
        description: spec.description.clone(),
        servers,
        parameters: spec
            .params
            .iter()
            .filter(|p| !matches!(p.location, ParamIn::Body | ParamIn::Form))
            .map(|p| parameter(spec, p))
            .collect(),
        request_body: request_body(spec),
        responses: spec
            .responses
            .iter()
            .map(|r| (r.status.to_string(), response(spec, r)))
            .collect(),
    }
}

fn parameter(spec: &Spec, param: &meeting_api_spec::Param) -> Parameter {
    let mut schema = schema::of(&param.field.schema);
    Parameter {
        name: param.field.name.clone(),
        location: param.location.as_str(),
        // The parameter's description is the one renderers show.
        description: schema.description.take(),
        required: param.field.required || param.location == ParamIn::Path,
        schema,
        examples: examples(
            spec.examples
                .iter()
                .filter_map(|e| Some((e, e.request.value_of(param)?.clone()))),
        ),
    }
}

/// The body: the object of the `in: body` params, or the whole body's
/// schema, or the parts of a multipart body.
fn request_body(spec: &Spec) -> Option<RequestBody> {
    if spec.is_multipart() {
        return Some(form_body(spec));
    }
    let fields: Vec<_> = spec.params_in(ParamIn::Body).map(|p| &p.field).collect();
    if fields.is_empty() {
        return None;
    }
    let schema = match spec.whole_body() {
        Some(whole) => schema::of(&whole.field.schema),
        None => schema::object(fields.iter().copied()),
    };
    let bodies = spec.examples.iter().filter_map(|e| Some((e, e.request.body.clone()?)));
    Some(RequestBody {
        required: fields.iter().any(|f| f.required),
        content: json(schema, examples(bodies)),
    })
}

/// A `multipart/form-data` body: an object schema with a property per
/// part, files as `format: binary` strings (OpenAPI 3.0's way). An
/// example's file is given by its content, the value a binary string holds.
fn form_body(spec: &Spec) -> RequestBody {
    let fields: Vec<_> = spec.params_in(ParamIn::Form).map(|p| &p.field).collect();
    let example = |e: &Example| -> Value {
        let part = |value: &Value| value.get("content").cloned().unwrap_or_else(|| value.clone());
        let parts = e.request.form.iter().map(|(name, value)| (name.clone(), part(value)));
        Value::Object(parts.collect())
    };
    let examples = examples(spec.examples.iter().map(|e| (e, example(e))));
    RequestBody {
        required: fields.iter().any(|f| f.required),
        content: Map::from([(
            MULTIPART.to_owned(),
            MediaType {
                schema: schema::object(fields.iter().copied()),
                examples,
            },
        )]),
    }
}

fn response(spec: &Spec, documented: &meeting_api_spec::Response) -> Response {
    let answered: Vec<&Example> = spec
        .examples
        .iter()
        .filter(|e| e.response.status == documented.status)
        .collect();
    let schema = match &documented.body {
        Some(Body::Fields(fields)) => Some(schema::object(fields)),
        Some(Body::Whole(whole)) => Some(schema::of(whole)),
        None if documented.is_success() => None,
        None => Some(Schema::reference(&error_ref())),
    };
    let bodies = answered.iter().filter_map(|e| Some((*e, e.response.body.clone()?)));
    Response {
        description: documented.description.clone(),
        headers: headers(&answered),
        content: schema.map(|s| json(s, examples(bodies))).unwrap_or_default(),
    }
}

/// The headers the examples' responses carried, by their first spelling
/// (names ignore case), each with its value in every example.
fn headers(answered: &[&Example]) -> Map<Header> {
    let mut headers = Map::<Header>::new();
    for example in answered {
        // OpenAPI ignores a declared Content-Type: the content map says it.
        let carried = example
            .response
            .headers
            .iter()
            .filter(|(name, _)| !is_content_type(name));
        for (name, value) in carried {
            let key = headers
                .keys()
                .find(|k| k.eq_ignore_ascii_case(name))
                .cloned()
                .unwrap_or_else(|| name.clone());
            let header = headers.entry(key).or_insert_with(|| Header {
                schema: Schema {
                    kind: Some("string"),
                    ..Schema::default()
                },
                examples: Map::new(),
            });
            header
                .examples
                .insert(example.name.clone(), example_of(Value::from(value.as_str())));
        }
    }
    headers
}

fn is_content_type(name: &str) -> bool {
    name.eq_ignore_ascii_case("content-type")
}

/// A JSON content map with one media type.
fn json(schema: Schema, examples: Map<document::Example>) -> Map<MediaType> {
    Map::from([(JSON.to_owned(), MediaType { schema, examples })])
}

/// Example Objects by example name.
fn examples<'a>(values: impl Iterator<Item = (&'a Example, Value)>) -> Map<document::Example> {
    values.map(|(e, value)| (e.name.clone(), example_of(value))).collect()
}

fn example_of(value: Value) -> document::Example {
    document::Example { value }
}
