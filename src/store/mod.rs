//! Project files: RON load and save through one validation gate, writes
//! that cannot betray (atomic, backed up, symlinks and permissions kept),
//! the journal of unsaved changes, and the lock that keeps one writer at a
//! time.

mod atomic;
pub mod folder;
mod fsio;
pub mod journal;
mod lock;

use std::path::{Path, PathBuf};

pub use atomic::{
    AtomicFile, WriteOptions, backup_path, clean_leftovers, model_path, real_path, write_atomic,
    write_atomic_with, write_folder_atomic,
};
pub use folder::{Changed, FolderState, Progress, is_folder_project, project_root};
pub use fsio::faults;
pub use lock::{Holder, Patience, ProjectLock, lock_path, process_alive};

use crate::model::{FORMAT_VERSION, Project, ValidationError};

/// Why a project could not be loaded or saved. Each names the file once.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not valid UTF-8.
    #[error("{path}: not a UTF-8 text file (invalid byte at position {position})")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        position: usize,
    },
    /// The file is not a well-formed project in RON.
    #[error("{path}:{line}:{column}: not a valid Spanmark project: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file parsed but breaks an invariant.
    #[error("{path}: {source}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: ValidationError,
    },
    /// The project could not be serialised (should not happen).
    #[error("could not serialise the project: {0}")]
    Serialize(String),
    /// The file may not be written.
    #[error("{path} is read-only: use Save as to keep your changes in another file")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Another program changed the file since it was opened or saved.
    #[error("{path} changed on disk since it was opened (another program wrote it)")]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// Another Spanmark holds the project's lock.
    #[error("{path} is open in {holder}: it can be read here but not written")]
    Locked {
        /// The file.
        path: PathBuf,
        /// Who holds the lock.
        holder: Holder,
    },
}

impl StoreError {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
        move |source| {
            if source.kind() == std::io::ErrorKind::PermissionDenied && path.exists() {
                StoreError::ReadOnly {
                    path: path.to_owned(),
                }
            } else {
                StoreError::Io {
                    path: path.to_owned(),
                    source,
                }
            }
        }
    }
}

/// What a project file held when it was read or written: enough to tell
/// whether another program changed it since, and which file a journal
/// belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Length in bytes.
    pub len: u64,
    /// CRC-32 of the bytes.
    pub crc: u32,
}

impl FileStamp {
    /// The stamp of these bytes.
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            crc: crc32fast::hash(bytes),
        }
    }

    /// The stamp of the file at `path` now (`None` if it cannot be read).
    pub fn of_file(path: &Path) -> Option<Self> {
        std::fs::read(path).ok().map(|b| Self::of(&b))
    }
}

/// A file that goes with a project (its journal, its lock): `.NAME.KIND`
/// beside the file it really is (symlinks followed), or `.KIND` inside a
/// folder project.
fn side_file(project: &Path, kind: &str) -> PathBuf {
    let real = real_path(project);
    if folder::is_folder_project(&real) {
        return real.join(format!(".{kind}"));
    }
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    real.with_file_name(format!(".{name}.{kind}"))
}

