//! The journal's writer: a thread that appends changes and syncs them in
//! batches, so the window never waits for the disk; a write that fails is
//! cut back to the last whole record and tried again, and its failure is
//! kept for the window to show.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{Header, fsio, plain_io_error, record_line, write_whole};
use crate::model::Change;

/// Called when the journal starts or stops failing, from the writer's
/// thread (a window asks for a frame, to show it).
#[derive(Clone)]
pub struct Waker(pub Arc<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Waker")
    }
}

/// The waker a journal may have, shared with its writer.
type WakerSlot = Arc<Mutex<Option<Waker>>>;

/// How long the writer gathers changes before it writes and syncs them.
const BATCH: Duration = Duration::from_millis(150);

enum Msg {
    Append(Box<Change>),
    Reset(Box<Header>),
    Flush(Sender<()>),
}

/// Whether the journal is being written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Health {
    /// Why the last write failed, while the journal is failing (the file
    /// named once, then the reason).
    pub error: Option<String>,
    /// How many times the journal went from working to failing: a window
    /// that saw `n` failures tells the person again when this grows.
    pub failures: u64,
}

/// A journal being written: changes go to a thread that appends and syncs
/// them in batches. A write that fails is cut back to the last whole record
/// and tried again with the next batch (or within a second), so a disk
/// that fills up and frees again loses nothing; meanwhile [`Journal::health`]
/// says why it is failing.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    tx: Option<Sender<Msg>>,
    health: Arc<Mutex<Health>>,
    waker: WakerSlot,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Journal {
    /// Start a journal at `path` holding `header` and `changes` (the ones
    /// recovered, if any), replacing whatever was there.
    pub fn start(path: &Path, header: &Header, changes: &[Change]) -> io::Result<Self> {
        if let Some(dir) = path.parent() {
            fsio::create_dir_all(dir)?;
        }
        write_whole(path, header, changes)?;
        let file = fsio::open_append(path)?;
        let (tx, rx) = mpsc::channel();
        let health = Arc::new(Mutex::new(Health::default()));
        let waker: WakerSlot = Arc::new(Mutex::new(None));
        let thread = {
            let (path, health, waker) = (path.to_owned(), health.clone(), waker.clone());
            std::thread::Builder::new()
                .name("spanmark-journal".into())
                .spawn(move || Writer::new(path, file, health, waker).run(&rx))?
        };
        Ok(Self {
            path: path.to_owned(),
            tx: Some(tx),
            health,
            waker,
            thread: Some(thread),
        })
    }

    /// Call `waker` whenever the journal starts or stops failing (from
    /// the writer's thread).
    pub fn set_waker(&self, waker: Waker) {
        if let Ok(mut slot) = self.waker.lock() {
            *slot = Some(waker);
        }
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append a change (written and synced within a fraction of a second).
    pub fn append(&self, change: Change) {
        self.send(Msg::Append(Box::new(change)));
    }

    /// Start afresh from `header` (after a save).
    pub fn reset(&self, header: Header) {
        self.send(Msg::Reset(Box::new(header)));
    }

    /// Wait until everything sent so far is on disk (or has failed).
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Msg::Flush(tx));
        let _ = rx.recv_timeout(Duration::from_secs(10));
    }

    /// Whether the journal is being written, and why not.
    pub fn health(&self) -> Health {
        self.health.lock().map(|h| h.clone()).unwrap_or_default()
    }

    /// Why the journal is not being written, while it is not.
    pub fn error(&self) -> Option<String> {
        self.health().error
    }

    fn send(&self, msg: Msg) {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(msg).is_ok());
        if !sent && let Ok(mut h) = self.health.lock() {
            if h.error.is_none() {
                h.failures += 1;
            }
            h.error
                .get_or_insert_with(|| "the journal writer stopped".to_owned());
        }
    }

    /// Stop writing and remove the journal (the changes are saved, or the
    /// person discarded them).
    pub fn remove(mut self) {
        self.stop();
        let _ = fsio::remove_file(&self.path);
    }

    fn stop(&mut self) {
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // Whatever was sent is written before the journal is let go.
        self.stop();
    }
}

/// How long a failing journal waits before it tries again unasked.
const RETRY: Duration = Duration::from_secs(1);

/// The writer thread's state: the open file, how much of it holds whole
/// records, and what is still to be written.
struct Writer {
    path: PathBuf,
    file: Option<File>,
    /// Bytes of the file that hold whole, synced records.
    good: u64,
    /// A fresh start asked for and not yet written.
    reset: Option<Box<Header>>,
    /// Record lines not yet written (after `reset`, if any).
    backlog: Vec<String>,
    health: Arc<Mutex<Health>>,
    waker: WakerSlot,
}

impl Writer {
    fn new(path: PathBuf, file: File, health: Arc<Mutex<Health>>, waker: WakerSlot) -> Self {
        let good = file.metadata().map_or(0, |m| m.len());
        Self {
            path,
            file: Some(file),
            good,
            reset: None,
            backlog: Vec::new(),
            health,
            waker,
        }
    }

