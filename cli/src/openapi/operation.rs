//! One Operation Object from one spec: its parameters, request body and
//! responses, each carrying the spec's examples by example name.

use meeting_api_spec::{Body, Example, ParamIn, Spec};
use serde_json::Value;

use super::document::{self, Header, Map, MediaType, Operation, Parameter, RequestBody, Response, Schema, Server};
use super::{error_ref, schema};

/// The only media type the format speaks.
const JSON: &str = "application/json";

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
            .filter(|p| p.location != ParamIn::Body)
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

/// The body: the object of the `in: body` params, or the whole body's schema.
fn request_body(spec: &Spec) -> Option<RequestBody> {
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
