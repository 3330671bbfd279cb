//! Sessions against a recording server (wiremock): one login for
//! concurrent callers, the access token on every call that sends one, one
//! fresh login and retry after a 401, typed failures, the App ID login's
//! signature, and conference handles that fill their ID and control token
//! and renew it with itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use meeting_api::{Client, Secret};
use meeting_api_huawei::{AppIdLogin, Login, Session, SessionError, TokenError, hand, search_meetings};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ACCOUNT_LOGIN: &str = "/v1/usg/acs/auth/account";
const APP_LOGIN: &str = "/v2/usg/acs/auth/appauth";
const MEETINGS: &str = "/v1/mmc/management/conferences";
const CONTROL_TOKEN: &str = "/v1/mmc/control/conferences/token";
const HANDS: &str = "/v1/mmc/control/conferences/participants/hands";

/// Answers `<prefix>-1`, `<prefix>-2`, ... in `field`, counting the calls.
#[derive(Clone)]
struct Tokens {
    prefix: &'static str,
    calls: Arc<AtomicUsize>,
    lifetime: u64,
}

impl Tokens {
    fn new(prefix: &'static str, lifetime: u64) -> Self {
        Self {
            prefix,
            calls: Arc::default(),
            lifetime,
        }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("{}-{n}", self.prefix);
        let body = match self.prefix {
            "control" => serde_json::json!({"data": {"token": token, "confTokenExpireTime": self.lifetime}}),
            _ => serde_json::json!({"accessToken": token, "validPeriod": self.lifetime}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    }
}

async fn server_with(login: &Tokens) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ACCOUNT_LOGIN))
        .respond_with(login.clone())
        .mount(&server)
        .await;
    server
}

fn session(server: &MockServer) -> Session {
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let login = Login::Account {
        account: "alice".to_owned(),
        password: Secret::new("pw-secret-4242".to_owned()),
    };
    Session::new(client, login)
}

fn list_meetings() -> search_meetings::SearchMeetingsRequest {
    search_meetings::SearchMeetingsRequest::builder().limit(10).build()
}

fn ok_page() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"offset": 0, "limit": 10, "count": 0, "data": []}))
}

fn refused() -> ResponseTemplate {
    ResponseTemplate::new(401).set_body_json(serde_json::json!({"error_code": "USG.000000004", "error_msg": "expired"}))
}

#[tokio::test]
async fn concurrent_callers_share_one_login_and_every_call_carries_the_token() {
    let login = Tokens::new("access", 3600);
    let server = server_with(&login).await;
    Mock::given(method("GET"))
        .and(path(MEETINGS))
        .and(header("X-Access-Token", "access-1"))
        .respond_with(ok_page())
        .expect(8)
        .mount(&server)
        .await;
    let session = session(&server);
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let session = session.clone();
            tokio::spawn(async move { session.send(list_meetings()).await })
        })
        .collect();
    for call in calls {
        let outcome = call.await.unwrap();
        assert!(outcome.is_ok(), "{outcome:?}");
    }
    assert_eq!(login.calls(), 1);
    let logins = server.received_requests().await.unwrap();
    let login_request = logins.iter().find(|r| r.url.path() == ACCOUNT_LOGIN).unwrap();
    assert_eq!(
        login_request.headers["authorization"], "Basic YWxpY2U6cHctc2VjcmV0LTQyNDI=",
        "Basic base64(account:password)"
    );
    let body: serde_json::Value = serde_json::from_slice(&login_request.body).unwrap();
    assert_eq!(body, serde_json::json!({"account": "alice", "clientType": 72}));
}

#[tokio::test]
async fn a_call_refused_with_401_logs_in_again_once_and_is_sent_once_more() {
    let login = Tokens::new("access", 3600);
    let server = server_with(&login).await;
    Mock::given(path(MEETINGS))
        .and(header("X-Access-Token", "access-1"))
        .respond_with(refused())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(MEETINGS))
        .and(header("X-Access-Token", "access-2"))
        .respond_with(ok_page())
        .expect(1)
        .mount(&server)
        .await;
    let outcome = session(&server).send(list_meetings()).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(login.calls(), 2);
}

