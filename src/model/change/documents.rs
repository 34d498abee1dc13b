//! Adding and removing whole documents (an import and its undo), with
//! the labels and relation kinds they bring.

use super::*;

/// Append an import's documents, labels and relation kinds.
pub(super) fn add_documents(project: &mut Project, import: Import) -> Result<Change, ChangeError> {
    let Import {
        docs,
        labels,
        relation_kinds,
    } = import;
    if let Some(label) = labels.iter().find(|l| project.labels.contains(&l.id)) {
        return Err(ChangeError::Import(format!(
            "label {:?} exists already",
            label.id
        )));
    }
    let ids: std::collections::HashSet<&str> =
        project.documents.iter().map(|d| d.id.as_str()).collect();
    if let Some(d) = docs.iter().find(|d| ids.contains(d.id.as_str())) {
        return Err(ChangeError::Import(format!(
            "document id {:?} exists already",
            d.id
        )));
    }
    let label_ids = labels.iter().map(|l| l.id.clone()).collect();
    let new_kinds: Vec<String> = relation_kinds
        .into_iter()
        .filter(|k| !project.relation_kinds.contains(k))
        .collect();
    project.labels.0.extend(labels);
    project.relation_kinds.extend(new_kinds.iter().cloned());
    let count = docs.len();
    for doc in &docs {
        project.next_ids.above_document(doc);
    }
    project.documents.extend(docs);
    Ok(Change::RemoveDocuments {
        count,
        labels: label_ids,
        relation_kinds: new_kinds,
    })
}

/// Remove the last `count` documents with the labels and kinds named.
pub(super) fn remove_documents(
    project: &mut Project,
    lens: &mut CharLens,
    count: usize,
    labels: Vec<String>,
    relation_kinds: Vec<String>,
) -> Result<Change, ChangeError> {
    let n = project.documents.len();
    if count > n {
        return Err(ChangeError::NoSuchDocument(count - 1));
    }
    let docs = project.documents.split_off(n - count);
    lens.truncate(n - count);
    let (removed, kept): (Vec<LabelDef>, Vec<LabelDef>) = std::mem::take(&mut project.labels.0)
        .into_iter()
        .partition(|l| labels.contains(&l.id));
    project.labels.0 = kept;
    project
        .relation_kinds
        .retain(|k| !relation_kinds.contains(k));
    Ok(Change::AddDocuments(Box::new(Import {
        docs,
        labels: removed,
        relation_kinds,
    })))
}