    /// Gather, write, sync, repeat, until the journal is let go.
    fn run(mut self, rx: &Receiver<Msg>) {
        loop {
            let waiting = self.reset.is_some() || !self.backlog.is_empty();
            let first = if waiting {
                match rx.recv_timeout(RETRY) {
                    Ok(m) => Some(m),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => {
                        self.write_out();
                        return;
                    }
                }
            } else {
                match rx.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return,
                }
            };
            let mut batch: Vec<Msg> = first.into_iter().collect();
            let deadline = Instant::now() + BATCH;
            while !batch.is_empty() && !matches!(batch.last(), Some(Msg::Flush(_))) {
                match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(m) => batch.push(m),
                    Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
                }
            }
            let mut acks = Vec::new();
            for msg in batch {
                match msg {
                    Msg::Append(change) => match record_line(&change) {
                        Ok(line) => self.backlog.push(line),
                        Err(e) => self.failed(&e),
                    },
                    Msg::Reset(header) => {
                        self.reset = Some(header);
                        self.backlog.clear();
                    }
                    Msg::Flush(ack) => acks.push(ack),
                }
            }
            self.write_out();
            for ack in acks {
                let _ = ack.send(());
            }
        }
    }

    /// Write what is waiting: a fresh start, then the records.
    fn write_out(&mut self) {
        if let Some(header) = self.reset.take() {
            let reopened =
                write_whole(&self.path, &header, &[]).and_then(|()| fsio::open_append(&self.path));
            match reopened {
                Ok(f) => {
                    self.good = f.metadata().map_or(0, |m| m.len());
                    self.file = Some(f);
                }
                Err(e) => {
                    self.reset = Some(header);
                    self.failed(&e);
                    return;
                }
            }
        }
        if self.backlog.is_empty() {
            self.working();
            return;
        }
        let text: String = self.backlog.concat();
        let result = match &mut self.file {
            Some(f) => fsio::write_all(f, &self.path, text.as_bytes())
                .and_then(|()| fsio::sync_data(f, &self.path)),
            None => Err(io::Error::other("the journal file is not open")),
        };
        match result {
            Ok(()) => {
                self.good += text.len() as u64;
                self.backlog.clear();
                self.working();
            }
            Err(e) => {
                // Cut back to the last whole record, so what is written
                // later is not hidden behind a torn line.
                if let Some(f) = &self.file {
                    let _ = f.set_len(self.good);
                }
                self.failed(&e);
            }
        }
    }

    fn working(&self) {
        let changed = self
            .health
            .lock()
            .map(|mut h| h.error.take().is_some())
            .unwrap_or(false);
        if changed {
            self.wake();
        }
    }

    fn failed(&self, e: &io::Error) {
        let began = self
            .health
            .lock()
            .map(|mut h| {
                let began = h.error.is_none();
                if began {
                    h.failures += 1;
                }
                h.error = Some(format!("{}: {}", self.path.display(), plain_io_error(e)));
                began
            })
            .unwrap_or(false);
        if began {
            self.wake();
        }
    }

    fn wake(&self) {
        let waker = self.waker.lock().ok().and_then(|w| w.clone());
        if let Some(wake) = waker {
            (wake.0)();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{change, contents};
    use super::*;
    use crate::store::faults::{self, Fault};
    use std::fs;
    #[test]
    fn changes_written_are_read_back_and_a_torn_tail_is_ignored() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".p.ron.journal");
        let header = Header::for_file(10, 42);
        let journal = Journal::start(&path, &header, &[change(0)])?;
        journal.append(change(1));
        journal.append(change(2));
        journal.flush();
        drop(journal);
        let read_back = contents(&path)?;
        assert_eq!(read_back.header, header);
        assert_eq!(read_back.changes, vec![change(0), change(1), change(2)]);
        assert!(!read_back.torn);

        // A crash in the middle of a line: the line is ignored, never fatal.
        let mut bytes = fs::read(&path)?;
        bytes.truncate(bytes.len() - 7);
        fs::write(&path, &bytes)?;
        let torn = contents(&path)?;
        assert_eq!(torn.changes.len(), 2);
        assert!(torn.torn);
        assert!(!torn.damaged, "a cut-off last record is not damage");
        Ok(())
    }
    #[test]
    fn reset_starts_afresh_and_remove_deletes() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".p.ron.journal");
        let journal = Journal::start(&path, &Header::for_file(1, 1), &[])?;
        journal.append(change(1));
        journal.reset(Header::for_file(2, 2));
        journal.append(change(2));
        journal.flush();
        let now = contents(&path)?;
        assert_eq!(now.header.file, Some((2, 2)));
        assert_eq!(now.changes, vec![change(2)]);
        journal.remove();
        assert!(!path.exists());
        Ok(())
    }
    #[test]
    fn a_failed_write_is_reported_then_retried_and_nothing_is_lost() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".p.ron.journal");
        let journal = Journal::start(&path, &Header::for_file(1, 1), &[])?;
        journal.append(change(1));
        journal.flush();
        assert_eq!(journal.health(), Health::default());
        {
            // The disk is full: every write fails.
            let _full = faults::inject(dir.path(), 1, Fault::NoSpace, true);
            journal.append(change(2));
            journal.flush();
            let health = journal.health();
            let error = health.error.unwrap_or_default();
            assert!(error.contains("No space left on device"), "{error}");
            assert!(!error.contains("os error"), "{error}");
            assert_eq!(health.failures, 1);
            // What is on disk is still whole.
            assert_eq!(contents(&path)?.changes, vec![change(1)]);
            assert!(!contents(&path)?.torn);
        }
        // Space again: the waiting change is written with the next one.
        journal.append(change(3));
        journal.flush();
        assert_eq!(journal.health().error, None);
        assert_eq!(journal.health().failures, 1);
        let c = contents(&path)?;
        assert_eq!(c.changes, vec![change(1), change(2), change(3)]);
        assert!(!c.torn);
        Ok(())
    }
}