#[tokio::test]
async fn a_second_401_is_the_calls_error_not_a_loop() {
    let login = Tokens::new("access", 3600);
    let server = server_with(&login).await;
    Mock::given(path(MEETINGS))
        .respond_with(refused())
        .expect(2)
        .mount(&server)
        .await;
    let outcome = session(&server).send(list_meetings()).await;
    match outcome {
        Err(SessionError::Call(search_meetings::SearchMeetingsError::Unauthorized(body))) => {
            assert_eq!(body.error_code, "USG.000000004")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(login.calls(), 2);
}

#[tokio::test]
async fn a_failed_login_is_a_typed_error_and_the_call_is_not_sent() {
    let server = MockServer::start().await;
    Mock::given(path(ACCOUNT_LOGIN))
        .respond_with(refused())
        .mount(&server)
        .await;
    Mock::given(path(MEETINGS))
        .respond_with(ok_page())
        .expect(0)
        .mount(&server)
        .await;
    let outcome = session(&server).send(list_meetings()).await;
    match outcome {
        Err(SessionError::Token(TokenError::AccountLogin(error))) => {
            assert_eq!(error.status().map(|s| s.as_u16()), Some(401))
        }
        other => panic!("{other:?}"),
    }
    let shown = format!("{:?}", session(&server));
    assert!(!shown.contains("pw-secret-4242"), "{shown}");
}

#[tokio::test]
async fn the_app_id_login_is_signed_and_sends_no_app_key() {
    let server = MockServer::start().await;
    let login = Tokens::new("app", 3600);
    Mock::given(method("POST"))
        .and(path(APP_LOGIN))
        .respond_with(login.clone())
        .mount(&server)
        .await;
    Mock::given(path(MEETINGS))
        .and(header("X-Access-Token", "app-1"))
        .respond_with(ok_page())
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let app = AppIdLogin {
        app_id: "caaab5a3e584497990f6a9b582a0ae42".to_owned(),
        app_key: Secret::new("the-app-key".to_owned()),
        corp_id: None,
        user_id: "alice".to_owned(),
    };
    let outcome = Session::new(client, Login::AppId(app)).send(list_meetings()).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    let requests = server.received_requests().await.unwrap();
    let login_request = requests.iter().find(|r| r.url.path() == APP_LOGIN).unwrap();
    let authorization = login_request.headers["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with("HMAC-SHA256 signature=")
            && authorization.ends_with(",access=Y2FhYWI1YTNlNTg0NDk3OTkwZjZhOWI1ODJhMGFlNDI="),
        "{authorization}"
    );
    let body: serde_json::Value = serde_json::from_slice(&login_request.body).unwrap();
    assert_eq!(body["appId"], "caaab5a3e584497990f6a9b582a0ae42");
    assert_eq!(body["userId"], "alice");
    assert_eq!(body["clientType"], 72);
    assert_eq!(body["nonce"].as_str().map(str::len), Some(32));
    assert!(body["expireTime"].as_i64().is_some_and(|t| t > 1_700_000_000));
    assert!(!String::from_utf8_lossy(&login_request.body).contains("the-app-key"));
}

fn raise(participant: &str) -> hand::HandRequest {
    hand::HandRequest::builder()
        .participant_id(participant.to_owned())
        .hands_state(hand::HandsState::Raise)
        .build()
}

async fn control_server(control: &Tokens) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONTROL_TOKEN))
        .and(header("X-Password", "host-pw"))
        .and(header("X-Login-Type", "1"))
        .respond_with(control.clone())
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(HANDS))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    server
}

/// The requests that reached `at`, as (conferenceID, the control token).
async fn sent_to(server: &MockServer, at: &str) -> Vec<(String, Option<String>)> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .filter(|r| r.url.path() == at)
        .map(|r| {
            let conference = r
                .url
                .query_pairs()
                .find(|(k, _)| k == "conferenceID")
                .map(|(_, v)| v.into_owned());
            let token = r
                .headers
                .get("x-conference-authorization")
                .map(|v| v.to_str().unwrap().to_owned());
            (conference.unwrap_or_default(), token)
        })
        .collect()
}

