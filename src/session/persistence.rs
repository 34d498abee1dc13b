//! The session's third room: where the project lives on disk. Its path,
//! what its file held when read or last written, its lock (or who holds
//! it), a folder project's files, which documents a save must write, the
//! bytes the last save wrote, and the journal of changes since the last
//! save with why it fails when it does.

use std::path::{Path, PathBuf};

use super::JournalState;

use crate::store::journal::{self, Header, Journal, Waker};
use crate::store::{Changed, FileStamp, FolderState, Holder, ProjectLock};

/// The project's place on disk.
#[derive(Debug)]
pub struct Persistence {
    pub(super) path: Option<PathBuf>,
    /// What the file held when it was loaded or last saved.
    pub(super) stamp: Option<FileStamp>,
    /// The project's lock, while this session may write the file.
    pub(super) lock: Option<ProjectLock>,
    /// Who holds the lock when another Spanmark does (this session may not
    /// write the file).
    pub(super) locked_by: Option<Holder>,
    /// The journal of changes since the last save.
    pub(super) journal: Option<Journal>,
    /// Why the journal could not be started, while it could not.
    pub(super) journal_start_error: Option<String>,
    /// How many times starting the journal failed after it worked.
    pub(super) journal_start_failures: u64,
    /// Told when the journal starts or stops failing.
    pub(super) journal_waker: Option<Waker>,
    /// A folder project's files, as read or last written.
    pub(super) folder: Option<FolderState>,
    /// The documents changed since the last save (what a folder save writes).
    pub(super) unsaved: Changed,
    /// Bytes the last save of a folder project wrote.
    pub(super) last_written: u64,
    /// Every change made since the log began, in order, as the journal
    /// has them (kept when the session's changes are to be carried onto
    /// another session: see [`super::Session::start_preview_journal`]).
    pub(super) log: Option<Vec<crate::model::Change>>,
}

impl Persistence {
    /// A project at `path` (none: untitled), not read from it yet.
    pub(super) fn new(path: Option<PathBuf>) -> Self {
        Self {
            path,
            stamp: None,
            lock: None,
            locked_by: None,
            journal: None,
            journal_start_error: None,
            journal_start_failures: 0,
            journal_waker: None,
            folder: None,
            unsaved: Changed::Only(Default::default()),
            last_written: 0,
            log: None,
        }
    }

    /// Where the project is saved, if anywhere yet.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What the project's file held when it was read or last written.
    pub fn stamp(&self) -> Option<FileStamp> {
        self.stamp
    }

    /// Who holds the project's lock, when another Spanmark does.
    pub fn locked_by(&self) -> Option<&Holder> {
        self.locked_by.as_ref()
    }

    /// Whether this session may write the project (it holds the lock).
    pub fn owns(&self) -> bool {
        self.lock.is_some()
    }

    /// Bytes the last save of a folder project wrote.
    pub fn last_written(&self) -> u64 {
        self.last_written
    }

    /// Note a change made, for the journal and the log.
    pub(super) fn record(&mut self, change: crate::model::Change) {
        if let Some(log) = &mut self.log {
            log.push(change.clone());
        }
        if let Some(journal) = &self.journal {
            journal.append(change);
        }
    }

    /// Whether made changes are noted anywhere (the journal or the log).
    pub(super) fn records(&self) -> bool {
        self.journal.is_some() || self.log.is_some()
    }

    /// Start journaling into `jpath` from `header`; a failure is kept for
    /// [`Persistence::journal_state`] and returned.
    pub(super) fn start_journal_at(&mut self, jpath: &Path, header: Header) -> std::io::Result<()> {
        match Journal::start(jpath, &header, &[]) {
            Ok(j) => {
                if let Some(waker) = &self.journal_waker {
                    j.set_waker(waker.clone());
                }
                self.journal = Some(j);
                self.journal_start_error = None;
                Ok(())
            }
            Err(e) => {
                self.journal = None;
                self.journal_failed(format!(
                    "{}: {}",
                    jpath.display(),
                    journal::plain_io_error(&e)
                ));
                Err(e)
            }
        }
    }

    /// Note that the journal cannot be started, and why.
    pub(super) fn journal_failed(&mut self, why: String) {
        if self.journal_start_error.is_none() {
            self.journal_start_failures += 1;
        }
        self.journal_start_error = Some(why);
    }

    /// Start a fresh journal beside the project for the file as last read
    /// or written (after a Save as moved it, or a recovery).
    pub(super) fn restart_journal(&mut self) {
        if let (Some(path), Some(stamp)) = (self.path.clone(), self.stamp) {
            let jpath = journal::journal_path(&path);
            let _ = self.start_journal_at(&jpath, Header::for_file(stamp.len, stamp.crc));
        }
    }

    /// Whether changes are reaching the journal: `None` when this session
    /// is not journaled at all (as in tests and the command line without a
    /// journal), else why not, if they are not.
    pub fn journal_state(&self) -> Option<JournalState> {
        if let Some(error) = &self.journal_start_error {
            return Some(JournalState {
                error: Some(error.clone()),
                failures: self.journal_start_failures,
            });
        }
        let health = self.journal.as_ref()?.health();
        Some(JournalState {
            error: health.error,
            failures: self.journal_start_failures + health.failures,
        })
    }

    /// Call `waker` whenever this session's journal starts or stops
    /// failing (the window asks for a frame, so the person is told at once
    /// even while nothing else happens).
    pub fn set_journal_waker(&mut self, waker: crate::store::journal::Waker) {
        if let Some(j) = &self.journal {
            j.set_waker(waker.clone());
        }
        self.journal_waker = Some(waker);
    }

    /// Whether a waker is set (see [`Persistence::set_journal_waker`]).
    pub fn has_journal_waker(&self) -> bool {
        self.journal_waker.is_some()
    }

    /// Why the journal cannot be written, if it cannot.
    pub fn journal_error(&self) -> Option<String> {
        self.journal_state().and_then(|s| s.error)
    }

    /// The journal file, if one is being written.
    pub fn journal_path(&self) -> Option<&Path> {
        self.journal.as_ref().map(Journal::path)
    }

    /// Wait until every change so far is in the journal on disk.
    pub fn flush_journal(&self) {
        if let Some(journal) = &self.journal {
            journal.flush();
        }
    }
}
