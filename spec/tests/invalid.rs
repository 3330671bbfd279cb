//! Specs that break a rule of `spec-format.md`, each with the exact
//! diagnostics it must produce.
//!
//! An expected diagnostic is written `line:col: path: fragment`: the position
//! and the path must be exactly those reported, and the message must contain
//! the fragment. A case lists every diagnostic of its file, in the order of
//! the file, so a rule that fires twice or a fault that hides another fails
//! the test.

/// A bad spec and every diagnostic it must produce.
struct Case {
    /// What the case breaks.
    name: &'static str,
    /// The file; a leading newline is dropped so the text starts on line 1.
    source: &'static str,
    expected: &'static [&'static str],
}

/// Parses `source` and renders its diagnostics as `line:col: path: message`,
/// or returns no diagnostics when the spec is accepted.
fn diagnostics(source: &str) -> Vec<String> {
    match meeting_api_spec::parse(source, "bad.yaml") {
        Ok(_) => Vec::new(),
        Err(error) => error
            .diagnostics
            .iter()
            .map(|d| format!("{}:{}: {}: {}", d.position.line, d.position.column, d.path, d.message))
            .collect(),
    }
}

/// Whether the rendered diagnostic `actual` is the one `expected` describes.
fn fits(expected: &str, actual: &str) -> bool {
    let mut parts = expected.splitn(3, ": ");
    let (Some(position), Some(path), Some(fragment)) = (parts.next(), parts.next(), parts.next()) else {
        panic!("expected diagnostics are written `line:col: path: fragment`, not {expected:?}");
    };
    let head = format!("{position}: {path}: ");
    actual
        .strip_prefix(&head)
        .is_some_and(|message| message.contains(fragment))
}

