//! `meeting-api import`: the seed page and the Swagger fixtures against the
//! hand-written specs, the reports of what is not mapped, the errors, the
//! binary end to end, and inputs that must not make it panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use meeting_api_cli::import::{self, ImportError, Options, Unmapped, UnmappedKind};
use meeting_api_spec::model::{EnumValue, Field, Literal, Param, ParamIn, Schema, Shape, Spec};
use serde_json::{Value, json};

fn cli_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> PathBuf {
    cli_dir().join("../fixtures/seed/raising-or-lowering-hands.txt")
}

fn fixture(name: &str) -> PathBuf {
    cli_dir().join("tests/fixtures/import").join(name)
}

fn hand_written(name: &str) -> Spec {
    meeting_api_spec::load(&cli_dir().join("../spec").join(name)).expect("the hand-written spec is valid")
}

/// The import of `source`, read back with the spec parser.
fn import_text(source: &str, options: &Options) -> (Spec, Vec<Unmapped>) {
    let imported = import::import_str(source, "test", options).unwrap_or_else(|e| panic!("{e}"));
    let spec = meeting_api_spec::parse(&imported.yaml, "imported").unwrap_or_else(|e| panic!("{e}\n{}", imported.yaml));
    (spec, imported.unmapped)
}

fn import_path(path: &Path) -> (Spec, Vec<Unmapped>) {
    import_text(&std::fs::read_to_string(path).unwrap(), &Options::default())
}

fn messages(unmapped: &[Unmapped]) -> Vec<String> {
    unmapped.iter().map(ToString::to_string).collect()
}

fn assert_reported(unmapped: &[Unmapped], needles: &[&str]) {
    let messages = messages(unmapped);
    for needle in needles {
        assert!(
            messages.iter().any(|m| m.contains(needle)),
            "{needle:?} is not reported; reported:\n{}",
            messages.join("\n")
        );
    }
}

/// What a value means on the wire: type, format, bounds, secrecy, enum
/// values with their descriptions, and the same of fields and items.
/// Documentation text and enum variant names (derived by the generator
/// when absent) are left out.
fn meaning(schema: &Schema) -> String {
    let secret = if schema.secret { " secret" } else { "" };
    let values = |values: &[EnumValue]| {
        let listed: Vec<String> = values
            .iter()
            .map(|v| format!("{}={:?}", v.value, v.description))
            .collect();
        listed.join(" ")
    };
    let shape = match &schema.shape {
        Shape::String { values: v, length } => format!("string {length:?} [{}]", values(v)),
        Shape::Integer {
            format,
            values: v,
            range,
        } => format!("integer {format:?} {range:?} [{}]", values(v)),
        Shape::Number { format, range } => format!("number {format:?} {range:?}"),
        Shape::Boolean => "boolean".to_owned(),
        Shape::Object { fields } => format!("object {{{}}}", fields_meaning(fields)),
        Shape::Array { items, length } => format!("array {length:?} of {}", meaning(items)),
        Shape::Map { values } => format!("map of {}", meaning(values)),
        Shape::File => "file".to_owned(),
    };
    format!("{shape}{secret} default {:?}", schema.default)
}

fn fields_meaning(fields: &[Field]) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|f| {
            format!(
                "{}{}: {}",
                f.name,
                if f.required { "!" } else { "" },
                meaning(&f.schema)
            )
        })
        .collect();
    fields.join(", ")
}

fn param_meaning(param: &Param) -> (String, ParamIn, bool, String) {
    let field = &param.field;
    (
        field.name.clone(),
        param.location,
        field.required,
        meaning(&field.schema),
    )
}

fn descriptions(spec: &Spec) -> Vec<(String, Option<String>)> {
    let params = spec
        .params
        .iter()
        .map(|p| (p.field.name.clone(), p.field.schema.description.clone()));
    params.collect()
}

/// Asserts that `spec` means what `hands.yaml` means, up to the names the
/// import derives (the spec's, the example's, the enum variants'), the
/// documentation `missing` that the source does not carry, and the
/// second example, `host-cannot-raise-hand`: its 400 is documented by
/// neither the page nor the Swagger fixture.
fn assert_means_hands(spec: &Spec, missing: &[&str]) {
    let expected = hand_written("hands.yaml");
    let head = |s: &Spec| {
        (
            s.summary.clone(),
            s.description.clone(),
            s.method,
            s.path.clone(),
            s.server.clone(),
        )
    };
    assert_eq!(head(spec), head(&expected));
    let params = |s: &Spec| s.params.iter().map(param_meaning).collect::<Vec<_>>();
    assert_eq!(params(spec), params(&expected));
    let mut wanted = descriptions(&expected);
    for (name, description) in &mut wanted {
        if missing.contains(&name.as_str()) {
            *description = None;
        }
    }
    assert_eq!(descriptions(spec), wanted);
    let responses = |s: &Spec| {
        let listed = s
            .responses
            .iter()
            .map(|r| (r.status, r.description.clone(), r.body.clone()));
        listed.collect::<Vec<_>>()
    };
    assert_eq!(responses(spec), responses(&expected));
    let names: Vec<&str> = expected.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["raise-hand", "host-cannot-raise-hand"]);
    assert_eq!(spec.examples.len(), 1, "only the raise-hand example is documented");
    assert_eq!(spec.examples[0].request, expected.examples[0].request);
    assert_eq!(spec.examples[0].response, expected.examples[0].response);
}

