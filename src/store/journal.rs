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

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

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

/// What a journal applies to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Journal format version.
    pub spanmark_journal: u32,
    /// The project file's length and CRC-32 when the journal began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<(u64, u32)>,
    /// The whole project the journal began from (untitled projects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Project>,
    /// When the journal began, in seconds since 1970.
    pub started: u64,
}

impl Header {
    /// A header for a project file with these bytes.
    pub fn for_file(bytes_len: u64, crc: u32) -> Self {
        Self {
            spanmark_journal: 1,
            file: Some((bytes_len, crc)),
            base: None,
            started: now_secs(),
        }
    }

    /// A header for an untitled project starting from `base`.
    pub fn for_untitled(base: Project) -> Self {
        Self {
            spanmark_journal: 1,
            file: None,
            base: Some(base),
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
fn record_line(change: &Change) -> io::Result<String> {
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
}

/// Read a journal; `Ok(None)` when there is none (or not even a header).
pub fn read(path: &Path) -> io::Result<Option<Contents>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.split_inclusive('\n');
    let Some(header) = lines
        .next()
        .filter(|l| l.ends_with('\n'))
        .and_then(|l| serde_json::from_str::<Header>(l).ok())
    else {
        return Ok(None);
    };
    let mut changes = Vec::new();
    let mut torn = false;
    for line in lines {
        match parse_record(line) {
            Some(change) => changes.push(change),
            None => {
                torn = true;
                break;
            }
        }
    }
    Ok(Some(Contents {
        header,
        changes,
        torn,
    }))
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

/// A journal being written: changes go to a thread that appends and syncs
/// them in batches. Writing errors are kept for the window to show.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    tx: Option<Sender<Msg>>,
    error: Arc<Mutex<Option<String>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Journal {
    /// Start a journal at `path` holding `header` and `changes` (the ones
    /// recovered, if any), replacing whatever was there.
    pub fn start(path: &Path, header: &Header, changes: &[Change]) -> io::Result<Self> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        write_whole(path, header, changes)?;
        let file = OpenOptions::new().append(true).open(path)?;
        let (tx, rx) = mpsc::channel();
        let error = Arc::new(Mutex::new(None));
        let thread = {
            let (path, error) = (path.to_owned(), error.clone());
            std::thread::Builder::new()
                .name("spanmark-journal".into())
                .spawn(move || writer(path, file, rx, error))?
        };
        Ok(Self {
            path: path.to_owned(),
            tx: Some(tx),
            error,
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

    /// Wait until everything sent so far is on disk.
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Msg::Flush(tx));
        let _ = rx.recv_timeout(Duration::from_secs(10));
    }

    /// The last writing error, if the journal could not be written.
    pub fn error(&self) -> Option<String> {
        self.error.lock().ok().and_then(|e| e.clone())
    }

    fn send(&self, msg: Msg) {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(msg).is_ok());
        if !sent && let Ok(mut e) = self.error.lock() {
            e.get_or_insert_with(|| "the journal writer stopped".to_owned());
        }
    }

    /// Stop writing and remove the journal (the changes are saved, or the
    /// person discarded them).
    pub fn remove(mut self) {
        self.stop();
        let _ = fs::remove_file(&self.path);
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

/// The writer thread: gather, write, sync, repeat.
fn writer(path: PathBuf, file: File, rx: Receiver<Msg>, error: Arc<Mutex<Option<String>>>) {
    let mut out = BufWriter::new(file);
    let fail = |e: io::Error| {
        if let Ok(mut slot) = error.lock() {
            *slot = Some(format!("{}: {e}", path.display()));
        }
    };
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        let deadline = Instant::now() + BATCH;
        while !matches!(batch.last(), Some(Msg::Flush(_))) {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(m) => batch.push(m),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        let mut acks = Vec::new();
        for msg in batch {
            let result = match msg {
                Msg::Append(change) => {
                    record_line(&change).and_then(|l| out.write_all(l.as_bytes()))
                }
                Msg::Reset(header) => out
                    .flush()
                    .and_then(|()| write_whole(&path, &header, &[]))
                    .and_then(|()| OpenOptions::new().append(true).open(&path))
                    .map(|f| out = BufWriter::new(f)),
                Msg::Flush(ack) => {
                    acks.push(ack);
                    Ok(())
                }
            };
            if let Err(e) = result {
                fail(e);
            }
        }
        if let Err(e) = out.flush().and_then(|()| out.get_ref().sync_data()) {
            fail(e);
        }
        for ack in acks {
            let _ = ack.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocStatus, Edit};

    fn change(n: usize) -> Change {
        Change::Doc {
            doc: n,
            edit: Edit::SetStatus(DocStatus::Done),
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
        let read_back = read(&path)?.ok_or_else(|| io::Error::other("no journal"))?;
        assert_eq!(read_back.header, header);
        assert_eq!(read_back.changes, vec![change(0), change(1), change(2)]);
        assert!(!read_back.torn);

        // A crash in the middle of a line: the line is ignored, never fatal.
        let mut bytes = fs::read(&path)?;
        bytes.truncate(bytes.len() - 7);
        fs::write(&path, &bytes)?;
        let torn = read(&path)?.ok_or_else(|| io::Error::other("no journal"))?;
        assert_eq!(torn.changes.len(), 2);
        assert!(torn.torn);
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
        let now = read(&path)?.ok_or_else(|| io::Error::other("no journal"))?;
        assert_eq!(now.header.file, Some((2, 2)));
        assert_eq!(now.changes, vec![change(2)]);
        journal.remove();
        assert!(!path.exists());
        Ok(())
    }
}
