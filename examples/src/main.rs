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
use meeting_api_huawei::{Conference, Login, Session, create_meeting, hand, search_meetings};

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

type Failure = Box<dyn std::error::Error>;

async fn run(args: Args) -> Result<(), Failure> {
    let target = Target::of(&args).await?;
    // What went on the wire, before each result.
    let shown = || target.wire.iter().for_each(mock::AccessLog::flush);
    let client = Client::builder().base_url(&target.base_url).build()?;
    let login = Login::Account {
        account: args.account.clone(),
        password: Secret::new(target.password.clone()),
    };
    // Renewed one second after it is obtained, so that the flow sees it.
    let renew_ahead = target.control_lifetime.saturating_sub(RENEW_AFTER);
    let session = Session::new(client, login).renewing_ahead(renew_ahead);

    step("Creating a Meeting (logs in first: the session has no access token yet)");
    let conference = book(&session, target.wire.is_some(), &shown).await?;

    step("Raising a hand (obtains the meeting's control token with the host password first)");
    move_hand(&conference, &args.participant_id, hand::HandsState::Raise, &shown).await?;

    let wait = RENEW_AFTER + Duration::from_millis(500);
    step(&format!("Waiting {wait:?}: the control token comes due for renewal"));
    tokio::time::sleep(wait).await;

    step("Lowering the hand (renews the control token with itself first)");
    move_hand(&conference, &args.participant_id, hand::HandsState::Lower, &shown).await?;

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

/// Where the flow runs: the real service, or the embedded mock.
struct Target {
    base_url: String,
    password: String,
    control_lifetime: Duration,
    /// The mock's access log; `None` for the real service.
    wire: Option<mock::AccessLog>,
}

impl Target {
    async fn of(args: &Args) -> Result<Self, Failure> {
        let target = match &args.base_url {
            Some(url) => Self {
                base_url: url.clone(),
                password: args
                    .password
                    .clone()
                    .ok_or("the real service needs the account's password: set MEETING_API_PASSWORD")?,
                control_lifetime: CONTROL_TOKEN_LIFETIME,
                wire: None,
            },
            None => {
                let (base_url, log) = mock::start().await?;
                Self {
                    base_url,
                    password: EXAMPLE_PASSWORD.to_owned(),
                    control_lifetime: mock::CONTROL_TOKEN_LIFETIME,
                    wire: Some(log),
                }
            }
        };
        let mocked = if target.wire.is_some() {
            " (embedded mock of catalog/, strict auth)"
        } else {
            ""
        };
        println!("Server: {}{mocked}", target.base_url);
        Ok(target)
    }
}

/// Creates a meeting, and a handle for it with its host password (the
/// documented example's on the mock, which answers without one).
async fn book(session: &Session, mocked: bool, shown: &impl Fn()) -> Result<Conference, Failure> {
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
    let host_password = match (chair_password(meeting), mocked) {
        (Some(password), _) => password,
        (None, true) => Secret::new(EXAMPLE_HOST_PASSWORD.to_owned()),
        (None, false) => return Err("the meeting's answer has no host password (passwordEntry of the chair)".into()),
    };
    Ok(session.conference(conference_id, host_password))
}

/// The host's password, from the `passwordEntry` of role `chair`.
fn chair_password(meeting: &ConferenceInfo) -> Option<Secret<String>> {
    let entries = meeting.password_entry.as_deref().unwrap_or_default();
    let chair = entries
        .iter()
        .find(|entry| entry.conference_role.as_deref() == Some("chair"))?;
    chair.password.clone()
}

/// Raises or lowers `participant`'s hand: the conference handle fills the
/// meeting's ID and control token.
async fn move_hand(
    conference: &Conference,
    participant: &str,
    state: hand::HandsState,
    shown: &impl Fn(),
) -> Result<(), Failure> {
    let request = hand::HandRequest::builder()
        .participant_id(participant.to_owned())
        .hands_state(state)
        .build();
    let response = conference.send(request).await?;
    shown();
    let request_id = response.request_id().unwrap_or("(none)");
    println!("Result: {}, X-Request-Id {request_id}", response.status());
    Ok(())
}

fn step(title: &str) {
    println!("\n== {title}");
}
