//! Specs that the format accepts, and the model they produce.

use std::path::Path as FsPath;

use meeting_api_spec::position::Position;
use meeting_api_spec::{Bounds, FloatFormat, IntFormat, Literal, Method, ParamIn, Schema, Shape, Spec};
use serde_json::json;

/// Parses `source`, failing the test with every diagnostic if it is rejected.
fn parse(source: &str) -> Spec {
    meeting_api_spec::parse(source, "test.yaml").unwrap_or_else(|error| panic!("{error}"))
}

/// Loads one of the spec files of the crate.
fn load(file: &str) -> Spec {
    let path = FsPath::new(env!("CARGO_MANIFEST_DIR")).join(file);
    meeting_api_spec::load(&path).unwrap_or_else(|error| panic!("{error}"))
}

fn at(line: usize, column: usize) -> Position {
    Position { line, column }
}

/// The enum values of a shape as `(value, name, description)`.
fn enum_rows(shape: &Shape) -> Vec<(Literal, Option<&str>, Option<&str>)> {
    shape
        .enum_values()
        .iter()
        .map(|v| (v.value.clone(), v.name.as_deref(), v.description.as_deref()))
        .collect()
}

fn string_shape() -> Shape {
    Shape::String {
        values: Vec::new(),
        length: Bounds::default(),
    }
}

#[test]
fn the_spec_files_of_the_crate_parse() {
    for (file, name, params, examples) in [
        ("hands.yaml", "hands", 4, 2),
        ("mute.yaml", "mute", 4, 2),
        ("token.yaml", "conference_token", 5, 2),
    ] {
        let spec = load(file);
        assert_eq!(
            (spec.name.as_str(), spec.params.len(), spec.examples.len()),
            (name, params, examples),
            "{file}"
        );
    }
}

#[test]
fn hands_top_level() {
    let spec = load("hands.yaml");
    assert_eq!(spec.name, "hands");
    assert_eq!(spec.summary, "Raising or Lowering Hands");
    assert_eq!(
        spec.description.as_deref(),
        Some("This API is used to configure the hand-raising status of a participant.")
    );
    assert_eq!(spec.method, Method::Put);
    assert_eq!(spec.path, "/v1/mmc/control/conferences/participants/hands");
    assert_eq!(spec.server.as_deref(), Some("https://api.meeting.huaweicloud.com"));
    assert!(spec.has_body());
}