/// Runs every case and fails with all the mismatches at once.
fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let source = case.source.strip_prefix('\n').unwrap_or(case.source);
        let actual = diagnostics(source);
        let matched = actual.len() == case.expected.len()
            && case
                .expected
                .iter()
                .zip(&actual)
                .all(|(expected, actual)| fits(expected, actual));
        if !matched {
            failures.push(format!(
                "case `{}`\n  expected:\n    {}\n  actual:\n    {}",
                case.name,
                case.expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn yaml_faults() {
    check(&[
        Case {
            name: "syntax error",
            source: "
name: op
summary: [s
method: GET
",
            expected: &["3:7: (top level): the file is not valid YAML: did not find expected ',' or ']'"],
        },
        Case {
            name: "tab indentation",
            source: "
name: op
params:
  - name: a
\tin: query
",
            expected: &["4:1: (top level): the file is not valid YAML: found a tab character"],
        },
        Case {
            name: "duplicate key at the top level",
            source: "
name: op
summary: s
name: again
",
            expected: &["3:1: (top level): duplicate entry with key \"name\""],
        },
        Case {
            name: "duplicate key in a param",
            source: "
name: op
params:
  - name: a
    description: x
    description: y
",
            expected: &["5:5: (top level): duplicate entry with key \"description\""],
        },
        Case {
            name: "several documents",
            source: "
name: op
---
name: op2
",
            expected: &["2:1: (top level): more than one document"],
        },
        Case {
            name: "not a mapping",
            source: "
- name: op
",
            expected: &["1:1: (top level): expected the spec (a mapping of top-level keys), found a list"],
        },
        Case {
            name: "empty file",
            source: "",
            expected: &["1:1: (top level): expected the spec (a mapping of top-level keys), found empty"],
        },
    ]);
}

#[test]
fn top_level_rules() {
    check(&[
        Case {
            name: "unknown key, with a suggestion",
            source: "
name: op
sumary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &[
                "1:1: (top level): missing key `summary`",
                "2:1: sumary: unknown key `sumary` (did you mean `summary`?); expected one of: name, summary,",
            ],
        },
        Case {
            name: "unknown key, nothing near",
            source: "
name: op
summary: s
method: GET
path: /v1
colour: red
responses: [{status: 200, description: ok}]
",
            expected: &["5:1: colour: unknown key `colour`; expected one of: name, summary, description, method"],
        },
        Case {
            name: "non-string keys are named as written",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
404: not found
",
            expected: &["6:1: 404: unknown key `404`; expected one of"],
        },
        Case {
            name: "missing required keys",
            source: "
# A comment first: the top level starts on line 2.
description: only this
",
            expected: &[
                "2:1: (top level): missing key `name`",
                "2:1: (top level): missing key `summary`",
                "2:1: (top level): missing key `method`",
                "2:1: (top level): missing key `path`",
                "2:1: (top level): missing key `responses`",
            ],
        },
        Case {
            name: "bad method",
            source: "
name: op
summary: s
method: FETCH
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &[
                "3:9: method: `method` is the string \"FETCH\": unknown variant `FETCH`, expected one of `GET`",
            ],
        },
        Case {
            name: "method in lower case",
            source: "
name: op
summary: s
method: get
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &["3:9: method: unknown variant `get`"],
        },
        Case {
            name: "name not snake_case",
            source: "
name: raiseHands
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &["1:7: name: `name` \"raiseHands\" is not snake_case; expected lowercase words joined by `_`"],
        },
        Case {
            name: "name with a dash or a leading digit",
            source: "
name: 2raise-hands
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &["1:7: name: is not snake_case"],
        },
        Case {
            name: "summary on several lines",
            source: "
name: op
summary: |
  Raising hands
  and lowering them
method: GET
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &[
                "3:3: summary: `summary` spans several lines; expected one line (put the rest in `description`)",
            ],
        },
        Case {
            name: "empty summary",
            source: "
name: op
summary: ' '
method: GET
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &["2:10: summary: `summary` is empty; expected one line"],
        },
        Case {
            name: "summary not text",
            source: "
name: op
summary: [a, b]
method: GET
path: /v1
responses: [{status: 200, description: ok}]
",
            expected: &["2:10: summary: `summary` is a list: invalid type: sequence, expected a string"],
        },
        Case {
            name: "server without a scheme",
            source: "
name: op
summary: s
method: GET
path: /v1
server: api.meeting.huaweicloud.com
responses: [{status: 200, description: ok}]
",
            expected: &[
                "5:9: server: `server` \"api.meeting.huaweicloud.com\" is not a base URL; expected a scheme and host",
            ],
        },
        Case {
            name: "server without a host",
            source: "
name: op
summary: s
method: GET
path: /v1
server: https://
responses: [{status: 200, description: ok}]
",
            expected: &["5:9: server: is not a base URL"],
        },
        Case {
            name: "params not a list",
            source: "
name: op
summary: s
method: GET
path: /v1
params: {name: a}
responses: [{status: 200, description: ok}]
",
            expected: &["5:9: params: `params` is a mapping; expected a list"],
        },
    ]);
}

#[test]
fn path_rules() {
    check(&[
        Case {
            name: "path without a leading slash",
            source: "
name: op
summary: s
method: GET
path: v1/hands
responses: [{status: 200, description: ok}]
",
            expected: &["4:7: path: `path` \"v1/hands\" does not start with `/`"],
        },
        Case {
            name: "path with a query string",
            source: "
name: op
summary: s
method: GET
path: /v1/hands?x=1
responses: [{status: 200, description: ok}]
",
            expected: &["4:7: path: `path` contains `?` or `#`; declare query values as `in: query` params"],
        },
        Case {
            name: "placeholder without a path param",
            source: "
name: op
summary: s
method: GET
path: /v1/rooms/{id}
params:
  - name: id
    in: query
    type: string
responses: [{status: 200, description: ok}]
",
            expected: &["4:7: path: `{id}` in `path` has no `in: path` param named `id`"],
        },
        Case {
            name: "path param without a placeholder",
            source: "
name: op
summary: s
method: GET
path: /v1/rooms
params:
  - name: id
    in: path
    type: string
responses: [{status: 200, description: ok}]
",
            expected: &["6:11: params[0].name: path param `id` has no `{id}` in `path`"],
        },
        Case {
            name: "path param after a param that cannot be read",
            source: "
name: op
summary: s
method: GET
path: /v1/rooms
params:
  - name: broken
  - name: id
    in: path
    type: string
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:5: params[0]: missing key `in`",
                "6:5: params[0]: missing key `type`",
                "7:11: params[1].name: path param `id` has no `{id}` in `path`",
            ],
        },
        Case {
            name: "path param not required",
            source: "
name: op
summary: s
method: GET
path: /v1/rooms/{id}
params:
  - name: id
    in: path
    type: string
    required: false
responses: [{status: 200, description: ok}]
",
            expected: &["9:15: params[0].required: path params are always required; remove `required: false`"],
        },
        Case {
            name: "unclosed placeholder",
            source: "
name: op
summary: s
method: GET
path: /v1/rooms/{id
responses: [{status: 200, description: ok}]
",
            expected: &["4:7: path: `path` has a `{` that is never closed"],
        },
        Case {
            name: "empty placeholder",
            source: "
name: op
summary: s
method: GET
path: /v1/rooms/{}
responses: [{status: 200, description: ok}]
",
            expected: &["4:7: path: `path` has a malformed placeholder `{}`"],
        },
        Case {
            name: "placeholder twice",
            source: "
name: op
summary: s
method: GET
path: /v1/{id}/{id}
params: [{name: id, in: path, type: string}]
responses: [{status: 200, description: ok}]
",
            expected: &["4:7: path: `{id}` appears twice in `path`"],
        },
    ]);
}

#[test]
fn param_rules() {
    check(&[
        Case {
            name: "unknown key in a param, with a suggestion",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: string
    requird: true
responses: [{status: 200, description: ok}]
",
            expected: &[
                "9:5: params[0].requird: unknown key `requird` (did you mean `required`?); expected one of: in, name, required,",
            ],
        },
        Case {
            name: "param not a mapping",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - conferenceID
responses: [{status: 200, description: ok}]
",
            expected: &["6:5: params[0]: expected a param (a mapping), found the string \"conferenceID\""],
        },
        Case {
            name: "param missing its keys",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - description: nothing else
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:5: params[0]: missing key `in`",
                "6:5: params[0]: missing key `name`",
                "6:5: params[0]: missing key `type`",
            ],
        },
        Case {
            name: "empty name",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: ''
    in: query
    type: string
responses: [{status: 200, description: ok}]
",
            expected: &["6:11: params[0].name: `name` is empty; expected the name on the wire"],
        },
        Case {
            name: "duplicate query param",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: string}
  - {name: a, in: header, type: string}
  - {name: a, in: query, type: integer}
responses: [{status: 200, description: ok}]
",
            expected: &["8:12: params[2].name: query param `a` is declared twice"],
        },
        Case {
            name: "duplicate header param, in another case",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: X-Token, in: header, type: string}
  - {name: x-token, in: header, type: string}
responses: [{status: 200, description: ok}]
",
            expected: &["7:12: params[1].name: header param `x-token` is declared twice"],
        },
        Case {
            name: "query names are case-sensitive, but body names are unique too",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - {name: Id, in: query, type: string}
  - {name: id, in: query, type: string}
  - {name: state, in: body, type: string}
  - {name: state, in: body, type: string}
responses: [{status: 200, description: ok}]
",
            expected: &["9:12: params[3].name: body param `state` is declared twice"],
        },
        Case {
            name: "bad header name",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: X Token, in: header, type: string}
responses: [{status: 200, description: ok}]
",
            expected: &["6:12: params[0].name: header name \"X Token\" is not a valid HTTP header name"],
        },
        Case {
            name: "bad in",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: cookie
    type: string
responses: [{status: 200, description: ok}]
",
            expected: &[
                "7:9: params[0].in: `in` is the string \"cookie\": unknown variant `cookie`, expected one of `path`, `query`, `header`, `body`",
            ],
        },
        Case {
            name: "in on a field",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: a
    in: body
    type: object
    fields:
      - name: b
        in: body
        type: string
responses: [{status: 200, description: ok}]
",
            expected: &[
                "11:9: params[0].fields[0].in: unknown key `in`; expected one of: name, required, shape, type,",
            ],
        },
        Case {
            name: "rust_name is a keyword",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: kind
    in: query
    type: string
    rust_name: type
responses: [{status: 200, description: ok}]
",
            expected: &["9:16: params[0].rust_name: `rust_name` \"type\" is a Rust keyword; choose another name"],
        },
        Case {
            name: "rust_name is not an identifier",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: string, rust_name: 2fa-code}
  - {name: b, in: query, type: string, rust_name: _}
  - {name: c, in: query, type: object, fields: [{name: d, type: string, rust_name: 'my field'}]}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:51: params[0].rust_name: `rust_name` \"2fa-code\" is not a Rust identifier",
                "7:51: params[1].rust_name: `rust_name` \"_\" is not a Rust identifier",
                "8:84: params[2].fields[0].rust_name: `rust_name` \"my field\" is not a Rust identifier",
            ],
        },
        Case {
            name: "secret not a boolean",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: string, secret: yes}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:48: params[0].secret: `secret` is the string \"yes\": invalid type: string \"yes\", expected a boolean",
            ],
        },
    ]);
}

