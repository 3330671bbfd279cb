//! Editing a spec rebuilds the crate that names it: the attribute's
//! expansion includes the file with `include_str!`, so cargo tracks it.
//! Proved on a real downstream crate built twice by cargo.

use std::path::{Path, PathBuf};
use std::process::Command;

const MAIN: &str = r#"
#[meeting_api::meeting_api(spec = "spec.yaml")]
mod api {}

fn main() {
    println!("{}", <api::PingRequest as meeting_api::Operation>::INFO.path);
}
"#;

fn spec(path: &str) -> String {
    format!("name: ping\nsummary: Ping\nmethod: GET\npath: {path}\nresponses:\n  - status: 200\n    description: ok\n")
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

fn cargo_run(dir: &Path) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the downstream crate failed to build or run:\n{stderr}"
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn editing_the_spec_rebuilds_the_crate() {
    // Under target/, so that the second run of the suite reuses the build.
    let dir = workspace().join("target/rebuild-check");
    downstream_crate(&dir);

    std::fs::write(dir.join("spec.yaml"), spec("/v1/first")).unwrap();
    assert_eq!(cargo_run(&dir), "/v1/first");

    std::fs::write(dir.join("spec.yaml"), spec("/v1/second")).unwrap();
    assert_eq!(
        cargo_run(&dir),
        "/v1/second",
        "the edit to spec.yaml alone must rebuild the crate"
    );
}
