//! Shared shapes (new since v1): a shapes file declares schemas once; a
//! spec names the file with the top-level `shapes` and uses a shape with
//! `shape: Name`. Each misuse is reported at its file, line and column.

use std::sync::Arc;

use meeting_api_spec::{Shape, Shapes, SpecError, parse_shapes, parse_with};

const SHAPES: &str = "
shapes:
  Attendee:
    type: object
    description: Someone invited.
    fields:
      - name: name
        type: string
        required: true
      - name: role
        shape: Role
  Role:
    type: integer
    format: int32
    enum:
      - {value: 0, name: guest}
      - {value: 1, name: host}
  Names:
    type: array
    items: {type: string}
";

fn shapes_file(source: &str) -> Result<Shapes, SpecError> {
    parse_shapes(
        source.strip_prefix('\n').unwrap_or(source),
        "shared/shapes.yaml".as_ref(),
    )
}

fn library() -> Arc<Shapes> {
    Arc::new(shapes_file(SHAPES).unwrap_or_else(|e| panic!("{e}")))
}

/// Parses `spec` with the library above as `shared/shapes.yaml`.
fn spec(source: &str) -> Result<meeting_api_spec::Spec, SpecError> {
    let library = library();
    parse_with(
        source.strip_prefix('\n').unwrap_or(source),
        "op.yaml",
        &mut |file| match file {
            "shared/shapes.yaml" => Ok(library.clone()),
            other => Err(format!("there is no file {other:?}")),
        },
    )
}

/// Each diagnostic as `line:col: message`.
fn lines(error: &SpecError) -> Vec<String> {
    error
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}: {}", d.position.line, d.position.column, d.message))
        .collect()
}

const USES: &str = "
name: invite
summary: Invite people.
method: POST
path: /v1/invite
shapes: shared/shapes.yaml
params:
  - name: attendees
    in: body
    required: true
    type: array
    items:
      shape: Attendee
  - name: host
    in: body
    shape: Attendee
    description: The host, invited first.
responses:
  - status: 200
    description: Invited.
    body:
      - name: names
        shape: Names
";

#[test]
fn a_shape_resolves_in_place_and_remembers_its_name() {
    let spec = spec(USES).unwrap_or_else(|e| panic!("{e}"));
    let Shape::Array { items, .. } = &spec.params[0].field.schema.shape else {
        panic!("attendees is an array")
    };
    assert_eq!(items.shared.as_deref(), Some("Attendee"));
    assert_eq!(items.description.as_deref(), Some("Someone invited."));
    let Shape::Object { fields } = &items.shape else {
        panic!("Attendee is an object")
    };
    assert_eq!(fields[1].schema.shared.as_deref(), Some("Role"));
    assert_eq!(fields[1].schema.shape.enum_values().len(), 2);
    // A use's own description replaces the shape's, for that use only.
    let host = &spec.params[1].field.schema;
    assert_eq!(host.description.as_deref(), Some("The host, invited first."));
    assert_eq!(host.shared.as_deref(), Some("Attendee"));
    assert!(spec.shapes.as_ref().is_some_and(|s| s.get("Names").is_some()));
}

#[test]
fn examples_are_checked_against_the_resolved_shape() {
    let source = format!(
        "{USES}examples:\n  - name: bad-role\n    request:\n      body:\n        attendees: [{{name: a, role: 7}}]\n    \
         response:\n      status: 200\n      body: {{names: [a]}}\n"
    );
    let error = spec(&source).expect_err("7 is not a Role");
    let text = lines(&error).join("\n");
    assert!(text.contains("7"), "{text}");
}

