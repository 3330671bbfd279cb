//! A user's crate, checked by a real cargo: editing its spec recompiles it
//! (the attribute's expansion includes the file with `include_str!`, so
//! cargo tracks it), and the code that `meeting-api generate` prints
//! compiles in it as source text, doc comments and literals included.
//!
//! The crate depends on the runtime by path and is checked, not built, in
//! this run's own target directory, so that its dependencies are checked
//! once per target directory.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
        .to_owned()
}

/// A standalone crate `name` with `main` as its `src/main.rs`, depending
/// on the runtime by path, with the workspace's lock file so that it builds
/// offline with the same versions. Each test names its own crate: cargo
/// keys a root package's check results by its name.
fn downstream_crate(dir: &Path, name: &str, main: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = workspace().join("runtime");
    let manifest = format!(
        "[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nmeeting-api = {{ path = {:?} }}\n\n[workspace]\n",
        runtime.display()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
}

/// Where the crate `name` lives: under the target directory, at the same
/// path in every run, so that a rerun checks the same package again
/// instead of adding one more (cargo tells path packages apart by path).
fn downstream_dir(name: &str) -> PathBuf {
    target_dir().join("downstream").join(name)
}

/// `cargo check` of the crate: whether it compiled, and what cargo said.
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

/// `…/target/debug/deps/downstream-<hash>`: three levels up from the test
/// binary is the dir cargo really built into, whatever configured it.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors()
        .nth(3)
        .expect("the test binary lives in <target>/<profile>/deps")
        .to_path_buf()
}

/// The crate compiles only when the expansion is of a spec whose query
/// param is `first`; its source never changes.
const USES_FIRST: &str = r#"
#[meeting_api::meeting_api(spec = "spec.yaml")]
mod api {}

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

#[test]
fn editing_the_spec_rebuilds_the_crate() {
    let dir = &downstream_dir("rebuild-check");
    downstream_crate(dir, "rebuild-check", USES_FIRST);

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

/// rustc reads printed source more strictly than the attribute's tokens: a
/// bare CR or a text-direction codepoint in a `///` comment or a literal is
/// an error there. The hostile spec has both, in every text it holds.
#[test]
fn the_printed_code_of_every_kind_of_spec_compiles() {
    let specs = [
        "spec/hands.yaml",
        "spec/token.yaml",
        "runtime/tests/specs/spec_text.yaml",
        "runtime/tests/specs/setters.yaml",
        "runtime/tests/specs/body_param.yaml",
        "runtime/tests/specs/update_room.yaml",
        // A paged operation: its `Paged` impl.
        "runtime/tests/specs/list_rooms.yaml",
        // A catalog: the shapes module and the operations naming it.
        "runtime/tests/specs/shop",
    ];
    let mut main = String::from("#![allow(dead_code)]\n");
    for (i, spec) in specs.iter().enumerate() {
        let output = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
            .args(["generate", spec])
            .current_dir(workspace())
            .output()
            .expect("the command runs");
        let printed = String::from_utf8(output.stdout).expect("the printed code is UTF-8");
        assert!(
            output.status.success(),
            "{spec}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        main.push_str(&format!("mod spec_{i} {{\n{printed}\n}}\n"));
    }
    main.push_str("fn main() {}\n");
    let dir = downstream_dir("printed-check");
    downstream_crate(&dir, "printed-check", &main);
    let (ok, stderr) = cargo_check(&dir);
    assert!(ok, "the printed code does not compile:\n{stderr}");
}
