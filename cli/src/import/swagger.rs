//! A Swagger 2.0 definition, as Huawei API Explorer exports it: one
//! operation of `paths` with its parameters (`x-example` values), its
//! responses (`examples` bodies) and the `definitions` they refer to, and
//! the documented request of `x-request-examples-1` and its siblings.

use heck::ToKebabCase;
use meeting_api_spec::model::{
    Body, Example, ExampleRequest, ExampleResponse, Field, Method, Param, ParamIn, Response, Shape, Spec,
};
use meeting_api_spec::position::Position;
use serde_yaml::Value;

use super::schema::{Obj, Schemas};
use super::{Findings, ImportError, shared};

/// The methods the spec format allows, as Swagger keys.
const METHODS: [(&str, Method); 5] = [
    ("get", Method::Get),
    ("put", Method::Put),
    ("post", Method::Post),
    ("delete", Method::Delete),
    ("patch", Method::Patch),
];
/// The other operation keys of a path item.
const OTHER_METHODS: [&str; 2] = ["head", "options"];

/// One operation of `paths`.
struct Operation<'d> {
    path: &'d str,
    key: &'d str,
    value: &'d Value,
    path_item: &'d Value,
}

impl Operation<'_> {
    fn id(&self) -> Option<&str> {
        self.value.get("operationId").and_then(Value::as_str)
    }

    fn route(&self) -> String {
        format!("{} {}", self.key.to_ascii_uppercase(), self.path)
    }

    fn label(&self) -> String {
        match self.id() {
            Some(id) => format!("{id} ({})", self.route()),
            None => self.route(),
        }
    }

    fn at(&self) -> String {
        format!("paths.{}.{}", self.path, self.key)
    }
}

fn operations(root: &Value) -> Vec<Operation<'_>> {
    let paths = root.get("paths").and_then(Value::as_mapping);
    let mut operations = Vec::new();
    for (path, item) in paths.into_iter().flatten() {
        let (Some(path), Some(methods)) = (path.as_str(), item.as_mapping()) else {
            continue;
        };
        for (key, value) in methods {
            let Some(key) = key.as_str() else { continue };
            let known = METHODS.iter().any(|(k, _)| *k == key) || OTHER_METHODS.contains(&key);
            if known {
                operations.push(Operation {
                    path,
                    key,
                    value,
                    path_item: item,
                });
            }
        }
    }
    operations
}

/// The operation to import: the one named, or the only one.
fn select<'o, 'd>(
    operations: &'o [Operation<'d>],
    wanted: Option<&str>,
    origin: &str,
) -> Result<&'o Operation<'d>, ImportError> {
    let listed = || operations.iter().map(Operation::label).collect();
    let fail = |reason: String| ImportError::Operation {
        origin: origin.to_owned(),
        reason,
        operations: listed(),
    };
    match (wanted, operations) {
        (None, []) => Err(ImportError::Swagger {
            origin: origin.to_owned(),
            at: "paths".to_owned(),
            message: "no operation; expected paths./some/path.get (or put, post, delete, patch)".to_owned(),
        }),
        (None, [one]) => Ok(one),
        (None, _) => Err(fail(format!("the file has {} operations", operations.len()))),
        (Some(wanted), _) => {
            let exact = operations
                .iter()
                .find(|op| op.id() == Some(wanted) || op.route() == wanted);
            let loose = || {
                operations
                    .iter()
                    .find(|op| op.id().is_some_and(|id| id.eq_ignore_ascii_case(wanted)))
            };
            exact
                .or_else(loose)
                .ok_or_else(|| fail(format!("no operation is {wanted:?}")))
        }
    }
}

