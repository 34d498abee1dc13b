//! Saving a folder project: what changed since it was read or written,
//! through the `.pending/` transaction.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use foldhash::{HashMap, HashMapExt as _, HashSet};
use serde::Serialize;

use crate::model::{Document, FORMAT_VERSION, Project};

use super::super::{FileStamp, StoreError, fsio, io_err};
use super::manifest::{DocFileOut, Entry, Manifest, manifest_unchanged};
use super::names::file_name_for;
use super::pending::{commit, settle_pending};
use super::{DOCS, FolderState, GITIGNORE, MANIFEST, PENDING, SAVED};

pub(super) fn ron_config(depth: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(depth)
        .escape_strings(false)
        .struct_names(false)
}

pub(super) fn to_text<T: Serialize>(value: &T, depth: usize) -> Result<Vec<u8>, StoreError> {
    let mut out = ron::ser::to_string_pretty(value, ron_config(depth))
        .map_err(|e| StoreError::Serialize(e.to_string()))?;
    out.push('\n');
    Ok(out.into_bytes())
}

/// Write `.gitignore` into a new folder; a folder made by an older
/// version gets the lines it lacks (the learned model, the summary cache)
/// added, the rest as the team keeps it.
pub(super) fn ensure_gitignore(dir: &Path) -> Result<(), StoreError> {
    let ignore = dir.join(".gitignore");
    match fs::read_to_string(&ignore) {
        Err(_) if !ignore.exists() => {
            fsio::write_synced(&ignore, GITIGNORE.as_bytes()).map_err(io_err(&ignore))?;
        }
        Ok(kept) => {
            let missing: Vec<&str> = ["model.bin", "*summaries.cache*"]
                .into_iter()
                .filter(|line| !kept.lines().any(|l| l.trim() == *line))
                .collect();
            if !missing.is_empty() {
                let mut text = kept;
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                for line in missing {
                    text.push_str(line);
                    text.push('\n');
                }
                fsio::write_synced(&ignore, text.as_bytes()).map_err(io_err(&ignore))?;
            }
        }
        Err(_) => {}
    }
    Ok(())
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
pub(in crate::store) fn save(
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
    ensure_gitignore(dir)?;
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
