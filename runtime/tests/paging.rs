//! The paging streams (`Client::items`, `Client::pages`) against wiremock:
//! which offsets and limits each page asks for, and where the stream
//! ends: at the total, at a short or empty page, at an error (yielded
//! first), at an offset the param cannot hold.

use futures_util::StreamExt;
use meeting_api::{Client, InvalidRequest, Page};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "tests/specs/list_rooms.yaml")]
pub mod rooms {}

/// Its items are at `page.data` (a shared shape) and its offset is an `i64`.
#[meeting_api::meeting_api(spec = "tests/specs/shop/search_items.yaml")]
pub mod search {}

use rooms::{ListRoomsError, ListRoomsRequest};

fn rooms(ids: &[&str]) -> Value {
    ids.iter().map(|id| json!({"roomID": id})).collect()
}

/// Answers `body` to the page asked for at `offset`.
async fn page(server: &MockServer, offset: i64, body: Value) {
    Mock::given(method("GET"))
        .and(path("/v1/rooms"))
        .and(query_param("offset", offset.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("a client")
}

fn request(limit: Option<i32>) -> ListRoomsRequest {
    let mut request = ListRoomsRequest::builder().access_token("token").build();
    request.limit = limit;
    request
}

/// The `offset` and `limit` of each request the server got, in order.
async fn asked(server: &MockServer) -> Vec<(Option<String>, Option<String>)> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|request| {
            let value = |name: &str| {
                request
                    .url
                    .query_pairs()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.into_owned())
            };
            (value("offset"), value("limit"))
        })
        .collect()
}

fn at(offset: &str, limit: &str) -> (Option<String>, Option<String>) {
    (Some(offset.to_owned()), Some(limit.to_owned()))
}

async fn ids(client: &Client, request: ListRoomsRequest) -> Result<Vec<String>, ListRoomsError> {
    let items: Vec<_> = client.items(request).collect().await;
    items.into_iter().map(|room| room.map(|room| room.room_id)).collect()
}