/// Reads the operation `wanted` (or the only one) of the document `root`.
pub(crate) fn import(
    root: &Value,
    wanted: Option<&str>,
    origin: &str,
    findings: &mut Findings,
) -> Result<Spec, ImportError> {
    let all = operations(root);
    let operation = select(&all, wanted, origin)?;
    let Some(method) = METHODS.iter().find(|(k, _)| *k == operation.key).map(|(_, m)| *m) else {
        return Err(ImportError::Swagger {
            origin: origin.to_owned(),
            at: operation.at(),
            message: format!(
                "{} is not a method the spec format allows (GET, POST, PUT, DELETE, PATCH)",
                operation.route()
            ),
        });
    };
    let others: Vec<String> = all
        .iter()
        .filter(|o| o.at() != operation.at())
        .map(Operation::label)
        .collect();
    if !others.is_empty() {
        let message = format!(
            "{} other operation(s) not imported: {}",
            others.len(),
            others.join(", ")
        );
        findings.dropped("paths", message);
    }
    let mut reader = Reader {
        schemas: Schemas::new(root, findings),
        origin,
    };
    let spec = reader.spec(root, operation, method)?;
    reader.report_unused(root);
    Ok(spec)
}

/// The import of one operation.
struct Reader<'d, 'f, 'o> {
    schemas: Schemas<'d, 'f>,
    origin: &'o str,
}

/// An example value of a param: its `x-example`.
type ParamExample = (ParamIn, String, serde_json::Value);

/// What a response documents for an example: its status, the `x-example`
/// values of its headers and its `examples` body.
struct ResponseExample {
    status: u16,
    headers: Vec<(String, String)>,
    body: Option<serde_json::Value>,
}

impl<'d> Reader<'d, '_, '_> {
    fn findings(&mut self) -> &mut Findings {
        &mut *self.schemas.findings
    }

    fn spec(&mut self, root: &'d Value, operation: &Operation<'d>, method: Method) -> Result<Spec, ImportError> {
        let mut top =
            Obj::open(root, "", "the document", self.findings()).ok_or_else(|| self.fail("", "not an object"))?;
        let mut op = Obj::open(operation.value, &operation.at(), "an operation", self.findings())
            .ok_or_else(|| self.fail(&operation.at(), "the operation is not an object"))?;
        for key in ["swagger", "paths", "definitions", "parameters", "responses"] {
            top.get(key);
        }
        let path = self.path(&mut top, operation.path);
        let server = self.server(&mut top, &mut op);
        self.media_types(&mut top);
        self.media_types(&mut op);
        let (summary, description) = self.titles(&mut op, operation);
        let name = shared::derive_name(
            op.text("operationId", self.findings())
                .into_iter()
                .chain([summary.as_str()]),
            &path,
        );
        let (params, values) = self.params(&mut op, operation);
        let (responses, answers) = self.responses(&mut op);
        let mut spec = Spec {
            name,
            summary,
            description,
            method,
            path,
            server,
            params,
            responses,
            examples: Vec::new(),
            shapes: None,
            paging: None,
        };
        let request = self.request_example(&mut op, &spec, values);
        spec.examples = examples(request, answers, &spec);
        top.finish(self.findings());
        op.finish(self.findings());
        Ok(spec)
    }

    fn fail(&self, at: &str, message: &str) -> ImportError {
        ImportError::Swagger {
            origin: self.origin.to_owned(),
            at: at.to_owned(),
            message: message.to_owned(),
        }
    }

    /// `basePath` followed by the operation's path.
    fn path(&mut self, top: &mut Obj<'d>, path: &str) -> String {
        let base = top.text("basePath", self.findings()).unwrap_or_default();
        format!("{}{path}", base.trim_end_matches('/'))
    }

    /// `scheme://host`, preferring https among the schemes.
    fn server(&mut self, top: &mut Obj<'d>, op: &mut Obj<'d>) -> Option<String> {
        let host = top.text("host", self.findings());
        let schemes = match op.texts("schemes", self.findings()) {
            Some(schemes) => Some(schemes),
            None => top.texts("schemes", self.findings()),
        };
        let Some(host) = host else {
            self.findings().dropped("host", "no `host`, so the spec has no server");
            return None;
        };
        let schemes = schemes.unwrap_or_default();
        let scheme = schemes.iter().find(|s| **s == "https").or(schemes.first()).copied();
        let scheme = scheme.unwrap_or_else(|| {
            self.findings()
                .inferred("schemes", "no `schemes`; the server is taken to use https");
            "https"
        });
        Some(format!("{scheme}://{host}"))
    }