#[test]
fn the_seed_page_means_what_hands_yaml_means() {
    let (spec, _) = import_path(&seed());
    assert_eq!(spec.name, "raising_or_lowering_hands", "derived from the title");
    assert_eq!(
        spec.examples[0].name, "documented",
        "derived, the page names no example"
    );
    // The page gives handsState no description, only its list of values;
    // hands.yaml adds "Hand-raising state.".
    let expected = hand_written("hands.yaml");
    assert_eq!(
        expected.params[3].field.schema.description.as_deref(),
        Some("Hand-raising state.")
    );
    assert_means_hands(&spec, &["handsState"]);
    // Variant names are left to the generator, which derives them from the
    // descriptions (hands.yaml writes `lower` and `raise`).
    assert!(
        spec.params[3]
            .field
            .schema
            .shape
            .enum_values()
            .iter()
            .all(|v| v.name.is_none())
    );
}

#[test]
fn the_seed_page_reports_everything_it_does_not_map() {
    let (_, unmapped) = import_path(&seed());
    assert_reported(
        &unmapped,
        &[
            "line 1: not imported: \"Updated on 2023-12-22 GMT+08:00\"",
            "(Debugging): not imported: Debugging \"You can debug this API in API Explorer.\"",
            "(Example Request): not imported: header `Connection: keep-alive`",
            "header `content-type: application/json` is not a declared param",
            "header `user-agent: WeLink-desktop`",
            "header `Host: api.meeting.huaweicloud.com` is not a declared param; it gives the server's host",
            "header `User-Agent: Apache-HttpClient/4.5.3 (Java/1.8.0_191)`",
            "(Example Response): not imported: header `Date: Wed, 18 Dec 2019 06:20:40 GMT`",
            "(Example Response): not imported: header `Content-Length: 39`",
            "(Example Response): not imported: header `Connection: keep-alive`",
            "header `http_proxy_id: efa7d0090ee1d5dbcb54aa9f3cfafa96`",
            "header `Server: api-gateway`",
            "(Error Codes): not imported: Error Codes \"If an error code starting with MMC or USG",
            "(Example cURL Command): not imported",
            "it sends no body though the API takes one, so it is not a valid example",
        ],
    );
    let inferred: Vec<&Unmapped> = unmapped.iter().filter(|u| u.kind == UnmappedKind::Inferred).collect();
    assert_eq!(inferred.len(), 1, "{inferred:#?}");
    assert_eq!(
        inferred[0].to_string(),
        "line 63 (Request Parameters): inferred: header `X-Conference-Authorization` is marked `secret: true` \
         because its name contains \"authorization\""
    );
    // The kept response headers are mapped, so not reported.
    let messages = messages(&unmapped);
    assert!(
        !messages
            .iter()
            .any(|m| m.contains("X-Request-Id") || m.contains("charset"))
    );
}

#[test]
fn the_binary_imports_the_seed_into_a_spec_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hands.yaml");
    let import = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
        .arg("import")
        .arg(seed())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(import.status.success(), "{stderr}");
    assert!(import.stdout.is_empty(), "the spec goes to -o");
    for needle in [
        "warning: line 1: not imported: \"Updated on",
        "`Connection: keep-alive`",
        "`user-agent: WeLink-desktop`",
        "`Host: api.meeting.huaweicloud.com`",
        "`Date: Wed, 18 Dec 2019 06:20:40 GMT`",
        "`Server: api-gateway`",
        "Example cURL Command",
        "Error Codes",
        "Debugging",
        "inferred: header `X-Conference-Authorization` is marked `secret: true`",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not on stderr:\n{stderr}");
    }
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(yaml.starts_with("# Imported by `meeting-api import` from "), "{yaml}");
    assert!(
        yaml.contains("conferenceID: \"914083136\""),
        "the meeting ID stays a string:\n{yaml}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
        .arg("check")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(stdout.contains("1 spec valid: raising_or_lowering_hands"), "{stdout}");
}

