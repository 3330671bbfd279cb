//! Typed async clients for the Huawei Cloud Meeting REST API, generated at
//! compile time from endpoint specs.
//!
//! ```no_run
//! #[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
//! pub mod hands {}
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = meeting_api::Client::new()?;
//! let request = hands::HandsRequest::new("914083136", "d2c3ae64...", "stb-token", hands::HandsState::Raise);
//! let response = client.send(request).await?;
//! println!("{:?}", response.request_id());
//! # Ok(()) }
//! ```
//!
//! The attribute reads the YAML spec (path relative to the crate's
//! `Cargo.toml`) and fills the module with a request struct, a response
//! type, an error enum and the enums and structs of the params. Generated
//! code reaches serde and reqwest only through this crate, so it is the one
//! dependency a user needs (with an async runtime: tokio).
//!
//! Several specs share one [`Client`]: each module's request type
//! implements [`Operation`], and `client.send(request)` sends any of them
//! through the same connection pool.

#![warn(missing_docs)]

mod client;
mod error;
mod operation;
mod params;
mod secret;
mod wire;

pub use client::{
    Client, ClientBuilder, ClientError, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY, DEFAULT_TIMEOUT,
};
pub use error::{
    BodyTooLarge, DecodeError, Failure, InvalidRequest, Redirect, ServiceError, TransportError, TransportKind,
    UnexpectedStatus, UnknownValue, is_retryable_status,
};
pub use meeting_api_macros::meeting_api;
pub use operation::{Operation, OperationInfo, RawResponse, RequestParts, Response};
pub use params::ParamValue;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use secret::{REDACTED, Secret};
pub use wire::{ErrorOutcome, Location, WireError, WireForm, WireValues};

/// What generated code needs and the user's crate may not depend on.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;

    /// A generated value as JSON; generated types always serialise.
    pub fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
    }

    /// An object param outside the body travels as its JSON text.
    pub fn push_json<T: serde::Serialize>(value: &T, out: &mut Vec<String>) {
        if let Ok(text) = serde_json::to_string(value) {
            out.push(text);
        }
    }
}