    /// `consumes` and `produces` may only say JSON, which the format implies.
    fn media_types(&mut self, obj: &mut Obj<'d>) {
        for key in ["consumes", "produces"] {
            let types = obj.texts(key, self.findings()).unwrap_or_default();
            let other: Vec<&str> = types.into_iter().filter(|t| !t.contains("json")).collect();
            if !other.is_empty() {
                let message = format!(
                    "media types {} are not imported: specs describe JSON only",
                    other.join(", ")
                );
                self.findings().dropped(obj.at(key), message);
            }
        }
    }

    /// The summary (one line) and description.
    fn titles(&mut self, op: &mut Obj<'d>, operation: &Operation<'d>) -> (String, Option<String>) {
        let summary = op
            .text("summary", self.findings())
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let description = op.text("description", self.findings()).map(str::to_owned);
        let first_line = |text: &str| text.lines().next().unwrap_or_default().trim().to_owned();
        if let Some(summary) = summary {
            if summary.contains('\n') {
                let message = "the summary spans several lines; its first line is the summary";
                self.findings().dropped(op.at("summary"), message);
            }
            return (first_line(summary), description);
        }
        let fallback = description
            .as_deref()
            .map(first_line)
            .filter(|l| !l.is_empty())
            .or_else(|| operation.id().map(str::to_owned))
            .unwrap_or_else(|| operation.route());
        let message = format!("no `summary`; {fallback:?} is the summary");
        self.findings().inferred(op.at("summary"), message);
        (fallback, description)
    }