#[test]
fn the_hand_swagger_definition_means_what_hands_yaml_means() {
    let (spec, unmapped) = import_path(&fixture("hand.json"));
    assert_eq!(spec.name, "hand", "from the operationId");
    assert_eq!(
        spec.examples[0].name, "raise-a-hand",
        "from x-request-examples-description-1"
    );
    // The enum's meanings come from the "- 0: Lower a hand." lines of the
    // description, which leave the description.
    assert_means_hands(&spec, &[]);
    assert_reported(
        &unmapped,
        &[
            "parameters.X-Conference-Authorization: inferred: header `X-Conference-Authorization` is marked `secret: true`",
            "responses.200.headers.X-Request-Id: not imported: response header `X-Request-Id` is not declared by specs; \
             its x-example is in the example response",
            "info: not imported: key `info`",
            "tags: not imported: key `tags`",
            "hands.put.tags: not imported",
        ],
    );
}

#[test]
fn a_swagger_definition_in_yaml_reads_as_in_json() {
    let json = std::fs::read_to_string(fixture("hand.json")).unwrap();
    let tree: serde_yaml::Value = serde_json::from_str(&json).unwrap();
    // Unquoted, YAML reads `2.0` and `200` as numbers.
    let yaml = serde_yaml::to_string(&tree)
        .unwrap()
        .replace("swagger: '2.0'", "swagger: 2.0")
        .replace("'200':", "200:");
    assert!(
        yaml.contains("\n    200:\n") || yaml.contains("\n  200:\n") || yaml.contains(" 200:\n"),
        "{yaml}"
    );
    let imported = import::import_str(&yaml, "hand.yaml", &Options::default()).unwrap();
    assert!(
        imported
            .yaml
            .starts_with("# Imported by `meeting-api import` from hand.yaml (a Swagger 2.0 definition in YAML).")
    );
    let spec = meeting_api_spec::parse(&imported.yaml, "imported").unwrap();
    assert_means_hands(&spec, &[]);
}

#[test]
fn the_token_swagger_definition_maps_refs_nested_objects_arrays_and_examples() {
    let (spec, unmapped) = import_path(&fixture("create-conf-token.json"));
    let expected = hand_written("token.yaml");
    assert_eq!(spec.name, "create_conf_token");
    assert_eq!(
        (spec.method, &spec.path, &spec.server),
        (expected.method, &expected.path, &expected.server)
    );
    let params = |s: &Spec| s.params.iter().map(param_meaning).collect::<Vec<_>>();
    assert_eq!(params(&spec), params(&expected));
    // Error bodies declared by `$ref: ErrorResponse` mean the standard error
    // body that token.yaml leaves implicit.
    let bodies = |s: &Spec| {
        let listed = s
            .responses
            .iter()
            .map(|r| (r.status, r.body_fields().map(|f| fields_meaning(&f))));
        listed.collect::<Vec<_>>()
    };
    assert_eq!(bodies(&spec), bodies(&expected));
    let data = &spec.responses[0].body_fields().unwrap()[0];
    assert_eq!(
        data.schema.description.as_deref(),
        Some("The meeting control token and its details."),
        "a description beside a $ref wins over the definition's"
    );
    // Examples: the 200 and the 400 `examples` bodies, both with the
    // x-example values of the params (token.yaml's wrong-password example
    // sends another password, which the definition does not document).
    let names: Vec<&str> = spec.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["documented", "documented-400"]);
    assert_eq!(spec.examples[0].request, expected.examples[0].request);
    for (got, want) in spec.examples.iter().zip(&expected.examples) {
        assert_eq!(
            (got.response.status, &got.response.body),
            (want.response.status, &want.response.body)
        );
    }
    // `format: password` says secret; only X-Conference-Authorization's is inferred.
    let inferred: Vec<String> = unmapped
        .iter()
        .filter(|u| u.kind == UnmappedKind::Inferred)
        .map(ToString::to_string)
        .collect();
    assert_eq!(inferred.len(), 1, "{inferred:#?}");
    assert!(inferred[0].contains("X-Conference-Authorization"));
}

