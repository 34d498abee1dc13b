//! Project-wide counts the window reads every frame (spans per label,
//! documents done, lower-cased titles for the filter), updated per change in
//! proportion to what the change touched: one document's edit costs
//! O(labels), not O(documents) or O(spans).

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{DocStatus, Project, Touched};

/// How many recent changes the summary remembers the documents of.
const LOGGED: usize = 256;

/// Numbers edits across every summary, so a number seen under one summary
/// is never taken for another's.
static EDITS: AtomicU64 = AtomicU64::new(1);

/// Counts over the whole project.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    label_counts: BTreeMap<String, usize>,
    done: usize,
    /// Lower-cased `title id` of each document, for filtering.
    keys: Vec<String>,
    /// Changes when the document list's content changes (documents added
    /// or removed, a status changed).
    list_revision: u64,
    /// The number of the last change counted.
    edits: u64,
    /// The last changes counted, with their numbers: what each touched.
    log: VecDeque<(u64, Touched)>,
    /// The number the summary started at.
    start: u64,
    /// Whether the log has dropped its oldest changes.
    forgot: bool,
}

/// What a document looked like before a change touched it.
#[derive(Clone, Debug)]
pub struct Before {
    doc: Option<(usize, BTreeMap<String, usize>, DocStatus)>,
}

impl Before {
    /// The document touched and its status before, when one was.
    pub(super) fn status(&self) -> Option<(usize, DocStatus)> {
        self.doc.as_ref().map(|(i, _, s)| (*i, *s))
    }
}

impl Summary {
    /// Count a project (O(documents · labels)).
    pub fn of(project: &Project) -> Self {
        let start = EDITS.fetch_add(1, Ordering::Relaxed);
        let mut s = Self {
            edits: start,
            start,
            ..Self::default()
        };
        s.recount(project);
        s
    }

    /// Remember that change number `edits` touched `touched`.
    fn logged(&mut self, touched: Touched) {
        self.edits = EDITS.fetch_add(1, Ordering::Relaxed);
        if self.log.len() == LOGGED {
            self.log.pop_front();
            self.forgot = true;
        }
        self.log.push_back((self.edits, touched));
    }

    /// The number of the last change counted: it changes with every change.
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// The documents the changes after number `seen` touched, each once;
    /// `None` when one touched them all or `seen` is out of reach (the
    /// caller starts afresh).
    pub fn touched_since(&self, seen: u64) -> Option<Vec<usize>> {
        if seen == self.edits {
            return Some(Vec::new());
        }
        // `seen` must be this summary's: where it started (with nothing
        // forgotten since) or a change it logged.
        let known =
            (seen == self.start && !self.forgot) || self.log.iter().any(|(n, _)| *n == seen);
        if !known {
            return None;
        }
        let first = self.log.iter().position(|(n, _)| *n > seen)?;
        let mut docs = Vec::new();
        for (_, touched) in self.log.iter().skip(first) {
            match touched {
                Touched::Nothing => {}
                Touched::One(i) if !docs.contains(i) => docs.push(*i),
                Touched::One(_) => {}
                Touched::All => return None,
            }
        }
        Some(docs)
    }

    fn recount(&mut self, project: &Project) {
        self.label_counts.clear();
        for doc in &project.documents {
            for (label, n) in doc.span_counts() {
                *self.label_counts.entry(label.to_owned()).or_default() += n;
            }
        }
        self.done = project
            .documents
            .iter()
            .filter(|d| d.status == DocStatus::Done)
            .count();
        self.keys = project
            .documents
            .iter()
            .map(|d| format!("{} {}", d.title, d.id).to_lowercase())
            .collect();
        self.list_revision += 1;
    }

    /// Note what a change is about to touch.
    pub(super) fn before(&self, project: &Project, touched: Touched) -> Before {
        let doc = match touched {
            Touched::One(i) => project
                .documents
                .get(i)
                .map(|d| (i, counts_of(d), d.status)),
            _ => None,
        };
        Before { doc }
    }

    /// Bring the counts up to date after the change.
    pub(super) fn after(&mut self, project: &Project, touched: Touched, before: Before) {
        self.logged(touched);
        match (touched, before.doc) {
            (Touched::Nothing, _) => {}
            (Touched::One(i), Some((_, counts, status))) => {
                let Some(doc) = project.documents.get(i) else {
                    return self.recount(project);
                };
                for (label, n) in counts {
                    if let Some(c) = self.label_counts.get_mut(&label) {
                        *c = c.saturating_sub(n);
                    }
                }
                for (label, n) in doc.span_counts() {
                    *self.label_counts.entry(label.to_owned()).or_default() += n;
                }
                self.label_counts.retain(|_, n| *n > 0);
                if doc.status != status {
                    let was = usize::from(status == DocStatus::Done);
                    let now = usize::from(doc.status == DocStatus::Done);
                    self.done = (self.done + now).saturating_sub(was);
                    self.list_revision += 1;
                }
            }
            _ => self.recount(project),
        }
    }

    /// Spans carrying `label` in the whole project.
    pub fn label_count(&self, label: &str) -> usize {
        self.label_counts.get(label).copied().unwrap_or(0)
    }

    /// Documents marked done.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Lower-cased `title id` of document `i`, for filtering.
    pub fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", String::as_str)
    }

    /// Changes whenever the document list's content may have changed.
    pub fn list_revision(&self) -> u64 {
        self.list_revision
    }
}

/// A document's spans per label, owned.
fn counts_of(doc: &crate::model::Document) -> BTreeMap<String, usize> {
    doc.span_counts()
        .into_iter()
        .map(|(l, n)| (l.to_owned(), n))
        .collect()
}