/// Whether the project at `path` may not be written: its file (a folder
/// project's manifest) is read-only, or its folder does not let a new
/// file in beside it.
pub fn is_read_only(path: &Path) -> bool {
    let real = real_path(path);
    let file = if folder::is_folder_project(&real) {
        real.join(folder::MANIFEST)
    } else {
        real.clone()
    };
    if std::fs::metadata(&file).is_ok_and(|m| m.permissions().readonly()) {
        return true;
    }
    // A save writes a new file beside the old one: try making one.
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let probe = dir.join(format!(".spanmark-write-test.{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(_) => true,
    }
}

/// Parse a project from RON text and validate it.
pub fn from_ron(text: &str, path: &Path) -> Result<Project, StoreError> {
    checked(parse(text, path)?, path)
}

fn parse(text: &str, path: &Path) -> Result<Project, StoreError> {
    ron::from_str(text).map_err(|e| parse_error(text, path, &e))
}

/// A parse error that says where, and says so plainly when the file simply
/// stops (cut off by a crash or a full disk).
fn parse_error(text: &str, path: &Path, e: &ron::error::SpannedError) -> StoreError {
    let at = e.span.start;
    // Where the text ends (1-based line and column of its last character).
    let trimmed = text.trim_end();
    let last_line = trimmed.lines().count().max(1);
    let last_col = trimmed.lines().last().map_or(1, |l| l.chars().count());
    let end = &e.span.end;
    // A project always ends with its closing parenthesis.
    let reached_end = (end.line, end.col) >= (last_line, last_col) || !trimmed.ends_with(')');
    // The message may quote the file (an unknown name): a few words of it.
    let said = crate::model::text::snippet_of(&e.code.to_string(), 120);
    // Whole RON that is not a project says so; a file that stops is named
    // at its end (the line is said once).
    let whole = || ron::from_str::<ron::Value>(text).is_ok();
    let (line, column, message) = if !text.contains("format_version") && whole() {
        let message = format!("a RON file, but not a Spanmark project ({said})");
        (at.line, at.col, message)
    } else if (matches!(e.code, ron::Error::Eof) || reached_end) && !whole() {
        let message = "the file ends early: it may have been cut off while it was written";
        (last_line, last_col, message.to_owned())
    } else {
        (at.line, at.col, said)
    };
    StoreError::Parse {
        path: path.to_owned(),
        line,
        column,
        message,
    }
}

/// Bring a project read from an older format up to this one.
fn upgrade(project: &mut Project) {
    // Version 1 is the current format. Files written before the id counters
    // existed have none: raise them above every id in use.
    project.ensure_next_ids();
}

fn checked(project: Project, path: &Path) -> Result<Project, StoreError> {
    checked_where(project, path, |_| true)
}

/// Check the project-wide invariants and the documents `check` picks.
fn checked_where(
    mut project: Project,
    path: &Path,
    check: impl Fn(&crate::model::Document) -> bool,
) -> Result<Project, StoreError> {
    if project.format_version > FORMAT_VERSION {
        // Never read, so never overwritten, by this older Spanmark.
        return Err(StoreError::Invalid {
            path: path.to_owned(),
            source: ValidationError::UnsupportedVersion {
                found: project.format_version,
            },
        });
    }
    upgrade(&mut project);
    project
        .validate_where(check)
        .map_err(|source| StoreError::Invalid {
            path: path.to_owned(),
            source,
        })?;
    Ok(project)
}

/// Serialise a project as pretty RON: stable order, one span per line,
/// document text as a raw multi-line string.
pub fn to_ron(project: &Project) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .escape_strings(false)
        .struct_names(false);
    let mut out = ron::ser::to_string_pretty(project, config)
        .map_err(|e| StoreError::Serialize(e.to_string()))?;
    out.push('\n');
    Ok(out)
}

/// Load and validate a project file.
pub fn load(path: &Path) -> Result<Project, StoreError> {
    load_stamped(path).map(|(p, _)| p)
}

/// Load and validate a project file, with the stamp of what was read.
pub fn load_stamped(path: &Path) -> Result<(Project, FileStamp), StoreError> {
    load_any(path, false, None, None).map(|(p, s, _)| (p, s))
}

/// Load and validate a project, a single file or a folder project (the
/// folder's state comes back too; the stamp is its manifest's). Only the
/// `writer` (the holder of the project's lock) finishes or throws away a
/// folder save that was cut short; a reader sees the last complete save.
/// With `keep`, a folder project's documents it does not keep are parked
/// as they are read (see [`crate::model::parked`]).
pub fn load_any(
    path: &Path,
    writer: bool,
    progress: Option<&Progress>,
    keep: Option<folder::Keep<'_>>,
) -> Result<(Project, FileStamp, Option<FolderState>), StoreError> {
    let root = folder::project_root(path);
    let path = root.as_path();
    if folder::is_folder_project(path) {
        let (project, state, stamp) = folder::load(path, writer, progress, keep)?;
        let manifest = path.join(folder::MANIFEST);
        // Each document was checked as it was read.
        return Ok((
            checked_where(project, &manifest, |_| false)?,
            stamp,
            Some(state),
        ));
    }
    let (text, stamp) = read_text(path)?;
    let project = parse(&text, path)?;
    drop(text); // Free the file's text before validation allocates.
    Ok((checked(project, path)?, stamp, None))
}

/// An I/O error on `path`, as it is (reading; see [`StoreError::io`] for
/// writing).
fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A project file's text (UTF-8, or an error naming the byte) and the
/// stamp of its bytes.
fn read_text(path: &Path) -> Result<(String, FileStamp), StoreError> {
    let bytes = std::fs::read(path).map_err(io_err(path))?;
    let stamp = FileStamp::of(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
        path: path.to_owned(),
        position: e.utf8_error().valid_up_to(),
    })?;
    Ok((text, stamp))
}

