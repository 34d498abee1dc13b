//! The document list's order: the orders a person can choose, and the rows
//! in that order, kept sorted as edits come. A sort key is computed once
//! per document when the list itself changes; an edit then moves only the
//! rows of the documents it touched (O(log n) to find each, one shift),
//! never re-sorting the project or allocating a key per document.

use std::cmp::Reverse;

use crate::model::{DocStatus, Document};

use super::super::learner::Uncertainty;
use crate::session::Session;
use crate::session::rules::status_word;

/// How the document list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocOrder {
    /// As in the project.
    #[default]
    Project,
    /// By title, A to Z.
    Title,
    /// To do first, then in progress, then done.
    Status,
    /// Most spans first.
    Spans,
    /// By who annotated it (a merged document's annotators, else its
    /// spans' annotator), A to Z.
    Annotator,
    /// Most spans waiting for curation first (merged projects).
    Curation,
    /// The documents not done that the learned model is least sure of
    /// first (correcting them teaches it most); done ones last.
    Uncertain,
}

impl DocOrder {
    /// Every order, as the list offers them.
    pub const ALL: [DocOrder; 7] = [
        DocOrder::Project,
        DocOrder::Title,
        DocOrder::Status,
        DocOrder::Spans,
        DocOrder::Annotator,
        DocOrder::Curation,
        DocOrder::Uncertain,
    ];

    /// The order in words.
    pub fn name(self) -> &'static str {
        match self {
            DocOrder::Project => "project order",
            DocOrder::Title => "title",
            DocOrder::Status => "status",
            DocOrder::Spans => "most spans",
            DocOrder::Annotator => "annotator",
            DocOrder::Curation => "most to curate",
            DocOrder::Uncertain => "most uncertain first",
        }
    }

    /// Whether an edit inside a document can move it in this order (else
    /// only a change to the list does).
    fn follows_edits(self) -> bool {
        matches!(
            self,
            DocOrder::Spans | DocOrder::Annotator | DocOrder::Curation
        )
    }

    /// Whether the order reads the model's uncertainty.
    fn reads_uncertainty(self) -> bool {
        self == DocOrder::Uncertain
    }
}

/// Where a document sorts: assigned to me first, then by the order's
/// measure, then as in the project.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    not_mine: bool,
    measure: Measure,
    index: usize,
}

/// A document's measure in one order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Measure {
    None,
    Number(Reverse<usize>),
    Status(u8),
    /// Signed by nobody (last), who, and the title.
    Who(bool, String, String),
    Title(String),
    /// Done (last), not measured (after the measured), and how unsure
    /// (most first, in millionths).
    Unsure(bool, bool, Reverse<u32>),
}

/// What the rows were sorted for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct For {
    list_revision: u64,
    needle: String,
    order: DocOrder,
    me: Option<String>,
    /// The uncertainty figures' generation (for the order that reads them).
    unsure: u64,
}

/// The rows of the list (document indexes) in the order chosen.
#[derive(Debug, Default)]
pub struct SortedRows {
    made_for: Option<For>,
    /// The summary's edit number the rows are up to date with.
    seen: u64,
    /// Each document's key.
    keys: Vec<Key>,
    rows: Vec<usize>,
}

impl SortedRows {
    /// The rows matching `needle` (lower-cased) in `order`.
    pub fn rows(
        &mut self,
        session: &Session,
        needle: &str,
        order: DocOrder,
        unsure: &Uncertainty,
    ) -> &[usize] {
        let summary = session.summary();
        let wanted = For {
            list_revision: summary.list_revision(),
            needle: needle.to_owned(),
            order,
            me: session.annotator().map(str::to_owned),
            unsure: if order.reads_uncertainty() {
                unsure.generation
            } else {
                0
            },
        };
        if self.made_for.as_ref() != Some(&wanted) {
            self.rebuild(session, &wanted, unsure);
            self.made_for = Some(wanted);
        } else if order.follows_edits() && self.seen != summary.edits() {
            match summary.touched_since(self.seen) {
                Some(docs) => {
                    for i in docs {
                        self.moved(session, &wanted, unsure, i);
                    }
                }
                None => self.rebuild(session, &wanted, unsure),
            }
        }
        self.seen = summary.edits();
        &self.rows
    }

    fn rebuild(&mut self, session: &Session, wanted: &For, unsure: &Uncertainty) {
        let n = session.project().documents.len();
        self.keys = (0..n).map(|i| key(session, wanted, unsure, i)).collect();
        self.rows = (0..n).filter(|&i| matches(session, wanted, i)).collect();
        let keys = &self.keys;
        self.rows.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    }

    /// Document `i` changed: take its row out and put it back where its
    /// new key sorts (if it still matches the filter).
    fn moved(&mut self, session: &Session, wanted: &For, unsure: &Uncertainty, i: usize) {
        if i >= self.keys.len() {
            return self.rebuild(session, wanted, unsure);
        }
        let keys = &self.keys;
        if let Ok(at) = self.rows.binary_search_by(|&r| keys[r].cmp(&keys[i])) {
            self.rows.remove(at);
        }
        self.keys[i] = key(session, wanted, unsure, i);
        if matches(session, wanted, i) {
            let keys = &self.keys;
            let at = self
                .rows
                .binary_search_by(|&r| keys[r].cmp(&keys[i]))
                .unwrap_or_else(|at| at);
            self.rows.insert(at, i);
        }
    }
}

