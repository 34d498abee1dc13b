//! The session's journal: start it (beside the project, or in the app's
//! data folder for an untitled project and for a window that may not write
//! its project), offer what a crashed session left in it, recover, and say
//! when it cannot be written. A journal that cannot be read is set aside
//! under a new name and reported, never written over.

use std::path::{Path, PathBuf};

use crate::model::{Change, ChangeError, Project};
use crate::store::journal::{self, Header, Read};
use crate::store::{self, FileStamp};

use super::Session;

/// What the journal of a project held when it was opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Recovery {
    /// Nothing to recover; the journal has started afresh.
    Nothing,
    /// Changes a session that ended unexpectedly made after the last save.
    Found {
        /// The changes, in order.
        changes: Vec<Change>,
        /// A torn last record was left out.
        torn: bool,
        /// More than a last record was unreadable: records after a damaged
        /// one are lost (the journal file is kept aside whatever is chosen).
        damaged: bool,
        /// When that session's journal began (seconds since 1970).
        started: u64,
    },
    /// A journal of another version of the file (it was saved since, or
    /// changed by another program): kept aside, not replayed.
    Stale {
        /// Where it was kept.
        kept: PathBuf,
    },
    /// A journal that cannot be read (another version of Spanmark wrote
    /// it, or it is damaged): kept aside, not replayed, not overwritten.
    Unreadable {
        /// Where it was kept.
        kept: PathBuf,
        /// Why it cannot be read.
        why: String,
    },
    /// This session may not write the project (another Spanmark has it):
    /// its journal is that Spanmark's and is left alone.
    NotOwner,
}

/// A journal a Spanmark that is gone left in the app's data folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Orphan {
    /// The journal file.
    pub file: PathBuf,
    /// The project its changes apply to (a copy of it as it was), when
    /// the journal holds one.
    pub base: Option<Project>,
    /// Otherwise the version of `project` the changes apply to (length
    /// and CRC-32 of its file).
    pub version: Option<(u64, u32)>,
    /// The project file the changes were made to, for a window that could
    /// not write it (`None`: an untitled project).
    pub project: Option<PathBuf>,
    /// The changes.
    pub changes: Vec<Change>,
    /// When the journal began (seconds since 1970).
    pub started: u64,
    /// Made to one document of `project` while the project was being read
    /// (`base` holds that document as it was read).
    pub reading: bool,
}

/// Why a session is not being journaled, and how often that began.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JournalState {
    /// Why changes are not reaching the journal now, if they are not.
    pub error: Option<String>,
    /// How many times the journal went from working to failing (a start
    /// that failed counts once).
    pub failures: u64,
}

impl Session {
    /// Look at the project's journal: start it afresh, or hand back what a
    /// crashed session left (journaling waits for [`Session::recover`] or
    /// [`Session::discard_recovery`]). A journal that cannot be read is set
    /// aside and reported, never started over.
    pub fn check_journal(&mut self) -> std::io::Result<Recovery> {
        let (Some(path), Some(stamp)) = (self.disk.path.clone(), self.disk.stamp) else {
            return Ok(Recovery::Nothing);
        };
        if self.disk.lock.is_none() {
            return Ok(Recovery::NotOwner);
        }
        let jpath = journal::journal_path(&path);
        let recovery = match journal::read(&jpath) {
            Err(e) => {
                // Not even readable: leave it, journal nothing over it.
                self.disk.journal_failed(format!(
                    "{}: {}",
                    jpath.display(),
                    journal::plain_io_error(&e)
                ));
                return Err(e);
            }
            Ok(Read::Unreadable(why)) => {
                let kept = set_aside(&jpath, &format!("unreadable-{}", unique_suffix()))?;
                Recovery::Unreadable { kept, why }
            }
            Ok(Read::Journal(c)) if !c.changes.is_empty() => {
                if c.header.file == Some((stamp.len, stamp.crc)) {
                    return Ok(Recovery::Found {
                        changes: c.changes,
                        torn: c.torn,
                        damaged: c.damaged,
                        started: c.header.started,
                    });
                }
                let kept = set_aside(&jpath, &format!("{}.stale", c.header.started))?;
                Recovery::Stale { kept }
            }
            Ok(_) => Recovery::Nothing,
        };
        self.disk
            .start_journal_at(&jpath, Header::for_file(stamp.len, stamp.crc))?;
        Ok(recovery)
    }

