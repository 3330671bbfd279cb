//! The kit on a multipart spec (new since v1): it builds the request from
//! the example's form values and compares the parts the client wrote
//! (names, file names, Content-Types, bytes) with the documented ones.

use conformance::{SpecEntry, run};

#[meeting_api::meeting_api(spec = "../runtime/tests/specs/add_material.yaml")]
mod material {}

const MATERIAL: &str = include_str!("../../runtime/tests/specs/add_material.yaml");

fn entry() -> SpecEntry {
    SpecEntry::new::<material::AddMaterialRequest>("add_material.yaml", MATERIAL)
}

#[tokio::test]
async fn a_multipart_example_case_passes_when_the_parts_agree() {
    let entry = entry();
    let cases = conformance::cases(std::slice::from_ref(&entry));
    let case = cases
        .iter()
        .find(|c| c.name == "add_material::upload-a-logo")
        .expect("the example is a case");
    run(&entry, &case.scenario)
        .await
        .expect("the client writes the documented parts");
}

#[tokio::test]
async fn a_part_that_differs_is_named_with_what_differs() {
    let entry = entry();
    let example = &entry.spec.examples[0].request;
    let mut expected = conformance::Expected::new(&entry.spec, example);
    let parts = expected.form.as_mut().expect("a form");
    let file = parts.iter_mut().find(|p| p.file_name.is_some()).expect("a file part");
    file.content = b"other bytes".to_vec();
    let name = file.name.clone();

    let server = wiremock::MockServer::start().await;
    let client = meeting_api::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client");
    // Answered 404 by the empty mock; only the request matters here.
    let _ = entry
        .call(&client, conformance::wire_values(&entry.spec, example))
        .await;
    let received = server.received_requests().await.expect("recording is on");
    let differences = conformance::differences(&expected, &received[0]);
    let wanted = format!("part `{name}`: expected \"other bytes\", got");
    assert!(differences.iter().any(|d| d.starts_with(&wanted)), "{differences:?}");
    // The parts the client was given, unchanged, are no difference.
    let differences = conformance::differences(&conformance::Expected::new(&entry.spec, example), &received[0]);
    assert_eq!(differences, Vec::<String>::new());
}
