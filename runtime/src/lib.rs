//! Typed async clients for the Huawei Cloud Meeting REST API, generated at
//! compile time from endpoint specs.
//!
//! ```no_run
//! #[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
//! pub mod hands {}
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = meeting_api::Client::new()?;
//! // Each param is named, so two strings cannot be swapped unnoticed, and
//! // `build()` does not compile until every required one is set.
//! let request = hands::HandsRequest::builder()
//!     .conference_id("914083136")
//!     .participant_id("d2c3ae64...")
//!     .conference_authorization("stb-token")
//!     .hands_state(hands::HandsState::Raise)
//!     .build();
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
//! A request is built with its type-state builder: a setter per param,
//! named like the field, and `build()`, which compiles only once every
//! required param is set (see [`Unset`]). The call returns a [`Response`]
//! whose status, headers and body are read through methods.
//!
//! The error enum, a response enum with a variant per 2xx status and every
//! enum in a response body are `#[non_exhaustive]`. Rust applies that only
//! outside the crate that defines the enum, and the generated module is in
//! the crate that has the attribute: there it has no effect. It keeps a
//! variant added later from breaking the users of a crate that publishes
//! generated modules.
//!
//! An enum that a response uses also has a variant `Unknown(raw)`: a value
//! the spec does not list decodes into it, keeping the raw value, instead
//! of failing the whole response, and serialises back as received. A
//! request sends only the values the spec lists: one that holds `Unknown`
//! is refused before anything is sent
//! ([`InvalidRequest::UndocumentedValue`]). An enum that only requests use
//! has no such variant.
//!
//! Several specs share one [`Client`]: each module's request type
//! implements [`Operation`], and `client.send(request)` sends any of them
//! through the same connection pool.
//!
//! An operation whose spec has `paging` (an offset and a limit query
//! param, and where the answer holds the page's items) also implements
//! [`Paged`]: [`Client::items`] is then a `Stream` of every item of every
//! page, sending a request per page until the last, and [`Client::pages`]
//! the same a page at a time.
//!
//! A param that its spec leaves to a session (`session: access_token`) is
//! optional in the builder and listed in [`OperationInfo::session`];
//! [`Client::send_with`] fills the unset ones from [`SessionValues`]. A
//! session keeps its tokens in a [`TokenCache`], which renews a token
//! before it expires, one fetch at a time; the sessions of the Meeting API
//! (log in, control tokens per conference) are `meeting-api-huawei`'s.
//! Pages go through any [`Caller`], so a session pages with its tokens.

#![warn(missing_docs)]

mod builder;
mod client;
mod de;
mod enums;
mod error;
mod form;
mod operation;
mod paging;
mod params;
mod parsed;
mod retry;
mod secret;
mod session;
mod token;
mod wire;

pub use builder::Unset;
pub use client::{
    Client, ClientBuilder, ClientError, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY, DEFAULT_TIMEOUT,
};
pub use error::{
    BodyTooLarge, DecodeError, Failure, InvalidRequest, Redirect, ServiceError, TransportError, TransportKind,
    UnexpectedStatus, UnknownValue, is_retryable_status,
};
pub use form::FilePart;
pub use meeting_api_macros::meeting_api;
pub use operation::{Operation, OperationInfo, RawResponse, RequestParts, Response};
pub use paging::{Caller, Page, PageIndex, Paged, items, pages};
pub use params::ParamValue;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use retry::RetryPolicy;
pub use secret::{REDACTED, Secret};
pub use session::{SessionParam, SessionValues};
pub use token::{Token, TokenCache};
pub use wire::{ErrorOutcome, Location, OperationVisitor, WireError, WireForm, WireValues};

/// What generated code needs and the user's crate may not depend on.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;

    pub use crate::__wire_enum as wire_enum;

    /// What generated `Paged` impls read and set their offset and limit
    /// fields with.
    pub mod paging {
        use crate::PageIndex;

        /// The field's value, when set.
        pub fn get(field: &impl PageIndex) -> Option<i64> {
            field.get()
        }

        /// Sets the field, when `value` fits it.
        pub fn set(field: &mut impl PageIndex, value: i64) -> bool {
            field.set(value)
        }
    }

    /// What generated structs' `Deserialize` impls call.
    pub mod de {
        pub use crate::de::{Key, field, missing, next_key, skip};
    }

    /// What generated enums forward to; see `wire_enum!`.
    pub mod enums {
        pub use crate::enums::{WireEnum, deserialize_int, deserialize_str, push, push_text, serialize, try_from};
    }

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
