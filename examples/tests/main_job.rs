//! The README's main command: the example against its embedded mock sends
//! both documented requests, gets both typed results, and shows no token.

use std::process::Command;

#[test]
fn the_example_runs_against_the_embedded_mock() {
    let output = Command::new(env!("CARGO_BIN_EXE_meeting-control"))
        .env_remove("MEETING_API_BASE_URL")
        .env_remove("MEETING_API_TOKEN")
        .output()
        .expect("the example starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("(embedded mock)"), "{stdout}");
    assert!(stdout.contains("Sent: PUT /v1/mmc/control/conferences/participants/hands?conferenceID=914083136&participantID=d2c3ae64216e11eabc510dc9b62e3a80"), "{stdout}");
    assert!(stdout.contains(r#"body: {"handsState":1}"#), "{stdout}");
    assert!(stdout.contains(r#"body: {"isMute":1}"#), "{stdout}");
    assert_eq!(stdout.matches("Result: Ok: status 200 OK").count(), 2, "{stdout}");
    assert!(
        !stdout.contains("stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb"),
        "the token leaked:\n{stdout}"
    );
}

#[test]
fn a_real_server_without_a_token_is_refused_before_sending() {
    let output = Command::new(env!("CARGO_BIN_EXE_meeting-control"))
        .args(["--base-url", "http://127.0.0.1:9"])
        .env_remove("MEETING_API_TOKEN")
        .output()
        .expect("the example starts");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("set MEETING_API_TOKEN"));
}