#[test]
fn hands_params() {
    let spec = load("hands.yaml");
    let rows: Vec<_> = spec
        .params
        .iter()
        .map(|p| {
            (
                p.location,
                p.field.name.as_str(),
                p.field.required,
                p.field.schema.secret,
                p.field.schema.shape.type_name(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (ParamIn::Query, "conferenceID", true, false, "string"),
            (ParamIn::Query, "participantID", true, false, "string"),
            (ParamIn::Header, "X-Conference-Authorization", true, true, "string"),
            (ParamIn::Body, "handsState", true, false, "integer"),
        ]
    );
    let conference = &spec.params[0].field.schema;
    assert_eq!(conference.shape, string_shape());
    assert_eq!(conference.description.as_deref(), Some("Meeting ID."));
    assert_eq!(
        (
            conference.default.as_ref(),
            conference.rust_name.as_ref().map(|r| r.name.as_str())
        ),
        (None, None)
    );
    assert_eq!(conference.position, at(11, 5));

    let hands = &spec.params[3].field.schema;
    assert_eq!(hands.position, at(27, 5));
    assert_eq!(hands.description.as_deref(), Some("Hand-raising state."));
    let Shape::Integer { format, range, .. } = &hands.shape else {
        panic!("{:?}", hands.shape)
    };
    assert_eq!((*format, *range), (IntFormat::Int32, Bounds::default()));
    assert_eq!(
        enum_rows(&hands.shape),
        [
            (Literal::Integer(0), Some("lower"), Some("Lower a hand.")),
            (Literal::Integer(1), Some("raise"), Some("Raise a hand.")),
        ]
    );
    let positions: Vec<_> = hands.shape.enum_values().iter().map(|v| v.position).collect();
    assert_eq!(positions, [at(34, 9), at(37, 9)]);

    // Header lookups ignore case; other locations do not.
    assert!(spec.param(ParamIn::Header, "x-conference-authorization").is_some());
    assert!(spec.param(ParamIn::Query, "conferenceid").is_none());
}

#[test]
fn hands_responses() {
    let spec = load("hands.yaml");
    let rows: Vec<_> = spec
        .responses
        .iter()
        .map(|r| (r.status, r.description.as_str(), r.body.is_some()))
        .collect();
    assert_eq!(
        rows,
        [
            (200, "Operation successful.", false),
            (400, "Invalid parameters.", false),
            (401, "Authentication is not performed or fails.", false),
            (403, "Insufficient permissions.", false),
            (500, "Server exception.", false),
        ]
    );
    assert_eq!(spec.responses[0].position, at(42, 5));
    // A 2xx without `body` has none; an error status has the standard one.
    assert!(spec.response(200).unwrap().body_fields().is_none());
    let error: Vec<_> = spec
        .response(400)
        .unwrap()
        .body_fields()
        .unwrap()
        .iter()
        .map(|f| f.name.clone())
        .collect();
    assert_eq!(error, ["error_code", "error_msg"]);
}

#[test]
fn hands_examples_are_normalised() {
    let spec = load("hands.yaml");
    let names: Vec<_> = spec.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["raise-hand", "host-cannot-raise-hand"]);

    let raise = &spec.examples[0];
    assert_eq!(raise.position, at(54, 5));
    assert_eq!(raise.request.path, []);
    assert_eq!(
        raise.request.query,
        [
            ("conferenceID".to_owned(), json!("914083136")),
            ("participantID".to_owned(), json!("d2c3ae64216e11eabc510dc9b62e3a80")),
        ]
    );
    assert_eq!(
        raise.request.headers,
        [(
            "X-Conference-Authorization".to_owned(),
            json!("stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb")
        )]
    );
    assert_eq!(raise.request.body, Some(json!({"handsState": 1})));
    assert_eq!(raise.response.status, 200);
    assert_eq!(
        raise.response.headers,
        [
            ("Content-Type".to_owned(), "application/json;charset=UTF-8".to_owned()),
            ("X-Request-Id".to_owned(), "f78b007ec2dabf1498620131c7bc19e0".to_owned()),
        ]
    );
    assert_eq!(raise.response.body, None);

    let refused = &spec.examples[1];
    assert_eq!(refused.response.status, 400);
    assert_eq!(
        refused.response.body,
        Some(json!({"error_code": "MMC.111072069", "error_msg": "The host cannot raise a hand."}))
    );
    // The model's accessors find the values by param.
    let hands = spec.param(ParamIn::Body, "handsState").unwrap();
    assert_eq!(raise.request.value_of(hands), Some(&json!(1)));
}

#[test]
fn token_response_body_is_declared() {
    let spec = load("token.yaml");
    assert_eq!(spec.method, Method::Get);
    assert!(!spec.has_body());
    let ok = spec.response(200).unwrap();
    let body = ok.body_fields().unwrap();
    let names: Vec<_> = body.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["data", "addressToken", "gloablPublicIP"]);
    let Shape::Object { fields } = &body[0].schema.shape else {
        panic!("{:?}", body[0].schema.shape)
    };
    assert_eq!(fields.len(), 11);
    assert!(fields[0].required && fields[0].schema.secret);
    let Shape::Array { items, .. } = &fields[10].schema.shape else {
        panic!("{:?}", fields[10].schema.shape)
    };
    assert_eq!(items.shape, string_shape());
    // An integer header written as a YAML integer is the integer.
    let obtain = &spec.examples[0];
    assert_eq!(obtain.request.headers[1], ("X-Login-Type".to_owned(), json!(1)));
    assert_eq!(obtain.request.headers[0], ("X-Password".to_owned(), json!("123456")));
}

