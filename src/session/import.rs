//! The gate every import passes on its way into a project, whether it comes
//! from the command line, the Import dialog or files dropped on the window:
//! each document is checked (naming its file), then given fresh span and
//! relation ids from the project's counters and a document id of its own,
//! and the labels and relation kinds it needs are added, never dropped.

use std::collections::{HashMap, HashSet};

use crate::model::{
    Change, ChangeError, Document, EXTRA_COLORS, Import, LabelDef, LabelSet, NextIds, Project,
    ValidationError, validate_document_labels,
};

/// Why an import was refused. Nothing was added.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A document breaks an invariant; names its file.
    #[error("{file}: {source}")]
    Invalid {
        /// Where the document came from (its file, or its id).
        file: String,
        /// What is wrong.
        source: ValidationError,
    },
    /// The change could not be applied (should not happen after the gate).
    #[error("{0}")]
    Change(ChangeError),
}

/// What an import added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Documents added.
    pub documents: usize,
    /// Spans they carry.
    pub spans: usize,
    /// Relations they carry.
    pub relations: usize,
    /// Labels added to the label set because imported spans use them.
    pub added_labels: Vec<String>,
    /// What the files held that the documents do not (per kind).
    pub notices: crate::formats::Notices,
}

impl ImportReport {
    /// The labels added, for a message: each cut to 40 characters, at most
    /// twelve named (then how many more).
    pub fn added_labels_line(&self) -> String {
        let mut names: Vec<String> = self
            .added_labels
            .iter()
            .take(12)
            .map(|l| crate::model::text::snippet_of(l, 40))
            .collect();
        if self.added_labels.len() > 12 {
            names.push(format!("and {} more", self.added_labels.len() - 12));
        }
        names.join(", ")
    }
}

/// Check `docs` and turn them into one [`Change`] that adds them to
/// `project`: fresh ids (O(spans + documents)), unique document ids, the
/// labels and relation kinds they need.
pub fn prepare_import(
    project: &Project,
    docs: Vec<Document>,
) -> Result<(Change, ImportReport), ImportError> {
    Gate::new(project, project.documents.iter().map(|d| d.id.as_str())).admit(docs)
}

/// The import gate kept open over a stream of documents (an import a
/// chunk at a time): the labels, relation kinds, id counters and document
/// ids of the project and of every document admitted so far, so each
/// chunk is checked and numbered as one import of them all would be.
#[derive(Debug)]
pub struct Gate {
    labels: LabelSet,
    relation_kinds: Vec<String>,
    next: NextIds,
    ids: DocIds,
    /// Labels added so far (their colours follow on).
    added: usize,
}

impl Gate {
    /// A gate into `project` (its labels, relation kinds and counters),
    /// whose documents have the ids `ids`.
    pub fn new<'a>(project: &Project, ids: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            labels: project.labels.clone(),
            relation_kinds: project.relation_kinds.clone(),
            next: project.next_ids,
            ids: DocIds::new(ids),
            added: 0,
        }
    }

    /// The id counters: above every id admitted so far.
    pub fn next_ids(&self) -> NextIds {
        self.next
    }

    /// Check `docs` and turn them into one [`Change`] that adds them to a
    /// project holding what was admitted before (its label set, relation
    /// kinds and document ids): fresh ids (O(spans + documents)), unique
    /// document ids, the labels and relation kinds they need.
    pub fn admit(&mut self, docs: Vec<Document>) -> Result<(Change, ImportReport), ImportError> {
        let (labels, names) = label_ids(&self.labels, &docs, self.added);
        // Spans name their labels as their files did; the project by id.
        let docs: Vec<Document> = docs
            .into_iter()
            .map(|mut doc| {
                // Suggestions (a model's predictions) name labels as spans do.
                for s in &mut doc.suggestions.pending {
                    if let Some(id) = names.get(&s.label) {
                        s.label.clone_from(id);
                    }
                }
                if doc
                    .spans
                    .iter()
                    .any(|s| names.get(&s.label).is_some_and(|id| *id != s.label))
                {
                    doc.spans = std::mem::take(&mut doc.spans).map(|mut s| {
                        if let Some(id) = names.get(&s.label) {
                            s.label.clone_from(id);
                        }
                        s
                    });
                }
                doc
            })
            .collect();
        let mut all_labels = self.labels.clone();
        all_labels.0.extend(labels.iter().cloned());
        for doc in &docs {
            validate_document_labels(doc, &all_labels).map_err(|source| ImportError::Invalid {
                file: doc.source.clone().unwrap_or_else(|| doc.id.clone()),
                source,
            })?;
        }
        let mut kinds: Vec<String> = Vec::new();
        for doc in &docs {
            for r in &doc.relations {
                if !self.relation_kinds.contains(&r.kind) && !kinds.contains(&r.kind) {
                    kinds.push(r.kind.clone());
                }
            }
        }
        let report = ImportReport {
            documents: docs.len(),
            spans: docs.iter().map(|d| d.spans.len()).sum(),
            relations: docs.iter().map(|d| d.relations.len()).sum(),
            added_labels: labels.iter().map(|l| l.id.clone()).collect(),
            notices: Default::default(),
        };
        let docs = docs
            .into_iter()
            .map(|mut doc| {
                doc.id = self.ids.unique(&doc.id);
                renumber(doc, &mut self.next)
            })
            .collect();
        // Admitted: what the next chunk is checked against.
        self.labels = all_labels;
        self.added += labels.len();
        self.relation_kinds.extend(kinds.iter().cloned());
        let change = Change::AddDocuments(Box::new(Import {
            docs,
            labels,
            relation_kinds: kinds,
        }));
        Ok((change, report))
    }
}

