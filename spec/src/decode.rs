//! From YAML values to the model: every key is read once, unknown and
//! misplaced keys are reported, and each value is decoded with serde. A fault
//! in one node never hides the faults of its siblings.

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostic::Collector;
use crate::model::{
    Body, Bounds, EnumValue, Field, IntFormat, Literal, Method, Param, ParamIn, Response, RustName, Schema, Shape,
    WHOLE_BODY_NAME,
};
use crate::position::Path;
use crate::shapes::ShapeScope;

/// The top-level keys, decoded; `examples` stay raw until the params are
/// known, since an example is read against them.
pub(crate) struct Decoded<'v> {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub method: Option<Method>,
    pub path: Option<String>,
    pub server: Option<String>,
    /// Params with whether `required` was written down; the whole body,
    /// when declared, comes last.
    pub params: Vec<(Param, Option<bool>, Path)>,
    pub responses: Vec<(Response, Path)>,
    pub examples: Vec<(&'v Value, Path)>,
    /// Whether `params` were read without a fault, so that the examples
    /// can be judged against them.
    pub params_complete: bool,
    /// Whether `responses` were read without a fault: a response left out
    /// may have been the 2xx, or the status an example names.
    pub responses_complete: bool,
    /// The top-level `paging`, its keys read but not yet judged against
    /// the params and responses.
    pub paging: Option<PagingKeys>,
}

/// The keys of `paging` as written, each with where it is.
pub(crate) struct PagingKeys {
    pub offset: Option<(String, Path)>,
    pub limit: Option<(String, Path)>,
    pub items: Option<(String, Path)>,
    pub total: Option<(String, Path)>,
    pub path: Path,
}

/// The entries of one YAML mapping, with the keys read so far.
pub(crate) struct Entries<'v> {
    map: &'v Mapping,
    pub path: Path,
    known: Vec<&'static str>,
}