/// A spec that uses every type and every optional key.
const EVERY_TYPE: &str = r#"
name: update_room_2
summary: Updating a meeting room
description: |
  Several lines
  of description.
method: PATCH
path: /v1/rooms/{roomId}/members/{memberId}
server: http://localhost:8080
params:
  - name: roomId
    in: path
    type: string
    min_length: 1
    max_length: 64
  - name: memberId
    in: path
    type: integer
    required: true
    minimum: 1
  - name: limit
    in: query
    type: integer
    format: int64
    minimum: 0
    maximum: 500
    default: 100
  - name: mode
    in: query
    type: string
    default: fast
    enum:
      - value: fast
      - value: slow
        description: Take your time.
  - name: X-Level
    in: header
    type: integer
    format: int32
    enum:
      - value: -1
      - value: 2147483647
  - name: X-Trace
    in: header
    type: boolean
    default: false
  - name: ratio
    in: body
    type: number
    format: float
    minimum: -1.5
    maximum: 1.5
    default: 0.5
  - name: weight
    in: body
    type: number
    minimum: 0
  - name: type
    in: body
    type: string
    rust_name: kind
  - name: settings
    in: body
    type: object
    required: true
    description: Nested settings.
    default: {audio: {muted: true}}
    fields:
      - name: audio
        type: object
        fields:
          - name: muted
            type: boolean
            required: true
          - name: volume
            type: integer
            format: int32
            minimum: 0
            maximum: 100
      - name: tags
        type: array
        min_length: 0
        max_length: 3
        items:
          type: string
          required: true
          max_length: 10
  - name: members
    in: body
    type: array
    min_length: 1
    items:
      type: object
      fields:
        - name: id
          type: string
          required: true
        - name: role
          type: integer
          enum:
            - value: 0
            - value: 1
        - name: aliases
          type: array
          items:
            type: array
            items:
              type: number
responses:
  - status: 204
    description: Updated.
  - status: 200
    description: Updated, with the room.
    body:
      - name: room
        type: object
        required: true
        fields:
          - name: id
            type: string
            required: true
          - name: members
            type: array
            items:
              type: object
              fields:
                - name: id
                  type: string
  - status: 404
    description: No such room.
examples:
  - name: update
    request:
      path:
        roomId: room-1
        memberId: "42"
      query:
        limit: "10"
        mode: slow
      headers:
        x-level: 2147483647
        X-Trace: "true"
      body:
        ratio: 0.25
        weight: 3
        type: anything
        settings:
          audio: {muted: false, volume: 7}
          tags: [a, b]
        members:
          - id: m1
            role: 1
            aliases: [[1, 2.5], []]
    response:
      status: 200
      headers:
        Content-Length: 42
        X-Cache: false
      body:
        room:
          id: room-1
          members: [{id: m1}, {}]
  - name: not-found
    request:
      path: {roomId: r, memberId: 1}
      body:
        settings: {}
        members: [{id: m1}]
    response:
      status: 404
      body:
        error_code: USG.000000001
        error_msg: Not found.
"#;