#[test]
fn a_page_with_response_tables_maps_nested_structures() {
    let (spec, unmapped) = import_path(&fixture("obtaining-a-meeting-control-token.txt"));
    let expected = hand_written("token.yaml");
    let body = spec.responses[0]
        .body_fields()
        .expect("the 2xx has the Response Parameters");
    let names: Vec<&str> = body.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["data", "addressToken", "gloablPublicIP"]);
    // "Table 5 Data structure of data" gives the fields of `data object`;
    // the page marks neither required fields nor secrets in responses.
    let Shape::Object { fields } = &body[0].schema.shape else {
        panic!("data is an object")
    };
    let Shape::Object { fields: wanted } = &expected.responses[0].body_fields().unwrap()[0].schema.shape else {
        panic!("token.yaml's data is an object")
    };
    let types = |fields: &[Field]| {
        let listed = fields.iter().map(|f| {
            (
                f.name.clone(),
                meaning(&Schema {
                    secret: false,
                    ..f.schema.clone()
                }),
            )
        });
        listed.collect::<Vec<_>>()
    };
    assert_eq!(types(fields), types(wanted));
    let login = spec.param(ParamIn::Header, "X-Login-Type").unwrap();
    assert_eq!(login.field.schema.shape.enum_values()[0].value, Literal::Integer(1));
    let conference = spec.param(ParamIn::Query, "conferenceID").unwrap();
    assert_eq!(
        conference.field.schema.description.as_deref(),
        Some(
            "Meeting ID.\nNOTE: The conferenceID returned when the meeting was created, not the ID of the cloud meeting room."
        )
    );
    assert_eq!(spec.examples[0].request, expected.examples[0].request);
    assert_eq!(spec.examples[0].response.body, expected.examples[0].response.body);
    assert_reported(
        &unmapped,
        &[
            "line 1: not imported: \"Help Center/ Meeting/",
            "header `X-Password` is marked `secret: true` because its name contains \"password\"",
            "it repeats the Example Request",
        ],
    );
}

/// The two fixtures in one file, as an export of the whole product.
fn two_operations() -> String {
    let read =
        |name: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap() };
    let (mut hand, token) = (read("hand.json"), read("create-conf-token.json"));
    for section in ["paths", "definitions"] {
        let extra = token[section].as_object().unwrap().clone();
        hand[section].as_object_mut().unwrap().extend(extra);
    }
    hand.to_string()
}

#[test]
fn several_operations_need_a_choice() {
    let source = two_operations();
    let error = import::import_str(&source, "meeting.json", &Options::default())
        .unwrap_err()
        .error;
    assert!(matches!(error, ImportError::Operation { .. }));
    assert_eq!(
        error.to_string(),
        "meeting.json: the file has 2 operations; choose one with --operation <operationId>: \
         Hand (PUT /v1/mmc/control/conferences/participants/hands), \
         CreateConfToken (GET /v1/mmc/control/conferences/token)"
    );
    let choose = |operation: &str| Options {
        operation: Some(operation.to_owned()),
    };
    let (spec, unmapped) = import_text(&source, &choose("CreateConfToken"));
    assert_eq!(spec.name, "create_conf_token");
    assert_reported(
        &unmapped,
        &[
            "paths: not imported: 1 other operation(s) not imported: Hand (PUT /v1/mmc/control/conferences/participants/hands)",
            "definitions.RestHandsUpReqBody: not imported: not used by the imported operation",
            "parameters.conferenceID: not imported: not used by the imported operation",
        ],
    );
    let (spec, _) = import_text(&source, &choose("PUT /v1/mmc/control/conferences/participants/hands"));
    assert_eq!(spec.name, "hand");
    let error = import::import_str(&source, "meeting.json", &choose("Mute"))
        .unwrap_err()
        .error;
    assert!(
        error
            .to_string()
            .contains("no operation is \"Mute\"; choose one with --operation"),
        "{error}"
    );
}

#[test]
fn the_binary_takes_the_operation_to_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, two_operations()).unwrap();
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_meeting-api"))
            .arg("import")
            .arg(&file)
            .args(extra)
            .output()
            .unwrap()
    };
    let refused = run(&[]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("CreateConfToken (GET /v1/mmc/control/conferences/token)")
    );
    let chosen = run(&["--operation", "Hand"]);
    assert!(chosen.status.success(), "{}", String::from_utf8_lossy(&chosen.stderr));
    assert!(String::from_utf8_lossy(&chosen.stdout).contains("\nname: hand\n"));
}