/// Save a project atomically (temp file beside it, fsync, rename). The
/// project passes the same gate as on load first: an invalid project is
/// never written. Returns the stamp of what was written.
pub fn save(project: &Project, path: &Path) -> Result<FileStamp, StoreError> {
    save_with(project, path, WriteOptions::default())
}

/// Save with options (a backup of the previous version, for projects).
/// A folder project is written whole (see [`save_folder`] for saving what
/// changed).
pub fn save_with(
    project: &Project,
    path: &Path,
    options: WriteOptions,
) -> Result<FileStamp, StoreError> {
    if folder::is_folder_project(path) {
        let mut state = FolderState::default();
        return save_folder(project, path, &mut state, &Changed::All).map(|(s, _)| s);
    }
    project.validate().map_err(|source| StoreError::Invalid {
        path: path.to_owned(),
        source,
    })?;
    let text = to_ron(project)?;
    write_atomic_with(path, text.as_bytes(), options).map_err(StoreError::io(path))?;
    Ok(FileStamp::of(text.as_bytes()))
}

/// Save a folder project: the documents in `changed` (and any new ones),
/// the manifest if it changed, and remove the files of documents no longer
/// in the project, as one transaction. Returns the manifest's stamp and the
/// bytes written.
pub fn save_folder(
    project: &Project,
    dir: &Path,
    state: &mut FolderState,
    changed: &Changed,
) -> Result<(FileStamp, u64), StoreError> {
    folder::save(project, dir, state, changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Relation, RelationId, Span, SpanId};

    fn sample() -> Project {
        let mut p = Project::new("t");
        let mut d = Document::new(
            "d1",
            "Title",
            "“We are satisfied,” Peskov said.\n\nUkraine’s grid 😀 r\"#x",
        );
        let mut e = Span::new(SpanId(2), 20, 26, "entity");
        e.attrs.insert("kind".into(), "person".into());
        let _ = d.spans.insert(e);
        let mut q = Span::new(SpanId(1), 0, 19, "quote");
        q.note = Some("opening quote".into());
        let _ = d.spans.insert(q);
        let _ = d.relations.insert(Relation::new(
            RelationId(1),
            "said_by",
            SpanId(1),
            SpanId(2),
        ));
        p.documents.push(d);
        p.ensure_next_ids();
        p
    }

    #[test]
    fn save_then_load_is_identity() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.ron");
        let p = sample();
        save(&p, &path)?;
        let loaded = load(&path)?;
        assert_eq!(loaded, p);
        // Saving again gives the same bytes (stable output).
        let first = std::fs::read(&path)?;
        save(&loaded, &path)?;
        assert_eq!(std::fs::read(&path)?, first);
        Ok(())
    }

    #[test]
    fn output_is_sorted_and_one_span_per_line() -> Result<(), StoreError> {
        let text = to_ron(&sample())?;
        assert!(text.contains("format_version: 1"), "{text}");
        let span_lines: Vec<_> = text.lines().filter(|l| l.contains("label: ")).collect();
        assert_eq!(span_lines.len(), 2, "{text}");
        assert!(span_lines[0].contains("id: 1"), "{text}");
        assert!(span_lines[1].contains("id: 2"), "{text}");
        Ok(())
    }

    #[test]
    fn bad_files_give_clear_errors() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let garbage = dir.path().join("g.ron");
        std::fs::write(&garbage, "(format_version: 1, name: ")?;
        let e = load(&garbage)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("not a valid Spanmark project"), "{e}");
        assert!(e.contains("g.ron"), "{e}");

        let binary = dir.path().join("b.ron");
        std::fs::write(&binary, [0x28, 0xff, 0xfe, 0x00])?;
        let e = load(&binary)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("position 1"), "{e}");

        let missing = dir.path().join("nope.ron");
        assert!(matches!(load(&missing), Err(StoreError::Io { .. })));

        let mut p = sample();
        p.documents[0].spans.update(SpanId(2), |s| s.end = 1000);
        let bad = dir.path().join("bad.ron");
        std::fs::write(&bad, to_ron(&p)?)?;
        let e = load(&bad).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("span 2 has range [20, 1000)"), "{e}");
        Ok(())
    }
}