#[test]
fn a_spec_using_every_type_parses() {
    let spec = parse(EVERY_TYPE);
    assert_eq!(
        (spec.method, spec.server.as_deref()),
        (Method::Patch, Some("http://localhost:8080"))
    );
    assert_eq!(spec.description.as_deref(), Some("Several lines\nof description.\n"));
    let types: Vec<_> = spec.params.iter().map(|p| p.field.schema.shape.type_name()).collect();
    assert_eq!(
        types,
        [
            "string", "integer", "integer", "string", "integer", "boolean", "number", "number", "string", "object",
            "array"
        ]
    );

    // Path params are required whether or not `required` is written.
    let path: Vec<_> = spec
        .params_in(ParamIn::Path)
        .map(|p| (p.field.name.as_str(), p.field.required))
        .collect();
    assert_eq!(path, [("roomId", true), ("memberId", true)]);
    assert_eq!(
        spec.params[0].field.schema.shape,
        Shape::String {
            values: Vec::new(),
            length: Bounds {
                min: Some(1),
                max: Some(64)
            }
        }
    );

    let limit = &spec.params[2].field.schema;
    assert_eq!(
        limit.shape,
        Shape::Integer {
            format: IntFormat::Int64,
            values: Vec::new(),
            range: Bounds {
                min: Some(0),
                max: Some(500)
            }
        }
    );
    assert_eq!(limit.default, Some(json!(100)));

    // Enum names may be absent; they are derived later from the description.
    let mode = &spec.params[3].field.schema;
    assert_eq!(
        enum_rows(&mode.shape),
        [
            (Literal::String("fast".into()), None, None),
            (Literal::String("slow".into()), None, Some("Take your time."))
        ]
    );
    assert_eq!(mode.default, Some(json!("fast")));
    let level: Vec<_> = enum_rows(&spec.params[4].field.schema.shape)
        .into_iter()
        .map(|row| row.0)
        .collect();
    assert_eq!(level, [Literal::Integer(-1), Literal::Integer(2147483647)]);

    let ratio = &spec.params[6].field.schema;
    assert_eq!(
        ratio.shape,
        Shape::Number {
            format: FloatFormat::Float,
            range: Bounds {
                min: Some(-1.5),
                max: Some(1.5)
            }
        }
    );
    let weight = &spec.params[7].field.schema;
    assert_eq!(
        weight.shape,
        Shape::Number {
            format: FloatFormat::Double,
            range: Bounds {
                min: Some(0.0),
                max: None
            }
        }
    );
    let rust_name = spec.params[8].field.schema.rust_name.as_ref().expect("a rust_name");
    assert_eq!(rust_name.name, "kind");
    // At the value, three lines below the param's `name`.
    let param = spec.params[8].field.schema.position;
    assert_eq!(
        (rust_name.position.line, rust_name.position.column),
        (param.line + 3, 16)
    );
}

#[test]
fn nested_objects_and_arrays_keep_their_shape() {
    let spec = parse(EVERY_TYPE);
    let settings = &spec.params[9].field;
    assert!(settings.required);
    assert_eq!(settings.schema.default, Some(json!({"audio": {"muted": true}})));
    let Shape::Object { fields } = &settings.schema.shape else {
        panic!("{:?}", settings.schema.shape)
    };
    let Shape::Object { fields: audio } = &fields[0].schema.shape else {
        panic!("{:?}", fields[0].schema.shape)
    };
    let audio: Vec<_> = audio
        .iter()
        .map(|f| (f.name.as_str(), f.required, f.schema.shape.type_name()))
        .collect();
    assert_eq!(audio, [("muted", true, "boolean"), ("volume", false, "integer")]);
    let Shape::Array { items, length } = &fields[1].schema.shape else {
        panic!("{:?}", fields[1].schema.shape)
    };
    assert_eq!(
        *length,
        Bounds {
            min: Some(0),
            max: Some(3)
        }
    );
    assert_eq!(
        items.shape,
        Shape::String {
            values: Vec::new(),
            length: Bounds {
                min: None,
                max: Some(10)
            }
        }
    );

    let Shape::Array { items, length } = &spec.params[10].field.schema.shape else {
        panic!()
    };
    assert_eq!(
        *length,
        Bounds {
            min: Some(1),
            max: None
        }
    );
    let Shape::Object { fields } = &items.shape else {
        panic!("{:?}", items.shape)
    };
    let names: Vec<_> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["id", "role", "aliases"]);
    let Shape::Array { items: inner, .. } = &fields[2].schema.shape else {
        panic!()
    };
    let Shape::Array { items: number, .. } = &inner.shape else {
        panic!()
    };
    assert_eq!(
        number.shape,
        Shape::Number {
            format: FloatFormat::Double,
            range: Bounds::default()
        }
    );
}

