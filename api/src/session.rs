//! Sessions that obtain and renew their own tokens. A [`Session`] logs in
//! once (account or App ID), keeps the access token and fills
//! `X-Access-Token` on every operation that sends it; a [`Conference`]
//! handle does the same for one conference's meeting control token
//! (`X-Conference-Authorization`) and ID (`conferenceID`). The user passes
//! neither: raising a hand needs only the participant and the state.
//!
//! Tokens are kept in a [`meeting_api::TokenCache`]: renewed before they
//! expire (the access token from the login's `validPeriod`, 12 h when the
//! answer has none, as the SDK assumes; the control token from
//! `confTokenExpireTime`, else `expireTime`, 30 min when both are absent),
//! by one caller at a time.
//! A call answered with 401 gets its tokens once more, fresh, and is sent
//! once more.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_core::Stream;
use meeting_api::{
    Caller, Client, Failure, Operation, OperationInfo, Paged, Response, Secret, SessionValues, StatusCode, Token,
    TokenCache,
};

use crate::credentials::{self, AppIdSignature};
use crate::{create_conf_token, credentials_account_auth, credentials_app_auth};

/// The session value names of the catalog's specs (`session:`).
const ACCESS_TOKEN: &str = "access_token";
const CONFERENCE_TOKEN: &str = "conference_token";
const CONFERENCE_ID: &str = "conference_id";

/// How long an access token is kept when the login does not say: the
/// SDK's own assumption.
pub const DEFAULT_ACCESS_LIFETIME: Duration = Duration::from_secs(12 * 3600);
/// How long a control token is kept when its answer does not say: the
/// documented lifetime.
pub const DEFAULT_CONTROL_LIFETIME: Duration = Duration::from_secs(30 * 60);
/// The `clientType` the SDK's logins send.
const CLIENT_TYPE: i64 = 72;
/// How long an App ID login's signature is good for, as the SDK signs it.
const SIGNATURE_LIFETIME: Duration = Duration::from_secs(600);

/// How a session logs in. `Debug` never shows the password or app key.
#[derive(Clone, Debug)]
pub enum Login {
    /// `POST /v1/usg/acs/auth/account` with the account and its password.
    Account {
        /// The account.
        account: String,
        /// Its password.
        password: Secret<String>,
    },
    /// `POST /v2/usg/acs/auth/appauth`, signed with the app key.
    AppId(AppIdLogin),
}

/// An App ID login's credentials.
#[derive(Clone, Debug)]
pub struct AppIdLogin {
    /// The App ID.
    pub app_id: String,
    /// The app key, which signs the login and is never sent.
    pub app_key: Secret<String>,
    /// The enterprise, for a multi-tenant app; `None` for a single tenant.
    pub corp_id: Option<String>,
    /// The user the token is for; empty for the app itself.
    pub user_id: String,
}

