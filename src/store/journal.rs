//! The journal: every change made to a project since it was last saved,
//! appended to `.NAME.journal` beside it (untitled projects: in the app's
//! data folder) by a thread that writes and syncs in batches, so the window
//! never waits for the disk and no change older than a second is lost to a
//! crash. A save starts the journal afresh.
//!
//! Format: one line per record. The first is a header (JSON) saying what
//! the journal applies to: the project file's length and CRC-32 as it was
//! loaded or saved, or, for an untitled project, the whole project it
//! started from. Each following line is `CRC32 JSON` of one [`Change`]. A
//! torn or damaged line ends the journal: what comes before it is kept.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::fsio;
use crate::model::{Change, Project};

/// How long the writer gathers changes before it writes and syncs them.
const BATCH: Duration = Duration::from_millis(150);

/// The journal file of a project: `.NAME.journal` beside the real file, or
/// `.journal` inside a folder project (where git ignores it).
pub fn journal_path(project: &Path) -> PathBuf {
    let real = super::atomic::real_path(project);
    if super::folder::is_folder_project(&real) {
        return real.join(".journal");
    }
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    real.with_file_name(format!(".{name}.journal"))
}

/// The journal format this Spanmark writes and reads.
pub const JOURNAL_VERSION: u32 = 1;

/// What a journal applies to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Journal format version.
    pub spanmark_journal: u32,
    /// The project file's length and CRC-32 when the journal began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<(u64, u32)>,
    /// The whole project the journal began from (untitled projects, and a
    /// window that may not write its project's file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Project>,
    /// The project file the changes were made to, when the journal is not
    /// beside it (a window that may not write it keeps its journal in the
    /// app's data folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<PathBuf>,
    /// When the journal began, in seconds since 1970.
    pub started: u64,
}

impl Header {
    /// A header for a project file with these bytes.
    pub fn for_file(bytes_len: u64, crc: u32) -> Self {
        Self {
            spanmark_journal: JOURNAL_VERSION,
            file: Some((bytes_len, crc)),
            base: None,
            project: None,
            started: now_secs(),
        }
    }

    /// A header for an untitled project starting from `base`.
    pub fn for_untitled(base: Project) -> Self {
        Self {
            spanmark_journal: JOURNAL_VERSION,
            file: None,
            base: Some(base),
            project: None,
            started: now_secs(),
        }
    }

    fn line(&self) -> io::Result<String> {
        let mut json = serde_json::to_string(self).map_err(io::Error::other)?;
        json.push('\n');
        Ok(json)
    }
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// One journal line for a change: `CRC32 JSON`.
pub fn record_line(change: &Change) -> io::Result<String> {
    let json = serde_json::to_string(change).map_err(io::Error::other)?;
    Ok(format!("{:08x} {json}\n", crc32fast::hash(json.as_bytes())))
}

/// What a journal holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Contents {
    /// What it applies to.
    pub header: Header,
    /// The changes, in order.
    pub changes: Vec<Change>,
    /// A torn or damaged line ended it early (the changes before it count).
    pub torn: bool,
    /// Records follow the damaged line: more than a cut-off last record
    /// was lost, so the file must be kept aside, never written over.
    pub damaged: bool,
}

/// What reading a journal found.
#[derive(Clone, Debug, PartialEq)]
pub enum Read {
    /// There is no journal (or an empty file).
    Missing,
    /// A journal this Spanmark can replay.
    Journal(Box<Contents>),
    /// A file that cannot be read as a journal of this version: it must
    /// be kept aside, never overwritten. Says why.
    Unreadable(String),
}

