//! The access log: one line per request, written by a thread of its own so
//! that a slow terminal never stalls the server, and in blocks so that a
//! busy server makes a system call a batch, not a line.
//!
//! Handlers append their lines to one shared buffer under a lock held for
//! a copy; the writer swaps the buffer for an empty one and writes it out
//! whole. No line is a message of its own: no allocation, no channel and
//! no wake-up per line while the writer is busy.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How many bytes of lines may wait for the writer. Beyond that a line is
/// dropped rather than make a request wait on a reader of stderr that does
/// not read; the log then says how many were dropped.
const BACKLOG: usize = 4 * 1024 * 1024;

/// How long the writer waits, once it has written a batch, for the next
/// to gather: a line reaches the file this much later at most.
const GATHER: Duration = Duration::from_millis(1);

/// How long [`AccessLog::flush`] waits for the writer.
const FLUSH_PATIENCE: Duration = Duration::from_secs(5);

/// What handlers and the writer share.
#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    /// The writer waits on it for lines, a flush or the end.
    work: Condvar,
    /// [`AccessLog::flush`] waits on it for the writer.
    written: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// Lines not yet taken by the writer, each with its newline.
    pending: Vec<u8>,
    /// Lines dropped since the writer last reported them.
    dropped: u64,
    /// The writer waits on `work`: the next line must wake it.
    writer_idle: bool,
    /// Flushes asked for, and the last one done: everything pending when
    /// flush `n` was asked for is out once `flushed >= n`.
    flushes_asked: u64,
    flushed: u64,
    /// Every handle is gone: the writer writes what is left and ends.
    closed: bool,
    /// The writer is gone (its output failed, or it never started): lines
    /// have nowhere to go.
    gone: bool,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // Nothing that holds the lock can panic halfway through a change.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Where request handlers send their lines. Clones share one writer,
/// which ends once every clone is dropped.
#[derive(Clone, Debug)]
pub struct AccessLog {
    handle: Arc<Handle>,
}

/// The last clone's drop ends the writer.
#[derive(Debug)]
struct Handle(Arc<Shared>);

impl Drop for Handle {
    fn drop(&mut self) {
        self.0.state().closed = true;
        self.0.work.notify_one();
    }
}

impl AccessLog {
    /// A log written to `out` by a new thread.
    pub fn spawn(out: impl Write + Send + 'static) -> Self {
        let shared = Arc::new(Shared::default());
        let writer = shared.clone();
        let started = std::thread::Builder::new()
            .name("meeting-api-mock-log".to_owned())
            .spawn(move || write_lines(&writer, out));
        if let Err(error) = started {
            eprintln!("meeting-api mock: cannot start the log writer: {error}");
            shared.state().gone = true;
        }
        Self {
            handle: Arc::new(Handle(shared)),
        }
    }

    /// Logs one line, without ever waiting on the writer; `line` holds no
    /// newline.
    pub fn line(&self, line: impl AsRef<str>) {
        let line = line.as_ref().as_bytes();
        let shared = &self.handle.0;
        let mut state = shared.state();
        if state.gone {
            return;
        }
        if state.pending.len() + line.len() >= BACKLOG {
            state.dropped += 1;
            return;
        }
        state.pending.extend_from_slice(line);
        state.pending.push(b'\n');
        // Woken only from its wait: a busy writer finds the line itself.
        let wake = std::mem::take(&mut state.writer_idle);
        drop(state);
        if wake {
            shared.work.notify_one();
        }
    }

