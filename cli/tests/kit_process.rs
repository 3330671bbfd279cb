//! The conformance kit as a user runs it: `cargo test -p conformance` in a
//! child cargo, pointed at specs it has never seen (`MEETING_API_SPEC_DIR`),
//! or at a live server (`MEETING_API_BASE_URL`): a token-checking stand-in,
//! and this command's `meeting-api mock`.
//!
//! These tests live here, not in the kit, so that the user's command runs
//! the user's cases and the kit's in-process self-tests only, whatever
//! spec directory it is built for. The child cargo builds in the same
//! target directory as this run, so that it compiles the kit and nothing
//! it depends on twice.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
        .to_owned()
}

/// One child cargo at a time: each rebuilds the kit for its spec directory.
static CARGO: Mutex<()> = Mutex::new(());

/// `cargo test -p conformance` with `env`, as the kit's README documents
/// it; only the kit's own variables come from `env`.
fn kit(env: &[(&str, &str)]) -> Output {
    let _turn = CARGO.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let junit = tempfile::tempdir().expect("a temporary directory");
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["test", "--offline", "-p", "conformance"])
        .current_dir(workspace())
        .env("MEETING_API_JUNIT", junit.path().join("junit.xml"));
    for variable in [
        "MEETING_API_SPEC_DIR",
        "MEETING_API_BASE_URL",
        "MEETING_API_LIVE_VALUES",
        "MEETING_API_LIVE_WRITES",
        "MEETING_API_VALUE_X_CONFERENCE_AUTHORIZATION",
    ] {
        command.env_remove(variable);
    }
    command.envs(env.iter().copied()).output().expect("cargo runs")
}

/// How the case ended in libtest's output: `ok`, `FAILED`, `ignored (…)`.
fn verdict<'a>(output: &'a str, case: &str) -> &'a str {
    let line = output
        .lines()
        .find(|l| l.starts_with(&format!("test {case} ")))
        .unwrap_or_default();
    line.split_once(" ... ")
        .map_or("(no such case)", |(_, verdict)| verdict)
}

