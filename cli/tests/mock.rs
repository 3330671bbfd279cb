//! The mock's decisions, in process: `Mock::reply` on requests built by
//! hand, one table row per rule (types in the query, headers and body,
//! enums, bounds, lengths, repeated keys, path params, malformed and
//! misplaced bodies, unknown paths and methods), examples against the
//! fallback of the documented shape, and secrets kept out of every message
//! and of the logged target.

use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, Uri};
use meeting_api_cli::mock::{Mock, Reply};
use meeting_api_spec::{ParamIn, Spec, object_violations};
use serde_json::{Value, json};

/// The workspace root.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

const HANDS: &str = "/v1/mmc/control/conferences/participants/hands";
const HANDS_QUERY: &str = "conferenceID=914083136&participantID=d2c3ae64216e11eabc510dc9b62e3a80";
/// The documented example's token.
const TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";
/// The token of the documentation's cURL command.
const CURL_TOKEN: &str = "stb39b3f21898d4972fed86b3f22ac70914a77303def15e126a";
const TOKEN_PATH: &str = "/v1/mmc/control/conferences/token";
const ROOM: &str = "/v1/rooms/r1/members/7";
/// A secret query value of `lookup.yaml`.
const ACCESS_TOKEN: &str = "qv9SECRETaccess";

fn load(relative: &str) -> Spec {
    let path = format!("{ROOT}/{relative}");
    meeting_api_spec::load(path.as_ref()).unwrap_or_else(|e| panic!("{path} loads: {e}"))
}

fn parse(source: &str) -> Spec {
    meeting_api_spec::parse(source, "inline.yaml").unwrap_or_else(|e| panic!("inline spec: {e}"))
}

/// The project's three specs, the every-shape spec of the runtime's tests
/// and the conformance kit's GET with a secret query value.
fn mock() -> Mock {
    Mock::new(vec![
        load("spec/hands.yaml"),
        load("spec/mute.yaml"),
        load("spec/token.yaml"),
        load("runtime/tests/specs/update_room.yaml"),
        load("conformance/tests/specs/lookup.yaml"),
    ])
}

fn send(mock: &Mock, method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let method = Method::from_bytes(method.as_bytes()).expect("a method");
    let uri: Uri = target.parse().expect("a request target");
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            HeaderValue::from_str(value).expect("a header value"),
        );
    }
    mock.reply(&method, &uri, &map, body.as_bytes())
}

fn body_json(reply: &Reply) -> Value {
    serde_json::from_slice(&reply.response.body).unwrap_or_else(|e| {
        panic!(
            "the body is JSON ({e}): {:?}",
            String::from_utf8_lossy(&reply.response.body)
        )
    })
}

fn header<'r>(reply: &'r Reply, name: &str) -> Option<&'r str> {
    reply
        .response
        .headers
        .get(name)
        .map(|v| v.to_str().expect("a text header"))
}

/// One request and what the mock must make of it.
struct Case {
    what: &'static str,
    method: &'static str,
    target: String,
    headers: Vec<(&'static str, &'static str)>,
    body: &'static str,
    status: u16,
    /// Texts the error message must contain (the offending param's name).
    names: &'static [&'static str],
}

fn case(what: &'static str, method: &'static str, target: impl Into<String>, status: u16) -> Case {
    Case {
        what,
        method,
        target: target.into(),
        headers: Vec::new(),
        body: "",
        status,
        names: &[],
    }
}

impl Case {
    fn headers(mut self, headers: &[(&'static str, &'static str)]) -> Self {
        self.headers.extend_from_slice(headers);
        self
    }
    fn body(mut self, body: &'static str) -> Self {
        self.body = body;
        self
    }
    fn names(mut self, names: &'static [&'static str]) -> Self {
        self.names = names;
        self
    }
}

/// Every secret value the table sends: none may come back in a body, a
/// reason or a logged target.
const SECRETS: &[&str] = &[TOKEN, CURL_TOKEN, ACCESS_TOKEN, "pw-9911"];