#[test]
fn type_rules() {
    check(&[
        Case {
            name: "bad type",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: strng
    format: int32
    enum: [{value: x}]
responses: [{status: 200, description: ok}]
",
            // The keys of the type are not judged without a type.
            expected: &[
                "8:11: params[0].type: `type` is the string \"strng\": unknown variant `strng`, expected one of `string`,",
            ],
        },
        Case {
            name: "format on a string",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: string
    format: int32
responses: [{status: 200, description: ok}]
",
            expected: &["9:5: params[0].format: `format` applies to integer and number params, not to a string"],
        },
        Case {
            name: "keys of other types",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: boolean
    enum: [{value: true}]
    minimum: 0
    max_length: 3
    fields: []
    items: {type: string}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "9:5: params[0].enum: `enum` applies to integer and string params, not to a boolean",
                "10:5: params[0].minimum: `minimum` applies to integer and number params, not to a boolean",
                "11:5: params[0].max_length: `max_length` applies to string and array params, not to a boolean",
                "12:5: params[0].fields: `fields` applies to object params, not to a boolean",
                "13:5: params[0].items: `items` applies to array params, not to a boolean",
            ],
        },
        Case {
            name: "bad formats",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: integer, format: int16}
  - {name: b, in: query, type: number, format: int32}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:49: params[0].format: `format` is the string \"int16\"; expected int32 or int64",
                "7:48: params[1].format: `format` is the string \"int32\"; expected float or double",
            ],
        },
        Case {
            name: "int32 enum value and bounds out of range",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: integer
    format: int32
    minimum: -2147483649
    enum:
      - value: 0
      - value: 2147483648
responses: [{status: 200, description: ok}]
",
            expected: &[
                "10:14: params[0].minimum: `minimum` does not fit in an int32",
                "13:16: params[0].enum[1].value: enum value 2147483648 does not fit in an int32",
            ],
        },
        Case {
            name: "enum values of the wrong type",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: integer
    enum: [{value: '1'}, {value: 1.5}]
  - name: b
    in: query
    type: string
    enum: [{value: 1}]
responses: [{status: 200, description: ok}]
",
            expected: &[
                "9:20: params[0].enum[0].value: enum value the string \"1\" has the wrong type; expected an integer",
                "9:34: params[0].enum[1].value: enum value the number `1.5` has the wrong type; expected an integer",
                "13:20: params[1].enum[0].value: enum value the number `1` has the wrong type; expected a string, since the param is a string (quote it)",
            ],
        },
        Case {
            name: "duplicate enum value, after one that cannot be read",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: integer
    enum:
      - value: x
      - value: 1
      - value: 2
      - value: 1
responses: [{status: 200, description: ok}]
",
            expected: &[
                "10:16: params[0].enum[0].value: enum value the string \"x\" has the wrong type",
                "13:16: params[0].enum[3].value: enum value 1 is listed twice",
            ],
        },
        Case {
            name: "empty enums",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: string, enum: []}
  - name: b
    in: query
    type: string
    enum:
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:46: params[0].enum: `enum` is empty; expected at least one `{value}`",
                "10:9: params[1].enum: `enum` is empty",
            ],
        },
        Case {
            name: "enum values that are not mappings or lack a value",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: string
    enum:
      - lower
      - name: raise
      - {value: x, name: '--'}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "10:9: params[0].enum[0]: expected an enum value (a mapping with `value`, `name`, `description`), found the string \"lower\"",
                "11:9: params[0].enum[1]: missing key `value`; expected the value on the wire",
                "12:26: params[0].enum[2].name: `name` has no letter or digit to make a variant name from",
            ],
        },
        Case {
            name: "object without fields",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: a
    in: body
    type: object
responses: [{status: 200, description: ok}]
",
            expected: &["6:5: params[0]: missing key `fields`"],
        },
        Case {
            name: "array without items",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: a
    in: body
    type: array
responses: [{status: 200, description: ok}]
",
            expected: &["6:5: params[0]: an array needs `items`, the shape of its elements"],
        },
        Case {
            name: "items with a name",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: a
    in: body
    type: array
    items:
      name: b
      type: string
responses: [{status: 200, description: ok}]
",
            expected: &[
                "10:7: params[0].items.name: unknown key `name`; expected one of: required, shape, type, description",
            ],
        },
        Case {
            name: "minimum above maximum, min_length above max_length",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: integer, minimum: 10, maximum: 1}
  - {name: b, in: query, type: number, minimum: 0.5, maximum: 0.25}
  - {name: c, in: query, type: string, min_length: 3, max_length: 2}
  - {name: d, in: query, type: array, items: {type: string, max_length: 1, min_length: 2}}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:63: params[0].maximum: `maximum` 1 is below `minimum` 10",
                "7:63: params[1].maximum: `maximum` 0.25 is below `minimum` 0.5",
                "8:67: params[2].max_length: `max_length` 2 is below `min_length` 3",
                "9:73: params[3].items.max_length: `max_length` 1 is below `min_length` 2",
            ],
        },
        Case {
            name: "bounds that are not finite numbers",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: number, minimum: .nan}
  - {name: b, in: query, type: number, maximum: .inf, minimum: -.inf}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:49: params[0].minimum: `minimum` is NaN; expected a finite number, or no `minimum` for no bound",
                "7:49: params[1].maximum: `maximum` is inf; expected a finite number, or no `maximum` for no bound",
                "7:64: params[1].minimum: `minimum` is -inf; expected a finite number, or no `minimum` for no bound",
            ],
        },
        Case {
            name: "negative length",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: a, in: query, type: string, min_length: -1}
