//! The access log: one line per request, written by a thread of its own so
//! that a slow terminal never stalls the server, and buffered so that a
//! busy server writes in blocks, not a system call a line.

use std::io::{BufWriter, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::time::{Duration, Instant};

/// How many lines may wait for the writer. Beyond that a line is dropped
/// rather than make a request wait on a reader of stderr that does not
/// read; the log then says how many were dropped.
const BACKLOG: usize = 64 * 1024;

/// How long the writer waits, once it has written every line, for more
/// before it flushes and sleeps until the next: a line reaches the file
/// this much later at most.
const GATHER: Duration = Duration::from_millis(1);

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
    /// Lines dropped since the writer last reported them.
    dropped: Arc<AtomicU64>,
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
        let dropped = Arc::new(AtomicU64::new(0));
        let counter = dropped.clone();
        std::thread::Builder::new()
            .name("meeting-api-mock-log".to_owned())
            .spawn(move || write_lines(&received, &counter, out))
            .map(|_| ())
            .unwrap_or_else(|error| eprintln!("meeting-api mock: cannot start the log writer: {error}"));
        Self { messages, dropped }
    }

    /// Logs one line, without ever waiting; `line` holds no newline.
    pub fn line(&self, line: String) {
        match self.messages.try_send(Message::Line(line)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
            // The writer is gone, and with it the place to write.
            Err(TrySendError::Disconnected(_)) => {}
        }
    }

    /// Waits, for a few seconds at most, until every line logged so far is
    /// written out, so that none is lost when the process ends.
    pub fn flush(&self) {
        let deadline = Instant::now() + FLUSH_PATIENCE;
        let (done, written) = sync_channel(1);
        let mut flush = Message::Flush(done);
        loop {
            match self.messages.try_send(flush) {
                Ok(()) => break,
                Err(TrySendError::Full(message)) if Instant::now() < deadline => {
                    flush = message;
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => return,
            }
        }
        let _ = written.recv_timeout(deadline.saturating_duration_since(Instant::now()));
    }
}

fn write_lines(received: &Receiver<Message>, dropped: &AtomicU64, out: impl Write) {
    let mut out = BufWriter::new(out);
    let mut next = received.recv().ok();
    while let Some(message) = next {
        let lost = dropped.swap(0, Ordering::Relaxed);
        if lost > 0
            && writeln!(
                out,
                "warning: {lost} log lines dropped: stderr was not read fast enough"
            )
            .is_err()
        {
            return;
        }
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
            // A busy server sends a line every few microseconds: a short
            // pause lets them gather, so that the writer wakes and writes
            // once a batch, and senders find it awake instead of waking it
            // (a system call and a context switch a line, which took more
            // of the machine than the requests' own work).
            std::thread::sleep(GATHER);
            next = received.try_recv().ok();
        }
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

    /// A writer that blocks until the test lets it go.
    struct Stuck(std::sync::mpsc::Receiver<()>);

    impl Write for Stuck {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let _ = self.0.recv();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_reader_that_does_not_read_never_blocks_a_request() {
        let (release, stuck) = std::sync::mpsc::channel();
        let log = AccessLog::spawn(Stuck(stuck));
        // Far more lines than the backlog holds: none of them may wait.
        for n in 0..BACKLOG * 2 {
            log.line(format!("line {n}"));
        }
        assert!(log.dropped.load(Ordering::Relaxed) > 0);
        drop(release);
    }
}
