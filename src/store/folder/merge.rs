//! A folder project's files as the git merge driver sees them: a document
//! file or the manifest, read and written in their own format, and the
//! manifest merged three ways (documents by id, labels and relation kinds
//! as the union of both sides).

use std::path::Path;

use foldhash::HashSet;

use crate::model::{Document, FORMAT_VERSION, NextIds};

use super::super::{StoreError, parse_error};
use super::manifest::{DocFileIn, DocFileOut, Manifest, check_entries};
use super::save::to_text;

/// A document file's id counters and document.
pub fn parse_doc_file(text: &str, path: &Path) -> Result<(NextIds, Document), StoreError> {
    let file: DocFileIn = ron::from_str(text).map_err(|e| parse_error(text, path, &e))?;
    Ok((file.next_ids, file.document))
}

/// A document file's text.
pub fn doc_file_text(doc: &Document, next_ids: NextIds) -> Result<Vec<u8>, StoreError> {
    to_text(
        &DocFileOut {
            format_version: FORMAT_VERSION,
            next_ids,
            document: doc,
        },
        3,
    )
}

/// Whether `text` is a folder project's manifest.
pub fn is_manifest(text: &str) -> bool {
    ron::from_str::<Manifest>(text).is_ok()
}

/// The manifest merged from its base (`None` when both sides added it)
/// and two sides: documents in ours' order then theirs' new ones, minus
/// those one side removed; labels and relation kinds of both.
pub fn merge_manifests(
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    path: &Path,
) -> Result<Vec<u8>, StoreError> {
    let read = |text: &str| -> Result<Manifest, StoreError> {
        let m: Manifest = ron::from_str(text).map_err(|e| parse_error(text, path, &e))?;
        check_entries(&m, path)?;
        Ok(m)
    };
    let base = base.map(read).transpose()?;
    let (ours, theirs) = (read(ours)?, read(theirs)?);
    let in_base: HashSet<&str> = base
        .iter()
        .flat_map(|m| m.documents.iter().map(|e| e.id.as_str()))
        .collect();
    let in_ours: HashSet<&str> = ours.documents.iter().map(|e| e.id.as_str()).collect();
    let in_theirs: HashSet<&str> = theirs.documents.iter().map(|e| e.id.as_str()).collect();
    let mut merged = ours.clone();
    // Removed by theirs (present in the base, gone on their side).
    merged
        .documents
        .retain(|e| in_theirs.contains(e.id.as_str()) || !in_base.contains(e.id.as_str()));
    for e in &theirs.documents {
        let id = e.id.as_str();
        if in_ours.contains(id) || in_base.contains(id) {
            continue; // ours has it, or ours removed it
        }
        // Both sides adding one file name under two ids is left for the
        // project's check to refuse by name.
        merged.documents.push(e.clone());
    }
    merged.labels = crate::model::guidelines::merge_labels(
        base.as_ref().map(|b| &b.labels),
        &ours.labels,
        &theirs.labels,
    );
    merged.assignments = crate::model::assignments::merge(
        base.as_ref().map(|b| &b.assignments),
        &ours.assignments,
        &theirs.assignments,
    );
    merged.guidelines = crate::model::guidelines::merge_guidelines(
        base.as_ref().map(|b| &b.guidelines),
        &ours.guidelines,
        &theirs.guidelines,
    );
    for k in &theirs.relation_kinds {
        if !merged.relation_kinds.contains(k) {
            merged.relation_kinds.push(k.clone());
        }
    }
    merged.format_version = ours.format_version.max(theirs.format_version);
    if base.as_ref().is_some_and(|b| b.name == ours.name) {
        merged.name = theirs.name.clone();
    }
    to_text(&merged, 2)
}