fn matches(session: &Session, wanted: &For, i: usize) -> bool {
    let docs = &session.project().documents;
    wanted.needle.is_empty()
        || session.summary().key(i).contains(&wanted.needle)
        || docs
            .get(i)
            .is_some_and(|d| status_word(d.status).contains(&wanted.needle))
}

fn key(session: &Session, wanted: &For, unsure: &Uncertainty, i: usize) -> Key {
    let project = session.project();
    let Some(doc) = project.documents.get(i) else {
        return Key {
            not_mine: true,
            measure: Measure::None,
            index: i,
        };
    };
    let title = || session.summary().key(i).to_owned();
    let measure = match wanted.order {
        DocOrder::Project => Measure::None,
        DocOrder::Title => Measure::Title(title()),
        DocOrder::Status => Measure::Status(match doc.status {
            DocStatus::Todo => 0,
            DocStatus::InProgress => 1,
            DocStatus::Done => 2,
        }),
        DocOrder::Spans => Measure::Number(Reverse(doc.span_count())),
        DocOrder::Annotator => {
            let who = annotator_key(doc);
            Measure::Who(who.is_empty(), who, title())
        }
        DocOrder::Curation => {
            let merged = crate::analysis::merge::doc_annotators(doc).len() > 1;
            Measure::Number(Reverse(if merged { doc.not_gold() } else { 0 }))
        }
        DocOrder::Uncertain => {
            let u = unsure.by_doc.get(&doc.id);
            Measure::Unsure(
                doc.status == DocStatus::Done,
                u.is_none(),
                Reverse(u.map_or(0, |u| (u.clamp(0.0, 1.0) * 1e6) as u32)),
            )
        }
    };
    // The documents assigned to the person annotating come first (in the
    // order chosen), when the project assigns any.
    let mine = wanted.me.as_deref().is_some_and(|me| {
        project
            .assignments
            .get(&doc.id)
            .is_some_and(|w| w.iter().any(|p| p == me))
    });
    Key {
        not_mine: !mine,
        measure,
        index: i,
    }
}

/// Who annotated a document, as the list sorts it.
fn annotator_key(doc: &Document) -> String {
    let listed = crate::analysis::merge::doc_annotators(doc);
    if !listed.is_empty() {
        return listed.join(", ").to_lowercase();
    }
    doc.first_maker().map(str::to_lowercase).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, Edit, Project, Span, SpanId};

    /// Rows kept up to date edit by edit are the rows sorted afresh, in
    /// every order, with and without a filter, through edits, undos and a
    /// status change.
    #[test]
    fn rows_kept_in_order_equal_rows_sorted_afresh() {
        let mut p = Project::new("p");
        for i in 0..40 {
            let mut d = crate::model::Document::new(
                format!("d{i}"),
                format!("Doc {}", (i * 7) % 40),
                "Peskov and Lavrov met in Geneva.",
            );
            for k in 0..(i % 5) {
                let mut s = Span::new(SpanId(1000 * i + k), k as usize, k as usize + 3, "entity");
                s.annotator = Some(["ana", "ben", "cy"][(i % 3) as usize].into());
                let _ = d.spans.insert(s);
            }
            p.documents.push(d);
        }
        let mut session = Session::new(p, None);
        let mut kept: Vec<(DocOrder, &str, SortedRows)> = Vec::new();
        for order in DocOrder::ALL {
            for needle in ["", "doc 1"] {
                kept.push((order, needle, SortedRows::default()));
            }
        }
        let mut next = 1_000_000;
        for step in 0..60u64 {
            let doc = ((step * 13) % 40) as usize;
            let change = match step % 4 {
                3 => None,
                _ => {
                    next += 1;
                    Some(Change::Doc {
                        doc,
                        edit: Edit::AddSpan {
                            span: Span::new(SpanId(next), 10, 16, "entity"),
                            relations: Vec::new(),
                        },
                    })
                }
            };
            match change {
                Some(c) => assert!(session.apply(c).is_ok()),
                None => assert!(session.undo().is_ok()),
            }
            // Half the documents measured, as after a training.
            let mut unsure = Uncertainty::default();
            for (k, d) in session.project().documents.iter().enumerate().step_by(2) {
                unsure.by_doc.insert(d.id.clone(), (k % 7) as f32 / 7.0);
            }
            for (order, needle, rows) in &mut kept {
                let afresh = SortedRows::default()
                    .rows(&session, needle, *order, &unsure)
                    .to_vec();
                assert_eq!(
                    rows.rows(&session, needle, *order, &unsure),
                    afresh,
                    "{order:?} {needle:?} step {step}"
                );
            }
        }
    }
}