responses: [{status: 200, description: ok}]
",
            expected: &["6:52: params[0].min_length: `min_length` is the number `-1`: invalid value: integer `-1`"],
        },
        Case {
            name: "default outside the enum, of the wrong type, outside the bounds",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: a
    in: query
    type: string
    default: slow
    enum: [{value: fast}, {value: safe}]
  - {name: b, in: query, type: integer, default: '1'}
  - {name: c, in: query, type: integer, maximum: 9, default: 10}
  - {name: d, in: query, type: string, max_length: 2, default: abc}
  - {name: e, in: query, type: object, fields: [{name: f, type: boolean, required: true}], default: {}}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "9:14: params[0].default: \"slow\" is not one of the enum values: \"fast\", \"safe\"",
                "11:50: params[1].default: value \"1\" has the wrong type; expected an integer",
                "12:62: params[2].default: 10 is outside the bounds [.., 9]",
                "13:64: params[3].default: string of 3 characters is outside the length bounds [.., 2]",
                "14:101: params[4].default: required field `f` is missing",
            ],
        },
        Case {
            name: "duplicate field in an object, after one that cannot be read",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: a
    in: body
    type: object
    fields:
      - type: string
      - name: b
        type: string
      - name: b
        type: integer
responses: [{status: 200, description: ok}]
",
            expected: &[
                "10:9: params[0].fields[0]: missing key `name`",
                "13:15: params[0].fields[2].name: field `b` is declared twice in this object",
            ],
        },
    ]);
}

#[test]
fn response_rules() {
    check(&[
        Case {
            name: "duplicate status",
            source: "
name: op
summary: s
method: GET
path: /v1
responses:
  - status: 200
    description: ok
  - status: 200
    description: again
",
            expected: &["8:13: responses[1].status: status 200 is listed twice; each status is documented once"],
        },
        Case {
            name: "no 2xx",
            source: "
name: op
summary: s
method: GET
path: /v1
responses:
  - status: 400
    description: bad
  - status: 301
    description: moved
",
            expected: &["6:3: responses: no 2xx status is documented; expected at least one"],
        },
        Case {
            name: "no response at all",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: []
",
            expected: &["5:12: responses: no 2xx status is documented"],
        },
        Case {
            name: "status out of range",
            source: "
name: op
summary: s
method: GET
path: /v1
responses:
  - {status: 200, description: ok}
  - {status: 99, description: low}
  - {status: 600, description: high}
  - {status: 70000, description: far}
",
            expected: &[
                "7:14: responses[1].status: status 99 is not an HTTP status; expected 100 to 599",
                "8:14: responses[2].status: status 600 is not an HTTP status",
                "9:14: responses[3].status: status 70000 is not an HTTP status",
            ],
        },
        Case {
            name: "status not a number",
            source: "
name: op
summary: s
method: GET
path: /v1
responses:
  - {status: OK, description: ok}
",
            // The response cannot be read, so whether there is a 2xx is not known.
            expected: &[
                "6:14: responses[0].status: `status` is the string \"OK\"; expected an HTTP status code, like 200",
            ],
        },
        Case {
            name: "response without description, and unknown key",
            source: "
name: op
summary: s
method: GET
path: /v1
responses:
  - status: 200
    descripton: ok
",
            expected: &[
                "6:5: responses[0]: missing key `description`",
                "7:5: responses[0].descripton: unknown key `descripton` (did you mean `description`?); expected one of: status, description, body",
            ],
        },
        Case {
            name: "responses missing",
            source: "
name: op
summary: s
method: GET
path: /v1
",
            expected: &["1:1: (top level): missing key `responses`"],
        },
        Case {
            name: "duplicate field in a response body",
            source: "
name: op
summary: s
method: GET
path: /v1
responses:
  - status: 200
    description: ok
    body:
      - {name: id, type: string}
      - {name: id, type: string}
",
            expected: &["10:16: responses[0].body[1].name: field `id` is declared twice in this object"],
        },
    ]);
}

/// The params and responses every example case below is read against.
macro_rules! with_contract {
    ($examples:literal) => {
        concat!(
            "
name: op
summary: s
method: PUT
path: /v1/rooms/{id}
params:
  - {name: id, in: path, type: string}
  - {name: conferenceID, in: query, type: string, required: true}
  - {name: X-Token, in: header, type: string, secret: true}
  - name: handsState
    in: body
    type: integer
    format: int32
    required: true
    enum: [{value: 0, name: lower}, {value: 1, name: raise}]
  - {name: note, in: body, type: string, max_length: 3}
responses:
  - {status: 200, description: ok}
  - {status: 400, description: bad}
  - status: 201
    description: created
    body: [{name: room, type: string, required: true}]
examples:",
            $examples
        )
    };
}