    /// Waits, for a few seconds at most, until every line logged so far is
    /// written out, so that none is lost when the process ends.
    pub fn flush(&self) {
        let shared = &self.handle.0;
        let deadline = Instant::now() + FLUSH_PATIENCE;
        let mut state = shared.state();
        state.flushes_asked += 1;
        let asked = state.flushes_asked;
        shared.work.notify_one();
        while state.flushed < asked && !state.gone {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            state = match shared.written.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }
}

/// What the writer takes in one go.
struct Batch {
    lines: Vec<u8>,
    dropped: u64,
    /// The flush that writing this batch completes.
    flush: u64,
    last: bool,
}

/// The writer thread: takes what is pending, writes it, pauses for the
/// next batch to gather, and waits when there is none.
fn write_lines(shared: &Shared, mut out: impl Write) {
    let mut spare = Vec::new();
    loop {
        let batch = next_batch(shared, std::mem::take(&mut spare));
        let written = write_batch(&mut out, &batch);
        let mut state = shared.state();
        if written.is_err() {
            state.gone = true;
            shared.written.notify_all();
            return;
        }
        // Woken only for a flush this batch completes: a busy writer
        // makes no system call a batch for waiters there are not.
        if batch.flush > state.flushed {
            state.flushed = batch.flush;
            shared.written.notify_all();
        }
        drop(state);
        if batch.last {
            return;
        }
        // The buffer's memory is used again; a busy server sends a line
        // every few microseconds, and a short pause lets them gather.
        spare = batch.lines;
        spare.clear();
        std::thread::sleep(GATHER);
    }
}

/// Waits until there is something to do, then takes it, leaving `empty`
/// as the pending buffer.
fn next_batch(shared: &Shared, empty: Vec<u8>) -> Batch {
    let mut state = shared.state();
    while state.pending.is_empty() && state.dropped == 0 && state.flushed == state.flushes_asked && !state.closed {
        state.writer_idle = true;
        state = match shared.work.wait(state) {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
    }
    state.writer_idle = false;
    Batch {
        lines: std::mem::replace(&mut state.pending, empty),
        dropped: std::mem::take(&mut state.dropped),
        flush: state.flushes_asked,
        last: state.closed,
    }
}

fn write_batch(out: &mut impl Write, batch: &Batch) -> std::io::Result<()> {
    if batch.dropped > 0 {
        writeln!(
            out,
            "warning: {} log lines dropped: stderr was not read fast enough",
            batch.dropped
        )?;
    }
    out.write_all(&batch.lines)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose text the test can read, and that fails once it has
    /// taken `room` bytes.
    #[derive(Clone)]
    struct Captured {
        text: Arc<Mutex<Vec<u8>>>,
        room: usize,
    }

    impl Captured {
        fn new(room: usize) -> Self {
            Self {
                text: Arc::default(),
                room,
            }
        }

        fn text(&self) -> String {
            String::from_utf8(self.text.lock().unwrap().clone()).unwrap()
        }
    }

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if bytes.len() > self.room {
                return Err(std::io::Error::other("full"));
            }
            self.room -= bytes.len();
            self.text.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn after_a_flush_every_line_is_written_in_order() {
        let out = Captured::new(usize::MAX);
        let log = AccessLog::spawn(out.clone());
        for n in 0..1000 {
            log.line(format!("line {n}"));
        }
        log.flush();
        let expected: String = (0..1000).map(|n| format!("line {n}\n")).collect();
        assert_eq!(out.text(), expected);
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
        // The writer takes a first line and is stuck writing it.
        log.line("first");
        let deadline = Instant::now() + FLUSH_PATIENCE;
        while !log.handle.0.state().pending.is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        // Lines until the backlog is full: none of them may wait, and the
        // ones beyond it are counted.
        let line = "x".repeat(1000);
        for _ in 0..2 * BACKLOG / line.len() {
            log.line(&line);
        }
        let state = log.handle.0.state();
        assert!(state.dropped > 0);
        assert!(state.pending.len() < BACKLOG);
        drop(state);
        drop(release);
    }

    #[test]
    fn dropped_lines_are_reported_and_a_failed_output_stops_the_log() {
        let out = Captured::new(200);
        let log = AccessLog::spawn(out.clone());
        log.handle.0.state().dropped = 3;
        log.line("first");
        log.flush();
        assert_eq!(
            out.text(),
            "warning: 3 log lines dropped: stderr was not read fast enough\nfirst\n"
        );
        log.line("x".repeat(300));
        // The write fails: flush returns, and later lines go nowhere.
        log.flush();
        assert!(log.handle.0.state().gone);
        log.line("after");
        log.flush();
        assert!(log.handle.0.state().pending.is_empty());
    }

    #[test]
    fn the_writer_ends_with_the_last_handle_and_writes_what_is_left() {
        let out = Captured::new(usize::MAX);
        let log = AccessLog::spawn(out.clone());
        let shared = log.handle.0.clone();
        log.clone().line("one");
        log.line("two");
        drop(log);
        let deadline = Instant::now() + FLUSH_PATIENCE;
        while Arc::strong_count(&shared) > 1 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(Arc::strong_count(&shared), 1, "the writer has ended");
        assert_eq!(out.text(), "one\ntwo\n");
    }
}
