//! The top-level `paging`, judged against the params and the 2xx body it
//! names: every misuse is reported at the key that holds it.

use crate::decode::{Decoder, PagingKeys};
use crate::model::{Body, Field, Paging, Param, ParamIn, Response, Schema, Shape};
use crate::position::Path;

/// What a path of `paging` must reach.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    /// `items`: the array of a page's items.
    Items,
    /// `total`: the integer that counts every page's items.
    Total,
}

impl Decoder<'_, '_> {
    /// The spec's paging, when every key of it fits; `complete` says
    /// whether the params and responses were read without a fault (else
    /// a name may be missing only because its declaration was bad).
    pub(crate) fn check_paging(
        &mut self,
        keys: PagingKeys,
        params: &[Param],
        responses: &[Response],
        complete: (bool, bool),
    ) -> Option<Paging> {
        let (params_complete, responses_complete) = complete;
        let offset = keys
            .offset
            .filter(|(name, at)| !params_complete || self.page_param(params, name, at));
        let limit = keys
            .limit
            .filter(|(name, at)| !params_complete || self.page_param(params, name, at));
        if let (Some((offset, _)), Some((limit, at))) = (&offset, &limit)
            && offset == limit
        {
            let message = format!("`limit` names `{limit}`, as `offset` does; they are two different params");
            self.ctx.error(at, message);
            return None;
        }
        let body = match responses_complete {
            true => self.paged_body(responses, &keys.path),
            false => None,
        };
        let items = keys
            .items
            .and_then(|(path, at)| self.field_path(body?, &path, &at, Target::Items));
        let total = match keys.total {
            Some((path, at)) => Some(self.field_path(body?, &path, &at, Target::Total)?),
            None => None,
        };
        // Without a body nothing was judged, so the paths are not known to fit.
        body?;
        Some(Paging {
            offset: offset?.0,
            limit: limit?.0,
            items: items?,
            total,
            position: self.ctx.position(&keys.path),
        })
    }

    /// Whether `name` is an integer query param that can say where a page
    /// starts or how long it is; reports why not.
    fn page_param(&mut self, params: &[Param], name: &str, at: &Path) -> bool {
        let Some(param) = params.iter().find(|p| !p.whole_body && p.field.name == name) else {
            self.ctx.error(
                at,
                format!("there is no param named `{name}`; expected an `in: query` integer param"),
            );
            return false;
        };
        let schema = &param.field.schema;
        let problem = if param.location != ParamIn::Query {
            format!(
                "param `{name}` is `in: {}`; paging moves through `in: query` params only",
                param.location
            )
        } else if !matches!(schema.shape, Shape::Integer { .. }) {
            format!(
                "param `{name}` is {}; expected an integer",
                article(schema.shape.type_name())
            )
        } else if !schema.shape.enum_values().is_empty() {
            format!("param `{name}` is an enum; a page's offset and size are plain integers")
        } else if schema.secret {
            format!("param `{name}` is secret; a page's offset and size are not")
        } else {
            return true;
        };
        self.ctx.error(at, problem);
        false
    }

    /// The fields of the one 2xx body that pages are read from; reports a
    /// spec whose success is not one object body.
    fn paged_body<'r>(&mut self, responses: &'r [Response], at: &Path) -> Option<&'r [Field]> {
        let successes: Vec<&Response> = responses.iter().filter(|r| r.is_success()).collect();
        let problem = match successes.as_slice() {
            [only] => match &only.body {
                Some(Body::Fields(fields)) => return Some(fields),
                Some(Body::Whole(_)) => {
                    "its 2xx body is a whole array or map, with no field to hold the page".to_owned()
                }
                None => format!("its 2xx status, {}, has no body to read pages from", only.status),
            },
            [] => return None,
            several => format!(
                "it documents {} 2xx statuses; paging reads one 2xx status's object body",
                several.len()
            ),
        };
        self.ctx.error(at, format!("the operation cannot page: {problem}"));
        None
    }

    /// The field names of a dotted `path` from the 2xx body's `fields`,
    /// when it reaches what `target` needs; reports the first step that
    /// does not.
    fn field_path(&mut self, fields: &[Field], path: &str, at: &Path, target: Target) -> Option<Vec<String>> {
        let steps: Vec<&str> = path.split('.').collect();
        if steps.iter().any(|step| step.is_empty()) {
            self.ctx.error(
                at,
                format!("{path:?} has an empty step; expected field names joined by `.`, like `data.data`"),
            );
            return None;
        }
        let mut fields = fields;
        let mut reached = "the 2xx body".to_owned();
        for (i, step) in steps.iter().enumerate() {
            let Some(field) = fields.iter().find(|f| f.name == *step) else {
                let known: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                let message = format!("{reached} has no field `{step}`; it has: {}", known.join(", "));
                self.ctx.error(at, message);
                return None;
            };
            let walked = steps[..=i].join(".");
            if field.schema.secret {
                self.ctx
                    .error(at, format!("`{walked}` is secret; paging reads no secret value"));
                return None;
            }
            if i + 1 == steps.len() {
                return self
                    .path_end(&field.schema, &walked, at, target)
                    .then(|| steps.iter().map(|step| (*step).to_owned()).collect());
            }
            let Shape::Object { fields: inner } = &field.schema.shape else {
                let found = article(field.schema.shape.type_name());
                self.ctx.error(
                    at,
                    format!("`{walked}` is {found}, not an object, so the path cannot go on"),
                );
                return None;
            };
            fields = inner;
            reached = format!("`{walked}`");
        }
        None
    }

    /// Whether the last field of a path is what `target` needs.
    fn path_end(&mut self, schema: &Schema, walked: &str, at: &Path, target: Target) -> bool {
        let found = article(schema.shape.type_name());
        let problem = match (target, &schema.shape) {
            (Target::Items, Shape::Array { .. }) => return true,
            (Target::Total, Shape::Integer { values, .. }) if values.is_empty() => return true,
            (Target::Items, _) => format!("`{walked}` is {found}; `items` must reach the array of a page's items"),
            (Target::Total, Shape::Integer { .. }) => {
                format!("`{walked}` is an enum; `total` must reach a plain integer")
            }
            (Target::Total, _) => format!("`{walked}` is {found}; `total` must reach the integer count of all items"),
        };
        self.ctx.error(at, problem);
        false
    }
}

/// A type's name with its article: `an integer`, `a string`.
fn article(type_name: &str) -> String {
    match type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        true => format!("an {type_name}"),
        false => format!("a {type_name}"),
    }
}