    /// Replay recovered changes (each one undoable, each journaled again in
    /// a fresh journal). Returns how many were applied; a change that no
    /// longer applies stops the replay (the old journal is kept aside as
    /// `.NAME.journal.replayed`).
    pub fn recover(&mut self, changes: Vec<Change>) -> Result<usize, ChangeError> {
        if let Some(path) = self.disk.path.clone() {
            let jpath = journal::journal_path(&path);
            let _ = set_aside(&jpath, "replayed");
            self.disk.restart_journal();
        }
        self.replay(changes)
    }

    /// Apply changes one by one (each undoable and journaled); stops at the
    /// first that does not apply. Returns how many were applied.
    pub fn replay(&mut self, changes: Vec<Change>) -> Result<usize, ChangeError> {
        let mut n = 0;
        for change in changes {
            self.apply(change)?;
            n += 1;
        }
        Ok(n)
    }

    /// The person chose not to keep what the journal held: it is kept
    /// aside as `.NAME.journal.discarded` (until the next discard) and a
    /// fresh journal starts.
    pub fn discard_recovery(&mut self) -> std::io::Result<()> {
        let (Some(path), Some(stamp)) = (self.disk.path.clone(), self.disk.stamp) else {
            return Ok(());
        };
        let jpath = journal::journal_path(&path);
        set_aside(&jpath, "discarded")?;
        self.disk
            .start_journal_at(&jpath, Header::for_file(stamp.len, stamp.crc))
    }

    /// Journal an untitled project in `dir` (the app's data folder).
    pub fn start_untitled_journal(&mut self, dir: &Path) -> std::io::Result<()> {
        if self.disk.path.is_some() || self.disk.journal.is_some() {
            return Ok(());
        }
        let header = Header::for_untitled(self.docs.project.clone());
        let name = format!("untitled-{}-{}.journal", std::process::id(), header.started);
        self.disk.start_journal_at(&dir.join(name), header)
    }

    /// Journal a project this session may not write (another Spanmark
    /// holds it) in `dir`, the app's data folder: with a copy of the
    /// project as it was read, so the changes can come back after a crash
    /// as an untitled project even when the other window saved since. A
    /// project partly parked cannot be copied: its journal then names the
    /// file and the version its changes apply to.
    pub fn start_read_only_journal(&mut self, dir: &Path) -> std::io::Result<()> {
        let Some(path) = self.disk.path.clone() else {
            return self.start_untitled_journal(dir);
        };
        if self.disk.lock.is_some() || self.disk.journal.is_some() {
            return Ok(());
        }
        let parked = self.docs.project.documents.iter().any(|d| d.is_parked());
        let mut header = if parked {
            let stamp = self.disk.stamp.unwrap_or(FileStamp { len: 0, crc: 0 });
            Header::for_file(stamp.len, stamp.crc)
        } else {
            Header::for_untitled(self.docs.project.clone())
        };
        header.project = Some(store::real_path(&path));
        let name = format!("readonly-{}-{}.journal", std::process::id(), header.started);
        self.disk.start_journal_at(&dir.join(name), header)
    }

    /// Journal a session showing one document of the project at
    /// `project` while the rest of it is read, in `dir` (the app's data
    /// folder; `None`: not journaled): with a copy of that document, so the
    /// changes come back after a crash even before the project was all
    /// read. Every change is also kept in memory ([`Session::take_log`]),
    /// to be carried onto the whole project when it is read.
    pub fn start_preview_journal(
        &mut self,
        dir: Option<&Path>,
        project: &Path,
    ) -> std::io::Result<()> {
        self.disk.log = Some(Vec::new());
        let Some(dir) = dir.filter(|_| self.disk.journal.is_none()) else {
            return Ok(());
        };
        let mut header = Header::for_untitled(self.docs.project.clone());
        header.project = Some(store::real_path(project));
        let name = format!("preview-{}-{}.journal", std::process::id(), header.started);
        self.disk.start_journal_at(&dir.join(name), header)
    }

