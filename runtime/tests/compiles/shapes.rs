// Shared shapes (new since v1). In a catalog, a shape is one type in the
// `shapes` module that every operation uses; a spec generated on its own
// gets the shape's type in its own module, once however often it is used.
#[meeting_api::meeting_api(catalog = "tests/specs/shop")]
mod shop {}

#[meeting_api::meeting_api(spec = "tests/specs/shop/add_item.yaml")]
mod add_item_alone {}

use meeting_api::{Operation, RawResponse, StatusCode};

/// One function serves both operations: their items are one type.
fn item_ids(items: &[shop::shapes::Item]) -> Vec<&str> {
    items.iter().map(|item| item.item_id.as_str()).collect()
}

fn decode<O: Operation>(body: &str) -> O::Response
where
    O::Error: std::fmt::Debug,
{
    let raw = RawResponse::new(StatusCode::OK, Default::default(), body.as_bytes().to_vec().into());
    O::decode(&raw).expect("the documented body decodes")
}

#[test]
fn operations_of_a_catalog_share_the_shapes_types() {
    let item = shop::shapes::Item {
        item_id: "i1".to_owned(),
        state: Some(shop::shapes::ItemState::OnSale),
        tags: Some(vec!["new".to_owned()]),
    };
    let added = shop::add_item::AddItemRequest::builder().item(item.clone()).build();
    assert_eq!(added.item, item);

    let listed = decode::<shop::list_items::ListItemsRequest>(r#"[{"itemID": "i1", "state": "SOLD"}]"#);
    let answered = decode::<shop::add_item::AddItemRequest>(r#"{"item": {"itemID": "i2"}}"#);
    let mut all = listed;
    all.extend(answered.item);
    assert_eq!(item_ids(&all), ["i1", "i2"]);
    assert_eq!(all[0].state, Some(shop::shapes::ItemState::Sold));
}

/// A shared shape's enum may come in a response of one operation and go
/// in a request of another: it keeps an unlisted value, which no request sends.
#[tokio::test]
async fn a_shared_enum_keeps_unlisted_values_that_requests_refuse() {
    let listed = decode::<shop::list_items::ListItemsRequest>(r#"[{"itemID": "i1", "state": "GONE"}]"#);
    let gone = listed.into_iter().next().expect("one item");
    assert_eq!(gone.state, Some(shop::shapes::ItemState::Unknown("GONE".to_owned())));
    let client = meeting_api::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let refused = client
        .execute(&shop::add_item::AddItemRequest::builder().item(gone).build())
        .await;
    assert!(
        matches!(
            refused,
            Err(meeting_api::Failure::InvalidRequest(
                meeting_api::InvalidRequest::UndocumentedValue { .. }
            ))
        ),
        "{refused:?}"
    );
}

#[test]
fn the_catalog_shows_a_visitor_every_operation() {
    struct Names(Vec<&'static str>);
    impl meeting_api::OperationVisitor for Names {
        fn visit<R: meeting_api::WireForm + 'static>(&mut self, name: &'static str) {
            self.0.push(name);
        }
    }
    let mut names = Names(Vec::new());
    shop::visit_operations(&mut names);
    assert_eq!(names.0, ["add_item", "list_items", "remove_item", "search_items"]);
}

#[test]
fn a_spec_alone_gets_its_shapes_types_in_its_own_module() {
    let item = add_item_alone::Item {
        item_id: "i1".to_owned(),
        state: Some(add_item_alone::ItemState::Sold),
        tags: None,
    };
    // The request and the response use the one type the module holds.
    let request = add_item_alone::AddItemRequest::builder().item(item.clone()).build();
    let response: add_item_alone::AddItemResponse =
        decode::<add_item_alone::AddItemRequest>(r#"{"item": {"itemID": "i1", "state": "SOLD"}}"#);
    assert_eq!(response.item.as_ref(), Some(&request.item));
}

/// Operations that document the same error statuses, meanings and bodies
/// share one error enum in `errors`; their error types are aliases of it.
/// One whose error body is a type of its own module keeps its own enum.
#[test]
fn operations_with_the_same_errors_share_one_error_type() {
    fn status_of(error: &shop::errors::Error400) -> Option<StatusCode> {
        error.status()
    }
    let bad_request = RawResponse::new(
        StatusCode::BAD_REQUEST,
        Default::default(),
        br#"{"error_code": "SHOP.1", "error_msg": "no"}"#.to_vec().into(),
    );
    let listed: shop::list_items::ListItemsError =
        shop::list_items::ListItemsRequest::decode(&bad_request).unwrap_err();
    let removed: shop::remove_item::RemoveItemError =
        shop::remove_item::RemoveItemRequest::decode(&bad_request).unwrap_err();
    assert_eq!(status_of(&listed), Some(StatusCode::BAD_REQUEST));
    assert_eq!(status_of(&removed), Some(StatusCode::BAD_REQUEST));
    assert!(
        matches!(&removed, shop::remove_item::RemoveItemError::BadRequest(body) if body.error_code == "SHOP.1"),
        "{removed:?}"
    );
    assert_eq!(removed.to_string(), listed.to_string());

    let conflict = RawResponse::new(
        StatusCode::CONFLICT,
        Default::default(),
        br#"{"existing": {"itemID": "i1"}}"#.to_vec().into(),
    );
    let added = shop::add_item::AddItemRequest::decode(&conflict).unwrap_err();
    let shop::add_item::AddItemError::Conflict(body) = added else {
        panic!("{added:?}")
    };
    let existing: shop::add_item::AddItemConflictBody = body;
    assert_eq!(existing.existing.map(|item| item.item_id).as_deref(), Some("i1"));
}