#[test]
fn example_rules() {
    check(&[
        Case {
            name: "the contract itself is fine",
            source: with_contract!(
                "
  - name: ok
    request:
      path: {id: r1}
      query: {conferenceID: 914083136}
      headers: {x-token: t}
      body: {handsState: 1, note: abc}
    response: {status: 201, body: {room: r1}}
"
            ),
            expected: &[],
        },
        Case {
            name: "undeclared params",
            source: with_contract!(
                "
  - name: e
    request:
      path: {id: r1, other: 1}
      query: {conferenceID: '1', handsState: 1}
      headers: {X-Tokens: t}
      body: {handsState: 1}
    response: {status: 200}
"
            ),
            expected: &[
                "25:22: examples[0].request.path.other: `other` is not a declared path param; declared: `id`",
                "26:34: examples[0].request.query.handsState: `handsState` is not a declared query param; declared: `conferenceID`",
                "27:17: examples[0].request.headers.X-Tokens: `X-Tokens` is not a declared header param; declared: `X-Token`",
            ],
        },
        Case {
            name: "required params missing",
            source: with_contract!(
                "
  - name: e
    request:
      headers: {X-Token: t}
    response: {status: 200}
"
            ),
            expected: &[
                "25:7: examples[0].request.path: required path param `id` is missing from the example",
                "25:7: examples[0].request.query: required query param `conferenceID` is missing from the example",
                "25:7: examples[0].request.body: required body param `handsState` is missing from the example",
            ],
        },
        Case {
            name: "required body field missing from a body",
            source: with_contract!(
                "
  - name: e
    request:
      path: {id: r1}
      query: {conferenceID: '1'}
      body: {note: a}
    response: {status: 200}
"
            ),
            expected: &["27:13: examples[0].request.body: required field `handsState` is missing"],
        },
        Case {
            name: "values outside the enum, of the wrong type, out of bounds",
            source: with_contract!(
                "
  - name: e
    request:
      path: {id: [r1]}
      query: {conferenceID: '1'}
      body: {handsState: 2, note: long}
  - name: f
    request:
      path: {id: r1}
      query: {conferenceID: '1'}
      body: {handsState: '1', note: 7}
    response: {status: 200}
  - name: g
    request:
      path: {id: r1}
      query: {conferenceID: '1'}
      body: {handsState: 4294967296}
    response: {status: 200}
"
            ),
            expected: &[
                "23:5: examples[0]: missing key `response`",
                "25:18: examples[0].request.path.id: a list has the wrong type; expected a string",
                "27:26: examples[0].request.body.handsState: 2 is not one of the enum values: 0 (lower), 1 (raise)",
                "27:35: examples[0].request.body.note: string of 4 characters is outside the length bounds [.., 3]",
                "32:26: examples[1].request.body.handsState: value \"1\" has the wrong type; expected an integer",
                "32:37: examples[1].request.body.note: value 7 has the wrong type; expected a string",
                "38:26: examples[2].request.body.handsState: 4294967296 does not fit in an int32",
            ],
        },
        Case {
            name: "an integer header that does not convert",
            source: "
name: op
summary: s
method: GET
path: /v1
params: [{name: X-Type, in: header, type: integer}]
responses: [{status: 200, description: ok}]
examples:
  - name: e
    request: {headers: {X-Type: one}}
    response: {status: 200}
",
            expected: &[
                "9:33: examples[0].request.headers.X-Type: value \"one\" has the wrong type; expected an integer",
            ],
        },
        Case {
            name: "body when the spec has no body params",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
examples:
  - name: e
    request:
      body: {a: 1}
    response: {status: 200}
",
            expected: &["9:13: examples[0].request.body: the spec declares no body params, so requests carry no body"],
        },
        Case {
            name: "body not a mapping",
            source: with_contract!(
                "
  - name: e
    request:
      path: {id: r1}
      query: {conferenceID: '1'}
      body: [1]
    response: {status: 200}
"
            ),
            expected: &["27:13: examples[0].request.body: the body is [1]; expected a mapping of the body params"],
        },
        Case {
            name: "status not documented",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}, {status: 400, description: bad}]
examples:
  - name: e
    response: {status: 404}
",
            expected: &[
                "8:24: examples[0].response.status: status 404 is not documented by the spec; documented: 200, 400",
            ],
        },
        Case {
            name: "2xx body when the status documents none",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
examples:
  - name: e
    response:
      status: 200
      body: {done: true}
",
            expected: &[
                "10:13: examples[0].response.body: status 200 documents no body; declare its `body` fields to give one",
            ],
        },
        Case {
            name: "response bodies that do not fit",
            source: with_contract!(
                "
  - name: e
    request: {path: {id: r1}, query: {conferenceID: '1'}, body: {handsState: 0}}
    response:
      status: 400
      body: {error_code: MMC.111072069, error_msg: x, errorCode: y}
  - name: f
    request: {path: {id: r1}, query: {conferenceID: '1'}, body: {handsState: 0}}
    response:
      status: 201
      body: {}
  - name: g
    request: {path: {id: r1}, query: {conferenceID: '1'}, body: {handsState: 0}}
    response:
      status: 400
      body: {error_code: 42, error_msg: x}
"
            ),
            expected: &[
                "27:55: examples[0].response.body.errorCode: `errorCode` is not a declared field here; declared: `error_code`, `error_msg`",
                "32:13: examples[1].response.body: required field `room` is missing",
                "37:26: examples[2].response.body.error_code: value 42 has the wrong type; expected a string",
            ],
        },
        Case {
            name: "example response without status",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
examples:
  - name: e
    response: {headers: {X-Request-Id: abc}}
",
            expected: &["8:15: examples[0].response: missing key `status`"],
        },
        Case {
            name: "response header that is not text",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
examples:
  - name: e
    response:
      status: 200
      headers: {X-List: [a, b]}
",
            expected: &["10:25: examples[0].response.headers.X-List: header value is a list; expected text"],
        },
        Case {
            name: "unknown keys in an example",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
examples:
  - name: e
    requests: {}
    response: {status: 200, header: {}}
",
            expected: &[
                "8:5: examples[0].requests: unknown key `requests` (did you mean `request`?); expected one of: name, request, response",
                "9:29: examples[0].response.header: unknown key `header` (did you mean `headers`?); expected one of: status, headers, body",
            ],
        },
        Case {
            name: "duplicate example name, after an example that cannot be read",
            source: "
name: op
summary: s
method: GET
path: /v1
responses: [{status: 200, description: ok}]
examples:
  - response: {status: 200}
  - name: a
    response: {status: 200}
  - name: a
    response: {status: 200}
",
            expected: &[
                "7:5: examples[0]: missing key `name`",
                "10:11: examples[2].name: example name `a` is used twice",
            ],
        },
    ]);
}

#[test]
fn independent_problems_are_all_reported_at_once() {
    check(&[Case {
        name: "unknown key, bad method, duplicate status, bad example",
        source: "
name: op
summary: s
method: GTE
path: /v1
params:
  - name: a
    in: query
    type: string
    requird: true
responses:
  - status: 200
    description: ok
  - status: 200
    description: again
examples:
  - name: e
    request: {query: {b: x}}
    response: {status: 200}
",
        expected: &[
            "3:9: method: unknown variant `GTE`",
            "9:5: params[0].requird: unknown key `requird` (did you mean `required`?)",
            "13:13: responses[1].status: status 200 is listed twice",
        ],
    }]);
    // With the params and responses clean, the examples are checked even
    // though other top-level keys are wrong.
    check(&[Case {
        name: "bad method, bad name, bad path, bad example",
        source: "
name: Op
summary: s
method: GTE
path: v1
params: [{name: a, in: query, type: string}]
responses: [{status: 200, description: ok}]
examples:
  - name: e
    request: {query: {b: x}}
    response: {status: 201}
",
        expected: &[
            "1:7: name: is not snake_case",
            "3:9: method: unknown variant `GTE`",
            "4:7: path: does not start with `/`",
            "9:23: examples[0].request.query.b: `b` is not a declared query param",
            "10:24: examples[0].response.status: status 201 is not documented",
        ],
    }]);
}

