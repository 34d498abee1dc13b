//! Agreement between annotators: each input project is one annotator;
//! documents are matched by their text. Span matching (exact and overlap,
//! precision / recall / F1 per label and micro over labels) and
//! chance-corrected agreement over code points (Cohen's kappa per pair,
//! Krippendorff's alpha across all). The definitions are in
//! `docs/agreement.md`; every undefined value is `None` (`null` in JSON),
//! never NaN.

mod matching;
mod units;

use std::collections::BTreeMap;
use std::path::Path;

use foldhash::{HashMap, HashMapExt as _};
use serde::Serialize;

use crate::model::{Document, Project};

pub use matching::{Counts, match_document};
pub use units::{Coincidence, Contingency, Interner, Segments};

/// Precision, recall and F1 of one kind of match; `None` where undefined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matched spans / spans of the second annotator.
    pub precision: Option<f64>,
    /// Matched spans / spans of the first annotator.
    pub recall: Option<f64>,
    /// 2 · matched / (spans of both): their harmonic mean where both are
    /// defined, 0 where one annotator has spans and the other none.
    pub f1: Option<f64>,
}

impl Prf {
    /// From the counts: spans of `a`, of `b`, and matched.
    pub fn of(a: usize, b: usize, matched: usize) -> Self {
        let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        Self {
            precision: ratio(matched, b),
            recall: ratio(matched, a),
            f1: ratio(2 * matched, a + b),
        }
    }
}

/// Agreement on one label (or over all labels).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct LabelAgreement {
    /// Same start, end and label.
    pub exact: Prf,
    /// Same label and intersecting ranges, one-to-one.
    pub overlap: Prf,
    /// Cohen's kappa over code points.
    pub kappa: Option<f64>,
}

/// Agreement between two annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAgreement {
    /// The first annotator (the reference of recall).
    pub a: String,
    /// The second annotator (the reference of precision).
    pub b: String,
    /// Per label, by label id.
    pub labels: BTreeMap<String, LabelAgreement>,
    /// Over all labels: micro-averaged matches; kappa over label sets.
    pub overall: LabelAgreement,
    /// Documents both annotated.
    #[serde(skip)]
    pub documents: usize,
}

/// Agreement among all the annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    /// Documents (distinct texts) that two or more annotators have.
    pub documents: usize,
    /// The annotators, in the order given.
    pub annotators: Vec<String>,
    /// Every pair, in the order given.
    pub pairs: Vec<PairAgreement>,
    /// Krippendorff's alpha (nominal) across all annotators.
    pub alpha: Option<f64>,
    /// Documents only one annotator has (left out).
    #[serde(skip)]
    pub single: usize,
    /// Documents an annotator has twice (the first is used).
    #[serde(skip)]
    pub repeated: usize,
}

/// An annotator's name: the annotator all its spans share, else the
/// file's stem (`alice.ron` → `alice`, `alice.spanmark` → `alice`).
pub fn annotator_name(project: &Project, path: &Path) -> String {
    let mut names = project
        .documents
        .iter()
        .flat_map(|d| d.spans.iter())
        .map(|s| s.annotator.as_deref());
    if let Some(Some(first)) = names.next()
        && names.all(|n| n == Some(first))
    {
        return first.to_owned();
    }
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Names made unique (`alice`, `alice-2`), in order.
pub fn unique_names(names: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    names
        .into_iter()
        .map(|n| {
            let count = seen.entry(n.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                n
            } else {
                format!("{n}-{count}")
            }
        })
        .collect()
}

/// The documents of several projects matched by their text: for each
/// distinct text (in order of first appearance), each project's document
/// with that text, if any. Also how many texts a project has twice.
pub fn match_texts<'p>(projects: &[&'p Project]) -> (Vec<Vec<Option<&'p Document>>>, usize) {
    let mut index: HashMap<&'p str, usize> = HashMap::new();
    let mut rows: Vec<Vec<Option<&'p Document>>> = Vec::new();
    let mut repeated = 0;
    for (k, project) in projects.iter().enumerate() {
        for doc in &project.documents {
            let row = *index.entry(doc.text.as_str()).or_insert_with(|| {
                rows.push(vec![None; projects.len()]);
                rows.len() - 1
            });
            if rows[row][k].is_some() {
                repeated += 1;
            } else {
                rows[row][k] = Some(doc);
            }
        }
    }
    (rows, repeated)
}