#[test]
fn example_values_are_normalised_to_their_param_type() {
    let spec = parse(EVERY_TYPE);
    let update = &spec.examples[0];
    assert_eq!(
        update.request.path,
        [
            ("roomId".to_owned(), json!("room-1")),
            ("memberId".to_owned(), json!(42))
        ]
    );
    assert_eq!(
        update.request.query,
        [("limit".to_owned(), json!(10)), ("mode".to_owned(), json!("slow"))]
    );
    // Header names are kept as written, values take the param's type.
    assert_eq!(
        update.request.headers,
        [
            ("x-level".to_owned(), json!(2147483647)),
            ("X-Trace".to_owned(), json!(true))
        ]
    );
    assert_eq!(
        update.request.body.as_ref().unwrap()["members"][0]["aliases"],
        json!([[1, 2.5], []])
    );
    // Response header values are text, whatever YAML read them as.
    assert_eq!(
        update.response.headers,
        [
            ("Content-Length".to_owned(), "42".to_owned()),
            ("X-Cache".to_owned(), "false".to_owned())
        ]
    );
    assert_eq!(
        update.response.body,
        Some(json!({"room": {"id": "room-1", "members": [{"id": "m1"}, {}]}}))
    );
    let not_found = &spec.examples[1];
    assert_eq!(
        not_found.request.path,
        [("roomId".to_owned(), json!("r")), ("memberId".to_owned(), json!(1))]
    );
}

/// The skeleton of a spec with one query param `q` of `type` and an
/// example that gives it the YAML `value`.
fn with_query_value(param_type: &str, value: &str) -> String {
    format!(
        "name: op\nsummary: s\nmethod: GET\npath: /v1\nparams:\n  - name: q\n    in: query\n    type: {param_type}\n\
         responses:\n  - status: 200\n    description: ok\nexamples:\n  - name: e\n    request:\n      query:\n        \
         q: {value}\n    response:\n      status: 200\n"
    )
}

#[test]
fn unquoted_scalars_for_a_string_param_are_the_text_as_written() {
    for (written, text) in [
        ("914083136", "914083136"),
        ("\"914083136\"", "914083136"),
        ("0123", "0123"),
        ("1.50", "1.50"),
        ("0x1F", "0x1F"),
        ("1e3", "1e3"),
        ("true", "true"),
        ("'yes'", "yes"),
    ] {
        let spec = parse(&with_query_value("string", written));
        assert_eq!(
            spec.examples[0].request.query,
            [("q".to_owned(), json!(text))],
            "{written}"
        );
    }
}

#[test]
fn quoted_numbers_for_number_params_are_numbers() {
    for (param_type, written, value) in [
        ("integer", "\"7\"", json!(7)),
        ("integer", "-3", json!(-3)),
        ("number", "\"2.5\"", json!(2.5)),
        ("boolean", "\"false\"", json!(false)),
    ] {
        let spec = parse(&with_query_value(param_type, written));
        assert_eq!(
            spec.examples[0].request.query,
            [("q".to_owned(), value)],
            "{param_type} {written}"
        );
    }
}

#[test]
fn required_is_accepted_in_items() {
    let spec = parse(
        "name: op\nsummary: s\nmethod: POST\npath: /v1\nparams:\n  - name: ids\n    in: body\n    type: array\n    \
         items:\n      type: string\n      required: true\nresponses:\n  - status: 201\n    description: created\n",
    );
    let Shape::Array { items, .. } = &spec.params[0].field.schema.shape else {
        panic!()
    };
    let Schema { shape, position, .. } = &**items;
    assert_eq!((shape, *position), (&string_shape(), at(10, 7)));
}

#[test]
fn optional_keys_may_be_left_empty_or_out() {
    // `params` and `examples` may be written with nothing under them.
    let spec = parse(
        "name: op\nsummary: s\nmethod: DELETE\npath: /\nparams:\nexamples:\nresponses:\n  - status: 299\n    description: ok\n",
    );
    assert_eq!(
        (spec.params.len(), spec.examples.len(), spec.description, spec.server),
        (0, 0, None, None)
    );
    assert_eq!(spec.responses[0].status, 299);
}