#[test]
fn the_error_names_the_file_and_counts_the_problems() {
    let error = meeting_api_spec::parse("name: op\n", "specs/op.yaml").unwrap_err();
    assert_eq!(error.file, "specs/op.yaml");
    let text = error.to_string();
    assert!(text.starts_with("specs/op.yaml: 4 problems in the spec\n"), "{text}");
    assert!(text.contains("\n  specs/op.yaml:1:1: missing key `summary`"), "{text}");
}

#[test]
fn odd_inputs_are_reported_not_panicked_on() {
    let deep_flow = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_block: String = (0..1_000).map(|depth| format!("{}a:\n", " ".repeat(depth))).collect();
    let deep_sequence = "- ".repeat(5_000) + "x";
    let deep_fields = {
        let mut source = "name: op\nsummary: s\nmethod: POST\npath: /v1\nresponses: [{status: 200, description: ok}]\n\
                          params:\n  - name: a\n    in: body\n    type: object\n    fields:\n"
            .to_owned();
        for depth in 0..60 {
            let indent = " ".repeat(6 + depth * 4);
            source.push_str(&format!(
                "{indent}- name: f\n{indent}  type: object\n{indent}  fields:\n"
            ));
        }
        source
    };
    let odd = [
        "",
        " ",
        "[]",
        "42",
        "~",
        "null",
        "name: [",
        "'",
        "\"\\x\"",
        ":",
        "? ",
        "name:\n\tsummary: s\n",
        "\tname: op\n",
        "a: &x {b: 1}\nc: *x\n",
        "&a [*a]",
        "*undefined",
        "<<: {name: op}\n",
        "name: op\n---\nname: op2\n",
        "---\n...\n",
        "1: x\ntrue: y\n~: z\n[a]: b\n{c: d}: e\n",
        "name: !!binary aGVsbG8=\n",
        "name: !custom op\n",
        "params: [[], 1, ~, {}]\nresponses: [[], 1, ~, {}]\nexamples: [[], 1, ~, {}]\n",
        "params: [{name: a, in: path, type: object, fields: [1, {}]}]\npath: /{a}{b}}\n",
        "params: [{name: a, in: query, type: array, items: [1]}]\n",
        "params: [{name: a, in: query, type: integer, minimum: .nan, default: .inf}]\n",
        "params: [{name: a, in: query, type: string, enum: {value: 1}}]\n",
        "responses: [{status: -1, description: x}, {status: 1e99, description: y}]\n",
        "responses: [{status: 200, description: x}]\nexamples: [{name: e, request: [], response: []}]\n",
        "responses: [{status: 200, description: x}]\nexamples: [{name: e, request: {query: [], body: .nan}, response: {status: 200, headers: [1]}}]\n",
        "responses: [{status: 200, description: x}]\nexamples: [{name: e, request: {query: {1: 2}, headers: {[a]: 1}}, response: {status: 200, headers: {~: 1}}}]\n",
        "\u{feff}",
        "\u{feff}\u{feff}name: op\n",
        "name: op\r\nsummary: s\r",
        "name: \"\u{0}\"\n",
        &deep_flow,
        &deep_block,
        &deep_sequence,
        &deep_fields,
    ];
    for source in odd {
        let shown: String = source.chars().take(60).collect();
        let result = std::panic::catch_unwind(|| meeting_api_spec::parse(source, "odd.yaml"));
        let outcome = result.unwrap_or_else(|_| panic!("parse panicked on {shown:?}"));
        // Every rejection says why.
        if let Err(error) = outcome {
            assert!(
                !error.diagnostics.is_empty(),
                "rejected without a diagnostic: {shown:?}"
            );
        }
    }
}