    /// The changes made since [`Session::start_preview_journal`], in order
    /// (undo and redo included, as the journal has them); the log goes on.
    pub fn take_log(&mut self) -> Vec<Change> {
        self.disk
            .log
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Whether changes are reaching the journal (see
    /// [`super::Persistence::journal_state`]).
    pub fn journal_state(&self) -> Option<JournalState> {
        self.disk.journal_state()
    }

    /// Call `waker` whenever this session's journal starts or stops
    /// failing (see [`super::Persistence::set_journal_waker`]).
    pub fn set_journal_waker(&mut self, waker: crate::store::journal::Waker) {
        self.disk.set_journal_waker(waker);
    }

    /// Whether a waker is set.
    pub fn has_journal_waker(&self) -> bool {
        self.disk.has_journal_waker()
    }

    /// Why the journal cannot be written, if it cannot.
    pub fn journal_error(&self) -> Option<String> {
        self.disk.journal_error()
    }

    /// The journal file, if one is being written.
    pub fn journal_path(&self) -> Option<&Path> {
        self.disk.journal_path()
    }

    /// Wait until every change so far is in the journal on disk.
    pub fn flush_journal(&self) {
        self.disk.flush_journal();
    }

    /// Close the session. The journal goes when nothing in it is unsaved
    /// or the person discarded the changes; else it stays for recovery.
    pub fn close(&mut self, discard: bool) {
        if let Some(journal) = self.disk.journal.take() {
            if discard || !self.is_dirty() {
                journal.remove();
            } else {
                journal.flush();
            }
        }
    }
}

/// What the journal beside `project_file` holds for a file with `stamp`
/// (e.g. its backup): (changes, torn, started), without touching it.
pub fn peek_journal(project_file: &Path, stamp: FileStamp) -> Option<(Vec<Change>, bool, u64)> {
    let Ok(Read::Journal(c)) = journal::read(&journal::journal_path(project_file)) else {
        return None;
    };
    (c.header.file == Some((stamp.len, stamp.crc)) && !c.changes.is_empty()).then_some((
        c.changes,
        c.torn,
        c.header.started,
    ))
}

/// Journals in `dir` (the data folder) that a Spanmark which is gone left
/// behind, newest first: untitled projects, and windows that could not
/// write their project. A journal that cannot be read is set aside.
pub fn orphaned_journals(dir: &Path) -> Vec<Orphan> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("untitled-")
            .or_else(|| name.strip_prefix("readonly-"))
            .or_else(|| name.strip_prefix("preview-"))
            .and_then(|r| r.strip_suffix(".journal"))
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || store::process_alive(pid) {
            continue;
        }
        let path = entry.path();
        match journal::read(&path) {
            Ok(Read::Journal(c))
                if !c.changes.is_empty()
                    && (c.header.base.is_some() || c.header.project.is_some()) =>
            {
                found.push(Orphan {
                    file: path,
                    base: c.header.base,
                    version: c.header.file,
                    project: c.header.project,
                    changes: c.changes,
                    started: c.header.started,
                    reading: name.starts_with("preview-"),
                });
            }
            // Nothing in it worth keeping.
            Ok(Read::Missing | Read::Journal(_)) => {
                let _ = std::fs::remove_file(&path);
            }
            Ok(Read::Unreadable(_)) => {
                let _ = set_aside(&path, &format!("unreadable-{}", unique_suffix()));
            }
            Err(_) => {}
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.started));
    found
}

/// A suffix no earlier set-aside file has: seconds and nanoseconds now.
fn unique_suffix() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{}-{}", now.as_secs(), now.subsec_nanos())
}

/// Move a journal aside as `.NAME.journal.<suffix>`; returns where.
pub fn set_aside(jpath: &Path, suffix: &str) -> std::io::Result<PathBuf> {
    let mut name = jpath.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    let kept = PathBuf::from(name);
    std::fs::rename(jpath, &kept)?;
    Ok(kept)
}
