//! A downstream-style crate: two specs, one client. Raises (or lowers) a
//! participant's hand, then mutes them, and prints what went on the wire
//! and the typed outcome.
//!
//! By default the requests go to an embedded local mock that answers like
//! the documentation; `--base-url` (or `MEETING_API_BASE_URL`) sends them to
//! a real server instead, with real values from the flags or environment.

#![warn(missing_docs)]

mod mock;

use std::process::ExitCode;

use clap::Parser;
use meeting_api::{Client, Operation};

/// Raising or Lowering Hands, generated from `spec/hands.yaml`.
#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
pub mod hands {}

/// Muting or Unmuting a Participant, generated from `spec/mute.yaml`.
#[meeting_api::meeting_api(spec = "../spec/mute.yaml")]
pub mod mute {}

/// The documented example's values, used against the mock.
const EXAMPLE_CONFERENCE: &str = "914083136";
const EXAMPLE_PARTICIPANT: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const EXAMPLE_TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";

/// Raise a hand and mute a participant through one meeting-api client.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Base URL of a real server, such as `https://api.meeting.huaweicloud.com`.
    /// Without it, an embedded local mock answers.
    #[arg(long, env = "MEETING_API_BASE_URL")]
    base_url: Option<String>,
    /// Meeting ID.
    #[arg(long, env = "MEETING_API_CONFERENCE_ID", default_value = EXAMPLE_CONFERENCE)]
    conference_id: String,
    /// Participant ID.
    #[arg(long, env = "MEETING_API_PARTICIPANT_ID", default_value = EXAMPLE_PARTICIPANT)]
    participant_id: String,
    /// Meeting control token (X-Conference-Authorization). Prefer the
    /// environment variable, which keeps it out of shell history.
    #[arg(long, env = "MEETING_API_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Lower the hand instead of raising it.
    #[arg(long)]
    lower: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let mock = match &args.base_url {
        Some(_) => None,
        None => Some(mock::start().await),
    };
    let base_url = match (&args.base_url, &mock) {
        (Some(url), _) => url.clone(),
        (None, Some(mock)) => mock.uri(),
        (None, None) => unreachable!("a mock is started when no base URL is given"),
    };
    let token = match (args.token, &mock) {
        (Some(token), _) => token,
        (None, Some(_)) => EXAMPLE_TOKEN.to_owned(),
        (None, None) => return Err("a real server needs a real token: set MEETING_API_TOKEN".into()),
    };
    println!(
        "Server: {base_url}{}",
        if mock.is_some() { " (embedded mock)" } else { "" }
    );

    // One client, one connection pool, for both specs.
    let client = Client::builder().base_url(base_url).build()?;

    let state = if args.lower {
        hands::HandsState::Lower
    } else {
        hands::HandsState::Raise
    };
    let request = hands::HandsRequest::builder()
        .conference_id(&args.conference_id)
        .participant_id(&args.participant_id)
        .conference_authorization(token.as_str())
        .hands_state(state)
        .build();
    call(&client, mock.as_ref(), request).await;
    let request = mute::MuteRequest::builder()
        .conference_id(&args.conference_id)
        .participant_id(&args.participant_id)
        .conference_authorization(token)
        .is_mute(mute::IsMute::Mute)
        .build();
    call(&client, mock.as_ref(), request).await;
    Ok(())
}

/// Sends one request and prints it (as `Debug`, which redacts secrets), what
/// reached the mock, and the typed outcome: status, request ID and body, or
/// the error variant with its message.
async fn call<O>(client: &Client, mock: Option<&wiremock::MockServer>, request: O)
where
    O: Operation + std::fmt::Debug,
    O::Response: std::fmt::Debug,
    O::Error: std::fmt::Debug + std::fmt::Display,
{
    println!("\n{request:#?}");
    let outcome = client.send(request).await;
    mock::print_last_request(mock).await;
    match outcome {
        Ok(response) => println!(
            "Result: Ok: status {}, X-Request-Id {}, body {:?}",
            response.status(),
            response.request_id().unwrap_or("(none)"),
            response.body()
        ),
        Err(error) => println!("Result: Err: {error}\n  {error:?}"),
    }
}
