//! Where cargo built the running test: shared by the tests that run cargo.

use std::path::PathBuf;

/// `…/target/debug/deps/<test>-<hash>`: three levels up from the test
/// binary. This is the dir cargo really built into, whatever configured it
/// (CARGO_TARGET_DIR, `build.target-dir`, a workspace).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors()
        .nth(3)
        .expect("the test binary lives in <target>/<profile>/deps")
        .to_path_buf()
}
