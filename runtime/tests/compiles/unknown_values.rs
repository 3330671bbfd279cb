// Enum values the spec does not list: a response keeps them in `Unknown`
// and serialises them back as received; a request refuses to send them,
// and an enum only requests use has no `Unknown` at all.
#[meeting_api::meeting_api(spec = "tests/specs/unknown_values.yaml")]
mod watch {}

use meeting_api::{Client, Failure, InvalidRequest, Operation, RawResponse, RequestParts, StatusCode, WireForm};
use serde_json::json;
use watch::{Item, ItemState, Level, LevelsItem, Order, Status, WatchItemRequest};

fn decode(body: &serde_json::Value) -> watch::WatchItemResponse {
    let raw = RawResponse::new(StatusCode::OK, Default::default(), body.to_string().into());
    WatchItemRequest::decode(&raw).expect("unlisted values decode")
}

#[test]
fn unlisted_values_decode_into_unknown_and_serialise_back() {
    let body = json!({
        "status": "PAUSED",
        "level": 7,
        "levels": [10, 30_000_000_000_i64],
        "item": {"itemID": "i1", "state": "GONE"}
    });
    let response = decode(&body);
    assert_eq!(response.status, Status::Unknown("PAUSED".to_owned()));
    assert_eq!(response.level, Some(Level::Unknown(7)));
    assert_eq!(
        response.levels,
        Some(vec![LevelsItem::V10, LevelsItem::Unknown(30_000_000_000)])
    );
    let item = response.item.as_ref().expect("an item");
    assert_eq!(item.state, Some(ItemState::Unknown("GONE".to_owned())));
    assert_eq!(response.status.wire_value(), "PAUSED");
    assert_eq!(serde_json::to_value(&response).unwrap(), body);
    assert_eq!(WatchItemRequest::response_json(&response), body);
}

#[test]
fn a_listed_value_named_like_the_catch_all_is_numbered() {
    let response = decode(&json!({"status": "UNKNOWN"}));
    assert_eq!(response.status, Status::Unknown2);
    assert_eq!(Status::Unknown2.wire_value(), "UNKNOWN");
}

#[test]
fn integer_enums_convert_to_and_from_their_wire_type() {
    assert_eq!(Level::try_from(1), Ok(Level::V1));
    assert_eq!(Level::try_from(7), Ok(Level::Unknown(7)));
    assert_eq!(i32::from(Level::Unknown(7)), 7);
    const LISTED: i32 = Level::V1.wire_value();
    assert_eq!(LISTED, 1);
}

/// `Order` is only in requests: no `Unknown`, so this match is exhaustive,
/// and a value the spec does not list is not an `Order`.
#[test]
fn an_enum_only_requests_use_stays_exhaustive() {
    let descending = |order: Order| match order {
        Order::Asc => false,
        Order::Desc => true,
    };
    assert!(descending(Order::Desc));
    let error = serde_json::from_value::<Order>(json!("UP")).unwrap_err();
    assert_eq!(error.to_string(), "UP is not a known value of `Order`");
}

fn request(state: ItemState, item_state: ItemState) -> WatchItemRequest {
    WatchItemRequest::builder()
        .item_id("i1")
        .state(state)
        .order(Order::Asc)
        .item(Item {
            item_id: "i1".to_owned(),
            state: Some(item_state),
            tags: None,
        })
        .build()
}

/// Nothing listens at the base URL: a refused request never reaches it.
async fn refusal(request: &WatchItemRequest) -> InvalidRequest {
    let client = Client::builder().base_url("http://127.0.0.1:9").build().unwrap();
    match client.execute(request).await {
        Err(Failure::InvalidRequest(refusal)) => refusal,
        other => panic!("expected the request to be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn a_request_that_holds_an_unknown_value_is_not_sent() {
    let gone = || ItemState::Unknown("GONE".to_owned());
    let in_query = refusal(&request(gone(), ItemState::Sold)).await;
    assert!(
        matches!(&in_query, InvalidRequest::UndocumentedValue { param: Some("state"), type_name: "ItemState", value: Some(value) } if value == "GONE"),
        "{in_query:?}"
    );
    assert_eq!(
        in_query.to_string(),
        "`GONE` is not a value of `ItemState` that the spec lists (param `state`); a request sends only documented values"
    );
    let in_body = refusal(&request(ItemState::OnSale, gone())).await;
    assert!(
        matches!(
            in_body,
            InvalidRequest::UndocumentedValue {
                param: None,
                type_name: "ItemState",
                ..
            }
        ),
        "{in_body:?}"
    );
}

#[test]
fn a_request_of_listed_values_is_written() {
    let mut parts = RequestParts::new(WatchItemRequest::INFO.path);
    request(ItemState::Sold, ItemState::OnSale).write(&mut parts);
    assert_eq!(parts.path_and_query(), "/v1/items/i1/watch?state=SOLD&order=ASC");
    let body: serde_json::Value = serde_json::from_slice(parts.body().unwrap()).unwrap();
    assert_eq!(body, json!({"item": {"itemID": "i1", "state": "ON_SALE"}}));
}