    /// The params of the operation and of its path item (the operation's
    /// own win), with their `x-example` values.
    fn params(&mut self, op: &mut Obj<'d>, operation: &Operation<'d>) -> (Vec<Param>, Vec<ParamExample>) {
        let own = op.list("parameters", self.findings());
        let shared_list = operation.path_item.get("parameters").and_then(Value::as_sequence);
        let shared_at = format!("paths.{}.parameters", operation.path);
        let keys: Vec<(String, String)> = own.iter().flat_map(|v| self.key_of(v)).collect();
        let mut raw: Vec<(&'d Value, String)> = Vec::new();
        for (i, value) in shared_list.into_iter().flatten().enumerate() {
            if !self.key_of(value).is_some_and(|k| keys.contains(&k)) {
                raw.push((value, format!("{shared_at}[{i}]")));
            }
        }
        raw.extend(
            own.iter()
                .enumerate()
                .map(|(i, v)| (*v, format!("{}[{i}]", op.at("parameters")))),
        );
        let mut params = Vec::new();
        let mut values = Vec::new();
        for (value, at) in raw {
            self.param(value, &at, &mut params, &mut values);
        }
        (params, values)
    }

    /// The `(name, in)` of a parameter, through its `$ref`.
    fn key_of(&self, value: &'d Value) -> Option<(String, String)> {
        let value = match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.strip_prefix("#/parameters/")?;
                self.schemas.root().get("parameters")?.get(name)?
            }
            None => value,
        };
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        Some((text("name")?, text("in")?))
    }

    fn param(&mut self, value: &'d Value, at: &str, params: &mut Vec<Param>, values: &mut Vec<ParamExample>) {
        let (value, at) = match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => match self.schemas.target(reference, at) {
                Some(target) => (target, reference.trim_start_matches("#/").replace('/', ".")),
                None => return,
            },
            None => (value, at.to_owned()),
        };
        let Some(mut obj) = Obj::open(value, &at, "a parameter", self.findings()) else {
            return;
        };
        let name = obj.text("name", self.findings()).unwrap_or_default().to_owned();
        match obj.text("in", self.findings()) {
            Some(place @ ("path" | "query" | "header")) => {
                let location = match place {
                    "path" => ParamIn::Path,
                    "query" => ParamIn::Query,
                    _ => ParamIn::Header,
                };
                self.simple_param(&mut obj, name, location, params, values);
            }
            Some("body") => self.body_params(&mut obj, params),
            Some("formData") => {
                let message = format!("form parameter `{name}` is not imported: specs send JSON bodies");
                return self.findings().dropped(at, message);
            }
            other => {
                let found = match (other, value.get("in")) {
                    (Some(place), _) => format!("has `in: {place}`"),
                    (None, None) => "has no `in`".to_owned(),
                    (None, Some(_)) => "has an `in` that is not text".to_owned(),
                };
                let message = format!("parameter `{name}` {found}; expected path, query, header or body");
                return self.findings().dropped(at, message);
            }
        }
        obj.finish(self.findings());
    }

    /// A path, query or header parameter.
    fn simple_param(
        &mut self,
        obj: &mut Obj<'d>,
        name: String,
        location: ParamIn,
        params: &mut Vec<Param>,
        values: &mut Vec<ParamExample>,
    ) {
        let required = obj.flag("required", self.findings()).unwrap_or(false);
        let Some(schema) = self.schemas.own_schema(obj, &mut Vec::new()) else {
            return;
        };
        if let Some(example) = obj.get("x-example") {
            let value = match example {
                Value::String(text) => shared::wire_value(&schema, text),
                other => serde_json::to_value(other).unwrap_or_default(),
            };
            values.push((location, name.clone(), value));
        }
        let mut param = Param {
            location,
            field: Field {
                name,
                required: required || location == ParamIn::Path,
                schema,
            },
            whole_body: false,
            session: None,
        };
        shared::infer_secret(&mut param, &obj.at, self.findings());
        params.push(param);
    }

    /// The properties of the body's object schema, one body param each.
    fn body_params(&mut self, obj: &mut Obj<'d>, params: &mut Vec<Param>) {
        obj.get("name");
        if obj.flag("required", self.findings()) == Some(false) {
            let message = "the body is optional here; a spec's body params are sent whenever one is set";
            self.findings().dropped(obj.at("required"), message);
        }
        let Some(schema) = obj.get("schema") else {
            return self.findings().dropped(&obj.at, "the body parameter has no `schema`");
        };
        match self
            .schemas
            .schema(schema, &obj.at("schema"), &mut Vec::new())
            .map(|s| s.shape)
        {
            Some(Shape::Object { fields }) => {
                let fields = fields.into_iter().map(|field| Param {
                    location: ParamIn::Body,
                    field,
                    whole_body: false,
                    session: None,
                });
                params.extend(fields);
            }
            Some(shape) => {
                let message = format!(
                    "the body is a {}; the importer reads object bodies only (write a whole array body by hand, see spec/FORMAT.md)",
                    shape.type_name()
                );
                self.findings().dropped(obj.at("schema"), message);
            }
            None => {}
        }
    }

    /// The responses, with what each documents for an example.
    fn responses(&mut self, op: &mut Obj<'d>) -> (Vec<Response>, Vec<ResponseExample>) {
        let mut responses = Vec::new();
        let mut answers = Vec::new();
        let listed = op.mapping("responses", self.findings());
        for (code, value) in listed.into_iter().flatten() {
            let code = shared::key_text(code);
            let at = op.at(&format!("responses.{code}"));
            let Some(status) = code.parse::<u16>().ok().filter(|s| (100..=599).contains(s)) else {
                let message = format!("response `{code}` is not an HTTP status; the spec lists statuses only");
                self.findings().dropped(at, message);
                continue;
            };
            if let Some((response, answer)) = self.response(status, value, &at) {
                responses.push(response);
                answers.extend(answer);
            }
        }
        (responses, answers)
    }

    fn response(&mut self, status: u16, value: &'d Value, at: &str) -> Option<(Response, Option<ResponseExample>)> {
        let (value, at) = match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => (
                self.schemas.target(reference, at)?,
                reference.trim_start_matches("#/").replace('/', "."),
            ),
            None => (value, at.to_owned()),
        };
        let mut obj = Obj::open(value, &at, "a response", self.findings())?;
        let description = obj
            .text("description", self.findings())
            .map(str::to_owned)
            .unwrap_or_else(|| {
                let message = format!("status {status} has no description; imported as \"Status {status}.\"");
                self.findings().inferred(&at, message);
                format!("Status {status}.")
            });
        let body = obj
            .get("schema")
            .and_then(|schema| self.body_fields(schema, &obj.at("schema")));
        let headers = self.response_headers(&mut obj);
        let example = self.response_body_example(&mut obj);
        obj.finish(self.findings());
        let answer = (!headers.is_empty() || example.is_some()).then_some(ResponseExample {
            status,
            headers,
            body: example,
        });
        let response = Response {
            status,
            description,
            body: body.map(Body::Fields),
            position: Position::default(),
        };
        Some((response, answer))
    }

    /// A response schema as body fields; only an object has fields.
    fn body_fields(&mut self, schema: &'d Value, at: &str) -> Option<Vec<Field>> {
        match self.schemas.schema(schema, at, &mut Vec::new())?.shape {
            Shape::Object { fields } => Some(fields),
            shape => {
                let message = format!(
                    "the body is a {}; the importer reads object bodies only (write a whole array body by hand, see spec/FORMAT.md)",
                    shape.type_name()
                );
                self.findings().dropped(at, message);
                None
            }
        }
    }

    /// The `x-example` values of the declared response headers. The spec
    /// format declares no response headers, so each declaration is reported.
    fn response_headers(&mut self, obj: &mut Obj<'d>) -> Vec<(String, String)> {
        let mut values = Vec::new();
        for (name, header) in obj.mapping("headers", self.findings()).into_iter().flatten() {
            let name = shared::key_text(name);
            let example = header.get("x-example").and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            let used = match &example {
                Some(_) => "; its x-example is in the example response",
                None => "",
            };
            let message = format!("response header `{name}` is not declared by specs{used}");
            self.findings().dropped(obj.at(&format!("headers.{name}")), message);
            values.extend(example.map(|e| (name, e)));
        }
        values
    }

    /// The JSON body of a response's `examples`.
    fn response_body_example(&mut self, obj: &mut Obj<'d>) -> Option<serde_json::Value> {
        let mut body = None;
        for (media, example) in obj.mapping("examples", self.findings()).into_iter().flatten() {
            let media = shared::key_text(media);
            match media.contains("json") && body.is_none() {
                true => body = serde_json::to_value(example).ok(),
                false => {
                    let message = format!("the `{media}` example is not imported; only one JSON body is");
                    self.findings().dropped(obj.at(&format!("examples.{media}")), message);
                }
            }
        }
        body
    }

    /// The documented request: the params' `x-example` values, the query
    /// and path of `x-request-examples-url-1` for params without one, and
    /// the body of `x-request-examples-1` (or its text form).
    fn request_example(
        &mut self,
        op: &mut Obj<'d>,
        spec: &Spec,
        values: Vec<ParamExample>,
    ) -> Option<(String, ExampleRequest)> {
        let mut request = ExampleRequest::default();
        for (location, name, value) in values {
            let list = match location {
                ParamIn::Path => &mut request.path,
                ParamIn::Query => &mut request.query,
                _ => &mut request.headers,
            };
            list.push((name, value));
        }
        if let Some(url) = op.text("x-request-examples-url-1", self.findings()) {
            self.url_values(url, &op.at("x-request-examples-url-1"), spec, &mut request);
        }
        request.body = self.request_body(op);
        let name = op
            .text("x-request-examples-description-1", self.findings())
            .and_then(example_name)
            .unwrap_or_else(|| "documented".to_owned());
        let empty = request == ExampleRequest::default();
        (!empty).then_some((name, request))
    }

    fn url_values(&mut self, url: &str, at: &str, spec: &Spec, request: &mut ExampleRequest) {
        let target = shared::Target::parse(url);
        let path = shared::path_values(&spec.path, target.path).unwrap_or_default();
        let lists = [
            (ParamIn::Path, path, &mut request.path),
            (ParamIn::Query, shared::query_pairs(target.query), &mut request.query),
        ];
        for (location, pairs, list) in lists {
            for (name, text) in pairs {
                match spec.param(location, &name) {
                    Some(_) if list.iter().any(|(n, _)| *n == name) => {}
                    Some(param) => list.push((name, shared::wire_value(&param.field.schema, &text))),
                    None => {
                        let message = format!("{location} value `{name}={text}` is not a declared param");
                        self.findings().dropped(at, message);
                    }
                }
            }
        }
    }

    fn request_body(&mut self, op: &mut Obj<'d>) -> Option<serde_json::Value> {
        let at = op.at("x-request-examples-1");
        let body = match op.get("x-request-examples-1") {
            Some(body) => serde_json::to_value(body).ok(),
            None => {
                let text = op.text("x-request-examples-text-1", self.findings())?;
                serde_json::from_str(text)
                    .map_err(|e| {
                        self.findings()
                            .dropped(op.at("x-request-examples-text-1"), format!("not JSON ({e})"))
                    })
                    .ok()
            }
        };
        match body {
            Some(serde_json::Value::Object(_)) => body,
            Some(_) => {
                self.findings()
                    .dropped(at, "the example body is not a JSON object, as the spec format needs");
                None
            }
            None => None,
        }
    }

    /// Reports the definitions, parameters and responses of the document
    /// that the operation does not use.
    fn report_unused(&mut self, root: &'d Value) {
        for section in ["definitions", "parameters", "responses"] {
            for name in root
                .get(section)
                .and_then(Value::as_mapping)
                .into_iter()
                .flatten()
                .filter_map(|(k, _)| k.as_str())
            {
                let reference = format!("#/{section}/{}", name.replace('~', "~0").replace('/', "~1"));
                if !self.schemas.used.contains(reference.as_str()) {
                    let message = "not used by the imported operation";
                    self.findings().dropped(format!("{section}.{name}"), message);
                }
            }
        }
    }
}