#[test]
fn swagger_parts_without_a_place_in_the_spec_are_reported() {
    let source = json!({
        "swagger": "2.0",
        "host": "things.example.com",
        "schemes": ["http", "https"],
        "x-vendor": {"owner": "team"},
        "paths": {"/v1/things/{thingId}": {"post": {
            "operationId": "CreateThing",
            "deprecated": true,
            "consumes": ["multipart/form-data", "application/json"],
            "parameters": [
                {"name": "thingId", "in": "path", "type": "string", "pattern": "^[a-z]+$", "x-example": "abc"},
                {"name": "limit", "in": "query", "type": "integer", "format": "int32",
                 "minimum": 1, "maximum": 500, "default": 20, "exclusiveMaximum": true},
                {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"},
                 "collectionFormat": "multi", "minItems": 1},
                {"name": "size", "in": "query", "type": "integer", "format": "int32", "maximum": 9_000_000_000_i64},
                {"name": "file", "in": "formData", "type": "file"},
                {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Thing"}}
            ],
            "responses": {
                "201": {"description": "Created.", "schema": {"$ref": "#/definitions/Thing"}},
                "default": {"description": "Error."}
            }
        }}},
        "definitions": {
            "Thing": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 64},
                "createdAt": {"type": "string", "format": "date-time"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "parts": {"type": "array", "items": {"$ref": "#/definitions/Part"}},
                "score": {"type": "number", "format": "float", "minimum": 0.5},
                "parent": {"$ref": "#/definitions/Thing"},
                "blob": {"type": "file"}
            }},
            "Part": {"type": "object", "properties": {
                "id": {"type": "integer", "format": "int64"},
                "kind": {"type": "string", "enum": ["a", "b", 3], "default": "c"}
            }},
            "Unused": {"type": "object"}
        }
    });
    let (spec, unmapped) = import_text(&source.to_string(), &Options::default());
    assert_eq!(
        spec.server.as_deref(),
        Some("https://things.example.com"),
        "https is preferred"
    );
    assert_eq!(
        spec.summary, "CreateThing",
        "no summary or description: the operationId"
    );
    let params: Vec<String> = spec
        .params
        .iter()
        .map(|p| {
            format!(
                "{} {}{}: {}",
                p.location,
                p.field.name,
                if p.field.required { "!" } else { "" },
                meaning(&p.field.schema)
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            "path thingId!: string Bounds { min: None, max: None } [] default None",
            "query limit: integer Int32 Bounds { min: Some(1), max: Some(500) } [] default Some(Number(20))",
            "query tags: array Bounds { min: Some(1), max: None } of string Bounds { min: None, max: None } [] default None \
             default None",
            "query size: integer Int32 Bounds { min: None, max: None } [] default None",
            // `json!` sorts keys; the importer keeps the order it is given.
            "body createdAt: string Bounds { min: None, max: None } [] default None",
            "body labels: object {} default None",
            "body name!: string Bounds { min: Some(1), max: Some(64) } [] default None",
            "body parts: array Bounds { min: None, max: None } of object {id: integer Int64 Bounds { min: None, max: None } [] \
             default None, kind: string Bounds { min: None, max: None } [\"a\"=None \"b\"=None] default None} default None \
             default None",
            "body score: number Float Bounds { min: Some(0.5), max: None } default None",
        ]
    );
    assert_reported(
        &unmapped,
        &[
            "x-vendor: not imported: vendor extension `x-vendor`",
            "post.deprecated: not imported: key `deprecated`",
            "consumes: not imported: media types multipart/form-data are not imported",
            "parameters[0].pattern: not imported: key `pattern`",
            "parameters[1].exclusiveMaximum: not imported",
            "parameters[2].collectionFormat: not imported",
            "parameters[3].maximum: not imported: 9000000000 does not fit the type",
            "parameters[4]: not imported: form parameter `file` is not imported",
            "definitions.Thing.properties.createdAt.format: not imported: format `date-time` has no counterpart",
            "definitions.Thing.properties.labels.additionalProperties: not imported",
            "definitions.Thing.properties.parent: not imported: $ref cycle",
            "definitions.Thing.properties.blob.type: not imported: type `file` has no counterpart",
            "definitions.Part.properties.kind.enum: not imported: enum value 3 is not a string; left out",
            "definitions.Part.properties.kind.default: not imported: default \"c\" does not fit",
            "responses.default: not imported: response `default` is not an HTTP status",
            "definitions.Unused: not imported: not used by the imported operation",
            "post.summary: inferred: no `summary`; \"CreateThing\" is the summary",
            // The documented request lacks the required body field `name`.
            "examples (documented): not imported: left out of the spec, since it breaks the format",
        ],
    );
    assert!(spec.examples.is_empty());
}

/// The seed with `from` replaced by `to`.
fn seed_with(from: &str, to: &str) -> String {
    let seed = std::fs::read_to_string(seed()).unwrap();
    assert!(seed.contains(from), "{from:?} is not in the seed");
    seed.replacen(from, to, 1)
}

#[test]
fn an_example_that_breaks_the_spec_is_left_out_and_reported() {
    let (spec, unmapped) = import_text(&seed_with("\"handsState\":1", "\"handsState\":7"), &Options::default());
    assert!(spec.examples.is_empty());
    assert_reported(
        &unmapped,
        &[
            "examples (documented): not imported: left out of the spec, since it breaks the format: \
           request.body.handsState",
        ],
    );
}

