//! The mock's tokens: logins and the control-token operation answer with
//! tokens minted on the spot, and under strict auth every operation that
//! declares a token header takes only a token so minted and still alive.
//!
//! What an operation does with tokens is read from its spec at start, not
//! from a list of names, so that the catalog's operations and any new spec
//! are treated alike:
//!
//! - a *login* answers, in its first documented 2xx, a secret top-level
//!   field `accessToken` (the catalog's two logins, and `check_token` and
//!   `update_token`, which answer a renewed one): its 2xx answers carry a
//!   fresh access token;
//! - the *control-token operation* takes header `X-Password` and query
//!   param `conferenceID` and answers a secret `data.token`: its 2xx
//!   answers carry a fresh meeting control token for that conference;
//! - an operation that declares header `X-Access-Token` needs an access
//!   token, one that declares `X-Conference-Authorization` a control token
//!   of its `conferenceID`; the control-token operation itself needs none
//!   (its password is its credential), but a token it is sent to renew
//!   must be a live one of the same conference.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderValue};
use meeting_api_spec::{Field, ParamIn, Shape, Spec};
use ring::rand::{SecureRandom, SystemRandom};
use serde_json::{Map, Value};

use super::answer::{self, Prepared};
use super::validate::{Given, Values};

/// The header that carries an access token.
const ACCESS_HEADER: &str = "X-Access-Token";
/// The header that carries a meeting control token.
const CONTROL_HEADER: &str = "X-Conference-Authorization";
/// The header with which the control-token operation authenticates.
const PASSWORD_HEADER: &str = "X-Password";
/// The query param that names the conference of a control operation.
const CONFERENCE_PARAM: &str = "conferenceID";

/// The code the account service answers an expired access token with:
/// the one Huawei's Terraform provider reads as "expired" after
/// `POST /v1/usg/acs/token/validate`. The mock gives it to unknown tokens
/// too, since a client should do the same for both: log in again.
const ACCESS_REFUSED: (&str, &str) = ("USG.000000004", "the access token is invalid or has expired");
/// The meeting-control APIs' documented refusal of a wrong credential.
const CONTROL_REFUSED: (&str, &str) = ("MMC.111072065", "CONF_NOT_FOUND_OR_AUTH_FAILED");

/// How many random bytes a token has: 48 hex digits, as long as the
/// documented control token.
const TOKEN_BYTES: usize = 24;

/// How the mock treats tokens. The defaults are the service's own
/// lifetimes and a lenient mock, which mints tokens but checks none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthOptions {
    /// Refuse, with 401, an operation's token header that holds no live
    /// token minted by this mock (`--strict-auth`).
    pub strict: bool,
    /// How long an access token lives (`--token-lifetime`).
    pub access_lifetime: Duration,
    /// How long a meeting control token lives
    /// (`--control-token-lifetime`).
    pub control_lifetime: Duration,
    /// The most tokens remembered at once; beyond it the expired ones are
    /// forgotten, then the ones closest to expiry.
    pub max_tokens: usize,
}

impl Default for AuthOptions {
    /// Not strict; access tokens live 12 h, as the SDKs keep them, and
    /// control tokens 30 min, as documented; 10,000 tokens, a few MB.
    fn default() -> Self {
        Self {
            strict: false,
            access_lifetime: Duration::from_secs(12 * 3600),
            control_lifetime: Duration::from_secs(30 * 60),
            max_tokens: 10_000,
        }
    }
}

/// The two kinds of token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Sent as `X-Access-Token`, minted by the logins.
    Access,
    /// Sent as `X-Conference-Authorization`, minted per conference by the
    /// control-token operation.
    Control,
}

impl Kind {
    fn header(self) -> &'static str {
        match self {
            Self::Access => ACCESS_HEADER,
            Self::Control => CONTROL_HEADER,
        }
    }
}

