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

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fsio;
use crate::model::{Change, Project};

mod writer;

pub use writer::{Health, Journal, Waker};

/// The journal file of a project: `.NAME.journal` beside the real file, or
/// `.journal` inside a folder project (where git ignores it).
pub fn journal_path(project: &Path) -> PathBuf {
    super::side_file(project, "journal")
}

/// The journal format this Spanmark writes. It reads every format up to
/// this one (2 added the records of spans rejected in curation; a journal
/// of format 1 reads as it always did); a newer journal is set aside.
pub const JOURNAL_VERSION: u32 = 2;

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
        Some(v) if v == 0 || v > u64::from(JOURNAL_VERSION) => {
            return Ok(Read::Unreadable(format!(
                "it was written by another version of Spanmark (journal format {v}, this one reads up to {JOURNAL_VERSION})"
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

/// An OS error as a person reads it: "No space left on device", without
/// the "(os error 28)".
pub fn plain_io_error(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// What the journal tests share.
#[cfg(test)]
pub(super) mod testing {
    use super::*;
    use crate::model::{DocStatus, Edit};

    /// A small change touching document `n`.
    pub fn change(n: usize) -> Change {
        Change::Doc {
            doc: n,
            edit: Edit::SetStatus(DocStatus::Done),
        }
    }

    /// What the journal at `path` holds (an error if it holds no journal).
    pub fn contents(path: &Path) -> io::Result<Contents> {
        match read(path)? {
            Read::Journal(c) => Ok(*c),
            other => Err(io::Error::other(format!("no journal: {other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{change, contents};
    use super::*;

    #[test]
    fn another_version_or_damage_is_reported_not_read_as_empty() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".p.ron.journal");
        fs::write(&path, "{\"spanmark_journal\":3,\"started\":1}\nabc\n")?;
        assert!(
            matches!(read(&path)?, Read::Unreadable(why) if why.contains("format 3")),
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
    fn a_journal_of_an_earlier_format_still_reads() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".p.ron.journal");
        let mut text = "{\"spanmark_journal\":1,\"file\":[1,1],\"started\":5}\n".to_owned();
        text.push_str(&record_line(&change(1))?);
        fs::write(&path, &text)?;
        assert_eq!(contents(&path)?.changes, vec![change(1)]);
        Ok(())
    }
}