#[test]
fn pages_without_the_parts_a_spec_needs_fail_naming_them() {
    let fails = |source: &str, needle: &str| {
        let error = import::import_str(source, "page.txt", &Options::default())
            .unwrap_err()
            .error;
        assert!(matches!(error, ImportError::Page { .. }), "{error:?}");
        assert!(error.to_string().contains(needle), "{needle:?} not in: {error}");
    };
    fails("", "no Prototype section");
    fails("Some notes\n\nabout nothing\n", "no Prototype section");
    fails(&seed_with("Prototype", "Prototypes"), "no Prototype section");
    fails(
        &seed_with("Request Method\n\nPUT", "Request Method\n\nFETCH"),
        "Request Method \"FETCH\" is not one of",
    );
    fails(
        &seed_with("Request Address\n\n/v1", "Request Adress\n\n/v1"),
        "the Prototype has no Request Address",
    );
    fails(&seed_with("Status Codes", "Status Kodes"), "no Status Codes section");
    fails(
        &seed_with("200\n\nOperation", "299x\n\nOperation"),
        "lists no 2xx status",
    );
    fails(&seed_with("Raising or Lowering Hands\n", ""), "no title");
    let error = import::import_str(
        "text",
        "page.txt",
        &Options {
            operation: Some("Hand".to_owned()),
        },
    )
    .unwrap_err()
    .error;
    assert!(matches!(error, ImportError::OperationOnPage { .. }));
}

#[test]
fn a_page_that_makes_an_invalid_spec_fails_with_the_diagnostics() {
    let page = seed_with("participantID\n\nYes", "conferenceID\n\nYes");
    let error = import::import_str(&page, "page.txt", &Options::default())
        .unwrap_err()
        .error;
    assert!(matches!(error, ImportError::Invalid { .. }));
    let message = error.to_string();
    assert!(
        message.starts_with("the spec imported from page.txt breaks the spec format:\n"),
        "{message}"
    );
    assert!(
        message.contains("query param `conferenceID` is declared twice"),
        "{message}"
    );
    assert!(
        message.contains("page.txt (imported)"),
        "the diagnostics name the written YAML: {message}"
    );
}

#[test]
fn json_that_is_not_swagger_2_fails_naming_why() {
    let error = import::import_str("{\"openapi\": \"3.0.0\"}", "api.json", &Options::default())
        .unwrap_err()
        .error;
    assert_eq!(
        error.to_string(),
        "api.json is not a Swagger 2.0 document: it is OpenAPI \"3.0.0\", which is not read; \
         expected a top-level `\"swagger\": \"2.0\"`"
    );
    let error = import::import_str("{\"swagger\": \"1.2\"}", "api.json", &Options::default())
        .unwrap_err()
        .error;
    assert!(error.to_string().contains("its `swagger` is \"1.2\""), "{error}");
    let error = import::import_str("{\"swagger\": \"2.0\",", "api.json", &Options::default())
        .unwrap_err()
        .error;
    assert!(
        error
            .to_string()
            .starts_with("api.json starts like JSON but does not parse as JSON: EOF"),
        "{error}"
    );
    let error = import::import_str("{\"swagger\": \"2.0\", \"paths\": {}}", "api.json", &Options::default())
        .unwrap_err()
        .error;
    assert!(error.to_string().contains("paths: no operation"), "{error}");
}

/// A Swagger document of the one operation `GET /v1/things` with `parameters`
/// and `responses`.
fn one_operation(parameters: Value, responses: Value) -> String {
    json!({
        "swagger": "2.0",
        "host": "things.example.com",
        "paths": {"/v1/things": {"get": {
            "operationId": "GetThing",
            "summary": "Gets a thing.",
            "parameters": parameters,
            "responses": responses
        }}}
    })
    .to_string()
}

#[test]
fn a_failed_import_keeps_the_findings_that_explain_it() {
    let source = one_operation(json!([]), json!({"default": {"description": "Anything."}}));
    let failure = import::import_str(&source, "api.json", &Options::default()).unwrap_err();
    assert!(matches!(failure.error, ImportError::Invalid { .. }), "{failure:?}");
    assert!(failure.to_string().contains("no 2xx status"), "{failure}");
    let explanation = "responses.default: not imported: response `default` is not an HTTP status";
    assert_reported(&failure.unmapped, &[explanation]);
    // A page that fails keeps its findings too: the lines before the title.
    let page = seed_with("200\n\nOperation", "299x\n\nOperation");
    let failure = import::import_str(&page, "page.txt", &Options::default()).unwrap_err();
    assert!(matches!(failure.error, ImportError::Page { .. }), "{failure:?}");
    assert!(!failure.unmapped.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.json");
    std::fs::write(&file, &source).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "nothing is written");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warning = stderr.find(&format!("warning: paths./v1/things.get.{explanation}"));
    let error = stderr.find("error: ");
    assert!(
        matches!((warning, error), (Some(w), Some(e)) if w < e),
        "the finding is printed before the error:\n{stderr}"
    );
}