/// Why strict auth refused a request. The text names the header and the
/// reason, never the token.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The operation needs a token and the request has none.
    #[error("strict auth: `{header}` is missing")]
    Missing {
        /// The header, as the spec spells it.
        header: String,
    },
    /// No token minted by this mock, or one of the other kind.
    #[error("strict auth: `{header}` holds no token this mock issued")]
    Unknown {
        /// The header, as the spec spells it.
        header: String,
    },
    /// A token minted by this mock whose lifetime is over.
    #[error("strict auth: `{header}` holds an expired token")]
    Expired {
        /// The header, as the spec spells it.
        header: String,
    },
    /// A control token of another conference.
    #[error("strict auth: `{header}` holds a token of another conference")]
    OtherConference {
        /// The header, as the spec spells it.
        header: String,
    },
}

/// A refused request: the kind of token it lacked and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    /// The kind of token the header should have held.
    pub kind: Kind,
    /// Why, for the log.
    pub reason: Refusal,
}

impl Refused {
    /// The 401 with the service's error body for the token's kind.
    pub fn response(&self) -> Prepared {
        let (code, message) = match self.kind {
            Kind::Access => ACCESS_REFUSED,
            Kind::Control => CONTROL_REFUSED,
        };
        answer::service_error(StatusCode::UNAUTHORIZED, code, message)
    }
}

/// Why no token could be minted.
#[derive(Debug, thiserror::Error)]
#[error("the system's random number generator failed")]
pub struct MintError;

/// One header an operation's token travels in, checked under strict auth.
#[derive(Debug)]
struct Check {
    /// The header as the spec spells it, for the log.
    header: String,
    /// Its param's index in the spec: where the request's values hold it.
    param: usize,
    kind: Kind,
    /// Whether a request without it is let through: the control-token
    /// operation takes a token only to renew it.
    optional: bool,
}

/// How an expiry field of an answer is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// The lifetime, in seconds.
    LifetimeSeconds,
    /// The moment of expiry, in seconds since the Unix epoch.
    ExpirySeconds,
    /// The moment of expiry, in milliseconds since the Unix epoch.
    ExpiryMillis,
    /// The moment of minting, in milliseconds since the Unix epoch.
    CreatedMillis,
}

/// The fields an answer of each kind may have for the token's times, with
/// the units their descriptions give (`check_token`: `expireTime` in
/// seconds; the control token's `data.expireTime` in milliseconds).
const ACCESS_TIMES: &[(&str, Unit)] = &[
    ("validPeriod", Unit::LifetimeSeconds),
    ("expireTime", Unit::ExpirySeconds),
    ("createTime", Unit::CreatedMillis),
];
const CONTROL_TIMES: &[(&str, Unit)] = &[
    ("confTokenExpireTime", Unit::LifetimeSeconds),
    ("expireTime", Unit::ExpiryMillis),
];