#[tokio::test]
async fn a_conference_fills_its_id_and_control_token_and_renews_it_with_itself() {
    let control = Tokens::new("control", 2);
    let server = control_server(&control).await;
    let session = session(&server).renewing_ahead(Duration::from_millis(1500));
    let conference = session.conference("914083136", Secret::new("host-pw".to_owned()));
    conference.send(raise("p-1")).await.unwrap();
    conference.send(raise("p-2")).await.unwrap();
    // Past the renewal point (0.5 s), before expiry (2 s).
    tokio::time::sleep(Duration::from_millis(700)).await;
    conference.send(raise("p-3")).await.unwrap();
    let conference_id = || "914083136".to_owned();
    assert_eq!(
        sent_to(&server, CONTROL_TOKEN).await,
        [(conference_id(), None), (conference_id(), Some("control-1".to_owned()))],
        "obtained with the password, then renewed with the live token"
    );
    assert_eq!(
        sent_to(&server, HANDS).await,
        [
            (conference_id(), Some("control-1".to_owned())),
            (conference_id(), Some("control-1".to_owned())),
            (conference_id(), Some("control-2".to_owned())),
        ]
    );
}

#[tokio::test]
async fn conferences_keep_their_own_tokens_and_a_failed_one_is_a_typed_error() {
    let control = Tokens::new("control", 1800);
    let server = control_server(&control).await;
    let session = session(&server);
    let a = session.conference("111", Secret::new("host-pw".to_owned()));
    let b = session.conference("222", Secret::new("host-pw".to_owned()));
    let wrong = session.conference("333", Secret::new("not-the-password".to_owned()));
    a.send(raise("p-1")).await.unwrap();
    b.send(raise("p-1")).await.unwrap();
    a.send(raise("p-2")).await.unwrap();
    let hands = sent_to(&server, HANDS).await;
    assert_eq!(hands[0], ("111".to_owned(), Some("control-1".to_owned())));
    assert_eq!(hands[1], ("222".to_owned(), Some("control-2".to_owned())));
    assert_eq!(hands[2], ("111".to_owned(), Some("control-1".to_owned())));
    match wrong.send(raise("p-1")).await {
        Err(SessionError::Token(TokenError::ControlToken { conference, source })) => {
            assert_eq!(conference, "333");
            assert_eq!(
                source.status().map(|s| s.as_u16()),
                Some(404),
                "wiremock's answer to no match"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        sent_to(&server, HANDS).await.len(),
        3,
        "the call without a token was not sent"
    );
}

#[tokio::test]
async fn a_session_pages_through_a_list_with_its_token() {
    let login = Tokens::new("access", 3600);
    let server = server_with(&login).await;
    for (offset, ids) in [("0", vec!["a", "b"]), ("2", vec!["c"])] {
        let data: Vec<_> = ids.iter().map(|id| serde_json::json!({"conferenceID": id})).collect();
        Mock::given(path(MEETINGS))
            .and(query_param("offset", offset))
            .and(header("X-Access-Token", "access-1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"count": 3, "data": data})))
            .expect(1)
            .mount(&server)
            .await;
    }
    use futures_util::TryStreamExt;
    let request = search_meetings::SearchMeetingsRequest::builder().limit(2).build();
    let meetings: Vec<_> = session(&server).items(request).try_collect().await.unwrap();
    let ids: Vec<_> = meetings
        .iter()
        .map(|m| m.conference_id.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[tokio::test]
async fn a_control_token_without_its_lifetime_lives_until_its_expire_time() {
    let server = MockServer::start().await;
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let answer = serde_json::json!({"data": {"token": "control-1", "expireTime": now_ms + 60_000}});
    Mock::given(path(CONTROL_TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .mount(&server)
        .await;
    Mock::given(path(HANDS))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    // Due 0.5 s after it is obtained if it lives 60 s, as expireTime says;
    // not for 29 minutes if it were taken to live the default 30.
    let session = session(&server).renewing_ahead(Duration::from_millis(59_500));
    let conference = session.conference("914083136", Secret::new("host-pw".to_owned()));
    conference.send(raise("p-1")).await.unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    conference.send(raise("p-2")).await.unwrap();
    assert_eq!(sent_to(&server, CONTROL_TOKEN).await.len(), 2);
}
