//! The embedded mock: `meeting-api mock` of the whole catalog, in
//! process, with strict auth (a call without a live token of the mock's
//! minting is refused with 401), and control tokens that live seconds,
//! so that the flow sees one renewed. Its access log (secrets redacted)
//! goes to stdout: what went on the wire.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use meeting_api_cli::files;
use meeting_api_cli::mock::auth::AuthOptions;
pub use meeting_api_cli::mock::log::AccessLog;
use meeting_api_cli::mock::{Limits, Mock, server};
use tokio::net::TcpListener;

/// How long the mock's control tokens live.
pub const CONTROL_TOKEN_LIFETIME: Duration = Duration::from_secs(4);

/// Serves the catalog on a free local port, for as long as the program
/// runs; its base URL, and its access log, to flush before printing what
/// came back, so that each request is printed before its result.
pub async fn start() -> Result<(String, AccessLog), Box<dyn std::error::Error>> {
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let paths = files::spec_files(&[catalog])?;
    let specs = files::load_valid(&paths)?;
    let auth = AuthOptions {
        strict: true,
        control_lifetime: CONTROL_TOKEN_LIFETIME,
        ..AuthOptions::default()
    };
    let mock = Arc::new(Mock::with_auth(specs, auth));
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let log = AccessLog::spawn(std::io::stdout());
    tokio::spawn(server::serve(listener, mock, None, log.clone(), Limits::default()));
    Ok((url, log))
}
