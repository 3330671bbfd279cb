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
    let request = UpdateWidgetRequest::new("w-1", "k-123", "Front door", owner)
        .with_version(3)
        .with_dry_run(false)
        .with_tags(vec!["red".to_owned(), "blue".to_owned()])
        .with_trace_level(TraceLevel::FullTracing)
        .with_ratio(0.5f32)
        .with_weight(2.0)
        .with_count(7)
        .with_enabled(true)
        .with_mode(Mode::Careful)
        .with_parts(vec![part])
        .with_matrix(vec![vec![1.0, 2.5], vec![3.0]]);
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