/// Agreement among `annotators` (name, project), as defined in
/// `docs/agreement.md`.
pub fn agree(annotators: &[(String, &Project)]) -> Agreement {
    let projects: Vec<&Project> = annotators.iter().map(|(_, p)| *p).collect();
    let n = projects.len();
    let (rows, repeated) = match_texts(&projects);
    let pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|a| ((a + 1)..n).map(move |b| (a, b)))
        .collect();
    let mut counts: Vec<BTreeMap<String, Counts>> = vec![BTreeMap::new(); pairs.len()];
    let mut tables: Vec<Contingency> = vec![Contingency::default(); pairs.len()];
    let mut shared_docs = vec![0usize; pairs.len()];
    let mut coincidence = Coincidence::default();
    let mut interner = Interner::default();
    let mut labels: BTreeMap<String, ()> = BTreeMap::new();
    let (mut documents, mut single) = (0, 0);
    for row in &rows {
        let present: Vec<(usize, &Document)> = row
            .iter()
            .enumerate()
            .filter_map(|(k, d)| d.map(|d| (k, d)))
            .collect();
        if present.len() < 2 {
            single += 1;
            continue;
        }
        documents += 1;
        for (_, d) in &present {
            for label in d.spans.counts().keys() {
                labels.insert(label.clone(), ());
            }
        }
        for (p, &(a, b)) in pairs.iter().enumerate() {
            if let (Some(da), Some(db)) = (row[a], row[b]) {
                shared_docs[p] += 1;
                match_document(da, db, &mut counts[p]);
            }
        }
        let docs: Vec<&Document> = present.iter().map(|(_, d)| *d).collect();
        let segments = Segments::of(&docs, &mut interner);
        for (p, &(a, b)) in pairs.iter().enumerate() {
            let (Some(ia), Some(ib)) = (
                present.iter().position(|(k, _)| *k == a),
                present.iter().position(|(k, _)| *k == b),
            ) else {
                continue;
            };
            tables[p].add(&segments, ia, ib);
        }
        coincidence.add(&segments);
    }
    let pairs = pairs
        .iter()
        .enumerate()
        .map(|(p, &(a, b))| {
            let per_label: BTreeMap<String, LabelAgreement> = labels
                .keys()
                .map(|label| {
                    let c = counts[p].get(label).copied().unwrap_or_default();
                    let agreement = LabelAgreement {
                        exact: Prf::of(c.a, c.b, c.exact),
                        overlap: Prf::of(c.a, c.b, c.overlap),
                        kappa: tables[p].label_kappa(&interner, label),
                    };
                    (label.clone(), agreement)
                })
                .collect();
            let total = counts[p].values().fold(Counts::default(), |t, c| t.plus(c));
            PairAgreement {
                a: annotators[a].0.clone(),
                b: annotators[b].0.clone(),
                labels: per_label,
                overall: LabelAgreement {
                    exact: Prf::of(total.a, total.b, total.exact),
                    overlap: Prf::of(total.a, total.b, total.overlap),
                    kappa: tables[p].kappa(),
                },
                documents: shared_docs[p],
            }
        })
        .collect();
    Agreement {
        documents,
        annotators: annotators.iter().map(|(n, _)| n.clone()).collect(),
        pairs,
        alpha: coincidence.alpha(),
        single,
        repeated,
    }
}

/// A project whose spans several people made (a merged project) as one
/// project per annotator: each holds the documents the annotator had (the
/// merged document's annotators, else those they made a span in) with
/// the spans they made. Annotators in order of first appearance.
pub fn split_by_annotator(project: &Project) -> Vec<(String, Project)> {
    let mut names: Vec<String> = Vec::new();
    let add = |n: &str, names: &mut Vec<String>| {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_owned());
        }
    };
    for doc in &project.documents {
        for n in crate::analysis::merge::doc_annotators(doc) {
            add(&n, &mut names);
        }
        for s in doc.spans.iter().chain(&doc.rejected) {
            for n in s.makers() {
                add(n, &mut names);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let mut p = Project::new(name.clone());
            p.labels = project.labels.clone();
            for doc in &project.documents {
                let listed = crate::analysis::merge::doc_annotators(doc);
                let had = if listed.is_empty() {
                    doc.spans
                        .iter()
                        .chain(&doc.rejected)
                        .any(|s| s.makers().contains(&name.as_str()))
                } else {
                    listed.contains(&name)
                };
                if !had {
                    continue;
                }
                let mut d = Document::new(doc.id.clone(), doc.title.clone(), doc.text.clone());
                // The annotator's own work: what curation rejected too.
                d.spans = doc
                    .spans
                    .iter()
                    .chain(&doc.rejected)
                    .filter(|s| s.makers().contains(&name.as_str()))
                    .cloned()
                    .collect();
                p.documents.push(d);
            }
            (name, p)
        })
        .collect()
}
