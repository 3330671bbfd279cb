//! `meeting-api check`: every problem under its source line, and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
        .to_owned()
}

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meeting-api"))
        .arg("check")
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the command runs")
}

fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const BROKEN: &str = "\
name: hands
summary: Raising or Lowering Hands
method: PUTT
path: /v1/hands
params:
  - name: handsState
    in: body
    type: integr
    required: true
responses:
  - status: 200
    description: ok
  - status: 99
    description: too low
examples:
  - name: raise
    request:
      body:
        handsState: 1
        extra: true
    response:
      status: 201
";

#[test]
fn valid_specs_give_a_one_line_summary_and_status_0() {
    let output = check(&["spec", "conformance/tests/specs/room.yaml"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "4 specs valid: hands, mute, conference_token, update_room\n"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn every_problem_is_drawn_under_its_line_with_a_caret() {
    let dir = tempdir("check-broken");
    std::fs::write(dir.join("broken.yaml"), BROKEN).unwrap();
    let output = check(&["spec", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty(), "{}", String::from_utf8_lossy(&output.stdout));
    let file = dir.join("broken.yaml").display().to_string();
    assert!(stderr.contains(&format!("--> {file}:8:11")), "{stderr}");
    assert!(
        stderr.contains("8 |     type: integr\n  |           ^^^^^^ params[0].type"),
        "{stderr}"
    );
    assert!(stderr.contains("expected one of `string`, `integer`"), "{stderr}");
    // Every problem of the file, not only the first.
    assert!(stderr.contains("3 | method: PUTT\n  |         ^^^^ method"), "{stderr}");
    assert!(
        stderr.contains("13 |   - status: 99\n   |             ^^ responses[1].status"),
        "{stderr}"
    );
    assert!(stderr.ends_with("3 problems in 1 of 4 spec files\n"), "{stderr}");
}

/// Valid by the format, but its two params ask for the same Rust name.
const NAME_CLASH: &str = "\
name: clash
summary: Two params, one Rust name
method: GET
path: /v1/clash
params:
  - name: a
    in: query
    type: string
    rust_name: same
  - name: b
    in: query
    type: string
    rust_name: same
responses:
  - status: 200
    description: ok
";

#[test]
fn a_name_clash_that_the_attribute_rejects_is_drawn_under_its_line() {
    let dir = tempdir("check-clash");
    let spec = dir.join("clash.yaml");
    std::fs::write(&spec, NAME_CLASH).unwrap();
    // The attribute's expansion rejects it, at 13:16 (the second `rust_name`)...
    let message = "`rust_name` \"same\" names a field that is already taken (by another field, or by a name the generated code uses there); choose another name";
    match meeting_api_cli::generate::items(&spec) {
        Err(meeting_api_cli::generate::GenerateError::Spec(messages)) => {
            assert_eq!(messages, [format!("clash.yaml:13:16: {message}")]);
        }
        other => panic!("the attribute accepts the clash: {other:?}"),
    }
    // ...and so does `check`, at the same place, rendered like every problem.
    let output = check(&[dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty(), "{}", String::from_utf8_lossy(&output.stdout));
    assert!(stderr.starts_with(&format!("error: {message}\n")), "{stderr}");
    assert!(stderr.contains(&format!("--> {}:13:16", spec.display())), "{stderr}");
    assert!(
        stderr.contains("13 |     rust_name: same\n   |                ^^^^"),
        "{stderr}"
    );
    assert!(stderr.ends_with("1 problem in 1 of 1 spec file\n"), "{stderr}");
}

#[test]
fn an_unreadable_file_is_one_problem_and_the_other_files_are_still_checked() {
    let dir = tempdir("check-unreadable");
    std::fs::write(dir.join("a.yaml"), b"name: \xff\xfe\n").unwrap();
    std::fs::write(dir.join("b.yaml"), BROKEN).unwrap();
    std::fs::copy(workspace().join("spec/hands.yaml"), dir.join("c.yaml")).unwrap();
    let output = check(&[dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty(), "{}", String::from_utf8_lossy(&output.stdout));
    let unreadable = dir.join("a.yaml").display().to_string();
    assert!(
        stderr.starts_with(&format!(
            "error: cannot read {unreadable}: stream did not contain valid UTF-8\n"
        )),
        "{stderr}"
    );
    // The next file's problems still follow.
    assert!(stderr.contains("3 | method: PUTT\n  |         ^^^^ method"), "{stderr}");
    assert!(stderr.ends_with("4 problems in 2 of 3 spec files\n"), "{stderr}");
}

#[test]
fn a_missing_path_or_an_empty_directory_is_an_error() {
    let output = check(&["no/such/dir"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.starts_with("error: cannot read no/such/dir:"), "{stderr}");

    let empty = tempdir("check-empty");
    let output = check(&[empty.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("holds no spec"), "{stderr}");
}

#[test]
fn every_subcommand_has_help() {
    for subcommand in ["check", "generate", "mock", "openapi", "import"] {
        let output = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
            .args([subcommand, "--help"])
            .output()
            .expect("the command runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{subcommand}");
        assert!(stdout.contains(&format!("Usage: meeting-api {subcommand}")), "{stdout}");
    }
}

/// Specs whose generated names once collided, or whose text rustdoc once
/// ran: `check` and the attribute both accept them, and the runtime's
/// `generated_names` test compiles them.
#[test]
fn check_and_the_attribute_agree_on_specs_whose_names_could_collide() {
    for spec in [
        "runtime/tests/specs/setters.yaml",
        "runtime/tests/specs/body_param.yaml",
        "runtime/tests/specs/spec_text.yaml",
    ] {
        let output = check(&[spec]);
        assert!(
            output.status.success(),
            "{spec}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let items = meeting_api_cli::generate::items(&workspace().join(spec));
        assert!(
            items.is_ok(),
            "{spec}: the attribute rejects what `check` accepts: {items:?}"
        );
    }
}
