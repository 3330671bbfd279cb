//! The main job: the whole flow of a Huawei Cloud Meeting application
//! through one session that obtains and renews its own tokens. It logs in,
//! creates a meeting, obtains the meeting's control token, raises a hand,
//! lets the control token come due and be renewed, lowers the hand, and
//! lists the meetings page by page, printing each typed result.
//!
//! By default everything goes to an embedded mock of the whole catalog
//! with strict auth, whose access log (secrets redacted) shows each
//! request as it arrived. `--base-url` (or `MEETING_API_BASE_URL`) sends it
//! to the real service instead, with the credentials from the environment.

#![warn(missing_docs)]

mod mock;

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use futures_util::TryStreamExt;
use meeting_api::{Client, Secret};
use meeting_api_huawei::shapes::ConferenceInfo;
use meeting_api_huawei::{Login, Session, create_meeting, hand, search_meetings};

/// The documented examples' values, which the mock accepts.
const EXAMPLE_ACCOUNT: &str = "alice";
const EXAMPLE_PASSWORD: &str = "example-password";
const EXAMPLE_HOST_PASSWORD: &str = "123456";
const EXAMPLE_PARTICIPANT: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
/// The documented lifetime of a meeting control token.
const CONTROL_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 60);
/// How long after obtaining it the flow has the control token renewed.
const RENEW_AFTER: Duration = Duration::from_secs(1);

/// Log in, create a meeting, raise and lower a hand with a renewed
/// control token, and list the meetings, through one session.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Base URL of the real service, such as
    /// `https://api.meeting.huaweicloud.com`. Without it, an embedded mock
    /// of the whole catalog answers.
    #[arg(long, env = "MEETING_API_BASE_URL")]
    base_url: Option<String>,
    /// The account to log in as.
    #[arg(long, env = "MEETING_API_ACCOUNT", default_value = EXAMPLE_ACCOUNT)]
    account: String,
    /// The account's password; only from the environment, which keeps it
    /// out of shell history.
    #[arg(skip)]
    password: Option<String>,
    /// The participant whose hand goes up and down.
    #[arg(long, env = "MEETING_API_PARTICIPANT_ID", default_value = EXAMPLE_PARTICIPANT)]
    participant_id: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = Args::parse();
    args.password = std::env::var("MEETING_API_PASSWORD").ok();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let (base_url, password, control_lifetime, wire) = match &args.base_url {
        Some(url) => {
            let password = args
                .password
                .ok_or("the real service needs the account's password: set MEETING_API_PASSWORD")?;
            (url.clone(), password, CONTROL_TOKEN_LIFETIME, None)
        }
        None => {
            let (url, log) = mock::start().await?;
            (
                url,
                EXAMPLE_PASSWORD.to_owned(),
                mock::CONTROL_TOKEN_LIFETIME,
                Some(log),
            )
        }
    };
    // What went on the wire, before each result.
    let shown = || wire.iter().for_each(mock::AccessLog::flush);
    let mocked = if args.base_url.is_none() {
        " (embedded mock of catalog/, strict auth)"
    } else {
        ""
    };
    println!("Server: {base_url}{mocked}");

    let client = Client::builder().base_url(base_url).build()?;
    let login = Login::Account {
        account: args.account.clone(),
        password: Secret::new(password),
    };
    // Renewed one second after it is obtained, so that the flow sees it.
    let session = Session::new(client, login).renewing_ahead(control_lifetime.saturating_sub(RENEW_AFTER));

    step("Creating a Meeting (logs in first: the session has no access token yet)");
    let request = create_meeting::CreateMeetingRequest::builder()
        .media_types("Video")
        .subject("Weekly sync")
        .length(60)
        .build();
    let meetings = session.send(request).await?.into_body();
    let meeting = meetings.first().ok_or("Creating a Meeting answered no meeting")?;
    let conference_id = meeting.conference_id.clone().ok_or("the meeting has no conferenceID")?;
    shown();
    println!("Result: booked {conference_id}: {:?}", meeting.subject);
    let host_password = match (chair_password(meeting), &args.base_url) {
        (Some(password), _) => password,
        (None, None) => Secret::new(EXAMPLE_HOST_PASSWORD.to_owned()),
        (None, Some(_)) => return Err("the meeting's answer has no host password (passwordEntry of the chair)".into()),
    };
    let conference = session.conference(conference_id, host_password);

    step("Raising a hand (obtains the meeting's control token with the host password first)");
    let raised = conference
        .send(hands(&args.participant_id, hand::HandsState::Raise))
        .await?;
    shown();
    println!(
        "Result: {}, X-Request-Id {}",
        raised.status(),
        raised.request_id().unwrap_or("(none)")
    );

    let wait = RENEW_AFTER + Duration::from_millis(500);
    step(&format!("Waiting {wait:?}: the control token comes due for renewal"));
    tokio::time::sleep(wait).await;

    step("Lowering the hand (renews the control token with itself first)");
    let lowered = conference
        .send(hands(&args.participant_id, hand::HandsState::Lower))
        .await?;
    shown();
    println!(
        "Result: {}, X-Request-Id {}",
        lowered.status(),
        lowered.request_id().unwrap_or("(none)")
    );

    step("Querying Meetings, 20 a page, until the last");
    let request = search_meetings::SearchMeetingsRequest::builder().limit(20).build();
    let listed: Vec<_> = session.items(request).try_collect().await?;
    shown();
    for meeting in &listed {
        println!("Result: {:?} {:?}", meeting.conference_id, meeting.subject);
    }
    println!("Result: {} meetings", listed.len());
    Ok(())
}

/// The host's password, from the `passwordEntry` of role `chair`.
fn chair_password(meeting: &ConferenceInfo) -> Option<Secret<String>> {
    let entries = meeting.password_entry.as_deref().unwrap_or_default();
    let chair = entries
        .iter()
        .find(|entry| entry.conference_role.as_deref() == Some("chair"))?;
    chair.password.clone()
}

fn hands(participant: &str, state: hand::HandsState) -> hand::HandRequest {
    hand::HandRequest::builder()
        .participant_id(participant.to_owned())
        .hands_state(state)
        .build()
}

fn step(title: &str) {
    println!("\n== {title}");
}
