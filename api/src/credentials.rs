//! The `Authorization` headers of the two logins, made as the official SDK
//! makes them (`huaweicloudsdkmeeting/v1/meeting_credentials.py`), for the
//! `authorization` param of [`crate::credentials_account_auth`] and
//! [`crate::credentials_app_auth`]. `cli/tests/sdk_proof.rs` sends both
//! with the SDK's own values and requires the SDK's headers, byte for byte.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use meeting_api::Secret;

/// `Basic base64(account:password)`, the account login's header.
pub fn account_authorization(account: &str, password: &Secret<String>) -> Secret<String> {
    let pair = format!("{account}:{}", password.expose());
    Secret::new(format!("Basic {}", BASE64.encode(pair)))
}

/// What the App ID login signs.
#[derive(Clone, Debug)]
pub struct AppIdSignature<'a> {
    /// The App ID.
    pub app_id: &'a str,
    /// The app key, the HMAC key.
    pub app_key: &'a Secret<String>,
    /// The enterprise, for a multi-tenant app; `None` for a single tenant.
    pub corp_id: Option<&'a str>,
    /// The user, empty for none (the field stays, empty).
    pub user_id: &'a str,
    /// When the signature expires, in seconds since the Unix epoch.
    pub expire_time: u64,
    /// A fresh random string.
    pub nonce: &'a str,
}

/// `HMAC-SHA256 signature=<HEX>,access=<base64(appId)>`, the App ID
/// login's header: an upper-case hex HMAC-SHA256, keyed with the app key,
/// of `appId:userId:expireTime:nonce`, or `appId:corpId:userId:expireTime:nonce`
/// for a multi-tenant app (the SDK's `_sign_hmac256`).
pub fn app_id_authorization(signed: &AppIdSignature<'_>) -> Secret<String> {
    let AppIdSignature {
        app_id,
        app_key,
        corp_id,
        user_id,
        expire_time,
        nonce,
    } = signed;
    let data = match corp_id {
        Some(corp_id) => format!("{app_id}:{corp_id}:{user_id}:{expire_time}:{nonce}"),
        None => format!("{app_id}:{user_id}:{expire_time}:{nonce}"),
    };
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, app_key.expose().as_bytes());
    let signature: String = ring::hmac::sign(&key, data.as_bytes())
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02X}"))
        .collect();
    Secret::new(format!(
        "HMAC-SHA256 signature={signature},access={}",
        BASE64.encode(app_id)
    ))
}

/// A fresh random string for the App ID login's `nonce`: 32 hex digits
/// from the system's random source (the SDK uses a uuid4's 32).
pub fn nonce() -> String {
    let mut bytes = [0u8; 16];
    // The system's random source fails only where nothing could run;
    // a nonce from the clock would then still be unique enough.
    if ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).is_err() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        bytes = now.as_nanos().to_be_bytes();
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