/// An example name from `x-request-examples-description-1`: its first
/// words in kebab-case, when they are ASCII.
fn example_name(description: &str) -> Option<String> {
    let kebab = description.to_kebab_case();
    let words: Vec<&str> = kebab
        .split('-')
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric()))
        .take(6)
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

/// The examples: one per response that documents something, each with the
/// documented request; or, with no such response, one for the first 2xx.
fn examples(request: Option<(String, ExampleRequest)>, mut answers: Vec<ResponseExample>, spec: &Spec) -> Vec<Example> {
    let is_success = |a: &ResponseExample| (200..300).contains(&a.status);
    if request.is_some() && !answers.iter().any(is_success) {
        let success = spec.responses.iter().find(|r| r.is_success());
        answers.extend(success.map(|r| ResponseExample {
            status: r.status,
            headers: Vec::new(),
            body: None,
        }));
    }
    // The documented 2xx example takes the plain name.
    answers.sort_by_key(|a| !is_success(a));
    let (name, request) = request.unwrap_or_else(|| ("documented".to_owned(), ExampleRequest::default()));
    answers
        .into_iter()
        .enumerate()
        .map(|(index, answer)| Example {
            name: match index {
                0 => name.clone(),
                _ => format!("{name}-{}", answer.status),
            },
            request: request.clone(),
            response: ExampleResponse {
                status: answer.status,
                headers: answer.headers,
                body: answer.body,
            },
            position: Position::default(),
        })
        .collect()
}
