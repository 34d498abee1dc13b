//! What an import reads: the files named, folders walked (recursively, in
//! name order, following symbolic links but never round a loop), with each
//! file's format and, below a folder, the id its path gives.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::import::{BRAT_ANNOTATIONS, doc_id};
use super::{FormatError, ImportFormat, ImportOptions};

/// The files an import will read, with their formats, and what a folder
/// walk passed over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to read.
    pub files: Vec<(PathBuf, ImportFormat)>,
    /// Web addresses whose articles to fetch (after the files).
    pub urls: Vec<String>,
    /// What a folder walk passed over, and why (not an importable format,
    /// not a regular file, a symbolic link loop, seen already).
    pub skipped: Vec<(PathBuf, String)>,
    /// Files found in a sub-folder of a folder walked: the document id
    /// their path below it gives (`train/doc1`), so same-named files of
    /// different folders keep apart.
    pub ids: std::collections::HashMap<PathBuf, String>,
}

impl Plan {
    /// How many files and web pages the import reads.
    pub fn len(&self) -> usize {
        self.files.len() + self.urls.len()
    }

    /// Whether there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Add a file unless it was planned already (through another path).
    fn add(&mut self, seen: &mut HashSet<PathBuf>, path: PathBuf, format: ImportFormat) {
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(real) {
            self.files.push((path, format));
        } else {
            self.skipped
                .push((path, "the same file was found by another path".to_owned()));
        }
    }
}

/// Expand folders (recursively, in name order, following symbolic links
/// but never round a loop) into the files to import. Only regular files are
/// read: FIFOs, devices and sockets are passed over with a note, so an
/// import never waits forever.
pub fn plan(paths: &[PathBuf], options: &ImportOptions) -> Result<Plan, FormatError> {
    let mut plan = Plan::default();
    let mut seen = HashSet::new();
    for path in paths {
        if let Some(url) = path.to_str().filter(|p| super::is_url(p)) {
            plan.urls.push(url.trim().to_owned());
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|source| FormatError::Io {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, options, &mut plan, &mut seen)?;
            continue;
        }
        if !meta.is_file() {
            return Err(FormatError::malformed(
                path,
                0,
                "not a regular file (a FIFO, device or socket): nothing to import",
            ));
        }
        let format = options
            .format
            .or_else(|| ImportFormat::detect(path))
            .ok_or_else(|| {
                FormatError::malformed(
                    path,
                    0,
                    "unknown file type: use --format (text, markdown, html, pdf, jsonl, brat, label-studio)",
                )
            })?;
        plan.add(&mut seen, path.clone(), format);
    }
    Ok(plan)
}

fn walk(
    dir: &Path,
    options: &ImportOptions,
    plan: &mut Plan,
    seen: &mut HashSet<PathBuf>,
) -> Result<(), FormatError> {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(1);
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| dir.to_owned(), Path::to_owned);
                if e.loop_ancestor().is_some() {
                    plan.skipped.push((
                        path,
                        "a symbolic link loop (its folder is walked once)".to_owned(),
                    ));
                    continue;
                }
                return Err(FormatError::Io {
                    path,
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("cannot walk the folder")),
                });
            }
        };
        let path = entry.into_path();
        let Ok(meta) = std::fs::metadata(&path) else {
            plan.skipped.push((path, "cannot be read".to_owned()));
            continue;
        };
        if meta.is_dir() {
            continue;
        }
        if !meta.is_file() {
            plan.skipped.push((
                path,
                "not a regular file (a FIFO, device or socket)".to_owned(),
            ));
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        // brat's .ann files (and a shared task's .a1, .a2, .co, .rel) and
        // its configuration go with their .txt files.
        if BRAT_ANNOTATIONS.iter().any(|a| ext.eq_ignore_ascii_case(a))
            || path.file_name().is_some_and(|n| {
                matches!(
                    n.to_str(),
                    Some("annotation.conf" | "visual.conf" | "tools.conf" | "kb_shortcuts.conf")
                )
            })
        {
            continue;
        }
        // The id a file in a sub-folder gets: its path below `dir`.
        if let Ok(below) = path.strip_prefix(dir)
            && below.components().count() > 1
        {
            let mut parts: Vec<String> = below
                .parent()
                .into_iter()
                .flat_map(|p| p.components())
                .map(|c| super::safe_name(&c.as_os_str().to_string_lossy()))
                .collect();
            parts.push(doc_id(&path));
            plan.ids.insert(path.clone(), parts.join("/"));
        }
        let detected = ImportFormat::detect(&path);
        match (options.format, detected) {
            (Some(f), Some(d))
                if f == d || (f == ImportFormat::Brat && d == ImportFormat::Text) =>
            {
                plan.add(seen, path, f);
            }
            (None, Some(d)) => plan.add(seen, path, d),
            _ => plan
                .skipped
                .push((path, "not a format Spanmark imports".to_owned())),
        }
    }
    Ok(())
}
