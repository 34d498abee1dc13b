//! Folder projects: `NAME.spanmark/` holds `project.ron` (the manifest:
//! name, labels, relation kinds and the documents in order, one line each)
//! and one RON file per document under `docs/`. One changed document is one
//! changed file, so git diffs, blame and merges work per document; the
//! manifest changes only when the label set or the list of documents does.
//!
//! A save is a small transaction: the changed files are written (and
//! flushed) into `.pending/`, then a `COMMIT` marker, then each is renamed
//! into place and `.pending/` removed. Opening a project first finishes a
//! committed save that was cut short, or throws away one that was not, so
//! a crash at any moment leaves the previous save or the new one, never a
//! mix (and the journal still holds every change since the previous save).

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use serde::{Deserialize, Serialize};

use crate::model::{Document, FORMAT_VERSION, LabelSet, NextIds, Project};

use super::{FileStamp, StoreError, fsio, io_err, read_text};

mod merge;
mod pending;
mod preview;
mod read;

pub use merge::{doc_file_text, is_manifest, merge_manifests, parse_doc_file};
use pending::{commit, settle_pending};
pub use preview::preview;
pub use read::{Keep, ReadBack, for_each_chunk, read_back};
use read::{read_doc, read_docs};

/// The manifest's file name inside the folder.
pub const MANIFEST: &str = "project.ron";
/// Where document files live inside the folder.
pub const DOCS: &str = "docs";
const PENDING: &str = ".pending";
/// How many saves the folder has seen (not tracked by git): part of the
/// stamp, so a journal never replays onto a save that already holds it.
const SAVED: &str = ".saved";
/// Written once into a new folder: what git should not track.
const GITIGNORE: &str = ".pending/\n.saved\n.lock\n.journal*\nmodel.bin\n";

/// The project a path names: the `project.ron` of a `NAME.spanmark` folder
/// stands for its folder (a file dialog can pick it); anything else is
/// itself.
pub fn project_root(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir)
            if path.file_name().is_some_and(|n| n == MANIFEST)
                && dir.extension().is_some_and(|e| e == "spanmark") =>
        {
            dir.to_owned()
        }
        _ => path.to_owned(),
    }
}

/// Whether `path` names a folder project (an existing folder, or a path
/// ending in `.spanmark`).
pub fn is_folder_project(path: &Path) -> bool {
    path.is_dir() || path.extension().is_some_and(|e| e == "spanmark")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Manifest {
    format_version: u32,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
    #[serde(default)]
    labels: LabelSet,
    #[serde(default)]
    relation_kinds: Vec<String>,
    /// General and relation guidelines (each label's are in its definition).
    #[serde(default, skip_serializing_if = "crate::model::Guidelines::is_empty")]
    guidelines: crate::model::Guidelines,
    /// Who annotates which document.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    assignments: crate::model::Assignments,
    /// The documents in order.
    documents: Vec<Entry>,
}

/// A document of the manifest: its id and its file under `docs/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Entry {
    id: String,
    file: String,
}

#[derive(Serialize)]
struct DocFileOut<'a> {
    format_version: u32,
    /// The project's id counters when the document was written: a project
    /// loaded from its files never hands out an id one of them used.
    next_ids: NextIds,
    document: &'a Document,
}

#[derive(Deserialize)]
struct DocFileIn {
    format_version: u32,
    #[serde(default)]
    next_ids: NextIds,
    document: Document,
}

/// How far the reading of a folder project's documents has got, shared
/// with the thread that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    /// Documents read.
    pub done: AtomicUsize,
    /// Documents to read (0 until the manifest is read).
    pub total: AtomicUsize,
}

/// What the session remembers about a folder project between saves: which
/// file holds which document, and what each file held when it was read or
/// written (so a file another program changed is never overwritten).
#[derive(Clone, Debug, Default)]
pub struct FolderState {
    files: HashMap<String, String>,
    stamps: HashMap<String, FileStamp>,
    /// The manifest's bytes as read or written, and what they say.
    manifest: Option<Vec<u8>>,
    said: Option<Manifest>,
    generation: u64,
}

