//! The whole Huawei Cloud Meeting API as one typed client: a module per
//! operation of the official Python SDK (`huaweicloudsdkmeeting` 3.1.219,
//! 199 operations and its two logins), generated at compile time from the
//! specs of `catalog/`, and [`shapes`], the types that several operations
//! share (`ConferenceInfo` is one type, whichever operation returns it).
//!
//! Every request is sent through one [`meeting_api::Client`]:
//!
//! ```no_run
//! use meeting_api_huawei::{search_meetings, shapes};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = meeting_api::Client::new()?;
//! let request = search_meetings::SearchMeetingsRequest::builder()
//!     .access_token("token".to_owned())
//!     .offset(0)
//!     .limit(20)
//!     .build();
//! let response = client.send(request).await?;
//! let meetings: &[shapes::ConferenceInfo] = response.body().data.as_deref().unwrap_or_default();
//! println!("{} meetings", meetings.len());
//! # Ok(())
//! # }
//! ```
//!
//! A [`Session`] logs in by itself (account or App ID), keeps and renews
//! the access token and fills it on every operation that sends one; a
//! [`Conference`] handle does the same for one meeting's control token and
//! ID, so that raising a hand needs only the participant and the state.
//!
//! The modules are those of `#[meeting_api(catalog = "../catalog")]`: see
//! the `meeting-api` crate for what each holds. The feature `wire-form`
//! adds `meeting_api::WireForm` to every request and
//! `visit_operations`, for tools that build requests from JSON values.

pub mod credentials;
pub mod session;

pub use session::{AppIdLogin, Conference, Login, Session, SessionError, TokenError};

#[doc(inline)]
pub use generated::*;

/// The generated modules, re-exported at the crate's root.
#[cfg_attr(
    feature = "wire-form",
    meeting_api::meeting_api(catalog = "../catalog", wire_form = true)
)]
#[cfg_attr(
    not(feature = "wire-form"),
    meeting_api::meeting_api(catalog = "../catalog", wire_form = false)
)]
mod generated {}
