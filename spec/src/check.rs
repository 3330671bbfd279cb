//! The rules that span several keys: names, the path template against the
//! path params, duplicates, statuses, and the examples against it all.

use crate::decode::{Decoded, Decoder, not_a_status};
use crate::example::Contract;
use crate::model::{Example, Param, ParamIn, Response, Spec};
use crate::position::Path;

impl Decoder<'_, '_> {
    /// Checks the decoded top level and assembles the spec; `None` when a
    /// required part could not be read (the reason was reported).
    pub(crate) fn spec(&mut self, decoded: Decoded<'_>) -> Option<Spec> {
        let root = Path::root();
        if let Some(name) = &decoded.name {
            self.check_name(&root.key("name"), name);
        }
        if let Some(summary) = &decoded.summary {
            self.check_summary(&root.key("summary"), summary);
        }
        if let Some(server) = &decoded.server {
            self.check_server(&root.key("server"), server);
        }
        let params: Vec<Param> = decoded.params.iter().map(|(p, ..)| p.clone()).collect();
        self.check_params(&decoded.params);
        if let Some(path) = &decoded.path {
            self.check_path(&root.key("path"), path, &decoded.params);
        }
        self.check_responses(&decoded.responses, decoded.responses_complete);
        let responses: Vec<Response> = decoded.responses.into_iter().map(|(r, _)| r).collect();
        let complete = (decoded.params_complete, decoded.responses_complete);
        let paging = match decoded.paging {
            Some(keys) => Some(self.check_paging(keys, &params, &responses, complete)?),
            None => None,
        };
        // Examples read against a partial list of params or responses would
        // only repeat the faults already reported, so they wait for clean
        // ones; faults elsewhere (a bad `method`, say) do not hide them.
        let examples = match decoded.params_complete && decoded.responses_complete {
            true => {
                let contract = Contract {
                    params: &params,
                    responses: &responses,
                };
                let examples: Vec<_> = decoded
                    .examples
                    .iter()
                    .filter_map(|(value, path)| Some((self.example(value, path.clone(), &contract)?, path.clone())))
                    .collect();
                self.check_example_names(&examples);
                examples.into_iter().map(|(example, _)| example).collect()
            }
            false => Vec::new(),
        };
        Some(Spec {
            name: decoded.name?,
            summary: decoded.summary?,
            description: decoded.description,
            method: decoded.method?,
            path: decoded.path?,
            server: decoded.server,
            params,
            responses,
            examples,
            shapes: self.shapes.library(),
            paging,
        })
    }

    fn check_name(&mut self, path: &Path, name: &str) {
        let snake = name
            .split('_')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
            && name.starts_with(|c: char| c.is_ascii_lowercase());
        if !snake {
            self.ctx.error(
                path,
                format!(
                    "`name` {name:?} is not snake_case; expected lowercase words joined by `_`, like `raise_hands`"
                ),
            );
        }
    }

    fn check_summary(&mut self, path: &Path, summary: &str) {
        if summary.trim().is_empty() {
            self.ctx.error(path, "`summary` is empty; expected one line");
        } else if summary.trim().contains('\n') {
            self.ctx.error(
                path,
                "`summary` spans several lines; expected one line (put the rest in `description`)",
            );
        }
    }

    fn check_server(&mut self, path: &Path, server: &str) {
        let rest = server
            .strip_prefix("https://")
            .or_else(|| server.strip_prefix("http://"));
        let host = rest.map(|r| r.split('/').next().unwrap_or_default());
        if !host.is_some_and(|h| !h.is_empty() && !h.contains(char::is_whitespace)) {
            self.ctx.error(path, format!("`server` {server:?} is not a base URL; expected a scheme and host, like `https://api.meeting.huaweicloud.com`"));
        }
    }

    fn check_params(&mut self, params: &[(Param, Option<bool>, Path)]) {
        self.check_whole_body(params);
        self.check_form_body(params);
        for (i, (param, required, path)) in params.iter().enumerate() {
            // The whole body has no name of its own to clash or to check.
            if param.whole_body {
                continue;
            }
            let name = &param.field.name;
            let earlier = params[..i]
                .iter()
                .find(|(p, ..)| p.location == param.location && param.location.same_name(&p.field.name, name));
            if earlier.is_some() {
                self.ctx.error(
                    &path.key("name"),
                    format!("{} param `{name}` is declared twice", param.location),
                );
            }
            if let Some(session) = &param.session
                && params[..i].iter().any(|(p, ..)| p.session.as_ref() == Some(session))
            {
                self.ctx.error(
                    &path.key("session"),
                    format!("`session: {session}` is on two params; a session value fills one param"),
                );
            }
            if param.location == ParamIn::Path && *required == Some(false) {
                self.ctx.error(
                    &path.key("required"),
                    "path params are always required; remove `required: false`",
                );
            }
            if param.location == ParamIn::Header && !name.bytes().all(is_token_byte) {
                self.ctx.error(
                    &path.key("name"),
                    format!("header name {name:?} is not a valid HTTP header name; expected letters, digits and `-`"),
                );
            }
        }
    }