impl FolderState {
    /// Forget what the files held when read: the next save writes over
    /// whatever is in them now (the person chose to keep their version).
    pub fn forget_disk(&mut self) {
        self.stamps.clear();
        self.manifest = None;
        self.said = None;
    }

    /// Note what the files of documents just read held (`(id, stamp)`), so
    /// those documents can be parked and read back again after
    /// [`FolderState::forget_disk`].
    pub fn adopt(&mut self, read: Vec<(String, FileStamp)>) {
        for (id, stamp) in read {
            if let Some(file) = self.files.get(&id) {
                self.stamps.insert(file.clone(), stamp);
            }
        }
    }

    /// Whether the file of document `id` is known, with what it held when
    /// read or written (so the document can be parked and read back).
    pub fn knows(&self, id: &str) -> bool {
        self.files
            .get(id)
            .is_some_and(|f| self.stamps.contains_key(f))
    }

    /// The stamp of the folder as last read or written: its manifest, how
    /// many saves it has seen, and what each document file held.
    fn stamp(&self) -> FileStamp {
        let manifest = self.manifest.as_deref().unwrap_or_default();
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(manifest);
        hasher.update(&self.generation.to_le_bytes());
        // And every document file as read or written: a journal is never
        // replayed onto documents a git checkout changed behind it.
        let mut files: Vec<(&String, &FileStamp)> = self.stamps.iter().collect();
        files.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (name, stamp) in files {
            hasher.update(name.as_bytes());
            hasher.update(&stamp.len.to_le_bytes());
            hasher.update(&stamp.crc.to_le_bytes());
        }
        FileStamp {
            len: manifest.len() as u64,
            crc: hasher.finalize(),
        }
    }
}

fn ron_config(depth: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(depth)
        .escape_strings(false)
        .struct_names(false)
}

fn to_text<T: Serialize>(value: &T, depth: usize) -> Result<Vec<u8>, StoreError> {
    let mut out = ron::ser::to_string_pretty(value, ron_config(depth))
        .map_err(|e| StoreError::Serialize(e.to_string()))?;
    out.push('\n');
    Ok(out.into_bytes())
}

/// A file name for document `id`: its letters, digits, `-`, `_` and `.`,
/// unique in the folder (ignoring case, for case-blind file systems).
fn file_name_for(id: &str, taken: &HashSet<String>) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    // Names Windows keeps for devices (con, nul, com1…) get a prefix.
    let lower = stem.to_ascii_lowercase();
    let device = matches!(lower.as_str(), "con" | "prn" | "aux" | "nul")
        || (lower.len() == 4
            && (lower.starts_with("com") || lower.starts_with("lpt"))
            && lower.as_bytes()[3].is_ascii_digit());
    if stem.is_empty() || device {
        stem.insert_str(0, "d_");
    }
    let mut name = format!("{stem}.ron");
    let mut n = 2;
    while taken.contains(&name.to_lowercase()) {
        name = format!("{stem}-{n}.ron");
        n += 1;
    }
    name
}

/// Load a folder project: finish or throw away a cut-short save, read the
/// manifest and every document file. Each document passes its own part of
/// the gate as it is read; the project-wide part (ids, version) is the
/// caller's. Returns the project, the folder's state and the stamp.
pub(super) fn load(
    dir: &Path,
    writer: bool,
    progress: Option<&Progress>,
    keep: Option<Keep<'_>>,
) -> Result<(Project, FolderState, FileStamp), StoreError> {
    if writer {
        settle_pending(dir).map_err(io_err(&dir.join(PENDING)))?;
    }
    let (manifest, text) = read_manifest(dir)?;
    let said = Some(manifest.clone());
    let generation = read_generation(dir);
    let mut state = FolderState {
        manifest: Some(text.into_bytes()),
        said,
        generation,
        ..FolderState::default()
    };
    let mut project = manifest.empty_project();
    project.documents.reserve(manifest.documents.len());
    let docs = read_docs(dir, manifest.documents, &project.labels, progress, keep)?;
    for (entry, doc, file_stamp) in docs {
        state.stamps.insert(entry.file.clone(), file_stamp);
        state.files.insert(entry.id, entry.file);
        add_document(&mut project, doc);
    }
    let stamp = state.stamp();
    Ok((project, state, stamp))
}