/// What one operation mints: the kind, the conference param (control
/// tokens), and the time fields its answer declares.
#[derive(Debug)]
struct Mint {
    kind: Kind,
    /// The index of the conference param.
    conference: Option<usize>,
    times: Vec<(&'static str, Unit)>,
}

/// What one operation has to do with tokens, read from its spec.
#[derive(Debug, Default)]
struct Role {
    mint: Option<Mint>,
    checks: Vec<Check>,
    /// The index of the query param naming the conference whose control
    /// token the operation takes.
    conference: Option<usize>,
}

impl Role {
    fn new(spec: &Spec) -> Self {
        // A param's index and its name as the spec spells it.
        let param = |location, name: &str| {
            (spec.params.iter().enumerate())
                .find(|(_, p)| p.location == location && location.same_name(&p.field.name, name))
        };
        let header = |name: &str| param(ParamIn::Header, name).map(|(i, p)| (i, p.field.name.clone()));
        let conference = param(ParamIn::Query, CONFERENCE_PARAM).map(|(i, _)| i);
        let fields = spec
            .responses
            .iter()
            .find(|r| r.is_success())
            .and_then(|r| r.body_fields())
            .map(|f| f.into_owned())
            .unwrap_or_default();
        let data = object_fields(&fields, "data");
        let mint = if secret_field(&fields, "accessToken") {
            Some(Mint {
                kind: Kind::Access,
                conference: None,
                times: declared(&fields, ACCESS_TIMES),
            })
        } else if secret_field(data, "token") && header(PASSWORD_HEADER).is_some() && conference.is_some() {
            Some(Mint {
                kind: Kind::Control,
                conference,
                times: declared(data, CONTROL_TIMES),
            })
        } else {
            None
        };
        let renews = mint.as_ref().is_some_and(|m| m.kind == Kind::Control);
        let checks = [(Kind::Access, false), (Kind::Control, renews)]
            .into_iter()
            .filter_map(|(kind, optional)| {
                header(kind.header()).map(|(param, header)| Check {
                    header,
                    param,
                    kind,
                    optional,
                })
            })
            .collect();
        Self {
            mint,
            checks,
            conference,
        }
    }
}

/// Whether `fields` has a secret field `name`.
fn secret_field(fields: &[Field], name: &str) -> bool {
    fields.iter().any(|f| f.name == name && f.schema.secret)
}

/// The fields of the object field `name`, or none.
fn object_fields<'a>(fields: &'a [Field], name: &str) -> &'a [Field] {
    fields
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| match &f.schema.shape {
            Shape::Object { fields } => Some(fields.as_slice()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The entries of `times` whose field `fields` declares as an integer.
fn declared(fields: &[Field], times: &[(&'static str, Unit)]) -> Vec<(&'static str, Unit)> {
    times
        .iter()
        .filter(|(name, _)| {
            fields
                .iter()
                .any(|f| f.name == *name && matches!(f.schema.shape, Shape::Integer { .. }))
        })
        .copied()
        .collect()
}

/// A minted token as the table keeps it.
#[derive(Debug)]
struct Entry {
    kind: Kind,
    /// A keyed hash of the conference ID: the client chooses the ID, and
    /// its length, while the hash has a fixed size.
    conference: Option<u64>,
    expires: Instant,
}

/// The tokens minted and the rules of every served operation.
#[derive(Debug)]
pub struct Auth {
    options: AuthOptions,
    /// One per spec, in the order of the specs.
    roles: Vec<Role>,
    tokens: Mutex<HashMap<String, Entry>>,
    random: SystemRandom,
    /// Keys the conference hashes, anew each run.
    hasher: RandomState,
}

impl Auth {
    /// The rules of `specs` under `options`, with no token minted yet.
    pub fn new(specs: &[Spec], options: AuthOptions) -> Self {
        Self {
            options,
            roles: specs.iter().map(Role::new).collect(),
            tokens: Mutex::new(HashMap::new()),
            random: SystemRandom::new(),
            hasher: RandomState::new(),
        }
    }

    /// Whether the operation of the spec at `index` answers with a fresh
    /// token, and of which kind.
    pub fn mints(&self, index: usize) -> Option<Kind> {
        self.roles.get(index)?.mint.as_ref().map(|m| m.kind)
    }

    /// Whether the request with `values`, for the spec at `index`, may go
    /// on: always, unless strict auth finds a token header without a live
    /// token of its kind (and, for a control token, of the conference).
    pub fn admit(&self, index: usize, values: &Values<'_>) -> Result<(), Refused> {
        let Some(role) = self.roles.get(index).filter(|_| self.options.strict) else {
            return Ok(());
        };
        for check in &role.checks {
            let refuse = |reason: Refusal| Refused {
                kind: check.kind,
                reason,
            };
            let Some(token) = values.get(check.param).and_then(Given::as_str) else {
                if check.optional {
                    continue;
                }
                return Err(refuse(Refusal::Missing {
                    header: check.header.clone(),
                }));
            };
            let conference = (role.conference)
                .filter(|_| check.kind == Kind::Control)
                .and_then(|param| self.conference(values, param));
            self.verify(token, check, conference).map_err(refuse)?;
        }
        Ok(())
    }

    /// `token` looked up in the table: a live token of the check's kind,
    /// and of `conference` where the operation names one.
    fn verify(&self, token: &str, check: &Check, conference: Option<u64>) -> Result<(), Refusal> {
        let header = || check.header.clone();
        let mut tokens = self.table();
        let Some(entry) = tokens.get(token).filter(|e| e.kind == check.kind) else {
            return Err(Refusal::Unknown { header: header() });
        };
        if entry.expires <= Instant::now() {
            tokens.remove(token);
            return Err(Refusal::Expired { header: header() });
        }
        if conference.is_some() && entry.conference != conference {
            return Err(Refusal::OtherConference { header: header() });
        }
        Ok(())
    }

    /// `chosen` with a fresh token written in, when the operation at
    /// `index` mints one and `chosen` is a success; else `chosen` as is.
    /// The rest of the chosen answer (a documented example's, or one of
    /// the documented shape) is kept.
    pub fn answer(&self, index: usize, values: &Values<'_>, chosen: &Prepared) -> Result<Prepared, MintError> {
        let Some(mint) = self.roles.get(index).and_then(|r| r.mint.as_ref()) else {
            return Ok(chosen.clone());
        };
        if !chosen.status.is_success() {
            return Ok(chosen.clone());
        }
        let lifetime = match mint.kind {
            Kind::Access => self.options.access_lifetime,
            Kind::Control => self.options.control_lifetime,
        };
        let conference = mint.conference.and_then(|param| self.conference(values, param));
        let token = self.issue(mint.kind, conference, lifetime)?;
        let mut body = match serde_json::from_slice(&chosen.body) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        let (holder, field) = match mint.kind {
            Kind::Access => (&mut body, "accessToken"),
            Kind::Control => {
                // An answer without its `data` object gets one.
                let data = body.entry("data").or_insert(Value::Null);
                if !data.is_object() {
                    *data = Value::Object(Map::new());
                }
                let Some(data) = data.as_object_mut() else {
                    return Ok(chosen.clone());
                };
                (data, "token")
            }
        };
        holder.insert(field.to_owned(), Value::String(token));
        write_times(holder, &mint.times, lifetime);
        let mut response = chosen.clone();
        response.body = Bytes::from(Value::Object(body).to_string());
        response
            .headers
            .entry(CONTENT_TYPE)
            .or_insert(HeaderValue::from_static(answer::JSON));
        Ok(response)
    }

    /// A new token of `kind`, remembered until `lifetime` has passed.
    fn issue(&self, kind: Kind, conference: Option<u64>, lifetime: Duration) -> Result<String, MintError> {
        let mut bytes = [0u8; TOKEN_BYTES];
        self.random.fill(&mut bytes).map_err(|_| MintError)?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let now = Instant::now();
        let expires = now.checked_add(lifetime).unwrap_or(now);
        let mut tokens = self.table();
        if tokens.len() >= self.options.max_tokens.max(1) {
            tokens.retain(|_, entry| entry.expires > now);
        }
        if tokens.len() >= self.options.max_tokens.max(1) {
            // All alive: the one that would go first goes now.
            let soonest = tokens.iter().min_by_key(|(_, e)| e.expires).map(|(t, _)| t.clone());
            if let Some(soonest) = soonest {
                tokens.remove(&soonest);
            }
        }
        tokens.insert(
            token.clone(),
            Entry {
                kind,
                conference,
                expires,
            },
        );
        Ok(token)
    }

    /// The keyed hash of the request's conference ID (the param at
    /// `param`), as its text.
    fn conference(&self, values: &Values<'_>, param: usize) -> Option<u64> {
        Some(self.hasher.hash_one(values.get(param)?.text()))
    }

    /// The table, even if a thread panicked holding it: its entries are
    /// each whole, so what is left is still true.
    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many tokens the table holds.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table().len()
    }
}

/// Writes the time fields of a token living `lifetime` from now.
fn write_times(holder: &mut Map<String, Value>, times: &[(&str, Unit)], lifetime: Duration) {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let expiry = now + lifetime;
    for (name, unit) in times {
        let value = match unit {
            Unit::LifetimeSeconds => lifetime.as_secs(),
            Unit::ExpirySeconds => expiry.as_secs(),
            Unit::ExpiryMillis => expiry.as_millis() as u64,
            Unit::CreatedMillis => now.as_millis() as u64,
        };
        holder.insert((*name).to_owned(), Value::from(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Spec {
        meeting_api_spec::parse(yaml, "test.yaml").expect("a valid spec")
    }

    fn catalog(name: &str) -> Spec {
        let path = format!("{}/../catalog/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
        meeting_api_spec::load(std::path::Path::new(&path)).expect("a valid catalog spec")
    }

    const LOGIN: &str = "name: login\nsummary: s\nmethod: POST\npath: /login\nresponses:\n  - status: 200\n    description: ok\n    body:\n      - {name: accessToken, type: string, secret: true}\n      - {name: validPeriod, type: integer}\n";
    const CONTROL: &str = "name: control\nsummary: s\nmethod: GET\npath: /token\nparams:\n  - {name: conferenceID, in: query, type: string, required: true}\n  - {name: X-Password, in: header, type: string, required: true, secret: true}\n  - {name: X-Conference-Authorization, in: header, type: string, secret: true}\nresponses:\n  - status: 200\n    description: ok\n    body:\n      - name: data\n        type: object\n        fields:\n          - {name: token, type: string, secret: true}\n          - {name: expireTime, type: integer}\n";
    const USE: &str = "name: use\nsummary: s\nmethod: PUT\npath: /use\nparams:\n  - {name: conferenceID, in: query, type: string, required: true}\n  - {name: X-Conference-Authorization, in: header, type: string, required: true, secret: true}\nresponses: [{status: 200, description: ok}]\n";

    fn ok() -> Prepared {
        answer::service_error(StatusCode::OK, "x", "y")
    }

    /// The values of a request to the operation of `spec` (YAML).
    fn request(spec: &str, conference: &str, header: Option<(&str, &str)>) -> Values<'static> {
        let example = meeting_api_spec::ExampleRequest {
            query: vec![("conferenceID".to_owned(), Value::from(conference))],
            headers: header
                .map(|(n, v)| vec![(n.to_owned(), Value::from(v))])
                .unwrap_or_default(),
            ..meeting_api_spec::ExampleRequest::default()
        };
        Values::of_example(&parse(spec), &example)
    }

    fn body(prepared: &Prepared) -> Value {
        serde_json::from_slice(&prepared.body).expect("JSON")
    }

    #[test]
    fn roles_come_from_the_specs_answers_and_params() {
        let specs = [parse(LOGIN), parse(CONTROL), parse(USE)];
        let auth = Auth::new(&specs, AuthOptions::default());
        assert_eq!(auth.mints(0), Some(Kind::Access));
        assert_eq!(auth.mints(1), Some(Kind::Control));
        assert_eq!(auth.mints(2), None);
        assert_eq!(
            auth.roles[0].mint.as_ref().unwrap().times,
            [("validPeriod", Unit::LifetimeSeconds)]
        );
        assert_eq!(
            auth.roles[1].mint.as_ref().unwrap().times,
            [("expireTime", Unit::ExpiryMillis)]
        );
        assert!(auth.roles[1].checks[0].optional);
        assert!(!auth.roles[2].checks[0].optional);
    }

    #[test]
    fn the_catalogs_logins_and_control_token_mint() {
        for (name, kind) in [
            ("credentials_account_auth", Some(Kind::Access)),
            ("credentials_app_auth", Some(Kind::Access)),
            ("update_token", Some(Kind::Access)),
            ("check_token", Some(Kind::Access)),
            ("create_conf_token", Some(Kind::Control)),
            // Takes X-Password, but answers no token.
            ("create_auth_random", None),
        ] {
            let auth = Auth::new(&[catalog(name)], AuthOptions::default());
            assert_eq!(auth.mints(0), kind, "{name}");
        }
        let check = Auth::new(&[catalog("check_token")], AuthOptions::default());
        assert_eq!(
            check.roles[0].mint.as_ref().unwrap().times,
            [
                ("validPeriod", Unit::LifetimeSeconds),
                ("expireTime", Unit::ExpirySeconds),
                ("createTime", Unit::CreatedMillis)
            ]
        );
    }

    #[test]
    fn a_minted_token_is_fresh_and_written_with_its_times() {
        let auth = Auth::new(&[parse(LOGIN), parse(CONTROL)], AuthOptions::default());
        let first = body(&auth.answer(0, &Values::default(), &ok()).unwrap());
        let second = body(&auth.answer(0, &Values::default(), &ok()).unwrap());
        let token = first["accessToken"].as_str().unwrap();
        assert_eq!(token.len(), 2 * TOKEN_BYTES);
        assert_ne!(first["accessToken"], second["accessToken"]);
        assert_eq!(first["validPeriod"], 12 * 3600);
        // The rest of the chosen answer stays.
        assert_eq!(first["error_code"], "x");

        let control = body(&auth.answer(1, &request(CONTROL, "1", None), &ok()).unwrap());
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64;
        let expires = control["data"]["expireTime"].as_u64().unwrap();
        assert!(expires > now && expires <= now + 30 * 60 * 1000, "{control}");
        assert!(control["data"]["token"].is_string());

        // A refusal that was chosen is no success: nothing is minted.
        let refusal = answer::service_error(StatusCode::BAD_REQUEST, "MMC.1", "no");
        assert_eq!(auth.answer(0, &Values::default(), &refusal).unwrap().body, refusal.body);
        assert_eq!(auth.len(), 3);
    }

    #[test]
    fn strict_auth_takes_live_tokens_of_the_conference_only() {
        let options = AuthOptions {
            strict: true,
            ..AuthOptions::default()
        };
        let auth = Auth::new(&[parse(CONTROL), parse(USE)], options);
        let minted = body(&auth.answer(0, &request(CONTROL, "A", None), &ok()).unwrap());
        let token = minted["data"]["token"].as_str().unwrap();
        let header = Some((CONTROL_HEADER, token));
        assert!(auth.admit(1, &request(USE, "A", header)).is_ok());
        let refused = auth.admit(1, &request(USE, "B", header)).unwrap_err();
        assert_eq!(
            refused.reason,
            Refusal::OtherConference {
                header: CONTROL_HEADER.to_owned()
            }
        );
        assert_eq!(refused.response().status, StatusCode::UNAUTHORIZED);
        assert_eq!(body(&refused.response())["error_code"], "MMC.111072065");
        let unknown = auth
            .admit(1, &request(USE, "A", Some((CONTROL_HEADER, "forged"))))
            .unwrap_err();
        assert!(matches!(unknown.reason, Refusal::Unknown { .. }));
        assert!(!unknown.reason.to_string().contains("forged"));
        // The control-token operation: no token is fine, a bad one is not.
        assert!(auth.admit(0, &request(CONTROL, "A", None)).is_ok());
        assert!(auth.admit(0, &request(CONTROL, "A", header)).is_ok());
        assert!(auth.admit(0, &request(CONTROL, "B", header)).is_err());
        // Not strict: anything goes.
        let lenient = Auth::new(&[parse(CONTROL), parse(USE)], AuthOptions::default());
        assert!(
            lenient
                .admit(1, &request(USE, "B", Some((CONTROL_HEADER, "forged"))))
                .is_ok()
        );
    }

    #[test]
    fn an_expired_token_is_refused_and_forgotten() {
        let options = AuthOptions {
            strict: true,
            control_lifetime: Duration::from_millis(1),
            ..AuthOptions::default()
        };
        let auth = Auth::new(&[parse(CONTROL), parse(USE)], options);
        let minted = body(&auth.answer(0, &request(CONTROL, "A", None), &ok()).unwrap());
        let token = minted["data"]["token"].as_str().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        let refused = auth
            .admit(1, &request(USE, "A", Some((CONTROL_HEADER, token))))
            .unwrap_err();
        assert!(matches!(refused.reason, Refusal::Expired { .. }));
        assert_eq!(auth.len(), 0);
    }

    #[test]
    fn the_table_is_bounded() {
        let options = AuthOptions {
            max_tokens: 3,
            ..AuthOptions::default()
        };
        let auth = Auth::new(&[parse(LOGIN)], options);
        for _ in 0..10 {
            auth.answer(0, &Values::default(), &ok()).unwrap();
        }
        assert_eq!(auth.len(), 3);
    }
}