    /// A whole body leaves no room for body fields: each `in: body` param
    /// beside it is reported.
    fn check_whole_body(&mut self, params: &[(Param, Option<bool>, Path)]) {
        if !params.iter().any(|(p, ..)| p.whole_body) {
            return;
        }
        let fields = params
            .iter()
            .filter(|(p, ..)| p.location == ParamIn::Body && !p.whole_body);
        for (param, _, path) in fields {
            self.ctx.error(
                &path.key("in"),
                format!(
                    "`in: body` param `{}` cannot be combined with the top-level `body`, which declares the whole \
                     body; declare the body either as `in: body` fields of an object or as one `body` schema",
                    param.field.name
                ),
            );
        }
    }

    /// `in: form` params make the body multipart, which leaves no room for
    /// a JSON body: each `in: body` param, and a top-level `body`, is
    /// reported where it is declared.
    fn check_form_body(&mut self, params: &[(Param, Option<bool>, Path)]) {
        let Some((form, ..)) = params.iter().find(|(p, ..)| p.location == ParamIn::Form) else {
            return;
        };
        let form = &form.field.name;
        for (param, _, path) in params.iter().filter(|(p, ..)| p.location == ParamIn::Body) {
            let (at, what) = match param.whole_body {
                true => (path.clone(), "the top-level `body`".to_owned()),
                false => (path.key("in"), format!("`in: body` param `{}`", param.field.name)),
            };
            self.ctx.error(
                &at,
                format!(
                    "{what} cannot be combined with `in: form` params (`{form}`, ...), which make the body \
                     multipart/form-data; send the value as an `in: form` part, or declare no form params"
                ),
            );
        }
    }

    fn check_path(&mut self, at: &Path, template: &str, params: &[(Param, Option<bool>, Path)]) {
        if !template.starts_with('/') {
            self.ctx.error(
                at,
                format!("`path` {template:?} does not start with `/`; expected a path like `/v1/mmc/control/...`"),
            );
        }
        if template.contains(['?', '#']) {
            self.ctx.error(
                at,
                "`path` contains `?` or `#`; declare query values as `in: query` params instead",
            );
        }
        let placeholders = match placeholders(template) {
            Ok(names) => names,
            Err(message) => return self.ctx.error(at, message),
        };
        for name in &placeholders {
            if !params
                .iter()
                .any(|(p, ..)| p.location == ParamIn::Path && p.field.name == *name)
            {
                self.ctx.error(
                    at,
                    format!("`{{{name}}}` in `path` has no `in: path` param named `{name}`"),
                );
            }
        }
        for (param, _, path) in params.iter().filter(|(p, ..)| p.location == ParamIn::Path) {
            if !placeholders.contains(&param.field.name.as_str()) {
                let name = &param.field.name;
                self.ctx.error(
                    &path.key("name"),
                    format!("path param `{name}` has no `{{{name}}}` in `path`"),
                );
            }
        }
    }

    /// Statuses in range and unique; at least one 2xx, unless a response
    /// could not be read (it may have been the 2xx).
    fn check_responses(&mut self, responses: &[(Response, Path)], complete: bool) {
        for (i, (response, path)) in responses.iter().enumerate() {
            if !(100..=599).contains(&response.status) {
                self.ctx.error(&path.key("status"), not_a_status(response.status));
            }
            if responses[..i].iter().any(|(r, _)| r.status == response.status) {
                self.ctx.error(
                    &path.key("status"),
                    format!(
                        "status {} is listed twice; each status is documented once",
                        response.status
                    ),
                );
            }
        }
        if complete && !responses.iter().any(|(r, _)| r.is_success()) {
            self.ctx.error(
                &Path::root().key("responses"),
                "no 2xx status is documented; expected at least one",
            );
        }
    }

    fn check_example_names(&mut self, examples: &[(Example, Path)]) {
        for (i, (example, path)) in examples.iter().enumerate() {
            if examples[..i].iter().any(|(e, _)| e.name == example.name) {
                self.ctx.error(
                    &path.key("name"),
                    format!("example name `{}` is used twice", example.name),
                );
            }
        }
    }
}

/// The `{name}` placeholders of a path template, in order.
pub(crate) fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("`path` has a `}` without its `{`".to_owned());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("`path` has a `{` that is never closed")?;
        let name = &after[..close];
        if name.is_empty() || name.contains(['{', '/']) {
            return Err(format!(
                "`path` has a malformed placeholder `{{{name}}}`; expected `{{name}}`"
            ));
        }
        if names.contains(&name) {
            return Err(format!("`{{{name}}}` appears twice in `path`"));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