/// Give a document's spans, relations and events fresh ids from the
/// counters (the model's renumbering: events as arguments and as relation
/// ends follow their events).
fn renumber(mut doc: Document, next: &mut NextIds) -> Document {
    doc.renumber(next);
    doc
}

/// The labels the documents use that the project lacks (ids made tokens,
/// the file's name kept as origin), and how every label name the spans use
/// maps to a label id (a project label is found by id or by origin).
fn label_ids(
    labels: &LabelSet,
    docs: &[Document],
    added_before: usize,
) -> (Vec<LabelDef>, HashMap<String, String>) {
    let mut names: HashMap<String, String> = HashMap::new();
    for l in labels.iter() {
        names.insert(l.id.clone(), l.id.clone());
        if let Some(origin) = &l.origin {
            names.insert(origin.clone(), l.id.clone());
        }
    }
    let mut taken: HashSet<String> = labels.iter().map(|l| l.id.clone()).collect();
    let mut added: Vec<LabelDef> = Vec::new();
    for doc in docs {
        let suggested = doc.suggestions.pending.iter().map(|s| &s.label);
        for name in doc.spans.counts().keys().chain(suggested) {
            if names.contains_key(name) {
                continue;
            }
            let base = label_token(name);
            let mut id = base.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}_{n}");
                n += 1;
            }
            let mut def = LabelDef::new(
                id.clone(),
                name.clone(),
                EXTRA_COLORS[(added_before + added.len()) % EXTRA_COLORS.len()],
            );
            if id != *name {
                def.origin = Some(name.clone());
            }
            names.insert(name.clone(), id);
            added.push(def);
        }
    }
    (added, names)
}

/// A label name as an id every format can carry: letters, digits, `_`, `-`.
fn label_token(name: &str) -> String {
    let t: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if t.is_empty() { "label".to_owned() } else { t }
}

/// Hands out document ids not yet used: `id`, else `id-2`, `id-3`… with a
/// counter per base, so 30,000 documents sharing one id cost O(n).
#[derive(Debug)]
struct DocIds {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl DocIds {
    fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            used: ids.into_iter().map(str::to_owned).collect(),
            next_suffix: HashMap::new(),
        }
    }

    fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let n = self.next_suffix.entry(base.to_owned()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharLens, Relation, RelationId, Span, SpanId};

    fn doc(id: &str, spans: &[(u64, usize, usize, &str)]) -> Document {
        let mut d = Document::new(id, id, "Peskov met Putin in Geneva.");
        d.spans = spans
            .iter()
            .map(|(i, a, b, l)| Span::new(SpanId(*i), *a, *b, *l))
            .collect();
        d
    }

    #[test]
    fn imported_ids_are_fresh_and_relations_follow_them() {
        let mut project = Project::new("p");
        project.next_ids.span = 100;
        let mut d = doc("x", &[(5, 0, 6, "entity"), (9, 11, 16, "person")]);
        d.relations = [Relation::new(RelationId(1), "met", SpanId(5), SpanId(9))]
            .into_iter()
            .collect();
        let (change, report) = match prepare_import(&project, vec![d, doc("x", &[])]) {
            Ok(x) => x,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(report.added_labels, vec!["person".to_owned()]);
        assert!(change.apply(&mut project, &mut CharLens::default()).is_ok());
        assert_eq!(project.validate(), Ok(()));
        let d = &project.documents[0];
        let ids: Vec<u64> = d.spans.iter().map(|s| s.id.0).collect();
        assert_eq!(ids, vec![100, 101]);
        let r = d.relations.iter().next().map(|r| (r.from.0, r.to.0));
        assert_eq!(r, Some((100, 101)));
        assert_eq!(project.documents[1].id, "x-2");
        assert!(project.relation_kinds.contains(&"met".to_owned()));
    }

    #[test]
    fn a_bad_document_is_refused_naming_its_file() {
        let project = Project::new("p");
        let mut d = doc("x", &[(1, 3, 999, "entity")]);
        d.source = Some("in/x.jsonl".into());
        let err = prepare_import(&project, vec![d])
            .err()
            .map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.starts_with("in/x.jsonl: "), "{err}");
        assert!(err.contains("[3, 999)"), "{err}");
    }

    #[test]
    fn many_documents_sharing_one_id_get_distinct_ids() {
        let mut project = Project::new("p");
        project.documents.push(doc("same", &[]));
        let docs: Vec<Document> = (0..1000).map(|_| doc("same", &[])).collect();
        let (change, _) = match prepare_import(&project, docs) {
            Ok(x) => x,
            Err(e) => panic!("{e}"),
        };
        assert!(change.apply(&mut project, &mut CharLens::default()).is_ok());
        let ids: HashSet<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), 1001);
    }
}
