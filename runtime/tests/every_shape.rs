//! A spec with every shape of the format (path params, lists, nested
//! objects, several 2xx statuses, a declared error body) on the wire.

use meeting_api::Client;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "tests/specs/update_room.yaml")]
pub mod room {}

use room::{Layout, MembersItem, Role, Settings, Type, UpdateRoomError, UpdateRoomRequest, UpdateRoomResponse};

async fn serve(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).respond_with(response).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    (server, client)
}

/// A request with the required params only.
fn minimal_request() -> UpdateRoomRequest {
    UpdateRoomRequest::builder()
        .room_id("r")
        .member(1)
        .type_(Type::Increment)
        .build()
}

fn full_request() -> UpdateRoomRequest {
    UpdateRoomRequest::builder()
        .room_id("a/b+c@d é")
        .member(7)
        .type_(Type::Increment)
        .tags(vec!["x y".to_owned(), "z&=#".to_owned()])
        .verbose(true)
        .trace("t-1")
        .settings(Settings {
            volume: Some(0.5),
            layout: Layout { columns: 3 },
        })
        .members(vec![MembersItem {
            user_id: "u1".into(),
            role: Some(Role::Host),
        }])
        .build()
}

#[tokio::test]
async fn every_param_goes_where_the_spec_says() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let response = client.send(full_request()).await.expect("204");
    assert_eq!(*response.body(), UpdateRoomResponse::NoContent);

    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(received.url.path(), "/v1/rooms/a%2Fb%2Bc%40d%20%C3%A9/members/7");
    let query: Vec<(String, String)> = received.url.query_pairs().into_owned().collect();
    let expected = [("tags", "x y"), ("tags", "z&=#"), ("verbose", "true")];
    assert_eq!(query, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(received.headers.get("x-trace").unwrap(), "t-1");
    let body: serde_json::Value = serde_json::from_slice(&received.body).unwrap();
    let expected = json!({
        "type": "INCREMENT",
        "settings": {"volume": 0.5, "layout": {"columns": 3}},
        "members": [{"userID": "u1", "role": 1}]
    });
    assert_eq!(body, expected);
}

#[tokio::test]
async fn absent_optional_params_are_left_out() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    client
        .send(
            UpdateRoomRequest::builder()
                .room_id("r")
                .member(1)
                .type_(Type::EverythingAtOnce)
                .build(),
        )
        .await
        .expect("204");
    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(received.url.query(), None);
    assert!(received.headers.get("x-trace").is_none());
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&received.body).unwrap(),
        json!({"type": "FULL"})
    );
}

#[tokio::test]
async fn each_2xx_decodes_into_its_variant() {
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_json(json!({"roomID": "r", "type": "FULL"}))).await;
    match client.send(minimal_request()).await.expect("200").into_body() {
        UpdateRoomResponse::Ok(body) => {
            assert_eq!(body.room_id, "r");
            assert_eq!(body.type_, Some(room::UpdateRoomOkBodyType::Full));
        }
        other => panic!("expected Ok, got {other:?}"),
    }
}

#[tokio::test]
async fn a_declared_error_body_decodes_into_its_variant() {
    let (_server, client) = serve(ResponseTemplate::new(404).set_body_json(json!({"code": "NO_ROOM"}))).await;
    match client.send(minimal_request()).await {
        Err(UpdateRoomError::NotFound(body)) => assert_eq!(body.code, "NO_ROOM"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn a_spec_without_server_needs_a_base_url() {
    let client = Client::new().unwrap();
    match client.send(minimal_request()).await {
        Err(UpdateRoomError::InvalidRequest(meeting_api::InvalidRequest::NoBaseUrl { operation })) => {
            assert_eq!(operation, "update_room")
        }
        other => panic!("expected NoBaseUrl, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unlisted_enum_value_in_a_response_decodes_into_unknown() {
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_json(json!({"roomID": "r", "type": "NEW"}))).await;
    match client.send(minimal_request()).await.expect("200").into_body() {
        UpdateRoomResponse::Ok(body) => {
            assert_eq!(body.type_, Some(room::UpdateRoomOkBodyType::Unknown("NEW".to_owned())))
        }
        other => panic!("expected Ok, got {other:?}"),
    }
}

#[tokio::test]
async fn a_value_that_is_no_enum_value_is_still_a_decode_error() {
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(json!({"roomID": "r", "type": 1}))).await;
    let error = client.send(minimal_request()).await.unwrap_err();
    assert!(matches!(error, UpdateRoomError::Decode(_)), "{error:?}");
    assert!(!error.is_retryable());
}