/// A folder project's manifest alone, for adding documents without
/// reading the others: the project holds every document's id (each an
/// empty stand-in that a save never writes, since its file is known) and
/// the label set; the state knows every document's file.
///
/// Only a save of [`Changed::Only`] the added documents may follow.
pub fn load_shell(dir: &Path) -> Result<(Project, FolderState), StoreError> {
    settle_pending(dir).map_err(io_err(&dir.join(PENDING)))?;
    let (manifest, text) = read_manifest(dir)?;
    let generation = read_generation(dir);
    let mut project = manifest.empty_project();
    project.ensure_next_ids();
    let mut state = FolderState {
        manifest: Some(text.into_bytes()),
        generation,
        ..FolderState::default()
    };
    for entry in &manifest.documents {
        // Every file the manifest names is there, as `validate` demands:
        // documents are never added to a project missing one.
        let file = pending::committed(dir, &Path::new(DOCS).join(&entry.file));
        if !file.is_file() {
            return Err(StoreError::Io {
                path: file,
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!(
                        "the manifest lists document {:?} in this file, which is missing",
                        entry.id
                    ),
                ),
            });
        }
        project
            .documents
            .push(Document::new(entry.id.clone(), "", ""));
        state.files.insert(entry.id.clone(), entry.file.clone());
    }
    state.said = Some(manifest);
    Ok((project, state))
}

/// How many saves the folder has seen (as of its last complete save).
fn read_generation(dir: &Path) -> u64 {
    fs::read_to_string(pending::committed(dir, Path::new(SAVED)))
        .ok()
        .and_then(|g| g.trim().parse().ok())
        .unwrap_or(0)
}

