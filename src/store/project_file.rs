//! A project as one RON file: parsed and checked through the one gate on
//! load, checked and written atomically on save (a folder project through
//! [`super::folder`]).

use std::path::Path;

use crate::model::{FORMAT_VERSION, Project, ValidationError};

use super::{
    Changed, FileStamp, FolderState, Progress, StoreError, WriteOptions, folder, io_err,
    write_atomic_with,
};

/// Parse a project from RON text and validate it.
pub fn from_ron(text: &str, path: &Path) -> Result<Project, StoreError> {
    checked(parse(text, path)?, path)
}

fn parse(text: &str, path: &Path) -> Result<Project, StoreError> {
    ron::from_str(text).map_err(|e| parse_error(text, path, &e))
}

/// A parse error that says where, and says so plainly when the file simply
/// stops (cut off by a crash or a full disk).
pub(super) fn parse_error(text: &str, path: &Path, e: &ron::error::SpannedError) -> StoreError {
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

/// A project file's text (UTF-8, or an error naming the byte) and the
/// stamp of its bytes.
pub(super) fn read_text(path: &Path) -> Result<(String, FileStamp), StoreError> {
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