#[test]
fn only_the_examples_that_break_the_spec_are_left_out() {
    let body = |name: &str, kind: &str| json!({"type": "object", "properties": {name: {"type": kind}}});
    let responses = json!({
        "200": {"description": "The thing.", "schema": body("id", "integer"),
                "examples": {"application/json": {"id": 7}}},
        "400": {"description": "Bad request.", "schema": body("error_code", "string"),
                "examples": {"application/json": {"error_code": 3}}}
    });
    let (spec, unmapped) = import_text(&one_operation(json!([]), responses), &Options::default());
    let names: Vec<&str> = spec.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["documented"], "the valid example is kept");
    assert_eq!(spec.examples[0].response.body, Some(json!({"id": 7})));
    assert_reported(
        &unmapped,
        &[
            "examples (documented-400): not imported: left out of the spec, since it breaks the format: \
           response.body.error_code: ",
        ],
    );
    assert!(
        messages(&unmapped)
            .iter()
            .all(|m| !m.starts_with("examples (documented)")),
        "{unmapped:#?}"
    );
}

#[test]
fn a_parameter_without_a_known_in_is_reported_in_words() {
    let parameters = json!([
        {"name": "session", "in": "cookie", "type": "string"},
        {"name": "trace", "type": "string"},
        {"name": "span", "in": 3, "type": "string"}
    ]);
    let responses = json!({"200": {"description": "The thing."}});
    let (spec, unmapped) = import_text(&one_operation(parameters, responses), &Options::default());
    assert!(spec.params.is_empty());
    assert_reported(
        &unmapped,
        &[
            "parameters[0]: not imported: parameter `session` has `in: cookie`; expected path, query, header or body",
            "parameters[1]: not imported: parameter `trace` has no `in`; expected path, query, header or body",
            "parameters[2]: not imported: parameter `span` has an `in` that is not text; expected",
        ],
    );
    let messages = messages(&unmapped);
    assert!(
        messages.iter().all(|m| !m.contains("Some(") && !m.contains("None")),
        "{messages:#?}"
    );
}

#[test]
fn text_that_starts_with_a_bracket_is_read_as_json() {
    let error = import::import_str(" \n[1, 2", "api.json", &Options::default())
        .unwrap_err()
        .error;
    assert!(matches!(error, ImportError::Json { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("api.json starts like JSON but does not parse as JSON: EOF"),
        "{error}"
    );
    let error = import::import_str("[{\"swagger\": \"2.0\"}]", "api.json", &Options::default())
        .unwrap_err()
        .error;
    assert!(
        error
            .to_string()
            .contains("is not a Swagger 2.0 document: it has no `swagger` key"),
        "{error}"
    );
}

#[test]
fn the_uri_layout_and_absolute_urls_are_read() {
    let page = "Obtaining a WebSocket Token\n\nDescription\n\nThis API is used to obtain a token.\n\nURI\n\n\
                GET /v1/mmc/control/conferences/{conferenceID}/wsToken\n\nRequest Parameters\n\nParameter\n\nMandatory\n\n\
                Type\n\nLocation\n\nDescription\n\nconferenceID\n\nYes\n\nString\n\nPath\n\nMeeting ID: see \"#ids\".\n\n\
                Status Codes\n\nHTTP Status Code\n\nDescription\n\n200\n\nOperation successful.\n\nResponse Parameters\n\n\
                Parameter\n\nType\n\nDescription\n\nwebSocketToken\n\nString\n\nToken for the WebSocket connection.\n\n\
                Example Request\n\nGET http://api.example.com/v1/mmc/control/conferences/900825541/wsToken\n\n\
                Example Response\n\nHTTP/1.1 200\n\n{\"webSocketToken\": \"cnr6e88\"}\n";
    let (spec, unmapped) = import_text(page, &Options::default());
    assert_eq!(spec.path, "/v1/mmc/control/conferences/{conferenceID}/wsToken");
    assert_eq!(
        spec.server.as_deref(),
        Some("http://api.example.com"),
        "from the example's URL"
    );
    assert_eq!(
        spec.params[0].field.schema.description.as_deref(),
        Some("Meeting ID: see \"#ids\".")
    );
    let example = &spec.examples[0];
    assert_eq!(example.request.path, [("conferenceID".to_owned(), json!("900825541"))]);
    assert_eq!(example.response.body, Some(json!({"webSocketToken": "cnr6e88"})));
    assert!(
        unmapped.iter().all(|u| !u.message.contains("Prototype")),
        "{unmapped:#?}"
    );
}

/// A small deterministic generator, so that failures repeat.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next(words.len())]
    }

    /// A JSON value built from the words of Swagger files.
    fn json(&mut self, depth: usize) -> Value {
        const WORDS: [&str; 34] = [
            "swagger",
            "2.0",
            "paths",
            "/v1/{id}",
            "get",
            "put",
            "parameters",
            "name",
            "in",
            "query",
            "header",
            "path",
            "body",
            "formData",
            "type",
            "string",
            "integer",
            "object",
            "array",
            "$ref",
            "#/definitions/A",
            "#/parameters/p",
            "definitions",
            "A",
            "schema",
            "properties",
            "items",
            "enum",
            "x-example",
            "responses",
            "200",
            "examples",
            "required",
            "format",
        ];
        match (depth, self.next(7)) {
            (0, _) | (_, 0) => json!(self.pick(&WORDS)),
            (_, 1) => json!(self.next(600) as i64 - 100),
            (_, 2) => json!(self.next(2) == 0),
            (_, 3) => Value::Null,
            (_, 4) => Value::Array((0..self.next(4)).map(|_| self.json(depth - 1)).collect()),
            _ => {
                let entries = (0..self.next(5)).map(|_| (self.pick(&WORDS).to_owned(), self.json(depth - 1)));
                Value::Object(entries.collect())
            }
        }
    }
}