/// A read-only file of the project is never replaced (as a read-only
/// project file is not): the save stops and says so.
fn refuse_read_only(path: &Path) -> Result<(), StoreError> {
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(StoreError::ReadOnly {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Read, parse and check the manifest of folder `dir`; also its text.
fn read_manifest(dir: &Path) -> Result<(Manifest, String), StoreError> {
    let path = pending::committed(dir, Path::new(MANIFEST));
    let (text, _) = read_text(&path)?;
    let manifest: Manifest =
        ron::from_str(&text).map_err(|e| super::parse_error(&text, &path, &e))?;
    check_entries(&manifest, &path)?;
    Ok((manifest, text))
}

impl Manifest {
    /// The project the manifest describes, without its documents yet.
    fn empty_project(&self) -> Project {
        let mut project = Project::new(self.name.clone());
        project.format_version = self.format_version;
        project.annotator.clone_from(&self.annotator);
        project.labels = self.labels.clone();
        project.relation_kinds = self.relation_kinds.clone();
        project.guidelines = self.guidelines.clone();
        project.assignments = self.assignments.clone();
        project
    }
}

/// Add a document read from its file: the project's format version and id
/// counters are the largest of its files'.
fn add_document(project: &mut Project, doc: DocFileIn) {
    project.format_version = project.format_version.max(doc.format_version);
    project.next_ids = project.next_ids.max(doc.next_ids);
    project.documents.push(doc.document);
}

/// Every document file the manifest names must be a plain `.ron` file of
/// `docs/`: a manifest never sends a save or a removal anywhere else.
fn check_entries(manifest: &Manifest, path: &Path) -> Result<(), StoreError> {
    let mut seen = HashSet::with_capacity(manifest.documents.len());
    for entry in &manifest.documents {
        let plain = !entry.file.starts_with('.')
            && !entry.file.chars().any(char::is_control)
            && entry.file.ends_with(".ron")
            && !entry.file.contains(['/', '\\', ':'])
            && std::path::Path::new(&entry.file).components().count() == 1;
        if !plain {
            return Err(StoreError::Parse {
                path: path.to_owned(),
                line: 1,
                column: 1,
                message: format!(
                    "document {:?} is said to be in {:?}: not a file name of docs/",
                    entry.id, entry.file
                ),
            });
        }
        if !seen.insert(entry.file.to_lowercase()) {
            return Err(StoreError::Parse {
                path: path.to_owned(),
                line: 1,
                column: 1,
                message: format!("two documents are said to be in {:?}", entry.file),
            });
        }
    }
    if manifest.format_version > FORMAT_VERSION || manifest.format_version == 0 {
        return Err(StoreError::Invalid {
            path: path.to_owned(),
            source: crate::model::ValidationError::UnsupportedVersion {
                found: manifest.format_version,
            },
        });
    }
    Ok(())
}

/// Whether the manifest last read or written still says what `project`
/// would: same name, labels, relation kinds and documents in order.
fn manifest_unchanged(said: Option<&Manifest>, project: &Project) -> bool {
    said.is_some_and(|m| {
        m.format_version == FORMAT_VERSION
            && m.name == project.name
            && m.annotator == project.annotator
            && m.relation_kinds == project.relation_kinds
            && m.guidelines == project.guidelines
            && m.assignments == project.assignments
            && m.labels == project.labels
            && m.documents.len() == project.documents.len()
            && m.documents
                .iter()
                .zip(&project.documents)
                .all(|(e, d)| e.id == d.id)
    })
}

/// What a save that changes the manifest writes: every document's file
/// (new documents get one), the files to remove, and the new manifest.
struct Plan {
    files: HashMap<String, String>,
    removed: Vec<String>,
    manifest: Manifest,
}

fn plan(project: &Project, state: &FolderState) -> Plan {
    let mut taken: HashSet<String> = state.files.values().map(|f| f.to_lowercase()).collect();
    let mut files = HashMap::with_capacity(project.documents.len());
    let mut entries = Vec::with_capacity(project.documents.len());
    for doc in &project.documents {
        let file = match state.files.get(&doc.id) {
            Some(f) => f.clone(),
            None => {
                let f = file_name_for(&doc.id, &taken);
                taken.insert(f.to_lowercase());
                f
            }
        };
        files.insert(doc.id.clone(), file.clone());
        entries.push(Entry {
            id: doc.id.clone(),
            file,
        });
    }
    let kept: HashSet<&String> = files.values().collect();
    let removed = state
        .files
        .values()
        .filter(|f| !kept.contains(f))
        .cloned()
        .collect();
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        name: project.name.clone(),
        annotator: project.annotator.clone(),
        labels: project.labels.clone(),
        relation_kinds: project.relation_kinds.clone(),
        guidelines: project.guidelines.clone(),
        assignments: project.assignments.clone(),
        documents: entries,
    };
    Plan {
        files,
        removed,
        manifest,
    }
}

/// Which documents a save writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// Every document (a new folder, Save as, a label change).
    All,
    /// These documents (by id); the others are as on disk.
    Only(HashSet<String>),
}

/// Save into folder `dir` what changed since `state` was read or written:
/// the changed documents' files and, if it changed, the manifest. Returns
/// the manifest's stamp and how many bytes were written.
pub(super) fn save(
    project: &Project,
    dir: &Path,
    state: &mut FolderState,
    changed: &Changed,
) -> Result<(FileStamp, u64), StoreError> {
    // The gate: the project as a whole, and the documents this save writes
    // (the others are as they were when read or last written).
    // A parked document is as its file holds it (a change reads it back
    // first), so it is never written; one without a file here cannot be,
    // and its serialisation refuses.
    let wanted = |doc: &Document| match changed {
        _ if doc.is_parked() && state.files.contains_key(&doc.id) => false,
        Changed::All => true,
        Changed::Only(ids) => ids.contains(&doc.id) || !state.files.contains_key(&doc.id),
    };
    project
        .validate_where(wanted)
        .map_err(|source| StoreError::Invalid {
            path: dir.join(MANIFEST),
            source,
        })?;
    // A save of ours cut short after its commit is finished first.
    settle_pending(dir).map_err(io_err(&dir.join(PENDING)))?;
    // The manifest as read or last written is still what is there (a git
    // pull that changed the labels or the documents stops the save).
    if let Some(old) = &state.manifest {
        let manifest_path = dir.join(MANIFEST);
        if fs::read(&manifest_path).ok().as_ref() != Some(old) {
            return Err(StoreError::ChangedOnDisk {
                path: manifest_path,
            });
        }
    }
    let docs_dir = dir.join(DOCS);
    fsio::create_dir_all(&docs_dir).map_err(io_err(&docs_dir))?;
    let ignore = dir.join(".gitignore");
    match fs::read_to_string(&ignore) {
        Err(_) if !ignore.exists() => {
            fsio::write_synced(&ignore, GITIGNORE.as_bytes()).map_err(io_err(&ignore))?;
        }
        // A folder made before the learned model: its file is ignored too
        // (one line added, the rest as the team keeps it).
        Ok(kept) if !kept.lines().any(|l| l.trim() == "model.bin") => {
            let mut text = kept;
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str("model.bin\n");
            fsio::write_synced(&ignore, text.as_bytes()).map_err(io_err(&ignore))?;
        }
        _ => {}
    }
    // The common case, an edit: the same documents in the same order under
    // the same labels, so the manifest and the files stay as they are.
    let plan = (!manifest_unchanged(state.said.as_ref(), project)).then(|| plan(project, state));
    let mut writes: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    for doc in &project.documents {
        if !wanted(doc) {
            continue;
        }
        let file = match &plan {
            Some(p) => p.files.get(&doc.id),
            None => state.files.get(&doc.id),
        };
        let Some(file) = file else {
            continue; // Not reached: every document has a file by now.
        };
        let target = docs_dir.join(file);
        refuse_read_only(&target)?;
        // Never overwrite what another program wrote (or removed) since.
        if let Some(stamp) = state.stamps.get(file)
            && FileStamp::of_file(&target) != Some(*stamp)
        {
            return Err(StoreError::ChangedOnDisk { path: target });
        }
        let out = DocFileOut {
            format_version: FORMAT_VERSION,
            next_ids: project.next_ids,
            document: doc,
        };
        writes.insert(PathBuf::from(DOCS).join(file), to_text(&out, 3)?);
    }
    let (files, removed, manifest) = match plan {
        Some(p) => (Some(p.files), p.removed, Some(p.manifest)),
        None => (None, Vec::new(), None),
    };
    // Written only when what it says changed (comparing values is cheaper
    // than writing them out).
    let manifest_bytes = match &manifest {
        Some(m) if state.said.as_ref() != Some(m) => Some(to_text(m, 2)?),
        _ => None,
    };
    if let Some(manifest_bytes) = &manifest_bytes {
        refuse_read_only(&dir.join(MANIFEST))?;
        writes.insert(PathBuf::from(MANIFEST), manifest_bytes.clone());
    }
    if writes.is_empty() && removed.is_empty() {
        return Ok((state.stamp(), 0));
    }
    let generation = state.generation + 1;
    writes.insert(PathBuf::from(SAVED), format!("{generation}\n").into_bytes());
    let written: u64 = writes.values().map(|b| b.len() as u64).sum();
    commit(dir, &writes, &removed).map_err(io_err(dir))?;
    state.generation = generation;
    for (rel, bytes) in &writes {
        if let Ok(file) = rel.strip_prefix(DOCS) {
            let name = file.to_string_lossy().into_owned();
            state.stamps.insert(name, FileStamp::of(bytes));
        }
    }
    for f in &removed {
        state.stamps.remove(f);
    }
    if let Some(files) = files {
        state.files = files;
    }
    if let (Some(bytes), Some(manifest)) = (manifest_bytes, manifest) {
        state.manifest = Some(bytes);
        state.said = Some(manifest);
    }
    Ok((state.stamp(), written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_unique_ignoring_case() {
        let mut taken = HashSet::default();
        let a = file_name_for("News/2025 Peskov", &taken);
        assert_eq!(a, "News_2025_Peskov.ron");
        taken.insert(a.to_lowercase());
        assert_eq!(
            file_name_for("news/2025 peskov", &taken),
            "news_2025_peskov-2.ron"
        );
        assert_eq!(file_name_for("..", &HashSet::default()), "__.ron");
        assert_eq!(file_name_for("", &HashSet::default()), "d_.ron");
        assert_eq!(file_name_for("NUL", &HashSet::default()), "d_NUL.ron");
        assert_eq!(file_name_for("com1", &HashSet::default()), "d_com1.ron");
    }
}