#[tokio::test]
async fn pages_until_the_total_is_reached() {
    let server = MockServer::start().await;
    page(&server, 0, json!({"count": 5, "data": rooms(&["r1", "r2"])})).await;
    page(&server, 2, json!({"count": 5, "data": rooms(&["r3", "r4"])})).await;
    page(&server, 4, json!({"count": 5, "data": rooms(&["r5"])})).await;
    let all = ids(&client(&server), request(Some(2)))
        .await
        .expect("every page decodes");
    assert_eq!(all, ["r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(asked(&server).await, [at("0", "2"), at("2", "2"), at("4", "2")]);
}

/// The total ends the stream even when the last page is full, and pages
/// shorter than the limit (a server that caps it) do not.
#[tokio::test]
async fn with_a_total_a_short_page_is_not_the_last() {
    let server = MockServer::start().await;
    page(&server, 0, json!({"count": 4, "data": rooms(&["r1", "r2"])})).await;
    page(&server, 2, json!({"count": 4, "data": rooms(&["r3", "r4"])})).await;
    let all = ids(&client(&server), request(Some(10)))
        .await
        .expect("every page decodes");
    assert_eq!(all, ["r1", "r2", "r3", "r4"]);
    assert_eq!(asked(&server).await, [at("0", "10"), at("2", "10")]);
}

#[tokio::test]
async fn without_a_total_a_page_shorter_than_the_limit_is_the_last() {
    let server = MockServer::start().await;
    page(&server, 0, json!({"data": rooms(&["r1", "r2"])})).await;
    page(&server, 2, json!({"data": rooms(&["r3"])})).await;
    page(&server, 3, json!({"data": rooms(&["never"])})).await;
    let all = ids(&client(&server), request(Some(2)))
        .await
        .expect("every page decodes");
    assert_eq!(all, ["r1", "r2", "r3"]);
    assert_eq!(asked(&server).await, [at("0", "2"), at("2", "2")]);
}

/// Without a total or a limit, only an empty page says there is no more.
#[tokio::test]
async fn without_a_total_or_a_limit_an_empty_page_is_the_last() {
    let server = MockServer::start().await;
    page(&server, 0, json!({"data": rooms(&["r1", "r2"])})).await;
    page(&server, 2, json!({"data": rooms(&["r3"])})).await;
    page(&server, 3, json!({"data": []})).await;
    let all = ids(&client(&server), request(None)).await.expect("every page decodes");
    assert_eq!(all, ["r1", "r2", "r3"]);
    let offsets: Vec<_> = asked(&server).await.into_iter().collect();
    assert_eq!(
        offsets,
        [
            (Some("0".into()), None),
            (Some("2".into()), None),
            (Some("3".into()), None)
        ]
    );
}

#[tokio::test]
async fn an_empty_first_page_yields_nothing() {
    for body in [json!({"count": 5, "data": []}), json!({})] {
        let server = MockServer::start().await;
        page(&server, 0, body.clone()).await;
        page(&server, 2, json!({"count": 5, "data": rooms(&["never"])})).await;
        let all = ids(&client(&server), request(Some(2))).await.expect("the page decodes");
        assert!(all.is_empty(), "{body}: {all:?}");
        assert_eq!(asked(&server).await, [at("0", "2")], "{body}");
    }
}

#[tokio::test]
async fn an_error_in_the_middle_is_yielded_then_the_stream_ends() {
    let server = MockServer::start().await;
    page(&server, 0, json!({"count": 6, "data": rooms(&["r1", "r2"])})).await;
    Mock::given(method("GET"))
        .and(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error_code": "MMC.401", "error_msg": "no"})))
        .mount(&server)
        .await;
    page(&server, 4, json!({"count": 6, "data": rooms(&["r5", "r6"])})).await;
    let items: Vec<_> = client(&server).items(request(Some(2))).collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[0].as_ref().expect("r1").room_id, "r1");
    assert_eq!(items[1].as_ref().expect("r2").room_id, "r2");
    match &items[2] {
        Err(ListRoomsError::Unauthorized(body)) => assert_eq!(body.error_code, "MMC.401"),
        other => panic!("{other:?}"),
    }
    assert_eq!(asked(&server).await, [at("0", "2"), at("2", "2")]);
}

#[tokio::test]
async fn pages_start_at_the_requests_offset_and_say_where_they_start() {
    let server = MockServer::start().await;
    page(&server, 3, json!({"count": 6, "data": rooms(&["r4", "r5"])})).await;
    page(&server, 5, json!({"count": 6, "data": rooms(&["r6"])})).await;
    let mut request = request(Some(2));
    request.offset = Some(3);
    let pages: Vec<_> = client(&server).pages(request).collect().await;
    let pages: Vec<Page<String>> = pages
        .into_iter()
        .map(|page| {
            let page = page.expect("every page decodes");
            let items = page.items.into_iter().map(|room| room.room_id).collect();
            Page {
                offset: page.offset,
                items,
                total: page.total,
            }
        })
        .collect();
    let expected = [
        Page {
            offset: 3,
            items: vec!["r4".to_owned(), "r5".to_owned()],
            total: Some(6),
        },
        Page {
            offset: 5,
            items: vec!["r6".to_owned()],
            total: Some(6),
        },
    ];
    assert_eq!(pages, expected);
    assert_eq!(asked(&server).await, [at("3", "2"), at("5", "2")]);
}

/// The offset is an `i32`: a next page beyond `i32::MAX` is not asked for.
#[tokio::test]
async fn an_offset_the_param_cannot_hold_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    let start = i64::from(i32::MAX) - 1;
    page(&server, start, json!({"data": rooms(&["r1", "r2"])})).await;
    let mut request = request(Some(2));
    request.offset = Some(i32::MAX - 1);
    let items: Vec<_> = client(&server).items(request).collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[..2].iter().all(Result::is_ok), "{items:?}");
    match &items[2] {
        Err(ListRoomsError::InvalidRequest(InvalidRequest::PageOffset {
            param: "offset",
            offset,
        })) => {
            assert_eq!(*offset, i128::from(i32::MAX) + 1);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(1));
}

/// Items through a shared shape (`page.data`), an `i64` offset named
/// `start`, a required limit named `size`, an `i32` total.
#[tokio::test]
async fn items_nested_in_a_shape_are_paged_by_their_own_params() {
    let server = MockServer::start().await;
    for (start, ids) in [(0, ["i1", "i2"].as_slice()), (2, ["i3"].as_slice())] {
        let data: Vec<_> = ids.iter().map(|id| json!({"itemID": id})).collect();
        Mock::given(method("GET"))
            .and(path("/v1/items/search"))
            .and(query_param("start", start.to_string()))
            .and(query_param("size", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"page": {"count": 3, "data": data}})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let request = search::SearchItemsRequest::builder().size(2).build();
    let items: Vec<_> = client(&server).items(request).collect().await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|item| item.expect("every page decodes").item_id)
        .collect();
    assert_eq!(ids, ["i1", "i2", "i3"]);
}
