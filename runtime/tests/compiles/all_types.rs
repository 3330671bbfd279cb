// Every type of the format, in every place it travels, generates code that
// compiles; nested objects and arrays of objects get usable struct names.
#[meeting_api::meeting_api(spec = "tests/compiles/all_types.yaml")]
pub mod widgets {}

use widgets::{
    Address, Mode, Owner, PartsItem, TraceLevel, UpdateWidgetError, UpdateWidgetRequest, UpdateWidgetResponse,
};

fn outcome(result: Result<UpdateWidgetResponse, UpdateWidgetError>) -> String {
    match result {
        Ok(UpdateWidgetResponse::Ok(body)) => format!("{} at revision {}", body.id, body.revision),
        Ok(UpdateWidgetResponse::Accepted) => "queued".to_owned(),
        Err(UpdateWidgetError::Conflict(body)) => format!("stale, now {}", body.current_version),
        Err(UpdateWidgetError::BadRequest(e) | UpdateWidgetError::NotFound(e)) => e.error_msg,
        Err(UpdateWidgetError::UnexpectedStatus(_) | UpdateWidgetError::Decode(_)) => "odd answer".to_owned(),
        Err(UpdateWidgetError::Transport(_) | UpdateWidgetError::InvalidRequest(_)) => "not answered".to_owned(),
        Err(UpdateWidgetError::Redirect(_) | UpdateWidgetError::BodyTooLarge(_)) => "refused".to_owned(),
    }
}

#[test]
fn the_generated_names_can_be_used() {
    let owner = Owner {
        user_id: "u-9".into(),
        address: Some(Address {
            city: Some("Oslo".into()),
            zip: Some(150),
        }),
    };
    let part = PartsItem {
        part_id: "p-1".into(),
        quantity: Some(2),
        aliases: Some(vec!["hinge".into()]),
    };
    let request = UpdateWidgetRequest::builder()
        .id("w-1")
        .api_key("k-123")
        .label("Front door")
        .owner(owner)
        .version(3)
        .dry_run(false)
        .tags(vec!["red".to_owned(), "blue".to_owned()])
        .trace_level(TraceLevel::FullTracing)
        .ratio(0.5f32)
        .weight(2.0)
        .count(7)
        .enabled(true)
        .mode(Mode::Careful)
        .parts(vec![part])
        .matrix(vec![vec![1.0, 2.5], vec![3.0]])
        .build();
    let careful = match request.mode {
        Some(Mode::Fast) => false,
        Some(Mode::Careful) => true,
        None => false,
    };
    assert!(careful);
    assert_eq!(request.owner.address.as_ref().and_then(|a| a.zip), Some(150));
    assert_eq!(outcome(Ok(UpdateWidgetResponse::Accepted)), "queued");
    let _: Option<Vec<widgets::HistoryItem>> = None;
}
