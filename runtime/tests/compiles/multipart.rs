// A multipart/form-data body (new since v1): text parts and files set
// through the typed builder, written as parts in the SDK's order.
#[meeting_api::meeting_api(spec = "tests/specs/add_material.yaml")]
mod material {}

#[meeting_api::meeting_api(spec = "tests/specs/set_profile_image.yaml")]
mod profile_image {}

#[path = "../support/multipart.rs"]
mod wire_parts;

use meeting_api::{FilePart, Operation, RequestParts};

/// The Content-Type and the parts `request` writes.
fn written(request: &impl Operation) -> (String, Vec<wire_parts::Part>) {
    let mut parts = RequestParts::new("/");
    request.write(&mut parts);
    let content_type = parts.headers()["content-type"].to_str().expect("text").to_owned();
    let body = parts.body().expect("a body");
    let found = wire_parts::parts(body, wire_parts::boundary(&content_type));
    (content_type, found)
}

#[test]
fn text_parts_go_before_files_whatever_the_spec_order() {
    let request = material::AddMaterialRequest::builder()
        .access_token("token")
        .file(FilePart::new("logo.svg", "<svg/>").with_content_type("image/svg+xml"))
        .title("Logo")
        .kind(material::Kind::Document)
        .shared(false)
        .thumbnail(FilePart::new("small \"1\".png", vec![0x89, b'P', b'\r', b'\n', 0]))
        .build();
    let (_, parts) = written(&request);
    let headers: Vec<&[String]> = parts.iter().map(|p| p.headers.as_slice()).collect();
    assert_eq!(
        headers,
        [
            &["Content-Disposition: form-data; name=\"title\"".to_owned()][..],
            &["Content-Disposition: form-data; name=\"kind\"".to_owned()],
            &["Content-Disposition: form-data; name=\"shared\"".to_owned()],
            &[
                "Content-Disposition: form-data; name=\"file\"; filename=\"logo.svg\"".to_owned(),
                "Content-Type: image/svg+xml".to_owned(),
            ],
            &["Content-Disposition: form-data; name=\"thumbnail\"; filename=\"small %221%22.png\"".to_owned()],
        ]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|p| p.body.as_slice()).collect();
    assert_eq!(
        bodies,
        [&b"Logo"[..], b"1", b"false", b"<svg/>", &[0x89, b'P', b'\r', b'\n', 0]]
    );
}

#[test]
fn an_absent_optional_part_is_not_sent_and_a_file_has_no_content_type_unless_given() {
    let request = profile_image::SetProfileImageRequest::builder()
        .access_token("token")
        .file(FilePart::new("me.png", &b"PNG"[..]))
        .build();
    let (content_type, parts) = written(&request);
    assert!(content_type.starts_with("multipart/form-data; boundary=meeting-api-"));
    assert_eq!(
        parts,
        [wire_parts::Part {
            headers: vec!["Content-Disposition: form-data; name=\"file\"; filename=\"me.png\"".to_owned()],
            body: b"PNG".to_vec(),
        }]
    );
    let optional = material::AddMaterialRequest::builder()
        .access_token("token")
        .title("T")
        .file(FilePart::new("a.txt", "A"))
        .build();
    assert_eq!(written(&optional).1.len(), 2);
}

#[test]
fn debug_shows_files_by_name_and_length_only() {
    let request = profile_image::SetProfileImageRequest::builder()
        .access_token("token")
        .file(FilePart::new("me.png", "the secret bytes"))
        .build();
    let shown = format!("{request:?}");
    assert!(shown.contains("me.png") && shown.contains("len: 16"), "{shown}");
    assert!(!shown.contains("secret bytes"), "{shown}");
}
