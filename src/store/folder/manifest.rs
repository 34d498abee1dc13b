//! The manifest of a folder project (`project.ron`: name, labels,
//! relation kinds and the documents in order) and the document files' own
//! frame (format version and id counters around the document).

use std::path::Path;

use foldhash::{HashSet, HashSetExt as _};
use serde::{Deserialize, Serialize};

use crate::model::{Document, FORMAT_VERSION, LabelSet, NextIds, Project};

use super::super::{StoreError, read_text};
use super::{MANIFEST, pending};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) format_version: u32,
    pub(super) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) annotator: Option<String>,
    #[serde(default)]
    pub(super) labels: LabelSet,
    #[serde(default)]
    pub(super) relation_kinds: Vec<String>,
    /// General and relation guidelines (each label's are in its definition).
    #[serde(default, skip_serializing_if = "crate::model::Guidelines::is_empty")]
    pub(super) guidelines: crate::model::Guidelines,
    /// Who annotates which document.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub(super) assignments: crate::model::Assignments,
    /// The documents in order.
    pub(super) documents: Vec<Entry>,
}

/// A document of the manifest: its id and its file under `docs/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Entry {
    pub(super) id: String,
    pub(super) file: String,
}

#[derive(Serialize)]
pub(super) struct DocFileOut<'a> {
    pub(super) format_version: u32,
    /// The project's id counters when the document was written: a project
    /// loaded from its files never hands out an id one of them used.
    pub(super) next_ids: NextIds,
    pub(super) document: &'a Document,
}

#[derive(Deserialize)]
pub(super) struct DocFileIn {
    pub(super) format_version: u32,
    #[serde(default)]
    pub(super) next_ids: NextIds,
    pub(super) document: Document,
}

/// Read, parse and check the manifest of folder `dir`; also its text.
pub(super) fn read_manifest(dir: &Path) -> Result<(Manifest, String), StoreError> {
    let path = pending::committed(dir, Path::new(MANIFEST));
    let (text, _) = read_text(&path)?;
    let manifest: Manifest =
        ron::from_str(&text).map_err(|e| super::super::parse_error(&text, &path, &e))?;
    check_entries(&manifest, &path)?;
    Ok((manifest, text))
}

impl Manifest {
    /// The project the manifest describes, without its documents yet.
    pub(super) fn empty_project(&self) -> Project {
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
pub(super) fn add_document(project: &mut Project, doc: DocFileIn) {
    project.format_version = project.format_version.max(doc.format_version);
    project.next_ids = project.next_ids.max(doc.next_ids);
    project.documents.push(doc.document);
}

/// Every document file the manifest names must be a plain `.ron` file of
/// `docs/`: a manifest never sends a save or a removal anywhere else.
pub(super) fn check_entries(manifest: &Manifest, path: &Path) -> Result<(), StoreError> {
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
pub(super) fn manifest_unchanged(said: Option<&Manifest>, project: &Project) -> bool {
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
