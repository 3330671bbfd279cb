//! The kit itself: a client that does not send what the spec documents, or
//! decodes something else, fails its case with a precise, redacted report.
//! The hands client is generated here by the attribute, independently of
//! the spec directory the kit was built for, and paired with altered specs.

use std::time::Duration;

use conformance::{CaseResult, Report, Scenario, SpecEntry, Verdict, run};

#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
mod hands {}

const HANDS: &str = include_str!("../../spec/hands.yaml");
const TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";

/// The hands client checked against a spec that says something else.
fn altered(from: &str, to: &str) -> SpecEntry {
    assert!(HANDS.contains(from), "the hands spec has `{from}`");
    let text: &'static str = Box::leak(HANDS.replacen(from, to, 1).into_boxed_str());
    SpecEntry::new::<hands::HandsRequest>("altered-hands.yaml", text)
}

#[tokio::test]
async fn the_documented_hands_cases_pass() {
    let entry = SpecEntry::new::<hands::HandsRequest>("hands.yaml", HANDS);
    for case in conformance::cases(std::slice::from_ref(&entry)) {
        assert_eq!(run(&entry, &case.scenario).await, Ok(()), "{}", case.name);
    }
}

#[tokio::test]
async fn a_wrong_method_and_path_are_reported_with_a_redacted_curl_command() {
    let entry = altered(
        "method: PUT\npath: /v1/mmc/control/conferences/participants/hands",
        "method: POST\npath: /v1/other",
    );
    let failure = run(&entry, &Scenario::Example(0))
        .await
        .expect_err("the client sends PUT to the real path");
    assert!(failure.contains("method: expected POST, got PUT"), "{failure}");
    assert!(
        failure.contains(
            r#"path: expected segments ["", "v1", "other"], got `/v1/mmc/control/conferences/participants/hands`"#
        ),
        "{failure}"
    );
    assert!(
        failure.contains("reproduce it with:\ncurl -i -X PUT 'http://127.0.0.1:"),
        "{failure}"
    );
    assert!(
        failure.contains("-H 'x-conference-authorization: [redacted]'"),
        "{failure}"
    );
    assert!(failure.contains(r#"--data-raw '{"handsState":1}'"#), "{failure}");
    assert!(!failure.contains(TOKEN), "the token leaked:\n{failure}");
}

/// What the hands client sends, with `token`, to a server that answers 200
/// to anything; the server is returned so that it outlives the request.
async fn sent_by_the_hands_client(token: &str) -> (wiremock::MockServer, wiremock::Request) {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = meeting_api::Client::builder().base_url(server.uri()).build().unwrap();
    let request = hands::HandsRequest::builder()
        .conference_id("914083136")
        .participant_id("d2c3ae64216e11eabc510dc9b62e3a80")
        .conference_authorization(token)
        .hands_state(hands::HandsState::Raise)
        .build();
    client.send(request).await.expect("200");
    let sent = server.received_requests().await.unwrap().remove(0);
    (server, sent)
}

#[tokio::test]
async fn a_query_value_a_header_and_a_body_field_that_differ_are_named() {
    let (_server, sent) = sent_by_the_hands_client(TOKEN).await;
    let sent = &sent;

    // The documented request: another participant, another token, a lowered hand.
    let entry = altered(
        "participantID: d2c3ae64216e11eabc510dc9b62e3a80\n      headers:",
        "participantID: someone-else\n      headers:",
    );
    let mut documented = entry.spec.examples[0].request.clone();
    documented.headers[0].1 = serde_json::json!("another-token");
    documented.body = Some(serde_json::json!({"handsState": 0}));
    let expected = conformance::Expected::new(&entry.spec, &documented);

    assert_eq!(
        conformance::differences(&expected, sent),
        [
            "query `participantID`: expected `someone-else`, got `d2c3ae64216e11eabc510dc9b62e3a80`",
            "header `X-Conference-Authorization`: expected [redacted], got [redacted]",
            "/handsState: expected 0, got 1",
        ]
    );
}

#[tokio::test]
async fn a_decoded_body_that_differs_is_reported_by_json_pointer() {
    // The altered spec documents a 200 body; the hands client decodes none.
    let with_body = HANDS
        .replacen(
            "  - status: 200\n    description: Operation successful.",
            "  - status: 200\n    description: Operation successful.\n    body:\n      - name: state\n        type: object\n        fields:\n          - name: a/b\n            type: integer",
            1,
        )
        .replacen(
            "        X-Request-Id: f78b007ec2dabf1498620131c7bc19e0\n",
            "        X-Request-Id: f78b007ec2dabf1498620131c7bc19e0\n      body:\n        state:\n          a/b: 7\n",
            1,
        );
    let entry = SpecEntry::new::<hands::HandsRequest>("altered-hands.yaml", Box::leak(with_body.into_boxed_str()));
    let failure = run(&entry, &Scenario::Example(0))
        .await
        .expect_err("the hands client decodes no body");
    assert!(
        failure.contains("the decoded body differs from the documented one"),
        "{failure}"
    );
    assert!(
        failure.contains(r#"body: expected {"state":{"a/b":7}}, got null"#),
        "{failure}"
    );
}

#[test]
fn json_differences_name_each_pointer() {
    let mut out = Vec::new();
    let want = serde_json::json!({"a": {"b~c": 1, "d/e": [1, 2]}, "gone": true});
    let have = serde_json::json!({"a": {"b~c": 2, "d/e": [1, 3]}, "new": null});
    conformance::json_differences(&want, &have, &mut out);
    assert_eq!(
        out,
        [
            "/a/b~0c: expected 1, got 2",
            "/a/d~1e/1: expected 2, got 3",
            "/gone: missing, expected true",
            "/new: extra, got null"
        ]
    );
}

#[test]
fn the_report_has_a_table_and_junit_xml() {
    let report = Report {
        results: vec![
            CaseResult {
                name: "hands::raise-hand".into(),
                verdict: Verdict::Pass,
                duration: Duration::from_millis(3),
            },
            CaseResult {
                name: "hands::status-400".into(),
                verdict: Verdict::Fail("expected <this> & \"that\"\nsecond line".into()),
                duration: Duration::from_millis(2),
            },
            CaseResult {
                name: "mute::unmute".into(),
                verdict: Verdict::NotRun("PUT changes state".into()),
                duration: Duration::ZERO,
            },
        ],
    };
    let table = report.table();
    assert!(table.contains("hands  raise-hand  pass"), "{table}");
    assert!(table.contains("hands  status-400  FAIL"), "{table}");
    assert!(table.contains("mute   unmute      not run"), "{table}");
    assert!(table.ends_with("3 cases: 1 passed, 1 failed, 1 not run"), "{table}");
    let xml = report.junit();
    assert!(
        xml.contains(r#"<testsuite name="hands" tests="2" failures="1" skipped="0""#),
        "{xml}"
    );
    assert!(xml.contains(r#"<skipped message="PUT changes state"/>"#), "{xml}");
    assert!(
        xml.contains(r#"<testcase classname="hands" name="raise-hand" time="0.003"/>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<failure message="expected &lt;this&gt; &amp; &quot;that&quot;">"#),
        "{xml}"
    );
}

/// A secret with quotes, a backslash and an apostrophe: `Debug`, JSON and a
/// shell each escape it differently, and no form may be printed.
const AWKWARD_SECRET: &str = r#"pa"ss\word'x"#;

#[tokio::test]
async fn a_secret_is_redacted_in_every_escaped_form_in_messages_and_junit() {
    let (server, sent) = sent_by_the_hands_client(AWKWARD_SECRET).await;
    let sent = &sent;

    // A documented body that holds the secret, so that the diff prints it
    // as JSON text, and the curl command quotes it for the shell.
    let entry = SpecEntry::new::<hands::HandsRequest>("hands.yaml", HANDS);
    let mut documented = entry.spec.examples[0].request.clone();
    documented.headers[0].1 = serde_json::json!(AWKWARD_SECRET);
    documented.body = Some(serde_json::json!({"handsState": 1, "note": AWKWARD_SECRET}));
    let expected = conformance::Expected::new(&entry.spec, &documented);
    assert_eq!(expected.secrets, [AWKWARD_SECRET]);
    let mut message = conformance::differences(&expected, sent).join("\n");
    message.push('\n');
    message.push_str(&conformance::curl(&expected, sent, &server.uri()));
    message.push('\n');
    message.push_str(&expected.redact(&format!("{AWKWARD_SECRET:?} {:?}", [AWKWARD_SECRET])));
    assert!(
        message.contains(r#"/note: missing, expected "[redacted]""#),
        "{message}"
    );

    let report = Report {
        results: vec![CaseResult {
            name: "hands::raise-hand".into(),
            verdict: Verdict::Fail(message.clone()),
            duration: Duration::ZERO,
        }],
    };
    let junit = report.junit();
    for (what, text) in [("message", &message), ("junit", &junit)] {
        for form in [
            AWKWARD_SECRET,
            r#"pa\"ss\\word'x"#,
            r#"pa"ss\word'\''x"#,
            r#"pa\&quot;ss\\word'x"#,
            "pa%22ss%5Cword%27x",
            "ss\\word",
            "ss\\\\word",
        ] {
            assert!(!text.contains(form), "the {what} shows the secret as {form}:\n{text}");
        }
    }
}
