//! The kit's cases on specs whose whole request or response body is an
//! array or a map (new since v1): each generated client, built here by the
//! attribute, passes every case the kit derives from its spec.

use conformance::{SpecEntry, run};

#[meeting_api::meeting_api(spec = "../runtime/tests/specs/add_attendees.yaml")]
mod attendees {}

#[meeting_api::meeting_api(spec = "../runtime/tests/specs/set_labels.yaml")]
mod labels {}

const ATTENDEES: &str = include_str!("../../runtime/tests/specs/add_attendees.yaml");
const LABELS: &str = include_str!("../../runtime/tests/specs/set_labels.yaml");

/// Runs every case of `entry`, which must include the cases of `examples`.
async fn every_case_passes(entry: SpecEntry, examples: &[&str]) {
    let cases = conformance::cases(std::slice::from_ref(&entry));
    for example in examples {
        let name = format!("{}::{example}", entry.spec.name);
        assert!(cases.iter().any(|c| c.name == name), "no case {name}");
    }
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(failure) = run(&entry, &case.scenario).await {
            failures.push(format!("{}: {failure}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[tokio::test]
async fn an_array_body_and_an_array_answer_pass_every_case() {
    every_case_passes(
        SpecEntry::new::<attendees::AddAttendeesRequest>("add_attendees.yaml", ATTENDEES),
        &["add-two", "refused"],
    )
    .await;
}

#[tokio::test]
async fn a_map_body_and_a_map_answer_pass_every_case() {
    every_case_passes(
        SpecEntry::new::<labels::SetLabelsRequest>("set_labels.yaml", LABELS),
        &["set-two"],
    )
    .await;
}
