//! The access log: one line per request, written by a thread of its own so
//! that a slow terminal never stalls the server, and buffered so that a
//! busy server writes in blocks, not a system call a line.

use std::io::{BufWriter, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// How many lines may wait for the writer. When they are all waiting, a
/// request waits too: lines are never dropped.
const BACKLOG: usize = 64 * 1024;

/// Where request handlers send their lines.
#[derive(Clone, Debug)]
pub struct AccessLog {
    lines: SyncSender<String>,
}

impl AccessLog {
    /// A log written to `out` by a new thread, which ends when every
    /// `AccessLog` clone is dropped.
    pub fn spawn(out: impl Write + Send + 'static) -> Self {
        let (lines, received) = sync_channel(BACKLOG);
        std::thread::Builder::new()
            .name("meeting-api-mock-log".to_owned())
            .spawn(move || write_lines(&received, out))
            .map(|_| ())
            .unwrap_or_else(|error| eprintln!("meeting-api mock: cannot start the log writer: {error}"));
        Self { lines }
    }

    /// Logs one line; `line` holds no newline.
    pub fn line(&self, line: String) {
        // Fails only when the writer is gone, and then there is nowhere to write.
        let _ = self.lines.send(line);
    }
}

fn write_lines(received: &Receiver<String>, out: impl Write) {
    let mut out = BufWriter::new(out);
    while let Ok(line) = received.recv() {
        let mut next = Some(line);
        // Drain what is waiting, then flush once: at rest every line is out.
        while let Some(line) = next {
            if writeln!(out, "{line}").is_err() {
                return;
            }
            next = received.try_recv().ok();
        }
        if out.flush().is_err() {
            return;
        }
    }
}