fn run(mock: &Mock, cases: Vec<Case>) {
    let mut failures = Vec::new();
    for case in &cases {
        let reply = send(mock, case.method, &case.target, &case.headers, case.body);
        let status = reply.response.status.as_u16();
        let text = String::from_utf8_lossy(&reply.response.body).into_owned();
        let mut wrong = Vec::new();
        if status != case.status {
            wrong.push(format!("status {status}, expected {}", case.status));
        }
        if status >= 400 && !case.names.is_empty() {
            // The service's standard error body.
            match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(map))
                    if map.len() == 2 && map["error_code"].is_string() && map["error_msg"].is_string() =>
                {
                    let message = map["error_msg"].as_str().unwrap_or_default();
                    if message.contains("(top level)") {
                        wrong.push("error_msg says `(top level)` of a param's own value".to_owned());
                    }
                    for name in case.names {
                        if !message.contains(name) {
                            wrong.push(format!("error_msg does not name `{name}`"));
                        }
                    }
                    if reply.reason.as_deref() != Some(message) && status != 404 && status != 405 {
                        wrong.push("the logged reason differs from error_msg".to_owned());
                    }
                }
                _ => wrong.push("the body is not {error_code, error_msg}".to_owned()),
            }
            if header(&reply, "content-type") != Some("application/json;charset=UTF-8") {
                wrong.push("the error is not labelled JSON".to_owned());
            }
        }
        if (200..300).contains(&status) && reply.reason.is_some() {
            wrong.push(format!("a 2xx with a refusal reason {:?}", reply.reason));
        }
        for secret in SECRETS {
            let reason = reply.reason.as_deref().unwrap_or_default();
            if text.contains(secret) || reason.contains(secret) || reply.target.contains(secret) {
                wrong.push(format!("the secret {secret} comes back"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{}: {} {}: {}\n    body: {text}\n    reason: {:?}",
                case.what,
                case.method,
                case.target,
                wrong.join("; "),
                reply.reason
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn hands(query: &str) -> String {
    format!("{HANDS}?{query}")
}

const AUTH: (&str, &str) = ("X-Conference-Authorization", TOKEN);
const JSON_TYPE: (&str, &str) = ("Content-Type", "application/json");

#[test]
fn the_hands_endpoint_accepts_the_documented_request_and_refuses_every_fault() {
    let mock = mock();
    let cases = vec![
        case("documented example", "PUT", hands(HANDS_QUERY), 200)
            .headers(&[AUTH, JSON_TYPE])
            .body(r#"{"handsState":1}"#),
        case("the Python SDK's extra X-Access-Token", "PUT", hands(HANDS_QUERY), 200)
            .headers(&[AUTH, JSON_TYPE, ("X-Access-Token", "tok123")])
            .body(r#"{"handsState": 1}"#),
        case(
            "header name in lower case, another token",
            "PUT",
            hands(HANDS_QUERY),
            200,
        )
        .headers(&[("x-conference-authorization", CURL_TOKEN)])
        .body(r#"{"handsState":0}"#),
        case(
            "query in the other order, a trailing slash",
            "PUT",
            format!("{HANDS}/?participantID=p&conferenceID=c"),
            200,
        )
        .headers(&[AUTH])
        .body(r#"{"handsState":0}"#),
        case("no token", "PUT", hands(HANDS_QUERY), 401)
            .body(r#"{"handsState":1}"#)
            .names(&["X-Conference-Authorization"]),
        case("no token and no body: 401 first", "PUT", hands(HANDS_QUERY), 401).names(&["X-Conference-Authorization"]),
        case("the documented cURL: no body", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[("X-Conference-Authorization", CURL_TOKEN), JSON_TYPE])
            .names(&["handsState"]),
        case("an empty object", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body("{}")
            .names(&["handsState"]),
        case("outside the enum", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":2}"#)
            .names(&["handsState", "enum"]),
        case("a string for an integer", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":"1"}"#)
            .names(&["handsState", "wrong type"]),
        case("a fraction for an integer", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":1.5}"#)
            .names(&["handsState"]),
        case("over int32", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":4294967297}"#)
            .names(&["handsState", "int32"]),
        case("null", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":null}"#)
            .names(&["handsState"]),
        case("malformed JSON", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":"#)
            .names(&["body", "JSON"]),
        case("not JSON at all", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body("handsState=1")
            .names(&["JSON"]),
        case("a JSON array", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body("[1]")
            .names(&["array", "object"]),
        case("a JSON number", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body("1")
            .names(&["number"]),
        case("an undeclared body field", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":1,"handState":1}"#)
            .names(&["handState", "not a declared"]),
        case("no conferenceID", "PUT", hands("participantID=p"), 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":1}"#)
            .names(&["conferenceID"]),
        case("no query at all", "PUT", HANDS, 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":1}"#)
            .names(&["conferenceID", "participantID"]),
        case(
            "conferenceID twice",
            "PUT",
            hands(&format!("{HANDS_QUERY}&conferenceID=2")),
            400,
        )
        .headers(&[AUTH])
        .body(r#"{"handsState":1}"#)
        .names(&["conferenceID", "2 times"]),
        case("the token twice", "PUT", hands(HANDS_QUERY), 400)
            .headers(&[AUTH, ("X-Conference-Authorization", CURL_TOKEN)])
            .body(r#"{"handsState":1}"#)
            .names(&["X-Conference-Authorization"]),
        case("every fault at once", "PUT", HANDS, 400)
            .headers(&[AUTH])
            .body(r#"{"handsState":7,"x":1}"#)
            .names(&["conferenceID", "participantID", "handsState", "`x`"]),
        case(
            "unknown path",
            "PUT",
            "/v1/mmc/control/conferences/participants/feet",
            404,
        )
        .headers(&[AUTH])
        .body(r#"{"handsState":1}"#)
        .names(&["/v1/mmc/control/conferences/participants/feet"]),
        case(
            "a prefix of a path",
            "PUT",
            "/v1/mmc/control/conferences/participants",
            404,
        )
        .names(&["no endpoint"]),
        case("the root", "GET", "/", 404).names(&["no endpoint"]),
        case("GET on the hands path", "GET", hands(HANDS_QUERY), 405).names(&["GET", "PUT"]),
        case("DELETE on the hands path", "DELETE", hands(HANDS_QUERY), 405).names(&["DELETE", "PUT"]),
    ];
    run(&mock, cases);
}

#[test]
fn the_405_lists_the_methods_served_in_allow() {
    let mock = mock();
    for method in ["GET", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"] {
        let reply = send(&mock, method, HANDS, &[AUTH], "");
        assert_eq!(reply.response.status, 405, "{method}");
        assert_eq!(header(&reply, "allow"), Some("PUT"), "{method}");
    }
    let reply = send(&mock, "PUT", TOKEN_PATH, &[], "");
    assert_eq!(reply.response.status, 405);
    assert_eq!(header(&reply, "allow"), Some("GET"));
    // Two specs on one path under different methods: one Allow with both.
    let get = parse(&format!("{}\n", lookup_like("GET", "get_item")));
    let delete = parse(&format!("{}\n", lookup_like("DELETE", "delete_item")));
    let both = Mock::new(vec![get, delete]);
    let reply = send(&both, "PUT", "/items/1", &[], "");
    assert_eq!(reply.response.status, 405);
    assert_eq!(header(&reply, "allow"), Some("GET, DELETE"));
    assert_eq!(send(&both, "DELETE", "/items/1", &[], "").response.status, 200);
    assert_eq!(send(&both, "GET", "/items/1", &[], "").response.status, 200);
}

fn lookup_like(method: &str, name: &str) -> String {
    format!(
        "name: {name}\nsummary: s\nmethod: {method}\npath: /items/{{id}}\nparams:\n  - name: id\n    in: path\n    type: integer\nresponses:\n  - status: 200\n    description: ok\n"
    )
}

#[test]
fn the_documented_example_gets_its_documented_response() {
    let mock = mock();
    let reply = send(
        &mock,
        "PUT",
        &hands(HANDS_QUERY),
        &[AUTH, JSON_TYPE],
        r#"{"handsState":1}"#,
    );
    assert_eq!(reply.response.status, 200);
    assert_eq!(header(&reply, "x-request-id"), Some("f78b007ec2dabf1498620131c7bc19e0"));
    assert_eq!(header(&reply, "content-type"), Some("application/json;charset=UTF-8"));
    assert!(reply.response.body.is_empty(), "the example documents no body");
    assert_eq!(reply.reason, None);

    // The same values with any credential: a secret is not a value to match.
    let other = send(
        &mock,
        "PUT",
        &hands(HANDS_QUERY),
        &[("X-Conference-Authorization", CURL_TOKEN)],
        r#"{"handsState":1}"#,
    );
    assert_eq!(header(&other, "x-request-id"), Some("f78b007ec2dabf1498620131c7bc19e0"));

    // Other values: the fallback, a 2xx without the example's request id
    // (the server adds its own) and without a body, as documented.
    let lower = send(&mock, "PUT", &hands(HANDS_QUERY), &[AUTH], r#"{"handsState":0}"#);
    assert_eq!(lower.response.status, 200);
    assert_eq!(header(&lower, "x-request-id"), None);
    assert!(lower.response.body.is_empty());

    // Mute: the second spec answers its own example.
    let unmute = send(
        &mock,
        "PUT",
        &format!("/v1/mmc/control/conferences/participants/mute?{HANDS_QUERY}"),
        &[AUTH],
        r#"{"isMute":0}"#,
    );
    assert_eq!(unmute.response.status, 200);
    assert_eq!(
        header(&unmute, "x-request-id"),
        Some("0d1e2c3b4a5968778695a4b3c2d1e0f9")
    );
    // Its 400 example, whose values differ from the 200's.
    let not_found = send(
        &mock,
        "PUT",
        "/v1/mmc/control/conferences/participants/mute?conferenceID=914083136&participantID=00000000000000000000000000000000",
        &[AUTH],
        r#"{"isMute":1}"#,
    );
    assert_eq!(not_found.response.status, 400);
    assert_eq!(
        body_json(&not_found),
        json!({"error_code": "MMC.111072008", "error_msg": "The participant does not exist."})
    );
}

/// `body` without the fields into which the mock writes a fresh control
/// token and its expiry, and whether each of them was there.
fn without_fresh_token(mut body: Value) -> Value {
    let data = body["data"].as_object_mut().expect("a `data` object");
    for field in ["token", "expireTime", "confTokenExpireTime"] {
        assert!(data.remove(field).is_some(), "`data.{field}` is written");
    }
    body
}

#[test]
fn the_token_get_answers_its_example_else_a_body_of_the_documented_shape() {
    let mock = mock();
    let spec = load("spec/token.yaml");
    let headers = [("X-Password", "123456"), ("X-Login-Type", "1")];
    let example = send(
        &mock,
        "GET",
        &format!("{TOKEN_PATH}?conferenceID=914346822"),
        &headers,
        "",
    );
    assert_eq!(example.response.status, 200);
    let documented = spec.examples[0].response.body.clone().expect("the example has a body");
    // The example's answer, but with a token of its own: the mock mints
    // one per answer (a token that expired in 2020 is of no use to a
    // client that heeds `expireTime`).
    let answered = body_json(&example);
    assert_ne!(answered["data"]["token"], documented["data"]["token"]);
    assert_eq!(answered["data"]["confTokenExpireTime"], 1800);
    assert_eq!(without_fresh_token(answered), without_fresh_token(documented.clone()));

    // Another meeting: not the example, so a body of the documented shape.
    let other = send(&mock, "GET", &format!("{TOKEN_PATH}?conferenceID=1"), &headers, "");
    assert_eq!(other.response.status, 200);
    assert_eq!(header(&other, "content-type"), Some("application/json;charset=UTF-8"));
    let body = body_json(&other);
    assert_ne!(body, documented);
    let fields = spec.response(200).and_then(|r| r.body_fields()).expect("a 200 body");
    let Value::Object(map) = &body else {
        panic!("an object: {body}")
    };
    assert_eq!(object_violations(&fields, map), vec![], "{body}");
    assert!(body["data"]["token"].is_string(), "{body}");

    // The secret header's value does not pick an example.
    let any_password = send(
        &mock,
        "GET",
        &format!("{TOKEN_PATH}?conferenceID=914346822"),
        &[("X-Password", "pw-9911"), ("X-Login-Type", "1")],
        "",
    );
    assert_eq!(
        without_fresh_token(body_json(&any_password)),
        without_fresh_token(documented)
    );
}

#[test]
fn the_token_get_checks_header_types_and_enums_and_takes_no_body() {
    let mock = mock();
    let ok = || format!("{TOKEN_PATH}?conferenceID=914346822");
    let cases = vec![
        case("optional headers too", "GET", ok(), 200).headers(&[
            ("X-Password", "pw-9911"),
            ("X-Login-Type", "1"),
            ("X-Conference-Authorization", TOKEN),
            ("X-Nonce", "n"),
        ]),
        case("no password", "GET", ok(), 401)
            .headers(&[("X-Login-Type", "1")])
            .names(&["X-Password"]),
        case("an optional secret header is no credential", "GET", ok(), 401)
            .headers(&[("X-Login-Type", "1"), ("X-Conference-Authorization", TOKEN)])
            .names(&["X-Password"]),
        case("no login type", "GET", ok(), 400)
            .headers(&[("X-Password", "pw-9911")])
            .names(&["X-Login-Type", "missing"]),
        case("login type outside the enum", "GET", ok(), 400)
            .headers(&[("X-Password", "pw-9911"), ("X-Login-Type", "2")])
            .names(&["X-Login-Type", "enum"]),
        case("login type not an integer", "GET", ok(), 400)
            .headers(&[("X-Password", "pw-9911"), ("X-Login-Type", "one")])
            .names(&["X-Login-Type", "\"one\"", "an integer"]),
        case("login type over int32", "GET", ok(), 400)
            .headers(&[("X-Password", "pw-9911"), ("X-Login-Type", "4294967297")])
            .names(&["X-Login-Type", "int32"]),
        case("login type twice", "GET", ok(), 400)
            .headers(&[("X-Password", "pw-9911"), ("X-Login-Type", "1"), ("X-Login-Type", "1")])
            .names(&["X-Login-Type"]),
        case("a body on a GET that declares none", "GET", ok(), 400)
            .headers(&[("X-Password", "pw-9911"), ("X-Login-Type", "1")])
            .body(r#"{"conferenceID":"914346822"}"#)
            .names(&["body"]),
        case("a blank body is no body", "GET", ok(), 200)
            .headers(&[("X-Password", "pw-9911"), ("X-Login-Type", "1")])
            .body(" \r\n"),
        case("no conferenceID", "GET", TOKEN_PATH, 400)
            .headers(&[("X-Password", "pw-9911"), ("X-Login-Type", "1")])
            .names(&["conferenceID"]),
    ];
    run(&mock, cases);
}

#[test]
fn a_header_that_is_not_text_is_refused_without_quoting_it() {
    let mock = mock();
    let mut headers = HeaderMap::new();
    headers.insert(
        "X-Password",
        HeaderValue::from_bytes(b"pw\xff9911").expect("opaque bytes"),
    );
    headers.insert("X-Login-Type", HeaderValue::from_static("1"));
    let uri: Uri = format!("{TOKEN_PATH}?conferenceID=1").parse().unwrap();
    let reply = mock.reply(&Method::GET, &uri, &headers, b"");
    assert_eq!(reply.response.status, 400);
    let message = body_json(&reply)["error_msg"].as_str().unwrap().to_owned();
    assert!(message.contains("X-Password"), "{message}");
    assert!(!message.contains("9911"), "{message}");
}

/// The every-shape spec: path params, a repeated array query key, a boolean,
/// nested objects with bounds, a list of objects with enums. The runtime's
/// copy has no examples; the conformance kit's copy documents three.
#[test]
fn path_params_arrays_and_nested_bodies_are_read_and_checked() {
    let mock = mock();
    let rooms = Mock::new(vec![load("conformance/tests/specs/room.yaml")]);
    let example = "/v1/rooms/room%2F1%20%2B%40/members/7?tags=x+y&tags=z%26%3D%23&verbose=true";
    let example_body =
        r#"{"type":"INCREMENT","settings":{"volume":0.5,"layout":{"columns":3}},"members":[{"userID":"u1","role":1}]}"#;
    let reply = send(&rooms, "PATCH", example, &[("X-Trace", "t-1")], example_body);
    assert_eq!(reply.response.status, 200, "{:?}", reply.reason);
    assert_eq!(body_json(&reply), json!({"roomID": "room/1 +@", "type": "FULL"}));

    // The same values, encoded otherwise: %20 for a space, tags in a
    // different spelling of the same text.
    let reply = send(
        &rooms,
        "PATCH",
        "/v1/rooms/room%2F1%20+%40/members/7?verbose=true&tags=x%20y&tags=z%26%3d%23",
        &[("X-Trace", "t-1")],
        example_body,
    );
    assert_eq!(reply.response.status, 200, "{:?}", reply.reason);
    assert_eq!(body_json(&reply), json!({"roomID": "room/1 +@", "type": "FULL"}));

    // The tags in the other order are other values: the fallback body.
    let reply = send(
        &rooms,
        "PATCH",
        "/v1/rooms/room%2F1%20%2B%40/members/7?tags=z%26%3D%23&tags=x+y&verbose=true",
        &[("X-Trace", "t-1")],
        example_body,
    );
    assert_eq!(reply.response.status, 200);
    let body = body_json(&reply);
    assert_ne!(body, json!({"roomID": "room/1 +@", "type": "FULL"}));
    assert!(body["roomID"].is_string(), "{body}");

    // The 204 and 404 examples.
    let reply = send(&rooms, "PATCH", "/v1/rooms/r/members/1", &[], r#"{"type":"FULL"}"#);
    assert_eq!(reply.response.status, 204);
    assert!(reply.response.body.is_empty());
    let reply = send(&rooms, "PATCH", "/v1/rooms/gone/members/1", &[], r#"{"type":"FULL"}"#);
    assert_eq!(reply.response.status, 404);
    assert_eq!(body_json(&reply), json!({"code": "NO_ROOM"}));
    assert_eq!(reply.reason, None, "a documented 404 is an answer, not a refusal");

    let cases = vec![
        case("the least request", "PATCH", ROOM, 200).body(r#"{"type":"INCREMENT"}"#),
        case("a negative integer path value", "PATCH", "/v1/rooms/r1/members/-3", 200).body(r#"{"type":"FULL"}"#),
        case("one tag, an empty tag", "PATCH", format!("{ROOM}?tags=a&tags="), 200).body(r#"{"type":"FULL"}"#),
        case("members with an optional field absent", "PATCH", ROOM, 200)
            .body(r#"{"type":"FULL","members":[{"userID":"a"},{"userID":"b","role":0}]}"#),
        case(
            "a path integer that is not one",
            "PATCH",
            "/v1/rooms/r1/members/seven",
            400,
        )
        .body(r#"{"type":"FULL"}"#)
        .names(&["path param `member`", "\"seven\"", "an integer"]),
        case(
            "a path integer with a fraction",
            "PATCH",
            "/v1/rooms/r1/members/7.5",
            400,
        )
        .body(r#"{"type":"FULL"}"#)
        .names(&["member"]),
        case("an empty path segment", "PATCH", "/v1/rooms//members/7", 404).body(r#"{"type":"FULL"}"#),
        case("a missing path segment", "PATCH", "/v1/rooms/r1/members", 404).body(r#"{"type":"FULL"}"#),
        case("a boolean that is not one", "PATCH", format!("{ROOM}?verbose=yes"), 400)
            .body(r#"{"type":"FULL"}"#)
            .names(&["query param `verbose`", "\"yes\"", "boolean"]),
        case(
            "a boolean given twice",
            "PATCH",
            format!("{ROOM}?verbose=true&verbose=false"),
            400,
        )
        .body(r#"{"type":"FULL"}"#)
        .names(&["verbose", "2 times"]),
        case("a string enum outside", "PATCH", ROOM, 400)
            .body(r#"{"type":"PARTIAL"}"#)
            .names(&["body param `type`", "enum", "INCREMENT"]),
        case("the enum's case matters", "PATCH", ROOM, 400)
            .body(r#"{"type":"full"}"#)
            .names(&["type"]),
        case("a number above its maximum", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","settings":{"volume":1.5,"layout":{"columns":1}}}"#)
            .names(&["settings", "volume", "bounds"]),
        case("a number below its minimum", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","settings":{"volume":-0.1,"layout":{"columns":1}}}"#)
            .names(&["volume", "bounds"]),
        case("a string for a number", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","settings":{"volume":"loud","layout":{"columns":1}}}"#)
            .names(&["volume", "wrong type"]),
        case("a required nested field missing", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","settings":{"volume":0.5}}"#)
            .names(&["settings", "layout"]),
        case("a required field two levels down", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","settings":{"layout":{}}}"#)
            .names(&["settings", "columns"]),
        case("an undeclared nested field", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","settings":{"layout":{"columns":1},"colour":"red"}}"#)
            .names(&["settings", "colour"]),
        case("a list for an object", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","settings":[]}"#)
            .names(&["settings", "wrong type"]),
        case("an object for a list", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","members":{"userID":"a"}}"#)
            .names(&["members", "wrong type"]),
        case("an enum in a list of objects", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","members":[{"userID":"a"},{"userID":"b","role":5}]}"#)
            .names(&["members", "[1]", "role", "enum"]),
        case("a required field in a list of objects", "PATCH", ROOM, 400)
            .body(r#"{"type":"FULL","members":[{"role":1}]}"#)
            .names(&["members", "userID"]),
        case("no body for a required body param", "PATCH", ROOM, 400).names(&["type", "no body"]),
        case("a header given twice", "PATCH", ROOM, 400)
            .headers(&[("X-Trace", "a"), ("X-Trace", "b")])
            .body(r#"{"type":"FULL"}"#)
            .names(&["X-Trace"]),
        case("POST where PATCH is served", "POST", ROOM, 405)
            .body(r#"{"type":"FULL"}"#)
            .names(&["PATCH"]),
    ];
    run(&mock, cases);
}

/// Lengths and sizes, and numbers read from the query, on a spec written
/// for them: no project spec bounds a string or a list.
const BOUNDED: &str = r#"
name: bounded
summary: Bounds of every kind
method: POST
path: /bounded
params:
  - name: code
    in: query
    type: string
    required: true
    min_length: 2
    max_length: 4
  - name: ids
    in: query
    type: array
    min_length: 1
    max_length: 2
    items:
      type: integer
      minimum: 1
  - name: ratio
    in: query
    type: number
    minimum: 0
    maximum: 10
  - name: keys
    in: query
    type: array
    secret: true
    items:
      type: integer
  - name: X-Pin
    in: header
    type: integer
    secret: true
    minimum: 1000
    maximum: 9999
  - name: pass
    in: body
    type: string
    secret: true
    max_length: 8
  - name: level
    in: body
    type: integer
    maximum: 5
  - name: weight
    in: body
    type: number
responses:
  - status: 201
    description: Created.
    body:
      - name: id
        type: string
        required: true
        min_length: 3
examples:
  - name: documented
    request:
      query:
        code: ab
        ratio: 2
      body:
        weight: 1
    response:
      status: 201
      body:
        id: documented-id
"#;

#[test]
fn lengths_sizes_and_bounds_are_checked_where_the_values_travel() {
    let mock = Mock::new(vec![parse(BOUNDED)]);
    let cases = vec![
        case("shortest code", "POST", "/bounded?code=ab", 201),
        case(
            "longest code, counted in characters",
            "POST",
            "/bounded?code=%C3%A9%C3%A9%C3%A9%C3%A9",
            201,
        ),
        case("a code too short", "POST", "/bounded?code=a", 400).names(&["code", "length"]),
        case("a code too long", "POST", "/bounded?code=abcde", 400).names(&["code", "length"]),
        case("an empty code", "POST", "/bounded?code=", 400).names(&["code"]),
        case("two ids", "POST", "/bounded?code=ab&ids=1&ids=2", 201),
        case("three ids", "POST", "/bounded?code=ab&ids=1&ids=2&ids=3", 400).names(&["ids", "size"]),
        case("an id below its minimum", "POST", "/bounded?code=ab&ids=1&ids=0", 400).names(&["ids", "[1]", "bounds"]),
        case("an id that is not an integer", "POST", "/bounded?code=ab&ids=x", 400).names(&["ids", "[0]", "integer"]),
        case("a ratio in bounds", "POST", "/bounded?code=ab&ratio=9.5", 201),
        case("a ratio above", "POST", "/bounded?code=ab&ratio=10.5", 400).names(&["ratio", "bounds"]),
        case("a ratio that is no number", "POST", "/bounded?code=ab&ratio=lots", 400).names(&["ratio", "a number"]),
        case("a pin in bounds", "POST", "/bounded?code=ab", 201).headers(&[("X-Pin", "4321")]),
        case("a level above its maximum", "POST", "/bounded?code=ab", 400)
            .body(r#"{"level":6}"#)
            .names(&["level", "bounds"]),
        case("a body with a blank line only", "POST", "/bounded?code=ab", 201).body("\n"),
        case("an empty object body", "POST", "/bounded?code=ab", 201).body("{}"),
    ];
    run(&mock, cases);
}

#[test]
fn secret_values_never_appear_in_error_messages() {
    let mock = Mock::new(vec![parse(BOUNDED)]);
    // (what, query, header pin, body, the param named): each refused,
    // none may quote its secret.
    let cases = [
        ("a pin out of bounds", "", Some("12345678"), "", "X-Pin"),
        ("a pin that is not a number", "", Some("pin-secret-text"), "", "X-Pin"),
        ("a pin over int64", "", Some("99999999999999999999"), "", "X-Pin"),
        ("a pass too long", "", None, r#"{"pass":"hunter2-secret"}"#, "pass"),
        ("a pass of the wrong type", "", None, r#"{"pass":73737373}"#, "pass"),
        (
            "a pass of the wrong type, an object",
            "",
            None,
            r#"{"pass":{"k":"inner-secret"}}"#,
            "pass",
        ),
        (
            "a pass of the wrong type, a list",
            "",
            None,
            r#"{"pass":["list-secret"]}"#,
            "pass",
        ),
        (
            "an element of a secret list",
            "&keys=1&keys=key-secret",
            None,
            "",
            "keys",
        ),
        // `;` separates pairs for the log's redaction: the same must hold
        // where a value is quoted, or `x;keys=…` is quoted whole.
        ("a secret after `;`", "&ratio=x;keys=semi-secret", None, "", "ratio"),
    ];
    let mut leaks = Vec::new();
    for (what, query, pin, body, name) in cases {
        let headers: Vec<(&str, &str)> = pin.map(|pin| ("X-Pin", pin)).into_iter().collect();
        let reply = send(&mock, "POST", &format!("/bounded?code=ab{query}"), &headers, body);
        assert_eq!(reply.response.status, 400, "{what}");
        let message = body_json(&reply)["error_msg"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains(name), "{what}: {message}");
        let secrets = [
            "12345678",
            "pin-secret-text",
            "99999999999999999999",
            "hunter2-secret",
            "73737373",
            "inner-secret",
            "list-secret",
            "key-secret",
            "semi-secret",
        ];
        for secret in secrets {
            if message.contains(secret) || reply.reason.as_deref().unwrap_or_default().contains(secret) {
                leaks.push(format!("{what}: {message}"));
            }
        }
    }
    assert!(leaks.is_empty(), "secret values in messages:\n{}", leaks.join("\n"));
}

#[test]
fn examples_match_on_values_not_on_their_spelling() {
    let mock = Mock::new(vec![parse(BOUNDED)]);
    let documented = json!({"id": "documented-id"});
    // The example's ratio is 2 and its weight 1: a client that writes the
    // numbers as 2.0 or 1.0 sends the same values.
    for (target, body) in [
        ("/bounded?code=ab&ratio=2", r#"{"weight":1}"#),
        ("/bounded?ratio=2.0&code=ab", r#"{"weight":1.0}"#),
        ("/bounded?code=ab&ratio=2e0", r#"{"weight": 1e0 }"#),
    ] {
        let reply = send(&mock, "POST", target, &[], body);
        assert_eq!(reply.response.status, 201, "{target} {body}");
        assert_eq!(body_json(&reply), documented, "{target} {body}");
    }
    // Other values: a body of the documented shape, within its bounds.
    let reply = send(&mock, "POST", "/bounded?code=ab&ratio=3", &[], r#"{"weight":1}"#);
    assert_eq!(reply.response.status, 201);
    let body = body_json(&reply);
    assert_ne!(body, documented);
    assert!(body["id"].as_str().is_some_and(|id| id.len() >= 3), "{body}");
}

#[test]
fn secret_query_values_are_redacted_in_the_logged_target() {
    let mock = mock();
    let secret_query = format!("access_token={ACCESS_TOKEN}");
    let redacted = "access_token=[redacted]";
    let rows = [
        // (method, target, status, logged target)
        (
            "GET",
            format!("/v2/users/u1?{secret_query}&fields=name"),
            200,
            format!("/v2/users/u1?{redacted}&fields=name"),
        ),
        (
            "GET",
            format!("/v2/users/u%201?fields=email&fields=name&{secret_query}"),
            200,
            format!("/v2/users/u%201?fields=email&fields=name&{redacted}"),
        ),
        (
            "GET",
            format!("/v2/users/u1?{secret_query}&fields=phone"),
            400,
            format!("/v2/users/u1?{redacted}&fields=phone"),
        ),
        (
            "GET",
            format!("/v2/users/u1?access%5Ftoken={ACCESS_TOKEN}"),
            200,
            "/v2/users/u1?access%5Ftoken=[redacted]".to_owned(),
        ),
        (
            "GET",
            format!("/v2/users/u1?{secret_query}&{secret_query}"),
            400,
            format!("/v2/users/u1?{redacted}&{redacted}"),
        ),
        (
            "GET",
            "/v2/users/u1?fields=name".to_owned(),
            400,
            "/v2/users/u1?fields=name".to_owned(),
        ),
        // Refused before any spec is chosen, but the path is served (405)
        // or the name is a served secret (404): still redacted.
        (
            "DELETE",
            format!("/v2/users/u1?{secret_query}"),
            405,
            format!("/v2/users/u1?{redacted}"),
        ),
        (
            "GET",
            format!("/v2/people/u1?{secret_query}&x=1"),
            404,
            format!("/v2/people/u1?{redacted}&x=1"),
        ),
    ];
    let mut wrong = Vec::new();
    for (method, target, status, logged) in rows {
        let reply = send(&mock, method, &target, &[], "");
        if reply.response.status != status || reply.target != logged {
            wrong.push(format!(
                "{method} {target}: {} {:?}, expected {status} {logged:?}",
                reply.response.status, reply.target
            ));
        }
        let body = String::from_utf8_lossy(&reply.response.body).into_owned();
        let reason = reply.reason.unwrap_or_default();
        if body.contains(ACCESS_TOKEN) || reason.contains(ACCESS_TOKEN) {
            wrong.push(format!("{method} {target}: the secret is in {body} / {reason}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // A missing secret query param is a 400 naming it (401 is for headers).
    let reply = send(&mock, "GET", "/v2/users/u1", &[], "");
    assert_eq!(reply.response.status, 400);
    assert!(
        body_json(&reply)["error_msg"]
            .as_str()
            .unwrap()
            .contains("access_token")
    );
}

#[test]
fn secret_path_values_are_redacted_in_the_logged_target() {
    let spec = parse(
        "name: by_key\nsummary: s\nmethod: GET\npath: /keys/{key}/v{version}\nparams:\n  - name: key\n    in: path\n    type: string\n    secret: true\n  - name: version\n    in: path\n    type: integer\nresponses:\n  - status: 200\n    description: ok\n",
    );
    assert!(spec.param(ParamIn::Path, "key").is_some());
    let mock = Mock::new(vec![spec]);
    let reply = send(&mock, "GET", "/keys/k%2Fsecret-key/v2?x=1", &[], "");
    assert_eq!(reply.response.status, 200);
    assert_eq!(reply.target, "/keys/[redacted]/v2?x=1");
    let reply = send(&mock, "GET", "/keys/secret-key/vtwo", &[], "");
    assert_eq!(reply.response.status, 400);
    assert_eq!(reply.target, "/keys/[redacted]/vtwo");
    assert!(!reply.reason.unwrap_or_default().contains("secret-key"));
}

#[test]
fn the_first_spec_that_fits_a_path_serves_it() {
    let literal = parse(
        "name: me\nsummary: s\nmethod: GET\npath: /users/me\nresponses:\n  - status: 200\n    description: ok\n    body:\n      - name: who\n        type: string\n        enum:\n          - value: me\n",
    );
    let template = parse(
        "name: user\nsummary: s\nmethod: GET\npath: /users/{id}\nparams:\n  - name: id\n    in: path\n    type: integer\nresponses:\n  - status: 200\n    description: ok\n",
    );
    let mock = Mock::new(vec![literal, template]);
    let me = send(&mock, "GET", "/users/me", &[], "");
    assert_eq!(me.response.status, 200);
    assert_eq!(body_json(&me), json!({"who": "me"}));
    let user = send(&mock, "GET", "/users/12", &[], "");
    assert_eq!(user.response.status, 200);
    assert!(user.response.body.is_empty());
    let bad = send(&mock, "GET", "/users/x", &[], "");
    assert_eq!(bad.response.status, 400);
    assert!(bad.reason.unwrap_or_default().contains("`id`"));
}

const BY_KEY: &str = "name: by_key\nsummary: s\nmethod: GET\npath: /keys/{key}/v{version}\nparams:\n  - name: key\n    in: path\n    type: string\n    secret: true\n  - name: version\n    in: path\n    type: integer\nresponses:\n  - status: 200\n    description: ok\n";

#[test]
fn secret_path_values_stay_hidden_when_the_path_or_method_is_not_served() {
    let mock = Mock::new(vec![parse(BY_KEY)]);
    for (method, target, status) in [
        ("GET", "/keys/SECRETK/v2/extra", 404),
        ("GET", "/keys/SECRETK", 404),
        ("POST", "/keys/SECRETK/v2", 405),
    ] {
        let reply = send(&mock, method, target, &[], "");
        assert_eq!(reply.response.status, status, "{target}");
        assert!(reply.target.starts_with("/keys/[redacted]"), "{}", reply.target);
        let body = String::from_utf8_lossy(&reply.response.body);
        assert!(!body.contains("SECRETK"), "{body}");
        assert!(!reply.reason.unwrap_or_default().contains("SECRETK"));
    }
    // A body that cannot be read is refused before its spec's checks: the
    // target the log shows is redacted all the same.
    let uri: Uri = "/keys/SECRETK/v2?x=1".parse().unwrap();
    assert_eq!(mock.target(&Method::POST, &uri), "/keys/[redacted]/v2?x=1");
    assert_eq!(mock.target(&Method::GET, &uri), "/keys/[redacted]/v2?x=1");
}

#[test]
fn a_segment_with_two_params_is_read_as_two() {
    let mock = Mock::new(vec![parse(
        "name: file\nsummary: s\nmethod: GET\npath: /v1/files/{base}.{ext}\nparams:\n  - name: base\n    in: path\n    type: string\n  - name: ext\n    in: path\n    type: string\n    secret: true\nresponses:\n  - status: 200\n    description: ok\n    body:\n      - name: size\n        type: integer\nexamples:\n  - name: report\n    request:\n      path: {base: report, ext: pdf}\n    response:\n      status: 200\n      body: {size: 42}\n",
    )]);
    let reply = send(&mock, "GET", "/v1/files/report.pdf", &[], "");
    assert_eq!(reply.response.status, 200, "{:?}", reply.reason);
    assert_eq!(body_json(&reply), json!({"size": 42}));
    assert_eq!(reply.target, "/v1/files/report.[redacted]");
    assert_eq!(send(&mock, "GET", "/v1/files/report", &[], "").response.status, 404);
}

#[test]
fn a_secret_inside_an_object_param_is_never_quoted() {
    let mock = Mock::new(vec![parse(
        "name: configure\nsummary: s\nmethod: GET\npath: /configure\nparams:\n  - name: cfg\n    in: query\n    type: object\n    required: true\n    fields:\n      - name: password\n        type: string\n        secret: true\nresponses:\n  - status: 200\n    description: ok\n",
    )]);
    let reply = send(&mock, "GET", "/configure?cfg=%7Bpassword:PWSECRET3", &[], "");
    assert_eq!(reply.response.status, 400);
    let body = String::from_utf8_lossy(&reply.response.body);
    assert!(!body.contains("PWSECRET3"), "{body}");
    assert!(
        body.contains("query param `cfg`: the value is not a mapping of fields"),
        "{body}"
    );
}

#[test]
fn an_empty_credential_is_no_credential() {
    let mock = mock();
    for value in ["", "   "] {
        let reply = send(
            &mock,
            "PUT",
            &hands(HANDS_QUERY),
            &[("X-Conference-Authorization", value), JSON_TYPE],
            r#"{"handsState":1}"#,
        );
        assert_eq!(reply.response.status, 401, "{value:?}");
    }
}

#[test]
fn a_documented_wrong_password_gets_its_documented_refusal() {
    let mock = mock();
    let headers = [("X-Password", "000000"), ("X-Login-Type", "1")];
    let reply = send(
        &mock,
        "GET",
        &format!("{TOKEN_PATH}?conferenceID=914346822"),
        &headers,
        "",
    );
    assert_eq!(reply.response.status, 400);
    assert_eq!(body_json(&reply)["error_code"], "MMC.111072065");
    // Any other password gets the documented success.
    let headers = [("X-Password", "123457"), ("X-Login-Type", "1")];
    let reply = send(
        &mock,
        "GET",
        &format!("{TOKEN_PATH}?conferenceID=914346822"),
        &headers,
        "",
    );
    assert_eq!(reply.response.status, 200);
    assert_eq!(
        body_json(&reply)["addressToken"],
        "cnrWgVRDFvdEi3VAUB5qFO5zmiNZiFCmnxQz"
    );
}

#[test]
fn examples_that_no_request_can_reach_are_warned_of() {
    let warnings: Vec<String> = mock().warnings().map(str::to_owned).collect();
    assert_eq!(
        warnings,
        [
            "hands: example `host-cannot-raise-hand` sends the same values as `raise-hand`, so the mock answers them \
          with `raise-hand`'s response"
        ]
    );
}

#[test]
fn a_malformed_body_is_reported_once() {
    let reply = send(
        &mock(),
        "PUT",
        &hands(HANDS_QUERY),
        &[AUTH, JSON_TYPE],
        r#"{"handsState":"#,
    );
    assert_eq!(reply.response.status, 400);
    let reason = reply.reason.unwrap_or_default();
    assert!(reason.starts_with("body: the body is not valid JSON"), "{reason}");
    assert!(!reason.contains("required"), "{reason}");
}

#[test]
fn head_is_answered_where_get_is() {
    let reply = send(
        &mock(),
        "HEAD",
        &format!("{TOKEN_PATH}?conferenceID=914346822"),
        &[("X-Password", "123456"), ("X-Login-Type", "1")],
        "",
    );
    assert_eq!(reply.response.status, 200);
}

#[test]
fn an_integer_too_large_for_its_type_is_named_so() {
    for body in [
        r#"{"handsState":99999999999999999999}"#,
        r#"{"handsState":9223372036854775808}"#,
    ] {
        let reply = send(&mock(), "PUT", &hands(HANDS_QUERY), &[AUTH, JSON_TYPE], body);
        assert_eq!(reply.response.status, 400);
        let reason = reply.reason.unwrap_or_default();
        assert!(reason.contains("does not fit in an int32"), "{body}: {reason}");
    }
}

/// A secret path value and secret query values of two specs, beside a spec
/// without either (cli/tests/fixtures/mock/).
fn secret_mock() -> Mock {
    Mock::new(vec![
        load("cli/tests/fixtures/mock/room_items.yaml"),
        load("cli/tests/fixtures/mock/signed.yaml"),
        load("spec/hands.yaml"),
    ])
}

/// The secret the tests below put in paths and queries.
const ROOM_TOKEN: &str = "s3cr3tROOMtoken";

#[test]
fn secrets_stay_hidden_however_the_path_is_spelled() {
    let mock = secret_mock();
    let t = ROOM_TOKEN;
    let rows: Vec<(&str, String, u16, &str)> = vec![
        // (method, target, status, logged target)
        ("GET", format!("/v1/rooms/{t}/items"), 200, "/v1/rooms/[redacted]/items"),
        (
            "GET",
            format!("/v1/rooms/{t}/items/"),
            200,
            "/v1/rooms/[redacted]/items/",
        ),
        (
            "GET",
            format!("//v1/rooms/{t}/items"),
            200,
            "//v1/rooms/[redacted]/items",
        ),
        (
            "GET",
            format!("/v1//rooms/{t}/items"),
            404,
            "/v1//rooms/[redacted]/items",
        ),
        (
            "GET",
            format!("/V1/rooms/{t}/items"),
            404,
            "/[redacted]/rooms/[redacted]/items",
        ),
        (
            "GET",
            format!("/v1/ROOMS/{t}/items"),
            404,
            "/v1/[redacted]/[redacted]/items",
        ),
        ("GET", format!("/v1/rooms/{t}"), 404, "/v1/rooms/[redacted]"),
        (
            "GET",
            format!("/v1/rooms/{t}/items/more"),
            404,
            "/v1/rooms/[redacted]/items/[redacted]",
        ),
        (
            "GET",
            format!("/v1/rooms/./{t}/items"),
            404,
            "/v1/rooms/[redacted]/[redacted]/items",
        ),
        ("GET", format!("/v1/rooms%2F{t}/items"), 404, "/v1/[redacted]/items"),
        ("GET", format!("/v1/rooms/{t}%2Fitems"), 404, "/v1/rooms/[redacted]"),
        (
            "GET",
            format!("/v1/rooms/{t}%2Fx/items"),
            200,
            "/v1/rooms/[redacted]/items",
        ),
        (
            "GET",
            "/v1/rooms/s3cr3t%52OOMtoken/items".into(),
            200,
            "/v1/rooms/[redacted]/items",
        ),
        (
            "POST",
            format!("/v1/rooms/{t}/items"),
            405,
            "/v1/rooms/[redacted]/items",
        ),
        // After `;`, in a segment of any kind.
        (
            "GET",
            format!("/v1/rooms/{t};v=1/items"),
            200,
            "/v1/rooms/[redacted]/items",
        ),
        (
            "GET",
            format!("/v1/rooms/r1/items;access_token={t}"),
            404,
            "/v1/rooms/[redacted]/[redacted]",
        ),
        ("GET", format!("/v1/signed;access_token={t}"), 404, "/v1/[redacted]"),
        ("GET", format!("/v1;access_token={t}/signed"), 404, "/[redacted]/signed"),
        // Query values of a name that is secret in any served spec.
        (
            "GET",
            format!("/v1/rooms/r1/items?signature={t}"),
            200,
            "/v1/rooms/[redacted]/items?signature=[redacted]",
        ),
        (
            "GET",
            format!("/v1/signed?access_token={t}&x=1"),
            200,
            "/v1/signed?access_token=[redacted]&x=1",
        ),
        (
            "GET",
            format!("/v1/signed?ACCESS_TOKEN={t}"),
            200,
            "/v1/signed?ACCESS_TOKEN=[redacted]",
        ),
        (
            "GET",
            format!("/v1/signed?x=1;signature={t}"),
            200,
            "/v1/signed?x=1;signature=[redacted]",
        ),
        (
            "GET",
            format!("/v1/signed?roomToken={t}"),
            200,
            "/v1/signed?roomToken=[redacted]",
        ),
        (
            "GET",
            format!("/nowhere?signature={t}"),
            404,
            "/[redacted]?signature=[redacted]",
        ),
    ];
    let mut wrong = Vec::new();
    for (method, target, status, logged) in &rows {
        let reply = send(&mock, method, target, &[], "");
        let body = String::from_utf8_lossy(&reply.response.body).into_owned();
        let reason = reply.reason.clone().unwrap_or_default();
        if reply.response.status != *status || reply.target != *logged {
            wrong.push(format!(
                "{method} {target}: {} {:?}, expected {status} {logged:?}",
                reply.response.status, reply.target
            ));
        }
        for shown in [&reply.target, &body, &reason] {
            if shown.contains("s3cr3t") || shown.contains("ROOMtoken") {
                wrong.push(format!("{method} {target}: the secret is shown: {shown}"));
            }
        }
        // The target as the log shows it for a body that could not be read.
        let uri: Uri = target.parse().unwrap();
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        if mock.target(&method, &uri) != *logged {
            wrong.push(format!(
                "{method} {target}: Mock::target {:?}",
                mock.target(&method, &uri)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn paths_stay_readable_when_no_served_path_holds_a_secret() {
    // hands.yaml and lookup.yaml have no secret path param: nothing to hide
    // in a path but what follows a `;`.
    let mock = mock();
    let reply = send(&mock, "GET", "/V2/people/u1;access_token=x1", &[], "");
    assert_eq!(reply.response.status, 404);
    assert_eq!(reply.target, "/V2/people/u1;[redacted]");
}

/// A body of `handsState` and `count` undeclared keys, each with a value.
fn many_keys(count: usize) -> String {
    let mut body = String::from(r#"{"handsState":1"#);
    for n in 0..count {
        body.push_str(&format!(r#","k{n:05}":1"#));
    }
    body.push('}');
    body
}

/// Fails unless the reason and the body of `reply` are short.
fn assert_bounded(reply: &Reply, what: &str) {
    let reason = reply.reason.as_deref().unwrap_or_default();
    assert!(reason.len() < 4096, "{what}: a reason of {} bytes", reason.len());
    assert!(
        reply.response.body.len() < 4096,
        "{what}: a body of {} bytes",
        reply.response.body.len()
    );
}

#[test]
fn a_flood_of_undeclared_keys_is_named_in_part_and_counted() {
    let mock = mock();
    let body = many_keys(60_000);
    assert!(body.len() > 640_000);
    let method = Method::PUT;
    let uri: Uri = format!("{HANDS}?{HANDS_QUERY}").parse().unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("x-conference-authorization", HeaderValue::from_static(TOKEN));
    let reply = mock.reply(&method, &uri, &headers, body.as_bytes());
    assert_eq!(reply.response.status, 400);
    assert_bounded(&reply, "60,000 undeclared keys");
    let message = body_json(&reply)["error_msg"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("body param `k00000`: not a declared body param; "),
        "{message}"
    );
    assert!(message.ends_with("; and 59992 more"), "{message}");
    assert_eq!(reply.reason.as_deref(), Some(message.as_str()));
}

#[test]
fn a_huge_value_or_name_is_quoted_cut() {
    let mock = mock();
    let huge = "v".repeat(900_000);
    let auth = [("X-Conference-Authorization", TOKEN)];
    let hands_target = format!("{HANDS}?{HANDS_QUERY}");
    let room = format!(r#"{{"type":"FULL","settings":{{"layout":{{"columns":1}},"{huge}":1}}}}"#);
    let requests = [
        (hands_target.as_str(), format!(r#"{{"handsState":"{huge}"}}"#)),
        (hands_target.as_str(), format!(r#"{{"handsState":1,"{huge}":1}}"#)),
        (ROOM, room),
    ];
    for (target, body) in &requests {
        let method = if *target == ROOM { "PATCH" } else { "PUT" };
        let reply = send(&mock, method, target, &auth, body);
        assert_eq!(reply.response.status, 400, "{:?}", reply.reason);
        assert_bounded(&reply, &body[..40]);
        let reason = reply.reason.unwrap_or_default();
        assert!(reason.contains(&format!("{}…[", "v".repeat(64))), "{reason}");
        assert!(reason.contains("more bytes]"), "{reason}");
    }
    // In the query, and in a path no spec serves.
    for (target, status) in [
        (format!("/v2/users/u1?access_token=t&fields={}", &huge[..60_000]), 400),
        (format!("/v2/{}", &huge[..60_000]), 404),
        (format!("/v2/users/u1?access_token=t&{}=1", &huge[..60_000]), 200),
    ] {
        let reply = send(&mock, "GET", &target, &[], "");
        assert_eq!(reply.response.status, status, "{:?}", reply.reason);
        assert_bounded(&reply, &target[..30]);
        assert!(reply.target.len() < 2048, "a target of {} bytes", reply.target.len());
        assert!(reply.target.ends_with("more bytes]"), "{}", &reply.target[..100]);
    }
}

/// The whole-body specs of the runtime's tests (new since v1).
fn whole_body_mock() -> Mock {
    Mock::new(vec![
        load("runtime/tests/specs/add_attendees.yaml"),
        load("runtime/tests/specs/set_labels.yaml"),
    ])
}

const ATTENDEES: &str = "/v1/mmc/management/conferences/914083136/attendees";
const ACCESS: (&str, &str) = ("X-Access-Token", "cnrYDpMwZBzlmbUwpaQz5yJiRKHAuZHrY0pX");

#[test]
fn a_whole_body_request_is_checked_against_its_array_or_map_shape() {
    let mock = whole_body_mock();
    let attendees = |what, body, status| case(what, "POST", ATTENDEES, status).headers(&[ACCESS]).body(body);
    let labels = |what, body, status| {
        case(what, "PUT", "/v1/usg/labels", status)
            .headers(&[ACCESS])
            .body(body)
    };
    run(
        &mock,
        vec![
            attendees("a list of attendees", r#"[{"name": "Carol"}]"#, 200),
            attendees("an element without its required field", r#"[{"phone": "1"}]"#, 400).names(&["body", "name"]),
            attendees("an undeclared field in an element", r#"[{"name": "C", "x": 1}]"#, 400).names(&["`x`"]),
            attendees("an empty list, below min_length", "[]", 400).names(&["body"]),
            attendees("an object for a list", r#"{"name": "Carol"}"#, 400).names(&["body", "a list"]),
            attendees(
                "a map label that is not text",
                r#"[{"name": "C", "labels": {"a": 1}}]"#,
                400,
            )
            .names(&["labels.a"]),
            attendees("no body", "", 400).names(&["body", "no body"]),
            labels("a map of texts", r#"{"any": "x", "other": "y"}"#, 200),
            labels(
                "a map value too long",
                &*Box::leak(format!(r#"{{"a": "{}"}}"#, "x".repeat(65)).into_boxed_str()),
                400,
            )
            .names(&["body"]),
            labels("a list for a map", r#"["x"]"#, 400).names(&["body", "a mapping of names to values"]),
        ],
    );
}

#[test]
fn a_whole_body_is_answered_with_its_example_or_a_sample_of_its_shape() {
    let mock = whole_body_mock();
    let documented = r#"[{"name": "Alice", "labels": {"team": "blue"}}, {"name": "Bob", "phone": "+4722000000"}]"#;
    let reply = send(&mock, "POST", ATTENDEES, &[ACCESS], documented);
    assert_eq!(reply.response.status.as_u16(), 200);
    assert_eq!(
        body_json(&reply)[1]["userUUID"],
        json!("ff80808167ef1edf0167f339533d05a7")
    );
    let reply = send(&mock, "POST", ATTENDEES, &[ACCESS], r#"[{"name": "Carol"}]"#);
    assert_eq!(
        body_json(&reply),
        json!([{"userUUID": "sample", "name": "sample", "labels": {"key": "sample"}}])
    );
    let reply = send(
        &mock,
        "PUT",
        "/v1/usg/labels",
        &[ACCESS],
        r#"{"team": "blue", "site": "oslo"}"#,
    );
    assert_eq!(
        body_json(&reply),
        json!({"team": ["ff80808167ef1edf0167f339533d05a6"], "site": []})
    );
}

/// A multipart body of `parts` (name, file name, bytes) under boundary `b`.
fn form(parts: &[(&str, Option<&str>, &str)]) -> String {
    let mut body = String::new();
    for (name, file_name, bytes) in parts {
        let file = file_name.map(|f| format!("; filename=\"{f}\"")).unwrap_or_default();
        body.push_str(&format!(
            "--b\r\nContent-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n{bytes}\r\n"
        ));
    }
    body + "--b--\r\n"
}

#[test]
fn multipart_parts_are_read_and_checked() {
    let mock = Mock::new(vec![load("runtime/tests/specs/add_material.yaml")]);
    let post = |content_type: &str, body: &str| {
        let headers = [("X-Access-Token", "token"), ("Content-Type", content_type)];
        send(&mock, "POST", "/v1/usg/sss/materials", &headers, body)
    };
    let multipart = "multipart/form-data; boundary=b";
    let good = form(&[
        ("title", None, "Logo"),
        ("kind", None, "0"),
        ("file", Some("logo.svg"), "<svg/>"),
    ]);
    assert_eq!(
        post(multipart, &good).response.status.as_u16(),
        200,
        "{:?}",
        body_json(&post(multipart, &good))
    );

    let message = |reply: &Reply| {
        assert_eq!(reply.response.status.as_u16(), 400, "{:?}", body_json(reply));
        body_json(reply)["error_msg"].as_str().expect("a message").to_owned()
    };
    let faults = message(&post(
        multipart,
        &form(&[
            ("title", Some("t.txt"), "x"),
            ("kind", None, "7"),
            ("file", None, "A"),
            ("extra", None, ""),
        ]),
    ));
    for expected in [
        "form param `title`: sent as a file part",
        "form param `kind`: 7 is not one of the enum values",
        "form param `file`: sent as a text part; expected a file part",
        "form param `extra`: not a declared form part",
    ] {
        assert!(faults.contains(expected), "{expected:?} in {faults}");
    }
    let missing = message(&post(multipart, &form(&[("kind", None, "x")])));
    assert!(missing.contains("`kind`: \"x\" is not an integer"), "{missing}");
    assert!(missing.contains("`file`: required, but missing"), "{missing}");
    assert!(missing.contains("`title`: required, but missing"), "{missing}");
    let no_body = message(&post(multipart, ""));
    assert!(
        no_body.contains("`file`: required, but the request has no body"),
        "{no_body}"
    );
    let json = message(&post("application/json", "{\"title\": \"x\"}"));
    assert!(json.contains("not `multipart/form-data; boundary=...`"), "{json}");
    let cut = message(&post(
        multipart,
        "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx",
    ));
    assert!(cut.contains("part 1 is cut short"), "{cut}");
}

#[test]
fn the_documented_upload_gets_its_documented_answer() {
    let mock = Mock::new(vec![load("runtime/tests/specs/add_material.yaml")]);
    let body = "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nNotes\r\n\
        --b\r\nContent-Disposition: form-data; name=\"shared\"\r\n\r\ntrue\r\n\
        --b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n\r\n\
        first line\r\nsecond line\r\n--b--\r\n";
    let headers = [
        ("X-Access-Token", "cnrYDpMwZBzlmbUwpaQz5yJiRKHAuZHrY0pX"),
        ("Content-Type", "multipart/form-data; boundary=b"),
    ];
    let reply = send(&mock, "POST", "/v1/usg/sss/materials", &headers, body);
    assert_eq!(reply.response.status.as_u16(), 400);
    assert_eq!(body_json(&reply)["error_code"], "USG.000000001");
}