#[test]
fn secret_values_never_appear_in_messages() {
    let source = "
name: op
summary: s
method: GET
path: /v1
params:
  - name: X-Token
    in: header
    type: string
    required: true
    secret: true
    max_length: 3
    enum:
      - value: abc
responses: [{status: 200, description: ok}]
examples:
  - name: e
    request: {headers: {X-Token: hunter2-secret}}
    response: {status: 200}
";
    let error = meeting_api_spec::parse(source, "secret.yaml").expect_err("the example breaks the enum and the length");
    let text = error.to_string();
    assert_eq!(error.diagnostics.len(), 2, "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("[secret value]"), "{text}");
}

#[test]
fn secret_numbers_and_nested_secrets_never_appear_in_messages() {
    let source = "
name: op
summary: s
method: POST
path: /v1
params:
  - name: X-Pin
    in: header
    type: integer
    required: true
    secret: true
    maximum: 99
  - name: credentials
    in: body
    type: object
    secret: true
    fields:
      - name: pin
        type: integer
        enum: [{value: 1}]
      - name: flags
        type: array
        items: {type: integer}
responses: [{status: 200, description: ok}]
examples:
  - name: e
    request:
      headers: {X-Pin: 73737373}
      body: {credentials: {pin: 4242, flags: [true]}}
    response: {status: 200}
";
    let error = meeting_api_spec::parse(source, "secret.yaml").expect_err("three values break the rules");
    let text = error.to_string();
    assert_eq!(error.diagnostics.len(), 3, "{text}");
    for secret in ["73737373", "4242", "true"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("[secret value] is outside the bounds [.., 99]"), "{text}");
    assert!(
        text.contains("value [secret value] has the wrong type; expected an integer"),
        "{text}"
    );
}

#[test]
fn enum_names_are_unique() {
    let source = "
name: op
summary: s
method: GET
path: /v1
params:
  - name: state
    in: query
    type: integer
    enum:
      - {value: 0, name: off}
      - {value: 1, name: Off}
responses: [{status: 200, description: ok}]
";
    let error = meeting_api_spec::parse(source, "names.yaml").expect_err("two values share a name");
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    let diagnostic = &error.diagnostics[0];
    assert_eq!(
        (diagnostic.position.line, diagnostic.position.column),
        (12, 26),
        "{error}"
    );
    assert!(diagnostic.message.contains("enum name `Off` is used twice"), "{error}");
}

/// Whole bodies and maps (new since v1, `spec/FORMAT.md`).
#[test]
fn whole_body_and_map_rules() {
    check(&[
        Case {
            name: "whole body beside body params",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: a
    in: body
    type: string
  - name: b
    in: query
    type: string
  - name: c
    in: body
    type: integer
body:
  type: array
  items:
    type: string
responses: [{status: 200, description: ok}]
",
            expected: &[
                "7:9: params[0].in: `in: body` param `a` cannot be combined with the top-level `body`",
                "13:9: params[2].in: `in: body` param `c` cannot be combined with the top-level `body`",
            ],
        },
        Case {
            name: "map without values, values and items on the wrong type, bounds on a map",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: a
    in: body
    type: map
  - name: b
    in: body
    type: string
    values:
      type: string
  - name: c
    in: body
    type: map
    items: {type: string}
    min_length: 1
    values: {type: integer}
responses: [{status: 200, description: ok}]
",
            expected: &[
                "6:5: params[0]: a map needs `values`, the shape of its values",
                "12:5: params[1].values: `values` applies to map params, not to a string",
                "17:5: params[2].items: `items` applies to array params, not to a map",
                "18:5: params[2].min_length: `min_length` applies to string and array params, not to a map",
            ],
        },
        Case {
            name: "whole bodies that are objects or scalars, or not a schema",
            source: "
name: op
summary: s
method: POST
path: /v1
body:
  type: object
  fields: [{name: a, type: string}]
responses:
  - status: 200
    description: ok
    body: {type: string}
  - status: 201
    description: created
    body: {type: map, values: {type: string}, required: true}
",
            expected: &[
                "6:9: body.type: a whole body is an array or a map, not a object; for an object body, declare its fields as `in: body` params instead",
                "11:18: responses[0].body.type: a whole body is an array or a map, not a string; for an object body, write `body` as the list of its fields",
                "14:47: responses[1].body.required: unknown key `required`",
            ],
        },
        Case {
            name: "example bodies that do not fit the whole body",
            source: "
name: op
summary: s
method: POST
path: /v1
body:
  type: array
  max_length: 2
  items: {type: string}
responses:
  - status: 200
    description: ok
    body:
      type: map
      values: {type: integer}
examples:
  - name: wrong elements
    request:
      body: [x, 1, {a: b}]
    response:
      status: 200
      body: {one: 1, two: two}
  - name: an object for a list
    request:
      body: {a: b}
    response:
      status: 200
      body: [1]
  - name: no body
    request: {}
    response: {status: 200}
",
            expected: &[
                "18:13: examples[0].request.body: list of 3 elements is outside the size bounds [.., 2]",
                "18:17: examples[0].request.body[1]: value 1 has the wrong type; expected a string",
                "18:20: examples[0].request.body[2]: a mapping has the wrong type; expected a string",
                "21:27: examples[0].response.body.two: value \"two\" has the wrong type; expected an integer",
                "24:13: examples[1].request.body: a mapping has the wrong type; expected a list",
                "27:13: examples[1].response.body: a list has the wrong type; expected a mapping of names to values",
                "29:14: examples[2].request: the example has no `body`",
            ],
        },
    ]);
}

/// Multipart bodies (new since v1): `in: form` params, `type: file`.
#[test]
fn form_and_file_rules() {
    check(&[
        Case {
            name: "a file outside a form, and a form beside a JSON body",
            source: r#"
name: upload
summary: Upload
method: POST
path: /v1/upload
params:
  - name: file
    in: form
    type: file
  - name: icon
    in: header
    type: file
  - name: title
    in: body
    type: string
body:
  type: array
  items:
    type: file
responses:
  - status: 200
    description: OK.
    body:
      - name: copy
        type: file
"#,
            expected: &[
                "11:11: params[1].type: `type: file` is a file part of a multipart/form-data body, allowed only as the type of an `in: form` param, not on an `in: header` param",
                "13:9: params[2].in: cannot be combined with the top-level `body`",
                "13:9: params[2].in: `in: body` param `title` cannot be combined with `in: form` params (`file`, ...)",
                "16:3: body: the top-level `body` cannot be combined with `in: form` params",
                "18:11: body.items.type: not inside another value or in a response body",
                "24:15: responses[0].body[0].type: not inside another value or in a response body",
            ],
        },
        Case {
            name: "form parts that are not one value, a secret file",
            source: r#"
name: upload
summary: Upload
method: POST
path: /v1/upload
params:
  - name: file
    in: form
    type: file
    secret: true
    format: int32
  - name: tags
    in: form
    type: array
    items:
      type: string
responses:
  - status: 200
    description: OK.
"#,
            expected: &[
                "9:13: params[0].secret: a file cannot be `secret`",
                "10:5: params[0].format: `format` applies to integer and number params, not to a file",
                "13:11: params[1].type: not an array",
            ],
        },
        Case {
            name: "examples of form params",
            source: r#"
name: upload
summary: Upload
method: POST
path: /v1/upload
params:
  - name: file
    in: form
    type: file
    required: true
  - name: count
    in: form
    type: integer
responses:
  - status: 200
    description: OK.
examples:
  - name: bad-file
    request:
      form:
        count: many
        file:
          filename: ""
          content: 5
          size: 3
        other: x
    response:
      status: 200
  - name: no-parts
    request:
      body:
        count: 1
    response:
      status: 200
"#,
            expected: &[
                "20:16: examples[0].request.form.count: has the wrong type; expected an integer",
                "22:21: examples[0].request.form.file.filename: `filename` is empty",
                "23:20: examples[0].request.form.file.content: has the wrong type; expected a string",
                "24:11: examples[0].request.form.file.size: `size` is not a key of a file",
                "25:9: examples[0].request.form.other: `other` is not a declared form param",
                "30:7: examples[1].request.form: required form param `file` is missing from the example",
                "31:9: examples[1].request.body: the spec's body is multipart/form-data; give its parts under `form`",
            ],
        },
    ]);
}

/// `session:` (new since v1) names the session value that fills a text
/// param outside the body.
#[test]
fn session_rules() {
    check(&[
        Case {
            name: "a session value name that is not snake_case",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: X-Access-Token
    in: header
    type: string
    session: Access-Token
responses: [{status: 200, description: ok}]
",
            expected: &["9:14: params[0].session: `session` \"Access-Token\" is not a value name"],
        },
        Case {
            name: "a session value in the body, and one that is not a string",
            source: "
name: op
summary: s
method: POST
path: /v1
params:
  - name: token
    in: body
    type: string
    session: access_token
  - name: conferenceID
    in: query
    type: integer
    session: conference_id
  - name: X-Mode
    in: header
    type: string
    enum:
      - {value: a, name: a, description: A.}
    session: mode
responses: [{status: 200, description: ok}]
",
            expected: &[
                "9:14: params[0].session: `session` applies to path, query and header params, not to an `in: body` param",
                "13:14: params[1].session: a `session` param is a string without `enum`",
                "19:14: params[2].session: a `session` param is a string without `enum`",
            ],
        },
        Case {
            name: "one session value on two params",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - name: X-Access-Token
    in: header
    type: string
    session: access_token
  - name: token
    in: query
    type: string
    session: access_token
responses: [{status: 200, description: ok}]
",
            expected: &["13:14: params[1].session: `session: access_token` is on two params"],
        },
    ]);
}

/// `paging` (new since v1): each misuse at the key that holds it.
#[test]
fn paging_rules() {
    check(&[
        Case {
            name: "params that cannot page",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: start, in: header, type: integer}
  - {name: size, in: query, type: string}
paging:
  offset: start
  limit: size
  items: data
responses:
  - status: 200
    description: ok
    body:
      - {name: data, type: array, items: {type: string}}
",
            expected: &[
                "9:11: paging.offset: param `start` is `in: header`; paging moves through `in: query` params only",
                "10:10: paging.limit: param `size` is a string; expected an integer",
            ],
        },
        Case {
            name: "unknown and enum params",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: page, in: query, type: integer, enum: [{value: 1}]}
paging:
  offset: ofset
  limit: page
  items: data
responses:
  - status: 200
    description: ok
    body:
      - {name: data, type: array, items: {type: string}}
",
            expected: &[
                "8:11: paging.offset: there is no param named `ofset`; expected an `in: query` integer param",
                "9:10: paging.limit: param `page` is an enum; a page's offset and size are plain integers",
            ],
        },
        Case {
            name: "one param for both",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging:
  offset: limit
  limit: limit
  items: data
responses:
  - status: 200
    description: ok
    body:
      - {name: data, type: array, items: {type: string}}
",
            expected: &["10:10: paging.limit: `limit` names `limit`, as `offset` does; they are two different params"],
        },
        Case {
            name: "a secret param",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer, secret: true}
  - {name: limit, in: query, type: integer, format: int32}
paging:
  offset: offset
  limit: limit
  items: data
responses:
  - status: 200
    description: ok
    body:
      - {name: data, type: array, items: {type: string}}
",
            expected: &["9:11: paging.offset: param `offset` is secret; a page's offset and size are not"],
        },
        Case {
            name: "paths that do not reach",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging:
  offset: offset
  limit: limit
  items: page.rows
  total: page.count
responses:
  - status: 200
    description: ok
    body:
      - name: page
        type: object
        fields:
          - {name: data, type: array, items: {type: string}}
          - {name: count, type: string}
",
            expected: &[
                "11:10: paging.items: `page` has no field `rows`; it has: data, count",
                "12:10: paging.total: `page.count` is a string; `total` must reach the integer count of all items",
            ],
        },
        Case {
            name: "a step through a non-object, a secret step",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging:
  offset: offset
  limit: limit
  items: count.data
  total: secret
responses:
  - status: 200
    description: ok
    body:
      - {name: count, type: integer}
      - {name: secret, type: integer, secret: true}
",
            expected: &[
                "11:10: paging.items: `count` is an integer, not an object, so the path cannot go on",
                "12:10: paging.total: `secret` is secret; paging reads no secret value",
            ],
        },
        Case {
            name: "items not an array, an empty step",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging:
  offset: offset
  limit: limit
  items: count
  total: data..x
responses:
  - status: 200
    description: ok
    body:
      - {name: count, type: integer}
",
            expected: &[
                "11:10: paging.items: `count` is an integer; `items` must reach the array of a page's items",
                "12:10: paging.total: has an empty step; expected field names joined by `.`",
            ],
        },
        Case {
            name: "an enum total, a missing first step",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging:
  offset: offset
  limit: limit
  items: rows
  total: count
responses:
  - status: 200
    description: ok
    body:
      - {name: data, type: array, items: {type: string}}
      - {name: count, type: integer, enum: [{value: 1}]}
",
            expected: &[
                "11:10: paging.items: the 2xx body has no field `rows`; it has: data, count",
                "12:10: paging.total: `count` is an enum; `total` must reach a plain integer",
            ],
        },
        Case {
            name: "no body, missing and unknown keys",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging:
  offset: offset
  item: data
responses:
  - status: 200
    description: ok
",
            expected: &[
                "9:3: paging: missing key `limit`",
                "9:3: paging: missing key `items`",
                "9:3: paging: the operation cannot page: its 2xx status, 200, has no body to read pages from",
                "10:3: paging.item: unknown key `item` (did you mean `items`?)",
            ],
        },
        Case {
            name: "two successes",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging: {offset: offset, limit: limit, items: data}
responses:
  - {status: 200, description: ok, body: [{name: data, type: array, items: {type: string}}]}
  - {status: 201, description: ok}
",
            expected: &["8:9: paging: the operation cannot page: it documents 2 2xx statuses"],
        },
        Case {
            name: "a whole body",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging: {offset: offset, limit: limit, items: data}
responses:
  - {status: 200, description: ok, body: {type: array, items: {type: string}}}
",
            expected: &["8:9: paging: the operation cannot page: its 2xx body is a whole array or map"],
        },
        Case {
            name: "not a mapping",
            source: "
name: op
summary: s
method: GET
path: /v1
params:
  - {name: offset, in: query, type: integer}
  - {name: limit, in: query, type: integer, format: int32}
paging: data
responses:
  - {status: 200, description: ok, body: [{name: data, type: array, items: {type: string}}]}
",
            expected: &["8:9: paging: expected how the operation pages (a mapping"],
        },
    ]);
}
