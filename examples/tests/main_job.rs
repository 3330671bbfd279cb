//! The README's main command: the whole flow against the embedded mock of
//! the catalog, under strict auth, so that every call that went through
//! carried a live token the session obtained itself.

use std::process::Command;

#[test]
fn the_flow_runs_against_the_embedded_mock_with_tokens_it_obtains_itself() {
    let output = Command::new(env!("CARGO_BIN_EXE_meeting-control"))
        .env_remove("MEETING_API_BASE_URL")
        .env_remove("MEETING_API_PASSWORD")
        .output()
        .expect("the example starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("(embedded mock of catalog/, strict auth)"), "{stdout}");
    // One login; the control token obtained, then renewed; every call 200
    // (strict auth refuses a missing or dead token with 401).
    assert_eq!(
        stdout.matches("POST /v1/usg/acs/auth/account 200").count(),
        1,
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("GET /v1/mmc/control/conferences/token?").count(),
        2,
        "{stdout}"
    );
    assert_eq!(
        stdout
            .matches("PUT /v1/mmc/control/conferences/participants/hands?")
            .count(),
        2,
        "{stdout}"
    );
    assert!(
        stdout.contains("GET /v1/mmc/management/conferences?offset=0&limit=20 200"),
        "{stdout}"
    );
    assert!(!stdout.contains(" 401 "), "{stdout}");
    assert_eq!(stdout.matches("Result: 200 OK").count(), 2, "{stdout}");
    assert!(stdout.contains("Result: 1 meetings"), "{stdout}");
    assert!(!stdout.contains("example-password"), "the password leaked:\n{stdout}");
}

#[test]
fn the_real_service_without_a_password_is_refused_before_sending() {
    let output = Command::new(env!("CARGO_BIN_EXE_meeting-control"))
        .args(["--base-url", "http://127.0.0.1:9"])
        .env_remove("MEETING_API_PASSWORD")
        .output()
        .expect("the example starts");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("set MEETING_API_PASSWORD"));
}
