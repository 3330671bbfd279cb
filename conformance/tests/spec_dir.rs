//! `MEETING_API_SPEC_DIR` points the kit at specs it has never seen: the
//! kit is built for them and passes, and an invalid spec stops the build
//! with its diagnostics. Each run is a real `cargo test` of the kit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("conformance/ is in the workspace")
        .to_owned()
}

/// `cargo test -p conformance --test conformance` for the specs of `dir`,
/// in a target dir of its own (the outer run holds the usual one).
fn kit_for(dir: &str) -> Output {
    Command::new(env!("CARGO"))
        .args(["test", "--offline", "-p", "conformance", "--test", "conformance"])
        .current_dir(workspace())
        .env("MEETING_API_SPEC_DIR", dir)
        .env("CARGO_TARGET_DIR", workspace().join("target/conformance-spec-dir"))
        .env(
            "MEETING_API_JUNIT",
            workspace().join("target/conformance-spec-dir/junit.xml"),
        )
        .output()
        .expect("cargo runs")
}

#[test]
fn specs_the_kit_has_never_seen_are_built_and_pass() {
    let output = kit_for("conformance/tests/specs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
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
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}

#[test]
fn an_invalid_spec_stops_the_build_with_its_diagnostics() {
    let output = kit_for("conformance/tests/invalid-specs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("conformance: the specs cannot be built"), "{stderr}");
    assert!(
        stderr.contains("broken.yaml:3:9: method: `method` is the string \"GTE\""),
        "{stderr}"
    );
}
