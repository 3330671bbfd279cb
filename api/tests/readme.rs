//! The README's example of the whole API, as it is printed there (between
//! the `readme:begin` and `readme:end` marks), against wiremock answering
//! as the documentation does: Creating a Meeting, then Querying Meetings
//! page by page through the paging stream.

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

// readme:begin
use futures_util::TryStreamExt;
use meeting_api::Client;
use meeting_api_huawei::{create_meeting, search_meetings, shapes::ConferenceInfo};

/// Books a one-hour video meeting, then lists every meeting, 20 at a time.
async fn book_and_list(client: &Client, token: &str) -> Result<Vec<ConferenceInfo>, Box<dyn std::error::Error>> {
    let request = create_meeting::CreateMeetingRequest::builder()
        .access_token(token)
        .media_types("Video")
        .subject("Weekly sync")
        .start_time("2026-12-08 02:00")
        .length(60)
        .build();
    // Creating a Meeting answers with a list: one meeting, or several for a recurring one.
    for meeting in client.send(request).await?.body() {
        println!("booked {:?}: {:?}", meeting.conference_id, meeting.subject);
    }

    // Querying Meetings pages (its spec's `paging`): `items` streams every meeting,
    // asking for the next 20 until `count`, the total the answers give, is reached.
    let request = search_meetings::SearchMeetingsRequest::builder()
        .access_token(token)
        .limit(20)
        .build();
    Ok(client.items(request).try_collect().await?)
}
// readme:end

fn meeting(id: &str) -> serde_json::Value {
    json!({"conferenceID": id, "subject": format!("meeting {id}")})
}

#[tokio::test]
async fn the_readme_example_books_a_meeting_and_reads_every_page() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/mmc/management/conferences"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([meeting("914083136")])))
        .expect(1)
        .mount(&server)
        .await;
    let page = |offset: usize, ids: Vec<String>| {
        let data: Vec<_> = ids.iter().map(|id| meeting(id)).collect();
        let body = json!({"offset": offset, "limit": 20, "count": 21, "data": data});
        Mock::given(method("GET"))
            .and(path("/v1/mmc/management/conferences"))
            .and(query_param("offset", offset.to_string()))
            .and(query_param("limit", "20"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
    };
    page(0, (0..20).map(|i| format!("9{i:08}")).collect())
        .mount(&server)
        .await;
    page(20, vec!["999999999".to_owned()]).mount(&server).await;

    let client = Client::builder().base_url(server.uri()).build().expect("a client");
    let all = book_and_list(&client, "token")
        .await
        .expect("the documented answers decode");
    assert_eq!(all.len(), 21);
    assert_eq!(all[20].conference_id.as_deref(), Some("999999999"));
}

#[test]
fn the_readme_prints_this_example() {
    let source = include_str!("readme.rs");
    let start = source.find("// readme:begin\n").expect("the begin mark") + "// readme:begin\n".len();
    let end = source.find("// readme:end").expect("the end mark");
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains(&source[start..end]),
        "README.md must print api/tests/readme.rs between its readme marks, exactly"
    );
}