#[test]
fn misuses_of_a_reference_are_each_reported_where_they_are_written() {
    let error = spec(
        "
name: invite
summary: Invite people.
method: POST
path: /v1/invite
shapes: shared/shapes.yaml
params:
  - name: a
    in: body
    shape: Atendee
  - name: b
    in: body
    shape: Role
    type: integer
    minimum: 1
responses:
  - status: 200
    description: Invited.
",
    )
    .expect_err("two faults");
    assert_eq!(
        lines(&error),
        [
            "9:12: there is no shape `Atendee` in shared/shapes.yaml (did you mean `Attendee`?)",
            "13:5: `type` does not go with `shape`: a shared shape is declared whole in its shapes file; only \
             `description` may be added where it is used",
            "14:5: `minimum` does not go with `shape`: a shared shape is declared whole in its shapes file; only \
             `description` may be added where it is used",
        ]
    );
}

#[test]
fn a_reference_needs_the_spec_to_name_its_shapes_file() {
    let source = "name: op\nsummary: s\nmethod: GET\npath: /x\nresponses:\n  - status: 200\n    description: ok\n    \
                  body:\n      - name: who\n        shape: Attendee\n";
    let error = spec(source).expect_err("no shapes file");
    assert_eq!(lines(&error).len(), 1);
    assert!(
        lines(&error)[0]
            .starts_with("10:16: `shape: Attendee` names a shared shape, but the spec names no shapes file")
    );
}

#[test]
fn a_shapes_file_that_cannot_be_used_is_reported_once_at_the_key() {
    let source = USES.replace("shapes: shared/shapes.yaml", "shapes: shared/other.yaml");
    let error = spec(&source).expect_err("no such file");
    assert_eq!(
        lines(&error),
        ["5:9: cannot use the shapes file \"shared/other.yaml\": there is no file \"shared/other.yaml\""]
    );
    // Without a loader (text alone), the spec says what to do instead.
    let error = meeting_api_spec::parse(USES.trim_start(), "op.yaml").expect_err("no loader");
    assert!(
        lines(&error)[0].contains("read the spec from its file"),
        "{:?}",
        lines(&error)
    );
}

#[test]
fn shapes_files_report_cycles_bad_names_and_bad_schemas() {
    let error = shapes_file(
        "
shapes:
  A:
    type: object
    fields:
      - {name: b, shape: B}
  B:
    type: array
    items: {shape: A}
  lower:
    type: string
  C:
    type: strng
",
    )
    .expect_err("four faults");
    let found = lines(&error);
    assert!(
        found[0].starts_with("3:5: shapes A, B refer to each other in a cycle"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("7:5: shapes A, B refer to each other in a cycle"),
        "{found:?}"
    );
    assert!(
        found[2].starts_with("9:3: shape name \"lower\" is not a Rust type name"),
        "{found:?}"
    );
    assert!(found[3].starts_with("12:11: `type` is"), "{found:?}");
    assert_eq!(found.len(), 4, "{found:?}");
    let error = shapes_file("name: not a shapes file\n").expect_err("no `shapes`");
    assert!(
        lines(&error).iter().any(|l| l.contains("needs `shapes`")),
        "{:?}",
        lines(&error)
    );
}

#[test]
fn a_shape_may_not_be_a_file() {
    let error = shapes_file("shapes:\n  Upload:\n    type: file\n").expect_err("files are form parts only");
    assert_eq!(lines(&error).len(), 1, "{:?}", lines(&error));
}

#[test]
fn load_reads_the_shapes_file_beside_the_spec_and_shares_it() {
    let dir = std::env::temp_dir().join(format!("meeting-api-shapes-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(dir.join("shared/shapes.yaml"), SHAPES.trim_start()).unwrap();
    std::fs::write(dir.join("a.yaml"), USES.trim_start()).unwrap();
    std::fs::write(
        dir.join("b.yaml"),
        USES.trim_start().replace("name: invite", "name: invite_again"),
    )
    .unwrap();
    let mut cache = meeting_api_spec::ShapesCache::default();
    let a = meeting_api_spec::load_with(&dir.join("a.yaml"), &mut cache).unwrap_or_else(|e| panic!("{e}"));
    let b = meeting_api_spec::load_with(&dir.join("b.yaml"), &mut cache).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        Arc::ptr_eq(a.shapes.as_ref().unwrap(), b.shapes.as_ref().unwrap()),
        "one read, one Arc"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
