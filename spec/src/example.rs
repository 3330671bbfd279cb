//! Documented examples, read against the params and responses they use.

use serde_json::Value as Json;
use serde_yaml::Value;

use crate::decode::{Decoder, missing, show};
use crate::model::{Body, Example, ExampleRequest, ExampleResponse, Param, ParamIn, Response, Shape};
use crate::position::Path;
use crate::values::names;

/// What an example is checked against.
pub(crate) struct Contract<'s> {
    pub params: &'s [Param],
    pub responses: &'s [Response],
}

impl<'v> Decoder<'_, '_> {
    pub(crate) fn example(&mut self, value: &'v Value, path: Path, contract: &Contract<'_>) -> Option<Example> {
        let mut e = self.entries(value, path.clone(), "an example (a mapping)")?;
        let name: Option<String> = self.required(&mut e, "name");
        let empty = Value::Mapping(Default::default());
        let (raw_request, request_path) = e.lookup("request").unwrap_or((&empty, path.key("request")));
        let request = self.request(raw_request, request_path, contract.params);
        let response = match e.lookup("response") {
            Some((raw, at)) => self.response_example(raw, at, contract.responses),
            None => {
                self.ctx.error(&path, missing("response"));
                None
            }
        };
        self.finish(e);
        let position = self.ctx.position(&path);
        Some(Example {
            name: name?,
            request: request?,
            response: response?,
            position,
        })
    }

    fn request(&mut self, value: &Value, path: Path, params: &[Param]) -> Option<ExampleRequest> {
        let mut e = self.entries(value, path.clone(), "the example request (a mapping)")?;
        let request = ExampleRequest {
            path: self.wire_values(&mut e, "path", ParamIn::Path, params),
            query: self.wire_values(&mut e, "query", ParamIn::Query, params),
            headers: self.wire_values(&mut e, "headers", ParamIn::Header, params),
            body: self.optional::<Json>(&mut e, "body"),
            form: self.wire_values(&mut e, "form", ParamIn::Form, params),
        };
        self.finish(e);
        self.check_body(&path.key("body"), request.body.as_ref(), params);
        self.check_required(&path, &request, params);
        Some(request)
    }

    /// Values of path, query, header or form params, each normalised to its
    /// param's type (`"1"` for an integer param becomes `1`; `1.50` for a
    /// string param stays the text `"1.50"`).
    fn wire_values(
        &mut self,
        e: &mut crate::decode::Entries<'_>,
        key: &'static str,
        location: ParamIn,
        params: &[Param],
    ) -> Vec<(String, Json)> {
        let Some(raw) = self.optional::<serde_yaml::Mapping>(e, key) else {
            return Vec::new();
        };
        let path = e.path.key(key);
        let declared = || {
            names(
                params
                    .iter()
                    .filter(|p| p.location == location)
                    .map(|p| p.field.name.as_str()),
            )
        };
        let mut values = Vec::new();
        for (name, value) in &raw {
            let Some(name) = name.as_str() else {
                self.ctx
                    .key_error(&path, format!("param names are strings, found {}", show(name)));
                continue;
            };
            let at = path.key(name);
            let Some(param) = params
                .iter()
                .find(|p| p.location == location && location.same_name(&p.field.name, name))
            else {
                self.ctx.key_error(
                    &at,
                    format!("`{name}` is not a declared {location} param; declared: {}", declared()),
                );
                continue;
            };
            let value = match (&param.field.schema.shape, self.written_text(&at, value)) {
                (Shape::String { .. }, Some(text)) => Json::from(text),
                (shape, _) => wire_json(value, shape),
            };
            self.check_value(&at, &param.field.schema, &value);
            values.push((name.to_owned(), value));
        }
        values
    }

    fn check_body(&mut self, path: &Path, body: Option<&Json>, params: &[Param]) {
        let Some(body) = body else { return };
        if let Some(whole) = params.iter().find(|p| p.whole_body) {
            return self.check_value(path, &whole.field.schema, body);
        }
        let fields: Vec<_> = params
            .iter()
            .filter(|p| p.location == ParamIn::Body)
            .map(|p| p.field.clone())
            .collect();
        match body {
            _ if params.iter().any(|p| p.location == ParamIn::Form) => self.ctx.error(
                path,
                "the spec's body is multipart/form-data; give its parts under `form`, not `body`",
            ),
            _ if fields.is_empty() => self
                .ctx
                .error(path, "the spec declares no body params, so requests carry no body"),
            Json::Object(map) => self.check_object(path, &fields, map),
            other => self.ctx.error(
                path,
                format!("the body is {other}; expected a mapping of the body params"),
            ),
        }
    }

    fn check_required(&mut self, path: &Path, request: &ExampleRequest, params: &[Param]) {
        for param in params
            .iter()
            .filter(|p| p.field.required && request.value_of(p).is_none())
        {
            // A body that is there was checked field by field already.
            if param.location == ParamIn::Body && request.body.is_some() {
                continue;
            }
            if param.whole_body {
                self.ctx.error(
                    path,
                    "the example has no `body`; the spec's top-level `body` is required",
                );
                continue;
            }
            let section = match param.location {
                ParamIn::Header => "headers",
                other => other.as_str(),
            };
            self.ctx.error(
                &path.key(section),
                format!(
                    "required {} param `{}` is missing from the example",
                    param.location, param.field.name
                ),
            );
        }
    }

    fn response_example(&mut self, value: &Value, path: Path, responses: &[Response]) -> Option<ExampleResponse> {
        let mut e = self.entries(value, path.clone(), "the example response (a mapping)")?;
        let status = self.status(&mut e);
        let headers = self
            .optional::<serde_yaml::Mapping>(&mut e, "headers")
            .unwrap_or_default();
        let body = self.optional::<Json>(&mut e, "body");
        self.finish(e);
        let headers = self.header_texts(&path.key("headers"), &headers);
        let status = status?;
        match responses.iter().find(|r| r.status == status) {
            None => {
                let documented = responses
                    .iter()
                    .map(|r| r.status.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                self.ctx.error(
                    &path.key("status"),
                    format!("status {status} is not documented by the spec; documented: {documented}"),
                );
            }
            Some(response) => self.check_response_body(&path.key("body"), response, body.as_ref()),
        }
        Some(ExampleResponse { status, headers, body })
    }

    fn check_response_body(&mut self, path: &Path, response: &Response, body: Option<&Json>) {
        let Some(body) = body else { return };
        let Some(carried) = response.carried_body() else {
            let status = response.status;
            let message = format!("status {status} documents no body; declare its `body` fields to give one");
            return self.ctx.error(path, message);
        };
        match (carried.as_ref(), body) {
            (Body::Whole(schema), _) => self.check_value(path, schema, body),
            (Body::Fields(fields), Json::Object(map)) => self.check_object(path, fields, map),
            (Body::Fields(_), other) => self
                .ctx
                .error(path, format!("the body is {other}; expected a mapping of fields")),
        }
    }

    fn header_texts(&mut self, path: &Path, headers: &serde_yaml::Mapping) -> Vec<(String, String)> {
        let mut texts = Vec::new();
        for (name, value) in headers {
            let Some(name) = name.as_str() else {
                self.ctx
                    .key_error(path, format!("header names are strings, found {}", show(name)));
                continue;
            };
            match self.written_text(&path.key(name), value) {
                Some(text) => texts.push((name.to_owned(), text)),
                None => self.ctx.error(
                    &path.key(name),
                    format!("header value is {}; expected text", show(value)),
                ),
            }
        }
        texts
    }

    /// The text of a scalar as it travels in a header or query: as written
    /// in the file, since YAML reads `1.50` as 1.5 and `0x1F` as 31.
    fn written_text(&self, path: &Path, value: &Value) -> Option<String> {
        match value {
            Value::Number(_) | Value::Bool(_) => self
                .ctx
                .plain_text(path)
                .map(str::to_owned)
                .or_else(|| scalar_text(value)),
            _ => scalar_text(value),
        }
    }
}

/// The text of a scalar as it would travel in a header or query.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A path, query or header value as the JSON value of its param's type.
/// On the wire these are text, so `1` and `"1"` both mean the integer 1 and
/// the string "1"; anything that does not convert is left for the type check.
fn wire_json(value: &Value, shape: &Shape) -> Json {
    if let (Shape::Array { items, .. }, Value::Sequence(elements)) = (shape, value) {
        return Json::Array(elements.iter().map(|e| wire_json(e, &items.shape)).collect());
    }
    let converted = scalar_text(value).and_then(|text| crate::values::from_wire_text(shape, &text));
    converted.unwrap_or_else(|| serde_yaml::from_value(value.clone()).unwrap_or(Json::Null))
}