/// Why a token could not be obtained.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The account login failed.
    #[error("the account login failed: {0}")]
    AccountLogin(#[source] credentials_account_auth::CredentialsAccountAuthError),
    /// The App ID login failed.
    #[error("the App ID login failed: {0}")]
    AppIdLogin(#[source] credentials_app_auth::CredentialsAppAuthError),
    /// The login succeeded but its answer has no `accessToken`.
    #[error("the login's answer has no accessToken")]
    NoAccessToken,
    /// The conference's control token could not be obtained or renewed.
    #[error("the control token of conference {conference} could not be obtained: {source}")]
    ControlToken {
        /// The conference.
        conference: String,
        /// Why.
        #[source]
        source: create_conf_token::CreateConfTokenError,
    },
    /// The control-token answer has no `data.token`.
    #[error("the control-token answer for conference {conference} has no data.token")]
    NoControlToken {
        /// The conference.
        conference: String,
    },
}

/// A call through a session: its tokens could not be had, or the call
/// itself failed with the operation's own error.
#[derive(Debug, thiserror::Error)]
pub enum SessionError<E> {
    /// A token the call needs could not be obtained; the call was not sent.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The call failed.
    #[error(transparent)]
    Call(E),
}

impl<E: From<Failure>> From<Failure> for SessionError<E> {
    fn from(failure: Failure) -> Self {
        Self::Call(failure.into())
    }
}

/// A logged-in client. Cloning is cheap and shares the token: clones and
/// the [`Conference`] handles made from them log in once between them.
#[derive(Clone, Debug)]
pub struct Session {
    inner: Arc<SessionInner>,
}

#[derive(Debug)]
struct SessionInner {
    client: Client,
    login: Login,
    token: TokenCache,
    renew_ahead: Option<Duration>,
}

impl Session {
    /// A session that logs in as `login` through `client`, when a call
    /// first needs the token (not before).
    pub fn new(client: Client, login: Login) -> Self {
        Self::with_renewal(client, login, None)
    }

    /// This session's client and login, renewing every token (the access
    /// token and the control tokens of its conferences) at the latest
    /// `ahead` of its expiry, rather than when a tenth of its life is left
    /// (at most five minutes ahead). A token already obtained is not kept:
    /// call it on a new session.
    #[must_use]
    pub fn renewing_ahead(self, ahead: Duration) -> Self {
        Self::with_renewal(self.inner.client.clone(), self.inner.login.clone(), Some(ahead))
    }

    fn with_renewal(client: Client, login: Login, renew_ahead: Option<Duration>) -> Self {
        Self {
            inner: Arc::new(SessionInner {
                client,
                login,
                token: cache(renew_ahead),
                renew_ahead,
            }),
        }
    }

    /// The client the session sends through.
    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// The access token, logging in when there is none or it is due for
    /// renewal.
    pub async fn access_token(&self) -> Result<Secret<String>, TokenError> {
        self.inner.token.get(|_| self.log_in()).await
    }

    /// A handle for one conference, whose control token it obtains with
    /// the host password when a call first needs it.
    pub fn conference(&self, conference_id: impl Into<String>, host_password: Secret<String>) -> Conference {
        Conference {
            session: self.clone(),
            inner: Arc::new(ConferenceInner {
                id: conference_id.into(),
                password: host_password,
                token: cache(self.inner.renew_ahead),
            }),
        }
    }

    /// Sends `request` with the access token filled in, when its spec
    /// sends one (`X-Access-Token`).
    pub async fn send<O: Operation>(&self, request: O) -> Result<Response<O::Response>, SessionError<O::Error>> {
        self.call(&request, None).await
    }

    /// The items of every page of a paged operation (`meeting_api::items`),
    /// each page sent through the session.
    pub fn items<O: Paged>(&self, request: O) -> impl Stream<Item = Result<O::Item, SessionError<O::Error>>> + use<O> {
        meeting_api::items(self.clone(), request)
    }

    /// Sends `request` with the session's values, and once more with
    /// fresh tokens when the service answers 401 to tokens the session
    /// supplied.
    async fn call<O: Operation>(
        &self,
        request: &O,
        conference: Option<&Conference>,
    ) -> Result<Response<O::Response>, SessionError<O::Error>> {
        let (values, supplied) = self.values(&O::INFO, conference).await?;
        let mut raw = self.client().execute_with(request, &values).await;
        if supplied && raw.as_ref().is_ok_and(|raw| raw.status() == StatusCode::UNAUTHORIZED) {
            self.forget(&values, conference).await;
            let (values, _) = self.values(&O::INFO, conference).await?;
            raw = self.client().execute_with(request, &values).await;
        }
        let raw = raw.map_err(|failure| SessionError::Call(failure.into()))?;
        raw.into_response::<O>().map_err(SessionError::Call)
    }

    /// The values `info`'s session params take, and whether a token is
    /// among them.
    async fn values(
        &self,
        info: &OperationInfo,
        conference: Option<&Conference>,
    ) -> Result<(SessionValues, bool), TokenError> {
        let wants = |name| info.session.iter().any(|param| param.value == name);
        let mut values = SessionValues::new();
        if wants(ACCESS_TOKEN) {
            values.insert(ACCESS_TOKEN, self.access_token().await?);
        }
        if let Some(conference) = conference {
            values.insert(CONFERENCE_ID, Secret::new(conference.inner.id.clone()));
            if wants(CONFERENCE_TOKEN) {
                values.insert(CONFERENCE_TOKEN, conference.control_token().await?);
            }
        }
        let supplied = values.get(ACCESS_TOKEN).is_some() || values.get(CONFERENCE_TOKEN).is_some();
        Ok((values, supplied))
    }

    /// Forgets the tokens in `values`, which the service refused.
    async fn forget(&self, values: &SessionValues, conference: Option<&Conference>) {
        if let Some(token) = values.get(ACCESS_TOKEN) {
            self.inner.token.invalidate(token).await;
        }
        if let (Some(token), Some(conference)) = (values.get(CONFERENCE_TOKEN), conference) {
            conference.inner.token.invalidate(token).await;
        }
    }

    async fn log_in(&self) -> Result<Token, TokenError> {
        let client = self.client();
        let (token, valid_period) = match &self.inner.login {
            Login::Account { account, password } => {
                let request = credentials_account_auth::CredentialsAccountAuthRequest::builder()
                    .authorization(credentials::account_authorization(account, password))
                    .account(account.clone())
                    .client_type(CLIENT_TYPE)
                    .build();
                let body = client
                    .send(request)
                    .await
                    .map_err(TokenError::AccountLogin)?
                    .into_body();
                (body.access_token, body.valid_period)
            }
            Login::AppId(app) => {
                let body = client
                    .send(app_id_request(app))
                    .await
                    .map_err(TokenError::AppIdLogin)?
                    .into_body();
                (body.access_token, body.valid_period)
            }
        };
        let token = token.ok_or(TokenError::NoAccessToken)?;
        Ok(Token::new(
            token,
            seconds(valid_period).unwrap_or(DEFAULT_ACCESS_LIFETIME),
        ))
    }
}

/// The App ID login, signed now for the next ten minutes.
fn app_id_request(app: &AppIdLogin) -> credentials_app_auth::CredentialsAppAuthRequest {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let expire_time = (now + SIGNATURE_LIFETIME).as_secs();
    let nonce = credentials::nonce();
    let authorization = credentials::app_id_authorization(&AppIdSignature {
        app_id: &app.app_id,
        app_key: &app.app_key,
        corp_id: app.corp_id.as_deref(),
        user_id: &app.user_id,
        expire_time,
        nonce: &nonce,
    });
    let builder = credentials_app_auth::CredentialsAppAuthRequest::builder()
        .authorization(authorization)
        .app_id(app.app_id.clone())
        .user_id(app.user_id.clone())
        .expire_time(i64::try_from(expire_time).unwrap_or(i64::MAX))
        .nonce(nonce)
        .client_type(CLIENT_TYPE);
    match &app.corp_id {
        Some(corp_id) => builder.corp_id(corp_id.clone()).build(),
        None => builder.build(),
    }
}

fn cache(renew_ahead: Option<Duration>) -> TokenCache {
    renew_ahead.map_or_else(TokenCache::new, TokenCache::renewing_ahead)
}

/// The time left until `expiry`, in milliseconds since the Unix epoch,
/// when it is in the future.
fn until_millis(expiry: Option<i64>) -> Option<Duration> {
    let expiry = Duration::from_millis(u64::try_from(expiry?).ok()?);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    expiry.checked_sub(now).filter(|left| !left.is_zero())
}

/// A positive count of seconds as a lifetime.
fn seconds(value: Option<i64>) -> Option<Duration> {
    value
        .and_then(|s| u64::try_from(s).ok())
        .filter(|s| *s > 0)
        .map(Duration::from_secs)
}

/// One conference of a [`Session`]: fills `conferenceID` and the meeting
/// control token on its control operations, obtaining the token with the
/// host password and renewing it, before it expires, with itself. Handles
/// of several conferences coexist, each renewing its own token, one
/// renewal at a time. Cloning is cheap and shares the token.
#[derive(Clone, Debug)]
pub struct Conference {
    session: Session,
    inner: Arc<ConferenceInner>,
}

#[derive(Debug)]
struct ConferenceInner {
    id: String,
    password: Secret<String>,
    token: TokenCache,
}

impl Conference {
    /// The conference's ID.
    pub fn id(&self) -> &str {
        &self.inner.id
    }

    /// The session the handle belongs to.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The control token, obtained or renewed when due.
    pub async fn control_token(&self) -> Result<Secret<String>, TokenError> {
        self.inner.token.get(|current| self.obtain(current)).await
    }

    /// Sends `request` with this conference's ID and control token filled
    /// in (and the session's access token, where the spec sends one).
    pub async fn send<O: Operation>(&self, request: O) -> Result<Response<O::Response>, SessionError<O::Error>> {
        self.session.call(&request, Some(self)).await
    }

    /// Obtaining the Meeting Control Token, with the password; `current`,
    /// a live token, is sent along to renew it.
    async fn obtain(&self, current: Option<Secret<String>>) -> Result<Token, TokenError> {
        let conference = || self.inner.id.clone();
        let mut request = create_conf_token::CreateConfTokenRequest::builder()
            .conference_id(conference())
            .password(self.inner.password.clone())
            .login_type(create_conf_token::LoginType::Password)
            .build();
        request.conference_authorization = current;
        let response = self.session.client().send(request).await;
        let body = response
            .map_err(|source| TokenError::ControlToken {
                conference: conference(),
                source,
            })?
            .into_body();
        let data = body.data.ok_or_else(|| TokenError::NoControlToken {
            conference: conference(),
        })?;
        let token = data.token.ok_or_else(|| TokenError::NoControlToken {
            conference: conference(),
        })?;
        let lifetime = seconds(data.conf_token_expire_time.map(i64::from))
            .or_else(|| until_millis(data.expire_time))
            .unwrap_or(DEFAULT_CONTROL_LIFETIME);
        Ok(Token::new(token, lifetime))
    }
}

impl<O: Operation> Caller<O> for Session {
    type Error = SessionError<O::Error>;

    fn call(&self, request: O) -> impl Future<Output = Result<Response<O::Response>, Self::Error>> {
        self.send(request)
    }
}

impl<O: Operation> Caller<O> for Conference {
    type Error = SessionError<O::Error>;

    fn call(&self, request: O) -> impl Future<Output = Result<Response<O::Response>, Self::Error>> {
        self.send(request)
    }
}