impl<'v> Entries<'v> {
    pub(crate) fn lookup(&mut self, key: &'static str) -> Option<(&'v Value, Path)> {
        self.known.push(key);
        self.map.get(key).map(|value| (value, self.path.key(key)))
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

/// Reads YAML nodes into model values, reporting into a [`Collector`].
pub(crate) struct Decoder<'c, 'm> {
    pub ctx: &'c mut Collector<'m>,
    /// Where the schema about to be read travels: a param's `in`, set
    /// just before its own schema and taken by it, so that every nested
    /// schema (a field, an element, a response body) sees `None`. Only
    /// `Some(ParamIn::Form)` may be a file.
    pub schema_in: Option<ParamIn>,
    /// Where `shape: Name` resolves.
    pub shapes: ShapeScope,
}

/// The keys whose meaning depends on `type`.
const TYPE_KEYS: [&str; 9] = [
    "format",
    "enum",
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "fields",
    "items",
    "values",
];

impl<'c, 'm> Decoder<'c, 'm> {
    /// A decoder reporting into `ctx`, resolving shapes in `shapes`.
    pub fn new(ctx: &'c mut Collector<'m>, shapes: ShapeScope) -> Self {
        Decoder {
            ctx,
            schema_in: None,
            shapes,
        }
    }
}

impl<'v> Decoder<'_, '_> {
    /// The document's top level.
    pub fn document(&mut self, root: &'v Value) -> Option<Decoded<'v>> {
        let mut e = self.entries(root, Path::root(), "the spec (a mapping of top-level keys)")?;
        let name = self.required(&mut e, "name");
        let summary = self.required(&mut e, "summary");
        let description = self.optional(&mut e, "description");
        let method = self.required(&mut e, "method");
        let path = self.required(&mut e, "path");
        let server = self.optional(&mut e, "server");
        // Read (and so loaded) before decoding began; listed here as known.
        let _: Option<String> = self.optional(&mut e, "shapes");
        // A list is complete when reading it reported nothing.
        let before = self.ctx.count();
        let mut params = self.list(&mut e, "params", false, Self::param);
        params.extend(self.request_body(&mut e));
        let params_complete = self.ctx.count() == before;
        let before = self.ctx.count();
        let responses = self.list(&mut e, "responses", true, Self::response);
        let responses_complete = self.ctx.count() == before;
        let examples = self.list(&mut e, "examples", false, |_, value, path| Some((value, path)));
        let paging = e.lookup("paging").and_then(|(value, path)| self.paging(value, path));
        let decoded = Decoded {
            name,
            summary,
            description,
            method,
            path,
            server,
            params,
            responses,
            examples,
            params_complete,
            responses_complete,
            paging,
        };
        self.finish(e);
        Some(decoded)
    }

    /// The top-level `paging`: names of params and dotted paths, which
    /// `check` judges once the params and responses are known.
    fn paging(&mut self, value: &'v Value, path: Path) -> Option<PagingKeys> {
        let what = "how the operation pages (a mapping with `offset`, `limit`, `items` and optionally `total`)";
        let mut e = self.entries(value, path.clone(), what)?;
        let mut key = |decoder: &mut Self, name: &'static str, required: bool| {
            let at = e.path.key(name);
            let text: Option<String> = match required {
                true => decoder.required(&mut e, name),
                false => decoder.optional(&mut e, name),
            };
            text.map(|text| (text, at))
        };
        let keys = PagingKeys {
            offset: key(self, "offset", true),
            limit: key(self, "limit", true),
            items: key(self, "items", true),
            total: key(self, "total", false),
            path,
        };
        self.finish(e);
        Some(keys)
    }

    /// The top-level `body`: the whole request body as one param.
    fn request_body(&mut self, e: &mut Entries<'v>) -> Option<(Param, Option<bool>, Path)> {
        let (value, path) = e.lookup("body")?;
        let hint = "for an object body, declare its fields as `in: body` params instead";
        let schema = self.whole_body(value, path.clone(), hint)?;
        let field = Field {
            name: WHOLE_BODY_NAME.to_owned(),
            required: true,
            schema,
        };
        let param = Param {
            session: None,
            location: ParamIn::Body,
            field,
            whole_body: true,
        };
        Some((param, None, path))
    }

    /// A schema that is a whole body, request or response: an array or a
    /// map, since an object body is written as its fields; `hint` says how.
    fn whole_body(&mut self, value: &'v Value, path: Path, hint: &str) -> Option<Schema> {
        let what = "the whole body's shape (a mapping with `type: array` or `type: map`)";
        let mut e = self.entries(value, path, what)?;
        let schema = self.schema_entries(&mut e);
        let type_at = e.path.key("type");
        self.finish(e);
        let schema = schema?;
        if !matches!(schema.shape, Shape::Array { .. } | Shape::Map { .. }) {
            let found = schema.shape.type_name();
            self.ctx.error(
                &type_at,
                format!("a whole body is an array or a map, not a {found}; {hint}"),
            );
            return None;
        }
        Some(schema)
    }

    fn param(&mut self, value: &'v Value, path: Path) -> Option<(Param, Option<bool>, Path)> {
        let mut e = self.entries(value, path.clone(), "a param (a mapping)")?;
        let location = self.required(&mut e, "in");
        self.schema_in = location;
        let field = self.field_entries(&mut e);
        self.schema_in = None;
        let session: Option<String> = self.optional(&mut e, "session");
        self.finish(e);
        let (mut field, required) = field?;
        let location = location?;
        if location == ParamIn::Form {
            self.check_form_part(&path, &field.schema);
        }
        if let Some(session) = &session {
            self.check_session(&path, session, location, &field.schema);
        }
        // `path` params are always required, whether `required` is written or not.
        field.required |= location == ParamIn::Path;
        let param = Param {
            location,
            field,
            whole_body: false,
            session,
        };
        Some((param, required, path))
    }

    /// A field: an object's field, a response body field, or a param's
    /// common keys. Returns it with whether `required` was written.
    fn field(&mut self, value: &'v Value, path: Path) -> Option<Field> {
        let mut e = self.entries(value, path, "a field (a mapping)")?;
        let field = self.field_entries(&mut e);
        self.finish(e);
        field.map(|(field, _)| field)
    }

    fn field_entries(&mut self, e: &mut Entries<'v>) -> Option<(Field, Option<bool>)> {
        let name: Option<String> = self.required(e, "name");
        let required: Option<bool> = self.optional(e, "required");
        if let Some(name) = &name
            && name.is_empty()
        {
            self.ctx
                .error(&e.path.key("name"), "`name` is empty; expected the name on the wire");
        }
        let schema = self.schema_entries(e);
        Some((
            Field {
                name: name?,
                required: required.unwrap_or(false),
                schema: schema?,
            },
            required,
        ))
    }

    /// The shape of an array's elements or a map's values; `what` names it.
    pub(crate) fn items(&mut self, value: &'v Value, path: Path, what: &str) -> Option<Schema> {
        let mut e = self.entries(value, path, what)?;
        // `required` is a param key, so items may carry it; it means nothing there.
        let _: Option<bool> = self.optional(&mut e, "required");
        let schema = self.schema_entries(&mut e);
        self.finish(e);
        schema
    }

    /// The keys shared by params, fields and array items.
    fn schema_entries(&mut self, e: &mut Entries<'v>) -> Option<Schema> {
        // Taken first, so that no schema nested in this one sees it.
        let location = self.schema_in.take();
        if e.has("shape") {
            return self.shape_reference(e);
        }
        e.known.push("shape");
        let type_name: Option<TypeName> = self.required(e, "type");
        let description = self.optional(e, "description");
        let secret = self.optional(e, "secret").unwrap_or(false);
        let rust_name = self.optional::<String>(e, "rust_name").map(|name| {
            let at = e.path.key("rust_name");
            self.check_rust_name(&at, &name);
            RustName {
                name,
                position: self.ctx.position(&at),
            }
        });
        let default = self.optional(e, "default");
        let Some(type_name) = type_name else {
            // Without a type its own keys cannot be judged; they are not unknown.
            e.known.extend(TYPE_KEYS);
            return None;
        };
        if type_name == TypeName::File && location != Some(ParamIn::Form) {
            self.misplaced_file(e, location);
        }
        let shape = self.shape(e, type_name)?;
        let position = self.ctx.position(&e.path);
        let schema = Schema {
            shape,
            description,
            secret,
            default,
            rust_name,
            shared: None,
            position,
        };
        if let Some(default) = &schema.default {
            self.check_value(&e.path.key("default"), &schema, default);
        }
        Some(schema)
    }

    /// `shape: Name`: the shared shape, resolved, with the use's own
    /// `description` if it has one.
    fn shape_reference(&mut self, e: &mut Entries<'v>) -> Option<Schema> {
        let name: Option<String> = self.optional(e, "shape");
        let description: Option<String> = self.optional(e, "description");
        for key in ["type", "secret", "default", "rust_name"].into_iter().chain(TYPE_KEYS) {
            if e.has(key) {
                let message = format!(
                    "`{key}` does not go with `shape`: a shared shape is declared whole in its shapes file; only \
                     `description` may be added where it is used"
                );
                self.ctx.key_error(&e.path.key(key), message);
            }
        }
        e.known
            .extend(["type", "secret", "default", "rust_name"].into_iter().chain(TYPE_KEYS));
        let name = name?;
        let at = e.path.key("shape");
        let (file, library) = match &self.shapes {
            ShapeScope::Library { file, shapes } => (file.clone(), shapes.clone()),
            ShapeScope::Unavailable => return None,
            ShapeScope::Undeclared => {
                let message = format!(
                    "`shape: {name}` names a shared shape, but the spec names no shapes file; add the top-level \
                     key `shapes` with the file that declares it, like `shapes: shared/shapes.yaml`"
                );
                self.ctx.error(&at, message);
                return None;
            }
        };
        let Some(shape) = library.get(&name) else {
            let known: Vec<&str> = library.iter().map(|(name, _)| name).collect();
            let hint = closest(&name, &known)
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            let message = format!("there is no shape `{name}` in {file}{hint}");
            self.ctx.error(&at, message);
            return None;
        };
        let mut schema = shape.clone();
        schema.shared = Some(name);
        schema.description = description.or(schema.description);
        schema.position = self.ctx.position(&e.path);
        Some(schema)
    }

    fn shape(&mut self, e: &mut Entries<'v>, type_name: TypeName) -> Option<Shape> {
        self.reject_misplaced(e, type_name);
        Some(match type_name {
            TypeName::String => Shape::String {
                values: self
                    .enum_values(e, type_name)
                    .into_iter()
                    .map(|(value, _)| value)
                    .collect(),
                length: self.bounds(e, "min_length", "max_length"),
            },
            TypeName::Integer => {
                let format = self.format(e, "int32 or int64").unwrap_or_default();
                let values = self.enum_values(e, type_name);
                let range = self.bounds(e, "minimum", "maximum");
                if format == IntFormat::Int32 {
                    self.check_int32(e, &values, &range);
                }
                Shape::Integer {
                    format,
                    values: values.into_iter().map(|(value, _)| value).collect(),
                    range,
                }
            }
            TypeName::Number => Shape::Number {
                format: self.format(e, "float or double").unwrap_or_default(),
                range: self.finite_bounds(e),
            },
            TypeName::Boolean => Shape::Boolean,
            TypeName::Object => {
                let fields = self.list_at(e, "fields", true, Self::field);
                Shape::Object {
                    fields: self.unique_fields(fields),
                }
            }
            TypeName::Array => {
                let items = self.element(e, "items", "an array needs `items`, the shape of its elements")?;
                Shape::Array {
                    items,
                    length: self.bounds(e, "min_length", "max_length"),
                }
            }
            TypeName::Map => Shape::Map {
                values: self.element(e, "values", "a map needs `values`, the shape of its values")?,
            },
            TypeName::File => Shape::File,
        })
    }

    /// The shape under `items` or `values`, reporting `missing` without it.
    fn element(&mut self, e: &mut Entries<'v>, key: &'static str, missing: &str) -> Option<Box<Schema>> {
        let Some((value, path)) = e.lookup(key) else {
            self.ctx.error(&e.path, missing);
            return None;
        };
        let what = match key {
            "items" => "the element shape (a mapping)",
            _ => "the value shape (a mapping)",
        };
        self.items(value, path, what).map(Box::new)
    }

    /// Keys that belong to other types, e.g. `format` on a string.
    fn reject_misplaced(&mut self, e: &mut Entries<'v>, type_name: TypeName) {
        use TypeName::*;
        let rules: [(&str, &[TypeName], &str); 9] = [
            ("format", &[Integer, Number], "integer and number"),
            ("enum", &[Integer, String], "integer and string"),
            ("minimum", &[Integer, Number], "integer and number"),
            ("maximum", &[Integer, Number], "integer and number"),
            ("min_length", &[String, Array], "string and array"),
            ("max_length", &[String, Array], "string and array"),
            ("fields", &[Object], "object"),
            ("items", &[Array], "array"),
            ("values", &[Map], "map"),
        ];
        // A misplaced key is reported here, not again as unknown.
        e.known.extend(TYPE_KEYS);
        for (key, types, owners) in rules {
            if e.has(key) && !types.contains(&type_name) {
                self.ctx.key_error(
                    &e.path.key(key),
                    format!("`{key}` applies to {owners} params, not to a {}", type_name.as_str()),
                );
            }
        }
    }

    fn format<F: DeserializeOwned>(&mut self, e: &mut Entries<'v>, expected: &str) -> Option<F> {
        let (value, path) = e.lookup("format")?;
        match serde_yaml::from_value(value.clone()) {
            Ok(format) => Some(format),
            Err(_) => {
                self.ctx
                    .error(&path, format!("`format` is {}; expected {expected}", show(value)));
                None
            }
        }
    }

    fn bounds<T: DeserializeOwned + PartialOrd + Copy + std::fmt::Display>(
        &mut self,
        e: &mut Entries<'v>,
        min_key: &'static str,
        max_key: &'static str,
    ) -> Bounds<T> {
        let bounds = Bounds {
            min: self.optional(e, min_key),
            max: self.optional(e, max_key),
        };
        if let (Some(min), Some(max)) = (bounds.min, bounds.max)
            && min > max
        {
            self.ctx.error(
                &e.path.key(max_key),
                format!("`{max_key}` {max} is below `{min_key}` {min}"),
            );
        }
        bounds
    }

    /// A number's bounds, each a finite number: `.nan` would refuse every
    /// value and `.inf` says nothing a missing bound does not.
    fn finite_bounds(&mut self, e: &mut Entries<'v>) -> Bounds<f64> {
        let range: Bounds<f64> = self.bounds(e, "minimum", "maximum");
        for (key, bound) in [("minimum", range.min), ("maximum", range.max)] {
            if let Some(bound) = bound.filter(|b| !b.is_finite()) {
                self.ctx.error(
                    &e.path.key(key),
                    format!("`{key}` is {bound}; expected a finite number, or no `{key}` for no bound"),
                );
            }
        }
        range
    }

    /// Reports the bounds and enum values of an int32 that do not fit it.
    fn check_int32(&mut self, e: &Entries<'v>, values: &[(EnumValue, Path)], range: &Bounds<i64>) {
        let fits = |n: i64| i32::try_from(n).is_ok();
        for (key, bound) in [("minimum", range.min), ("maximum", range.max)] {
            if bound.is_some_and(|n| !fits(n)) {
                self.ctx
                    .error(&e.path.key(key), format!("`{key}` does not fit in an int32"));
            }
        }
        for (value, path) in values {
            if matches!(value.value, Literal::Integer(n) if !fits(n)) {
                self.ctx.error(
                    &path.key("value"),
                    format!("enum value {} does not fit in an int32", value.value),
                );
            }
        }
    }

    /// The enum values, each with its path, reporting values listed twice.
    fn enum_values(&mut self, e: &mut Entries<'v>, type_name: TypeName) -> Vec<(EnumValue, Path)> {
        let values = self.list_at(e, "enum", false, |d, value, path| d.enum_value(value, path, type_name));
        for (i, (value, path)) in values.iter().enumerate() {
            if values[..i].iter().any(|(v, _)| v.value == value.value) {
                self.ctx.error(
                    &path.key("value"),
                    format!("enum value {} is listed twice", value.value),
                );
            }
            // Names become variants; two alike would be renamed behind the user's back.
            let same_name = |v: &EnumValue| {
                v.name
                    .as_ref()
                    .zip(value.name.as_ref())
                    .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
            };
            if values[..i].iter().any(|(v, _)| same_name(v)) {
                let name = value.name.as_deref().unwrap_or_default();
                self.ctx.error(
                    &path.key("name"),
                    format!("enum name `{name}` is used twice; each value needs its own name"),
                );
            }
        }
        // `enum:` with nothing under it is as empty as `enum: []`.
        let empty = |v: &Value| v.is_null() || v.as_sequence().is_some_and(Vec::is_empty);
        if e.map.get("enum").is_some_and(empty) {
            self.ctx
                .error(&e.path.key("enum"), "`enum` is empty; expected at least one `{value}`");
        }
        values
    }

    fn enum_value(&mut self, value: &'v Value, path: Path, type_name: TypeName) -> Option<EnumValue> {
        let mut e = self.entries(
            value,
            path.clone(),
            "an enum value (a mapping with `value`, `name`, `description`)",
        )?;
        let literal = match e.lookup("value") {
            None => {
                self.ctx.error(&path, missing("value"));
                None
            }
            Some((raw, at)) => self.literal(raw, &at, type_name),
        };
        let name: Option<String> = self.optional(&mut e, "name");
        if name.as_deref().is_some_and(|n| !n.chars().any(char::is_alphanumeric)) {
            self.ctx.error(
                &path.key("name"),
                "`name` has no letter or digit to make a variant name from",
            );
        }
        let description = self.optional(&mut e, "description");
        self.finish(e);
        let position = self.ctx.position(&path);
        Some(EnumValue {
            value: literal?,
            name,
            description,
            position,
        })
    }

    fn literal(&mut self, raw: &Value, path: &Path, type_name: TypeName) -> Option<Literal> {
        match (type_name, raw) {
            (TypeName::Integer, Value::Number(n)) if n.as_i64().is_some() => n.as_i64().map(Literal::Integer),
            (TypeName::String, Value::String(s)) => Some(Literal::String(s.clone())),
            _ => {
                let expected = match type_name {
                    TypeName::Integer => "an integer, since the param is an integer",
                    _ => "a string, since the param is a string (quote it)",
                };
                self.ctx.error(
                    path,
                    format!("enum value {} has the wrong type; expected {expected}", show(raw)),
                );
                None
            }
        }
    }

    fn response(&mut self, value: &'v Value, path: Path) -> Option<(Response, Path)> {
        let mut e = self.entries(value, path.clone(), "a response (a mapping)")?;
        let status = self.status(&mut e);
        let description = self.required(&mut e, "description");
        let body = self.response_body(&mut e);
        self.finish(e);
        let position = self.ctx.position(&path);
        Some((
            Response {
                status: status?,
                description: description?,
                body,
                position,
            },
            path,
        ))
    }

    /// A response's `body`: absent means "none"; a mapping is the shape of
    /// the whole body; otherwise it must be a list of fields.
    fn response_body(&mut self, e: &mut Entries<'v>) -> Option<Body> {
        if let Some(Value::Mapping(_)) = e.map.get("body") {
            let (value, path) = e.lookup("body")?;
            let hint = "for an object body, write `body` as the list of its fields";
            return self.whole_body(value, path, hint).map(Body::Whole);
        }
        let declared = e.has("body");
        let fields = self.list_at(e, "body", declared, Self::field);
        declared.then(|| Body::Fields(self.unique_fields(fields)))
    }

    /// An `in: form` param is one part of the multipart body: a text part
    /// holds one scalar, a file part one file, whose bytes are never shown
    /// anyway (so `secret` would promise nothing more).
    fn check_form_part(&mut self, path: &Path, schema: &Schema) {
        match &schema.shape {
            Shape::Object { .. } | Shape::Array { .. } | Shape::Map { .. } => self.ctx.error(
                &path.key("type"),
                format!(
                    "an `in: form` param is one part of the multipart body: a string, integer, number, boolean \
                     or file, not {}",
                    match schema.shape {
                        Shape::Object { .. } => "an object",
                        Shape::Array { .. } => "an array",
                        _ => "a map",
                    }
                ),
            ),
            Shape::File if schema.secret => self.ctx.error(
                &path.key("secret"),
                "a file cannot be `secret`: its bytes are never shown (Debug prints its file name and length); \
                 remove `secret`",
            ),
            _ => {}
        }
    }

    /// `session:` names a value, and only a text param outside the body
    /// can take one: a session holds tokens and IDs as text.
    fn check_session(&mut self, path: &Path, session: &str, location: ParamIn, schema: &Schema) {
        let at = path.key("session");
        if !is_session_name(session) {
            self.ctx.error(
                &at,
                format!("`session` {session:?} is not a value name; expected lower-case letters, digits and `_`, like `access_token`"),
            );
        }
        if matches!(location, ParamIn::Body | ParamIn::Form) {
            self.ctx.error(
                &at,
                format!("`session` applies to path, query and header params, not to an `in: {location}` param"),
            );
        } else if !matches!(&schema.shape, Shape::String { values, .. } if values.is_empty()) || schema.shared.is_some()
        {
            self.ctx.error(
                &at,
                "a `session` param is a string without `enum`: a session supplies its value as any text",
            );
        }
    }

    /// `type: file` where it is not a form param's own type.
    fn misplaced_file(&mut self, e: &Entries<'v>, location: Option<ParamIn>) {
        let place = match location {
            Some(other) => format!("not on an `in: {other}` param"),
            None => "not inside another value or in a response body".to_owned(),
        };
        self.ctx.error(
            &e.path.key("type"),
            format!(
                "`type: file` is a file part of a multipart/form-data body, allowed only as the type of an \
                 `in: form` param, {place}"
            ),
        );
    }

    /// The fields of one object, reporting names declared twice.
    fn unique_fields(&mut self, fields: Vec<(Field, Path)>) -> Vec<Field> {
        for (i, (field, path)) in fields.iter().enumerate() {
            if fields[..i].iter().any(|(f, _)| f.name == field.name) {
                self.ctx.error(
                    &path.key("name"),
                    format!("field `{}` is declared twice in this object", field.name),
                );
            }
        }
        fields.into_iter().map(|(field, _)| field).collect()
    }

    fn check_rust_name(&mut self, path: &Path, name: &str) {
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name != "_";
        if !valid {
            self.ctx.error(path, format!("`rust_name` {name:?} is not a Rust identifier; expected letters, digits and `_`, not starting with a digit"));
        } else if crate::is_rust_keyword(name) {
            self.ctx.error(
                path,
                format!("`rust_name` {name:?} is a Rust keyword; choose another name"),
            );
        }
    }

    /// Opens a mapping, reporting any other kind of node.
    pub fn entries(&mut self, value: &'v Value, path: Path, what: &str) -> Option<Entries<'v>> {
        match value {
            Value::Mapping(map) => Some(Entries {
                map,
                path,
                known: Vec::new(),
            }),
            other => {
                self.ctx.error(&path, format!("expected {what}, found {}", show(other)));
                None
            }
        }
    }

    /// Reports the keys of `e` that were never read; the keys that were
    /// read are the ones this mapping may hold.
    pub fn finish(&mut self, e: Entries<'v>) {
        let mut expected: Vec<&str> = Vec::new();
        for key in &e.known {
            if !expected.contains(key) {
                expected.push(key);
            }
        }
        let expected = expected.join(", ");
        for key in e.map.keys() {
            let known = key.as_str().is_some_and(|k| e.known.contains(&k));
            if known {
                continue;
            }
            let text = key_text(key);
            let hint = key
                .as_str()
                .and_then(|k| closest(k, &e.known))
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            let path = e.path.key(text.clone());
            self.ctx.key_error(
                &path,
                format!("unknown key `{text}`{hint}; expected one of: {expected}"),
            );
        }
    }

    /// The `status` of a response. serde would call 70000 "not a u16"; the
    /// user needs to hear that it is not an HTTP status.
    pub fn status(&mut self, e: &mut Entries<'v>) -> Option<u16> {
        let Some((value, path)) = e.lookup("status") else {
            self.ctx.error(&e.path, missing("status"));
            return None;
        };
        let Some(status) = value.as_i64() else {
            self.ctx.error(
                &path,
                format!("`status` is {}; expected an HTTP status code, like 200", show(value)),
            );
            return None;
        };
        let fits = u16::try_from(status).ok();
        if fits.is_none() {
            self.ctx.error(&path, not_a_status(status));
        }
        fits
    }

    pub fn required<T: DeserializeOwned>(&mut self, e: &mut Entries<'v>, key: &'static str) -> Option<T> {
        if !e.has(key) {
            self.ctx.error(&e.path, missing(key));
        }
        self.optional(e, key)
    }

    pub fn optional<T: DeserializeOwned>(&mut self, e: &mut Entries<'v>, key: &'static str) -> Option<T> {
        let (value, path) = e.lookup(key)?;
        match serde_yaml::from_value(value.clone()) {
            Ok(decoded) => Some(decoded),
            Err(error) => {
                self.ctx
                    .error(&path, format!("`{key}` is {}: {}", show(value), plain(&error)));
                None
            }
        }
    }

    /// A sequence under `key`, each element read by `read`; a bad element
    /// is reported and left out.
    pub fn list<T>(
        &mut self,
        e: &mut Entries<'v>,
        key: &'static str,
        required: bool,
        read: impl FnMut(&mut Self, &'v Value, Path) -> Option<T>,
    ) -> Vec<T> {
        self.list_at(e, key, required, read)
            .into_iter()
            .map(|(item, _)| item)
            .collect()
    }

    /// [`Self::list`] with the path of each element: since bad elements are
    /// left out, an element's index in the result is not its index in the file.
    pub fn list_at<T>(
        &mut self,
        e: &mut Entries<'v>,
        key: &'static str,
        required: bool,
        mut read: impl FnMut(&mut Self, &'v Value, Path) -> Option<T>,
    ) -> Vec<(T, Path)> {
        let Some((value, path)) = e.lookup(key) else {
            if required {
                self.ctx.error(&e.path, missing(key));
            }
            return Vec::new();
        };
        match value {
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| read(self, item, path.index(i)).map(|read| (read, path.index(i))))
                .collect(),
            Value::Null if !required => Vec::new(),
            other => {
                self.ctx
                    .error(&path, format!("`{key}` is {}; expected a list", show(other)));
                Vec::new()
            }
        }
    }
}

/// The `type` key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum TypeName {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Map,
    File,
}

impl TypeName {
    fn as_str(self) -> &'static str {
        match self {
            TypeName::String => "string",
            TypeName::Integer => "integer",
            TypeName::Number => "number",
            TypeName::Boolean => "boolean",
            TypeName::Object => "object",
            TypeName::Array => "array",
            TypeName::Map => "map",
            TypeName::File => "file",
        }
    }
}

/// The message for a status code outside the HTTP range.
pub(crate) fn not_a_status(status: impl std::fmt::Display) -> String {
    format!("status {status} is not an HTTP status; expected 100 to 599")
}

/// The message for a required key that is absent, saying what it holds.
pub(crate) fn missing(key: &str) -> String {
    let expected = match key {
        "name" => "the name (snake_case for the spec, the wire name for a param or field)",
        "summary" => "a one-line summary",
        "method" => "the HTTP method: GET, POST, PUT, DELETE or PATCH",
        "path" => "the path, starting with `/`",
        "responses" => "the list of documented statuses, at least one 2xx",
        "in" => "where the param travels: path, query, header, body or form",
        "type" => "string, integer, number, boolean, object, array, map or file",
        "status" => "an HTTP status code, like 200",
        "description" => "the documented meaning",
        "fields" => "the object's fields",
        "response" => "the documented response, with its `status`",
        "value" => "the value on the wire",
        "offset" => "the name of the integer query param that says how many items to skip",
        "limit" => "the name of the integer query param that says how many items a page holds",
        "items" => "the dotted path of fields from the 2xx body to the array of a page's items, like `data`",
        _ => "a value",
    };
    format!("missing key `{key}`; expected {expected}")
}

/// A short rendering of a YAML node for messages.
pub(crate) fn show(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(t) => format!("a value tagged `{}`", t.tag),
    }
}

/// A mapping key as written, for paths and messages (`1`, not "the number
/// `1`", so that it is found in the source map); a key that is not a scalar
/// has no text and is described instead.
fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => show(other),
    }
}

/// serde_yaml's message without the position it appends (we add our own),
/// keeping the context it gives.
pub(crate) fn plain(error: &serde_yaml::Error) -> String {
    // "X at line 5 column 1, while scanning Y at line 4 column 11": the
    // first place is the diagnostic's own; the context keeps its place,
    // which often points at the real fault (an unclosed quote or bracket).
    let text = error.to_string();
    let Some(cut) = text.find(" at line ") else { return text };
    let rest = &text[cut..];
    match rest.find(", ") {
        Some(context) => format!("{}{}", &text[..cut], &rest[context..]),
        None => text[..cut].to_owned(),
    }
}

/// The known key nearest to a misspelt one, if any is near enough.
fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// A session value's name: `access_token`, `conference_id`.
fn is_session_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_keys_only() {
        assert_eq!(closest("requird", &["name", "required"]), Some("required"));
        assert_eq!(closest("colour", &["name", "required"]), None);
    }
}
