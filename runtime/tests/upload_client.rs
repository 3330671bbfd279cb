//! A generated multipart client against a wiremock server: the upload
//! arrives as a `multipart/form-data` body whose parts, file names and
//! bytes are what the caller gave, under the Content-Type's boundary.

use meeting_api::{Client, FilePart, InvalidRequest};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "tests/specs/add_material.yaml")]
mod material {}

#[path = "support/multipart.rs"]
mod multipart;

async fn answering(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/v1/usg/sss/materials"))
        .and(header("X-Access-Token", "token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"materialId": "m1"})))
        .mount(server)
        .await;
}

fn client_for(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("client builds")
}

#[tokio::test]
async fn an_upload_arrives_as_its_parts() {
    let server = MockServer::start().await;
    answering(&server).await;
    let bytes: Vec<u8> = (0..=255).cycle().take(4096).collect();
    let response = material::AddMaterialRequest::builder()
        .access_token("token")
        .title("Q3 report")
        .file(FilePart::new("report.bin", bytes.clone()))
        .build()
        .send(&client_for(&server))
        .await
        .expect("documented 200");
    assert_eq!(response.body().material_id, "m1");

    let received = server.received_requests().await.expect("recording is on");
    let [request] = received.as_slice() else {
        panic!("one request, got {}", received.len())
    };
    let content_type = request.headers["content-type"].to_str().expect("text");
    let parts = multipart::parts(&request.body, multipart::boundary(content_type));
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].headers, ["Content-Disposition: form-data; name=\"title\""]);
    assert_eq!(parts[0].body, b"Q3 report");
    assert_eq!(
        parts[1].headers,
        ["Content-Disposition: form-data; name=\"file\"; filename=\"report.bin\""]
    );
    assert_eq!(parts[1].body, bytes);
}

#[tokio::test]
async fn a_file_without_a_name_is_refused_before_sending() {
    let server = MockServer::start().await;
    answering(&server).await;
    let error = material::AddMaterialRequest::builder()
        .access_token("token")
        .title("T")
        .file(FilePart::new("", "A"))
        .build()
        .send(&client_for(&server))
        .await
        .expect_err("an empty file name is refused");
    assert!(
        matches!(
            error,
            material::AddMaterialError::InvalidRequest(InvalidRequest::FileName { name: "file" })
        ),
        "{error:?}"
    );
    let header_breaking = FilePart::new("a.txt", "A").with_content_type("text/plain\r\nX-Evil: 1");
    let error = material::AddMaterialRequest::builder()
        .access_token("token")
        .title("T")
        .file(header_breaking)
        .build()
        .send(&client_for(&server))
        .await
        .expect_err("a content type with CRLF is refused");
    assert!(error.to_string().contains("content type"), "{error}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}
