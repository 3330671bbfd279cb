//! The official Python SDK (pinned, in `target/sdk-venv`, installed by
//! `.ci/test` through `tools/catalog/venv.sh`) against `meeting-api mock
//! catalog/`: for every one of its 201 operations it sends a request of
//! sample values (`tools/sdk-proof/run.py --all`), the mock accepts it as
//! fitting the operation's spec and answers a 2xx, and the SDK decodes the
//! answer. The logins go over TLS, as the SDK always sends them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
        .to_owned()
}

/// `<target>/sdk-venv/bin/python`, where venv.sh puts it: the target dir
/// is three levels above this test binary (`<target>/debug/deps/…`).
fn sdk_python() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let target = exe
        .ancestors()
        .nth(3)
        .expect("the test binary lives in <target>/<profile>/deps");
    target.join("sdk-venv/bin/python")
}

/// The mock as a process; killed when the test ends.
struct Mock(Child);

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_official_sdk_gets_a_decodable_2xx_for_every_operation_from_the_mock_of_the_catalog() {
    let python = sdk_python();
    if !python.is_file() {
        assert!(
            std::env::var("MEETING_API_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{} is missing (run tools/catalog/venv.sh), and MEETING_API_REQUIRE_TOOLS=1 requires it",
            python.display()
        );
        eprintln!("note: the SDK's venv is missing (tools/catalog/venv.sh); skipped");
        return;
    }
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
        .args(["mock", "catalog", "--addr", "127.0.0.1:0", "--tls-self-signed"])
        .current_dir(workspace())
        .stdout(Stdio::piped())
        .stderr(log.reopen().unwrap())
        .spawn()
        .expect("the mock starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _mock = Mock(child);
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .expect("the mock's URL")
        .to_owned();

    let out = tempfile::tempdir().unwrap();
    let run = Command::new(&python)
        .arg(workspace().join("tools/sdk-proof/run.py"))
        .args(["--all", "--endpoint", &url, "--out"])
        .arg(out.path())
        .output()
        .expect("the SDK harness runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let log = std::fs::read_to_string(log.path()).unwrap();
    assert!(
        run.status.success() && stdout.contains("\"passed\": 201"),
        "{stdout}\n{}\nmock log:\n{log}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The mock refuses a request that does not fit its spec with a reason
    // after ` - `: none may be refused.
    let refused: Vec<&str> = log.lines().filter(|l| l.contains(" - ")).collect();
    assert!(
        refused.is_empty(),
        "the mock refused requests of the SDK:\n{}",
        refused.join("\n")
    );
}
