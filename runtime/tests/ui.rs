//! Compile-time behaviour of `#[meeting_api]`: every spec mistake is a
//! compile error that names the file, line and column. (Valid specs that
//! must compile are in `tests/compiles`: with only compile-fail cases,
//! trybuild checks them all in one `cargo check` instead of building and
//! running each case.)

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    link_fixtures();
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/fail/*.rs");
}

/// trybuild compiles each case in a generated crate under the target dir,
/// and that crate's CARGO_MANIFEST_DIR is where the attribute resolves
/// `spec = "..."`. A link from there to `tests/ui` lets the cases write short
/// relative paths (`ui/fail/x.yaml`), exactly as the messages repeat them, so
/// the `.stderr` snapshots do not depend on where the checkout or the target
/// dir lives.
fn link_fixtures() {
    let project = target_dir().join("tests").join("trybuild").join(env!("CARGO_PKG_NAME"));
    std::fs::create_dir_all(&project).expect("create the trybuild project dir");
    let link = project.join("ui");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("ui");
    if std::fs::read_link(&link).is_ok_and(|current| current == fixtures) {
        return;
    }
    // A stale link (from another checkout) or anything else in the way.
    match std::fs::symlink_metadata(&link) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&link).expect("remove the old ui dir"),
        Ok(_) => std::fs::remove_file(&link).expect("remove the stale ui link"),
        Err(_) => {}
    }
    symlink_dir(&fixtures, &link);
}

#[cfg(unix)]
fn symlink_dir(original: &Path, link: &Path) {
    std::os::unix::fs::symlink(original, link).expect("link the ui fixtures into the trybuild project");
}

#[cfg(windows)]
fn symlink_dir(original: &Path, link: &Path) {
    std::os::windows::fs::symlink_dir(original, link).expect("link the ui fixtures into the trybuild project");
}

/// `…/target/debug/deps/ui-<hash>`: three levels up from the test binary.
/// This is the dir cargo really built into, whatever configured it
/// (CARGO_TARGET_DIR, `build.target-dir`, a workspace).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors()
        .nth(3)
        .expect("the test binary lives in <target>/<profile>/deps")
        .to_path_buf()
}
