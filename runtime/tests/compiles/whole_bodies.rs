// Whole bodies (new since v1): an array request and response, and maps in
// a field and as the whole body, through the typed builder.
#[meeting_api::meeting_api(spec = "tests/specs/add_attendees.yaml")]
mod attendees {}

#[meeting_api::meeting_api(spec = "tests/specs/set_labels.yaml")]
mod labels {}

use std::collections::BTreeMap;

use meeting_api::{Operation, RawResponse, RequestParts, StatusCode};

/// The JSON body `request` writes.
fn body_of(request: &impl Operation) -> serde_json::Value {
    let mut parts = RequestParts::new("/");
    request.write(&mut parts);
    serde_json::from_slice(parts.body().expect("a body")).expect("JSON")
}

/// `response.body()` is the list itself: no wrapper to reach through.
fn added_names(response: &meeting_api::Response<attendees::AddAttendeesResponse>) -> Vec<&str> {
    response.body().iter().map(|added| added.name.as_str()).collect()
}

#[test]
fn an_array_request_sends_the_list_as_the_body() {
    let request = attendees::AddAttendeesRequest::builder()
        .conference_id("914083136")
        .access_token("token")
        .body(vec![
            attendees::Attendee {
                name: "Alice".into(),
                phone: None,
                labels: Some(BTreeMap::from([("team".to_owned(), "blue".to_owned())])),
            },
            attendees::Attendee {
                name: "Bob".into(),
                phone: Some("+4722000000".into()),
                labels: None,
            },
        ])
        .build();
    assert_eq!(
        body_of(&request),
        serde_json::json!([{"name": "Alice", "labels": {"team": "blue"}}, {"name": "Bob", "phone": "+4722000000"}])
    );
    let _ = added_names;
}

#[test]
fn an_array_response_decodes_into_a_vec() {
    let raw = RawResponse::new(
        StatusCode::OK,
        Default::default(),
        r#"[{"userUUID": "u1", "name": "Alice", "labels": {"b": "2", "a": "1"}}]"#.into(),
    );
    let added: Vec<attendees::AddedAttendee> =
        attendees::AddAttendeesRequest::decode(&raw).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(added[0].user_uuid, "u1");
    // A BTreeMap keeps its keys in order, whatever order they came in.
    let keys: Vec<_> = added[0].labels.as_ref().expect("labels").keys().cloned().collect();
    assert_eq!(keys, ["a", "b"]);
}

#[test]
fn a_map_request_sends_the_map_as_the_body() {
    let request = labels::SetLabelsRequest::builder()
        .access_token("token")
        .body(BTreeMap::from([("site".to_owned(), "oslo".to_owned())]))
        .build();
    assert_eq!(body_of(&request), serde_json::json!({"site": "oslo"}));
    let raw = RawResponse::new(StatusCode::OK, Default::default(), r#"{"site": ["u1"]}"#.into());
    let set: BTreeMap<String, Vec<String>> = labels::SetLabelsRequest::decode(&raw).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set["site"], ["u1"]);
}