#[test]
fn byte_order_marks_and_crlf_line_ends_change_nothing() {
    let source = std::fs::read_to_string(FsPath::new(env!("CARGO_MANIFEST_DIR")).join("hands.yaml")).unwrap();
    let plain = parse(&source);
    assert_eq!(parse(&source.replace('\n', "\r\n")), plain);
    assert_eq!(parse(&format!("\u{feff}{source}")), plain);
    // Without the leading comment the mark sits right before a key.
    let bare = "name: op\nsummary: s\nmethod: GET\npath: /v1\nresponses:\n  - status: 200\n    description: ok\n";
    assert_eq!(parse(&format!("\u{feff}{bare}")), parse(bare));
}

#[test]
fn every_method_is_accepted() {
    for (word, method) in [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("PUT", Method::Put),
        ("DELETE", Method::Delete),
        ("PATCH", Method::Patch),
    ] {
        let spec = parse(&format!(
            "name: op\nsummary: s\nmethod: {word}\npath: /v1\nresponses: [{{status: 200, description: ok}}]\n"
        ));
        assert_eq!(spec.method, method);
    }
}

#[test]
fn names_repeat_across_locations_and_get_may_carry_a_body() {
    let spec = parse(
        "name: op\nsummary: s\nmethod: GET\npath: /v1/{id}\nparams:\n  - {name: id, in: path, type: string}\n  \
         - {name: id, in: query, type: string}\n  - {name: id, in: header, type: string}\n  \
         - {name: id, in: body, type: string}\nresponses: [{status: 200, description: ok}]\n",
    );
    let locations: Vec<_> = spec.params.iter().map(|p| p.location).collect();
    assert_eq!(
        locations,
        [ParamIn::Path, ParamIn::Query, ParamIn::Header, ParamIn::Body]
    );
    assert!(spec.has_body());
}

/// Loads one of the whole-body specs that the generated-code tests share.
fn load_shared(file: &str) -> Spec {
    load(&format!("../runtime/tests/specs/{file}"))
}

#[test]
fn a_whole_array_body_is_one_required_body_param() {
    let spec = load_shared("add_attendees.yaml");
    let whole = spec.whole_body().expect("a whole body");
    assert_eq!(
        (whole.location, whole.field.name.as_str(), whole.field.required),
        (ParamIn::Body, meeting_api_spec::WHOLE_BODY_NAME, true)
    );
    assert_eq!(spec.params_in(ParamIn::Body).count(), 1);
    assert_eq!(whole.field.schema.position, at(24, 3));
    let Shape::Array { items, length } = &whole.field.schema.shape else {
        panic!("{:?}", whole.field.schema.shape)
    };
    assert_eq!((length.min, length.max), (Some(1), Some(100)));
    let Shape::Object { fields } = &items.shape else {
        panic!("{:?}", items.shape)
    };
    let Shape::Map { values } = &fields[2].schema.shape else {
        panic!("{:?}", fields[2].schema.shape)
    };
    assert_eq!(values.shape.type_name(), "string");
    // The example's body is the list, and the param's value is all of it.
    let example = &spec.examples[0];
    assert_eq!(example.request.value_of(whole), example.request.body.as_ref());
    assert_eq!(example.request.body.as_ref().unwrap()[1]["name"], json!("Bob"));
    assert!(example.request.values_in(ParamIn::Body).is_empty());
}

#[test]
fn a_whole_response_body_is_a_schema() {
    let spec = load_shared("add_attendees.yaml");
    let ok = spec.response(200).unwrap();
    let Some(meeting_api_spec::Body::Whole(schema)) = &ok.body else {
        panic!("{:?}", ok.body)
    };
    assert_eq!(schema.shape.type_name(), "array");
    assert!(ok.body_fields().is_none(), "a whole body has no fields");
    // An error status without a body still carries the standard one.
    assert_eq!(spec.response(401).unwrap().body_fields().unwrap().len(), 2);
}

