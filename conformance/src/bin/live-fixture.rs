//! `live-fixture --token TOKEN`: serves every spec of the kit like a live
//! server would (see `conformance::fixture`), prints `listening on URL`,
//! and stops when its standard input closes.

use std::io::Read;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let token = match (args.next().as_deref(), args.next()) {
        (Some("--token"), Some(token)) => token,
        _ => {
            eprintln!("usage: live-fixture --token TOKEN");
            std::process::exit(2);
        }
    };
    let entries = conformance::entries();
    let server = conformance::fixture::serve(&entries, &token).await;
    println!("listening on {}", server.uri());
    // The test that started it holds the pipe; when it ends, so does this.
    tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new()))
        .await
        .ok();
}