/// Read a journal.
pub fn read(path: &Path) -> io::Result<Read> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Read::Missing),
        Err(e) => return Err(e),
    };
    if bytes.is_empty() {
        return Ok(Read::Missing);
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    let version = serde_json::from_str::<serde_json::Value>(first)
        .ok()
        .and_then(|v| v.get("spanmark_journal")?.as_u64());
    match version {
        None if !first.ends_with('\n') && lines.next().is_none() => {
            // A header cut off as it was written: nothing was journaled yet.
            return Ok(Read::Missing);
        }
        None => {
            return Ok(Read::Unreadable(
                "its first line is not a journal header".into(),
            ));
        }
        Some(v) if v != u64::from(JOURNAL_VERSION) => {
            return Ok(Read::Unreadable(format!(
                "it was written by another version of Spanmark (journal format {v}, this one reads {JOURNAL_VERSION})"
            )));
        }
        Some(_) => {}
    }
    let Ok(header) = serde_json::from_str::<Header>(first) else {
        return Ok(Read::Unreadable("its header cannot be read".into()));
    };
    let mut changes = Vec::new();
    let mut torn = false;
    let mut damaged = false;
    for line in lines.by_ref() {
        match parse_record(line) {
            Some(change) => changes.push(change),
            None => {
                torn = true;
                damaged = lines.any(|l| !l.trim().is_empty());
                break;
            }
        }
    }
    Ok(Read::Journal(Box::new(Contents {
        header,
        changes,
        torn,
        damaged,
    })))
}

fn parse_record(line: &str) -> Option<Change> {
    let line = line.strip_suffix('\n')?;
    let (crc, json) = line.split_once(' ')?;
    let crc = u32::from_str_radix(crc, 16).ok()?;
    if crc32fast::hash(json.as_bytes()) != crc {
        return None;
    }
    serde_json::from_str(json).ok()
}

/// Write a journal holding `header` and `changes` at `path`, atomically.
fn write_whole(path: &Path, header: &Header, changes: &[Change]) -> io::Result<()> {
    let mut text = header.line()?;
    for change in changes {
        text.push_str(&record_line(change)?);
    }
    super::atomic::write_atomic(path, text.as_bytes())
}

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
        let thread = {
            let (path, health) = (path.to_owned(), health.clone());
            std::thread::Builder::new()
                .name("spanmark-journal".into())
                .spawn(move || Writer::new(path, file, health).run(&rx))?
        };
        Ok(Self {
            path: path.to_owned(),
            tx: Some(tx),
            health,
            thread: Some(thread),
        })
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
}

impl Writer {
    fn new(path: PathBuf, file: File, health: Arc<Mutex<Health>>) -> Self {
        let good = file.metadata().map_or(0, |m| m.len());
        Self {
            path,
            file: Some(file),
            good,
            reset: None,
            backlog: Vec::new(),
            health,
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
        if let Ok(mut h) = self.health.lock() {
            h.error = None;
        }
    }

    fn failed(&self, e: &io::Error) {
        if let Ok(mut h) = self.health.lock() {
            if h.error.is_none() {
                h.failures += 1;
            }
            h.error = Some(format!("{}: {}", self.path.display(), plain_io_error(e)));
        }
    }
}

/// An OS error as a person reads it: "No space left on device", without
/// the "(os error 28)".
pub fn plain_io_error(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocStatus, Edit};
    use crate::store::faults::{self, Fault};

    fn change(n: usize) -> Change {
        Change::Doc {
            doc: n,
            edit: Edit::SetStatus(DocStatus::Done),
        }
    }

    fn contents(path: &Path) -> io::Result<Contents> {
        match read(path)? {
            Read::Journal(c) => Ok(*c),
            other => Err(io::Error::other(format!("no journal: {other:?}"))),
        }
    }

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
    fn another_version_or_damage_is_reported_not_read_as_empty() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".p.ron.journal");
        fs::write(&path, "{\"spanmark_journal\":2,\"started\":1}\nabc\n")?;
        assert!(
            matches!(read(&path)?, Read::Unreadable(why) if why.contains("format 2")),
            "a newer journal is not this version's"
        );
        fs::write(&path, "garbage\nmore\n")?;
        assert!(matches!(read(&path)?, Read::Unreadable(_)));
        // A bad record with records after it: damage, not a torn tail.
        let mut text = Header::for_file(1, 1).line()?;
        text.push_str(&record_line(&change(1))?);
        text.push_str("00000000 {broken}\n");
        text.push_str(&record_line(&change(2))?);
        fs::write(&path, &text)?;
        let c = contents(&path)?;
        assert_eq!(c.changes, vec![change(1)]);
        assert!(c.torn && c.damaged);
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