#[test]
fn samples_have_the_whole_body_shape() {
    let attendees = load_shared("add_attendees.yaml");
    let request = meeting_api_spec::sample::request(&attendees);
    assert_eq!(
        request.body,
        Some(json!([{"name": "sample", "phone": "sample", "labels": {"key": "sample"}}]))
    );
    assert_eq!(
        meeting_api_spec::sample::response_body(&attendees, 200),
        Some(json!([{"userUUID": "sample", "name": "sample", "labels": {"key": "sample"}}]))
    );
    let labels = load_shared("set_labels.yaml");
    assert_eq!(
        meeting_api_spec::sample::request(&labels).body,
        Some(json!({"key": "sample"}))
    );
    assert_eq!(
        meeting_api_spec::sample::response_body(&labels, 200),
        Some(json!({"key": ["sample"]}))
    );
    for spec in [&attendees, &labels] {
        let whole = spec.whole_body().unwrap();
        assert!(
            whole
                .field
                .schema
                .violations(request_body(spec).as_ref().unwrap())
                .is_empty()
        );
    }
}

fn request_body(spec: &Spec) -> Option<serde_json::Value> {
    meeting_api_spec::sample::request(spec).body
}

#[test]
fn a_map_checks_every_value_and_no_key() {
    let spec = load_shared("set_labels.yaml");
    let schema = &spec.whole_body().unwrap().field.schema;
    assert!(schema.violations(&json!({"any": "x", "other name": ""})).is_empty());
    let violations = schema.violations(&json!({"a": 1, "b": "ok", "c": "x".repeat(65)}));
    let paths: Vec<String> = violations.iter().map(|v| v.path.to_string()).collect();
    assert_eq!(paths, ["a", "c"]);
    assert!(!schema.violations(&json!(["a"])).is_empty());
}

/// A multipart spec (new since v1): form params, files, and examples that
/// give the parts under `form`, text normalised like query values.
#[test]
fn form_params_and_file_examples_are_read() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/tests/specs/add_material.yaml");
    let spec = meeting_api_spec::load(path.as_ref()).expect("add_material.yaml is valid");
    assert!(spec.is_multipart() && !spec.has_body());
    let form: Vec<(&str, &str)> = spec
        .params_in(ParamIn::Form)
        .map(|p| (p.field.name.as_str(), p.field.schema.shape.type_name()))
        .collect();
    assert_eq!(
        form,
        [
            ("file", "file"),
            ("title", "string"),
            ("kind", "integer"),
            ("shared", "boolean"),
            ("thumbnail", "file")
        ]
    );
    let request = &spec.examples[0].request;
    assert_eq!(request.body, None);
    let file = request.value_of(spec.param(ParamIn::Form, "file").unwrap()).unwrap();
    assert_eq!(file["filename"], "logo.svg");
    assert_eq!(file["content_type"], "image/svg+xml");
    let kind = request.value_of(spec.param(ParamIn::Form, "kind").unwrap()).unwrap();
    assert_eq!(kind, &serde_json::json!(0));
    let sample = meeting_api_spec::sample::request(&spec);
    let names: Vec<&str> = sample.form.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["file", "title"], "the sample gives every required part");
}

/// `paging` (new since v1) names its params and the paths into the 2xx
/// body, which may step through a shared shape.
#[test]
fn paging_names_params_and_paths() {
    let spec = load_shared("list_rooms.yaml");
    let paging = spec.paging.expect("list_rooms pages");
    assert_eq!((paging.offset.as_str(), paging.limit.as_str()), ("offset", "limit"));
    assert_eq!(paging.items, ["data"]);
    assert_eq!(paging.total, Some(vec!["count".to_owned()]));
    assert_eq!(paging.position, at(24, 3));

    let spec = load_shared("shop/search_items.yaml");
    let paging = spec.paging.expect("search_items pages");
    assert_eq!((paging.offset.as_str(), paging.limit.as_str()), ("start", "size"));
    assert_eq!(paging.items, ["page", "data"]);
    assert_eq!(paging.total, Some(vec!["page".to_owned(), "count".to_owned()]));
    assert!(load_shared("add_attendees.yaml").paging.is_none());
}
