//! Several specs in one application: one `Client` value sends the requests
//! of every generated module through one connection pool.

use meeting_api::Client;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
pub mod hands {}

#[meeting_api::meeting_api(spec = "../spec/mute.yaml")]
pub mod mute {}

#[meeting_api::meeting_api(spec = "../spec/token.yaml")]
pub mod token {}

const TOKEN: &str = "7e4c72a1fb744b8bc15a4b29be0b585151e508225a33c219";

fn documented_token_body() -> serde_json::Value {
    json!({
        "addressToken": "cnrWgVRDFvdEi3VAUB5qFO5zmiNZiFCmnxQz",
        "data": {
            "confTokenExpireTime": 1800, "expireTime": 1582189609629_i64, "orgID": "40454",
            "supportNotifyType": ["INCREMENT"], "tmpWsToken": "1304f1e731510954c82c3af886a69f78ba0a7b8ade84d087",
            "token": TOKEN, "userID": "ff80808167ef1edf0167f339533d05a6", "vmrCurrentConfID": "914346822",
            "wsURL": "wss://r1.meeting.huaweicloud.com"
        },
        "gloablPublicIP": "meeting.huaweicloud.com"
    })
}

#[tokio::test]
async fn one_client_serves_every_spec() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/mmc/control/conferences/token"))
        .and(query_param("conferenceID", "914346822"))
        .and(header("X-Password", "123456"))
        .and(header("X-Login-Type", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_token_body()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/v1/mmc/control/conferences/participants/hands"))
        .and(header("X-Conference-Authorization", TOKEN))
        .and(body_json(json!({"handsState": 1})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/v1/mmc/control/conferences/participants/mute"))
        .and(header("X-Conference-Authorization", TOKEN))
        .and(body_json(json!({"isMute": 1})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let login = token::ConferenceTokenRequest::builder()
        .conference_id("914346822")
        .password("123456")
        .login_type(token::LoginType::Password)
        .build();
    let granted = client.send(login).await.expect("documented 200").into_body();
    assert_eq!(granted.data.token.expose(), TOKEN);
    assert_eq!(granted.data.role, None);
    assert_eq!(granted.data.expire_time, Some(1582189609629));
    assert_eq!(
        granted.data.support_notify_type.as_deref(),
        Some(&["INCREMENT".to_owned()][..])
    );
    assert_eq!(granted.gloabl_public_ip.as_deref(), Some("meeting.huaweicloud.com"));
    assert!(!format!("{granted:?}").contains(TOKEN), "the token field is secret");

    let control_token = granted.data.token.clone();
    let raise = hands::HandsRequest::builder()
        .conference_id("914346822")
        .participant_id("p1")
        .conference_authorization(control_token.clone())
        .hands_state(hands::HandsState::Raise)
        .build();
    client.send(raise).await.expect("hands 200");
    let silence = mute::MuteRequest::builder()
        .conference_id("914346822")
        .participant_id("p1")
        .conference_authorization(control_token)
        .is_mute(mute::IsMute::Mute)
        .build();
    client.clone().send(silence).await.expect("mute 200");
}

#[tokio::test]
async fn optional_headers_are_sent_only_when_set() {
    let server = MockServer::start().await;
    Mock::given(header("X-Nonce", "n-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_token_body()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let request = token::ConferenceTokenRequest::builder()
        .conference_id("1")
        .password("pw")
        .login_type(token::LoginType::Password)
        .nonce("n-1")
        .build();
    client.send(request).await.expect("the nonce was sent");

    let plain = token::ConferenceTokenRequest::builder()
        .conference_id("1")
        .password("pw")
        .login_type(token::LoginType::Password)
        .build();
    client.send(plain).await.expect_err("no nonce, no match");
    let received = server.received_requests().await.unwrap();
    assert!(received[1].headers.get("x-nonce").is_none());
    assert!(received[1].headers.get("x-conference-authorization").is_none());
    assert!(received[1].body.is_empty(), "a spec without body params sends no body");
    assert!(received[1].headers.get("content-type").is_none());
}