/// Imports `source`, which may fail but must not panic; what it imports
/// must be a valid spec.
fn survives(source: &str) {
    let result = std::panic::catch_unwind(|| import::import_str(source, "fuzz", &Options::default()));
    match result {
        Err(_) => panic!("the import panicked on:\n{source}"),
        Ok(Ok(imported)) => {
            if let Err(error) = meeting_api_spec::parse(&imported.yaml, "fuzz") {
                panic!("an invalid spec was returned for:\n{source}\n{error}");
            }
        }
        Ok(Err(_)) => {}
    }
}

#[test]
fn garbled_pages_never_panic() {
    let seed = std::fs::read_to_string(seed()).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    for cut in 0..lines.len() {
        survives(&lines[..cut].join("\n"));
        survives(&lines[cut..].join("\n"));
        let without: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != cut)
            .map(|(_, l)| *l)
            .collect();
        survives(&without.join("\n"));
    }
    for (cut, _) in seed.char_indices().step_by(11) {
        survives(&seed[..cut]);
    }
    let mut rng = Lcg(7);
    let blocks: Vec<&str> = seed.split("\n\n").collect();
    for _ in 0..200 {
        let shuffled: Vec<&str> = (0..blocks.len()).map(|_| blocks[rng.next(blocks.len())]).collect();
        survives(&shuffled.join("\n\n"));
    }
    const ODD: [&str; 14] = [
        "Table 1",
        "•",
        "0:",
        "Description",
        "Prototype",
        "{",
        "}",
        "HTTP/1.1",
        "PUT /x?y=%zz",
        "Header",
        "Yes",
        "Array of",
        "data object",
        "\u{feff}",
    ];
    for _ in 0..300 {
        let words: Vec<&str> = (0..rng.next(60)).map(|_| rng.pick(&ODD)).collect();
        let separators = ["\n", "\n\n", " "];
        let text: String = words.iter().map(|w| format!("{w}{}", rng.pick(&separators))).collect();
        survives(&text);
    }
}

#[test]
fn arbitrary_json_never_panics() {
    let mut rng = Lcg(11);
    for _ in 0..400 {
        let mut document = rng.json(6);
        if let Value::Object(map) = &mut document {
            map.insert("swagger".to_owned(), json!("2.0"));
        }
        survives(&document.to_string());
    }
    // Nesting as deep as serde_json allows, in a schema and in an example body.
    let mut schema = json!({"type": "string"});
    let mut body = json!({"x": 1});
    for _ in 0..60 {
        schema = json!({"type": "object", "properties": {"n": schema}});
        body = json!({"a": body});
    }
    let mut deep: Value = serde_json::from_str(&std::fs::read_to_string(fixture("hand.json")).unwrap()).unwrap();
    deep["definitions"]["RestHandsUpReqBody"]["properties"]["n"] = schema;
    deep["paths"]["/v1/mmc/control/conferences/participants/hands"]["put"]["x-request-examples-1"]["n"] = body;
    survives(&deep.to_string());
    // Every node of the fixtures replaced, in turn, by something else.
    for name in ["hand.json", "create-conf-token.json"] {
        let fixture: Value = serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap();
        let mut pointers = Vec::new();
        collect_pointers(&fixture, String::new(), &mut pointers);
        let replacements = [
            json!(null),
            json!([]),
            json!("x"),
            json!(-7),
            json!({"$ref": "#/definitions/TokenInfo"}),
        ];
        for (i, pointer) in pointers.iter().enumerate() {
            let mut mutated = fixture.clone();
            *mutated.pointer_mut(pointer).unwrap() = replacements[i % replacements.len()].clone();
            survives(&mutated.to_string());
        }
        for cut in (0..fixture.to_string().len()).step_by(97) {
            survives(&fixture.to_string()[..cut]);
        }
    }
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v))
            .collect(),
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        let pointer = format!("{at}/{key}");
        collect_pointers(child, pointer.clone(), out);
        out.push(pointer);
    }
}
