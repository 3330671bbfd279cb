//! Editing a spec rebuilds the crate that names it: the attribute's
//! expansion includes the file with `include_str!`, so cargo tracks it.
//! Proved on a real downstream crate checked by cargo, whose source never
//! changes: it compiles only while the spec names its query param `first`.

use std::path::{Path, PathBuf};

#[path = "support/target_dir.rs"]
mod support;
use support::target_dir;
use std::process::Command;

const MAIN: &str = r#"
#[meeting_api::meeting_api(spec = "spec.yaml")]
mod api {}

// Compiles only when the expansion is of a spec with the param `first`.
fn main() {
    let _first = |request: api::PingRequest| request.first;
}
"#;

fn spec(param: &str) -> String {
    format!(
        "name: ping\nsummary: Ping\nmethod: GET\npath: /v1/ping\nparams:\n  - name: {param}\n    in: query\n    type: string\n\
         responses:\n  - status: 200\n    description: ok\n"
    )
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("runtime/ is in the workspace")
        .to_owned()
}

/// A standalone crate depending on the runtime by path, with the
/// workspace's lock file so that it builds offline with the same versions.
fn downstream_crate(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = workspace().join("runtime");
    let manifest = format!(
        "[package]\nname = \"rebuild-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nmeeting-api = {{ path = {:?} }}\n\n[workspace]\n",
        runtime.display()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/main.rs"), MAIN).unwrap();
}

/// `cargo check` of the crate: whether it compiled, and what cargo said.
/// Checking is enough to prove that the spec is read again, and it shares
/// the workspace's target directory, so that the dependencies are checked
/// once per target directory, not once per run.
fn cargo_check(dir: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}


#[test]
fn editing_the_spec_rebuilds_the_crate() {
    let crate_dir = tempfile::tempdir().unwrap();
    let dir = crate_dir.path();
    downstream_crate(dir);

    std::fs::write(dir.join("spec.yaml"), spec("first")).unwrap();
    let (ok, stderr) = cargo_check(dir);
    assert!(ok, "the downstream crate does not compile:\n{stderr}");

    std::fs::write(dir.join("spec.yaml"), spec("second")).unwrap();
    let (ok, stderr) = cargo_check(dir);
    assert!(
        !ok && stderr.contains("no field `first`"),
        "the edit to spec.yaml alone must recompile the crate with the new spec:\n{stderr}"
    );

    std::fs::write(dir.join("spec.yaml"), spec("first")).unwrap();
    let (ok, stderr) = cargo_check(dir);
    assert!(ok, "editing the spec back must compile again:\n{stderr}");
}