fn text(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The documented command, whole: the user's cases and the kit's own
/// self-tests pass when the kit is built for another spec directory.
#[test]
fn specs_the_kit_has_never_seen_are_built_and_pass() {
    let output = kit(&[("MEETING_API_SPEC_DIR", "conformance/tests/specs")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", text(&output));
    for case in [
        "update_room::update-everything",
        "update_room::nothing-changed",
        "update_room::no-such-room",
        "update_room::status-204",
        "update_room::awkward-path-value",
        "lookup_user::status-200",
        "lookup_user::status-429",
        "lookup_user::secrets-stay-hidden",
        "lookup_user::awkward-query-value",
    ] {
        assert!(stdout.contains(&format!("test {case} ")), "no case {case}:\n{stdout}");
    }
    assert!(
        !stdout.contains("hands::"),
        "the default specs were not replaced:\n{stdout}"
    );
    assert!(stdout.contains("23 cases: 23 passed, 0 failed"), "{stdout}");
}

/// The whole catalog, as the README says to run it: every documented
/// example and status of the 201 operations, multipart uploads included,
/// passes, and none is left out.
#[test]
fn the_whole_catalog_passes_the_kit() {
    let output = kit(&[("MEETING_API_SPEC_DIR", "catalog")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", text(&output));
    let operations = meeting_api_spec::spec_files_in(&workspace().join("catalog"))
        .expect("catalog/ is readable")
        .len();
    assert_eq!(operations, 201);
    for case in [
        "create_meeting::schedule-video-meeting",
        "search_meetings::list",
        "add_material::status-200",
        "upload_file::status-200",
        "hand::raise-hand",
    ] {
        assert_eq!(verdict(&stdout, case), "ok", "{case}:\n{stdout}");
    }
    let summary = stdout
        .lines()
        .find(|line| line.ends_with(" failed") && line.contains(" cases: "))
        .unwrap_or_else(|| panic!("no summary line:\n{stdout}"));
    assert!(summary.ends_with(", 0 failed"), "{summary}");
}

#[test]
fn an_invalid_spec_stops_the_build_with_its_diagnostics() {
    let output = kit(&[("MEETING_API_SPEC_DIR", "conformance/tests/invalid-specs")]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("conformance: the specs cannot be built"), "{stderr}");
    assert!(
        stderr.contains("broken.yaml:3:9: method: `method` is the string \"GTE\""),
        "{stderr}"
    );
}

/// The base URL that a server process prints first: `listening on URL`.
fn announced_url(child: &mut Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut line)
        .expect("the server prints its URL");
    line.trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("expected `listening on URL`, got {line:?}"))
        .to_owned()
}

/// The token-checking stand-in (`conformance::fixture`) for the specs of
/// `spec/`, read now: it serves from its own threads while the child
/// cargo runs, and stops with the test.
struct Fixture {
    _server: wiremock::MockServer,
    url: String,
}

impl Fixture {
    fn start(token: &str) -> Self {
        let files = meeting_api_spec::spec_files_in(&workspace().join("spec")).expect("spec/ is readable");
        let specs: Vec<_> = files
            .iter()
            .map(|file| meeting_api_spec::load(file).expect("the repository's specs are valid"))
            .collect();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let server = runtime.block_on(conformance::fixture::serve(&specs, token));
        let url = server.uri();
        Self { _server: server, url }
    }
}

const REAL_TOKEN: &str = "real-token-0f3c9a";
const DOCUMENTED_TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";

#[test]
fn live_mode_runs_the_examples_against_a_token_checking_server_with_the_users_values() {
    let fixture = Fixture::start(REAL_TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let values = dir.path().join("values.yaml");
    std::fs::write(
        &values,
        format!("X-Conference-Authorization: {REAL_TOKEN}\nconference_token:\n  X-Password: {REAL_TOKEN}\n"),
    )
    .unwrap();
    let values = values.display().to_string();

    // Without the opt-in, only GET runs; the PUT examples are reported as not run.
    let output = kit(&[
        ("MEETING_API_BASE_URL", &fixture.url),
        ("MEETING_API_LIVE_VALUES", &values),
    ]);
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert_eq!(verdict(&all, "conference_token::obtain-token"), "ok", "{all}");
    assert_eq!(
        verdict(&all, "hands::raise-hand"),
        "ignored (PUT changes state; set MEETING_API_LIVE_WRITES=1 to run it)",
        "{all}"
    );
    assert!(
        !all.contains("status-200"),
        "live mode runs the example cases only:\n{all}"
    );
    assert!(all.contains(&format!("against live server {}", fixture.url)), "{all}");
    assert!(!all.contains(REAL_TOKEN), "a real secret was printed:\n{all}");

    // With it, every example runs and passes with the real token.
    let output = kit(&[
        ("MEETING_API_BASE_URL", &fixture.url),
        ("MEETING_API_LIVE_VALUES", &values),
        ("MEETING_API_LIVE_WRITES", "1"),
    ]);
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert_eq!(verdict(&all, "hands::raise-hand"), "ok", "{all}");
    assert_eq!(verdict(&all, "mute::unmute"), "ok", "{all}");
    assert!(!all.contains(REAL_TOKEN), "a real secret was printed:\n{all}");

    // An environment variable overrides the file: a wrong token is refused,
    // and the failure shows neither token.
    let output = kit(&[
        ("MEETING_API_BASE_URL", &fixture.url),
        ("MEETING_API_LIVE_VALUES", &values),
        ("MEETING_API_LIVE_WRITES", "1"),
        ("MEETING_API_VALUE_X_CONFERENCE_AUTHORIZATION", "wrong-token-77"),
    ]);
    let all = text(&output);
    assert!(!output.status.success(), "{all}");
    assert_eq!(verdict(&all, "hands::raise-hand"), "FAILED", "{all}");
    assert!(
        all.contains("expected status 200 as documented, got error Documented { status: 401"),
        "{all}"
    );
    for secret in [REAL_TOKEN, DOCUMENTED_TOKEN, "wrong-token-77"] {
        assert!(!all.contains(secret), "{secret} was printed:\n{all}");
    }
}

#[test]
fn adding_or_editing_a_spec_rebuilds_the_kit() {
    let specs = tempfile::tempdir().unwrap();
    let dir = specs.path();
    let lookup = include_str!("../../conformance/tests/specs/lookup.yaml");
    std::fs::write(dir.join("lookup.yaml"), lookup).unwrap();
    let dir_text = dir.display().to_string();

    let first = text(&kit(&[("MEETING_API_SPEC_DIR", &dir_text)]));
    assert_eq!(verdict(&first, "lookup_user::status-429"), "ok", "{first}");

    // A new file, and an edit that documents one more status.
    std::fs::write(
        dir.join("room.yaml"),
        include_str!("../../conformance/tests/specs/room.yaml"),
    )
    .unwrap();
    let edited = lookup.replace(
        "  - status: 429\n",
        "  - status: 503\n    description: Down.\n  - status: 429\n",
    );
    std::fs::write(dir.join("lookup.yaml"), edited).unwrap();
    let second = text(&kit(&[("MEETING_API_SPEC_DIR", &dir_text)]));
    assert_eq!(verdict(&second, "update_room::update-everything"), "ok", "{second}");
    assert_eq!(verdict(&second, "lookup_user::status-503"), "ok", "{second}");
}

/// `meeting-api mock spec/`, started as a user would, in its own process;
/// it stops with the test.
struct MockServer {
    child: Child,
    url: String,
    log: tempfile::TempPath,
}

impl MockServer {
    fn start() -> Self {
        let log = tempfile::NamedTempFile::new().expect("a log file").into_temp_path();
        let mut child = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
            .args(["mock", "spec", "--addr", "127.0.0.1:0"])
            .current_dir(workspace())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("the log file can be opened"))
            .spawn()
            .expect("the mock starts");
        let url = announced_url(&mut child);
        Self { child, url, log }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn live_mode_passes_against_the_mock_server_of_the_specs() {
    let mock = MockServer::start();
    let output = kit(&[("MEETING_API_BASE_URL", &mock.url), ("MEETING_API_LIVE_WRITES", "1")]);
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    for case in [
        "hands::raise-hand",
        "hands::host-cannot-raise-hand",
        "mute::unmute",
        "conference_token::obtain-token",
    ] {
        assert_eq!(verdict(&all, case), "ok", "{case}:\n{all}");
    }
    assert!(all.contains(&format!("against live server {}", mock.url)), "{all}");

    // Every case reached the mock, and the mock accepted each request: it
    // answers a refused one with a reason after ` - `; a documented error
    // example (mute's unknown participant) gets its documented 400.
    drop(output);
    let log = std::fs::read_to_string(&mock.log).expect("the access log");
    let hands = "PUT /v1/mmc/control/conferences/participants/hands?conferenceID=914083136&participantID=";
    assert_eq!(log.lines().filter(|l| l.starts_with(hands)).count(), 2, "{log}");
    for line in log.lines() {
        assert!(
            !line.contains(" - "),
            "the mock refused a documented request: {line}\n{log}"
        );
    }
    assert!(
        log.contains("participantID=00000000000000000000000000000000 400 "),
        "{log}"
    );
    assert!(!log.contains(DOCUMENTED_TOKEN), "{log}");
}
