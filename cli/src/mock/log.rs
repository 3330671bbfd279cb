//! The access log: one line per request, written by a thread of its own so
//! that a slow terminal never stalls the server, and buffered so that a
//! busy server writes in blocks, not a system call a line.

use std::io::{BufWriter, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Duration;

/// How many lines may wait for the writer. When they are all waiting, a
/// request waits too: lines are never dropped.
const BACKLOG: usize = 64 * 1024;

/// How long [`AccessLog::flush`] waits for the writer.
const FLUSH_PATIENCE: Duration = Duration::from_secs(5);

enum Message {
    Line(String),
    /// Write out everything before this message, then answer.
    Flush(SyncSender<()>),
}

/// Where request handlers send their lines.
#[derive(Clone, Debug)]
pub struct AccessLog {
    messages: SyncSender<Message>,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Line(line) => f.debug_tuple("Line").field(line).finish(),
            Self::Flush(_) => f.write_str("Flush"),
        }
    }
}

impl AccessLog {
    /// A log written to `out` by a new thread, which ends when every
    /// `AccessLog` clone is dropped.
    pub fn spawn(out: impl Write + Send + 'static) -> Self {
        let (messages, received) = sync_channel(BACKLOG);
        std::thread::Builder::new()
            .name("meeting-api-mock-log".to_owned())
            .spawn(move || write_lines(&received, out))
            .map(|_| ())
            .unwrap_or_else(|error| eprintln!("meeting-api mock: cannot start the log writer: {error}"));
        Self { messages }
    }

    /// Logs one line; `line` holds no newline.
    pub fn line(&self, line: String) {
        // Fails only when the writer is gone, and then there is nowhere to write.
        let _ = self.messages.send(Message::Line(line));
    }

    /// Waits until every line logged so far is written out, so that none is
    /// lost when the process ends.
    pub fn flush(&self) {
        let (done, written) = sync_channel(1);
        if self.messages.send(Message::Flush(done)).is_ok() {
            let _ = written.recv_timeout(FLUSH_PATIENCE);
        }
    }
}

fn write_lines(received: &Receiver<Message>, out: impl Write) {
    let mut out = BufWriter::new(out);
    let mut next = received.recv().ok();
    while let Some(message) = next {
        match message {
            Message::Line(line) => {
                if writeln!(out, "{line}").is_err() {
                    return;
                }
            }
            Message::Flush(done) => {
                let _ = out.flush();
                let _ = done.send(());
            }
        }
        // Drain what is waiting, then flush once: at rest every line is out.
        next = received.try_recv().ok();
        if next.is_none() {
            if out.flush().is_err() {
                return;
            }
            next = received.recv().ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A writer whose text the test can read.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn after_a_flush_every_line_is_written_in_order() {
        let out = Shared::default();
        let log = AccessLog::spawn(out.clone());
        for n in 0..1000 {
            log.line(format!("line {n}"));
        }
        log.flush();
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let expected: String = (0..1000).map(|n| format!("line {n}\n")).collect();
        assert_eq!(text, expected);
    }
}
