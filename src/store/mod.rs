//! Project files: RON load and save, validation on load, atomic writes.

mod atomic;

use std::path::{Path, PathBuf};

pub use atomic::write_atomic;

use crate::model::{Project, ValidationError};

/// Why a project could not be loaded or saved.
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
    #[error("{path}: not a valid Spanmark project: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Parser message with line and column.
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
}

/// Parse a project from RON text and validate it.
pub fn from_ron(text: &str, path: &Path) -> Result<Project, StoreError> {
    checked(parse(text, path)?, path)
}

fn parse(text: &str, path: &Path) -> Result<Project, StoreError> {
    ron::from_str(text).map_err(|e| StoreError::Parse {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

fn checked(mut project: Project, path: &Path) -> Result<Project, StoreError> {
    // Files written before the id counters existed have none.
    project.ensure_next_ids();
    project.validate().map_err(|source| StoreError::Invalid {
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
    let bytes = std::fs::read(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
        path: path.to_owned(),
        position: e.utf8_error().valid_up_to(),
    })?;
    let project = parse(&text, path)?;
    drop(text); // Free the file's text before validation allocates.
    checked(project, path)
}

/// Save a project atomically (temp file beside it, fsync, rename). The
/// project passes the same gate as on load first: an invalid project is
/// never written.
pub fn save(project: &Project, path: &Path) -> Result<(), StoreError> {
    project.validate().map_err(|source| StoreError::Invalid {
        path: path.to_owned(),
        source,
    })?;
    let text = to_ron(project)?;
    write_atomic(path, text.as_bytes()).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })
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
        let _ = d.relations.insert(Relation {
            id: RelationId(1),
            kind: "said_by".into(),
            from: SpanId(1),
            to: SpanId(2),
        });
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
