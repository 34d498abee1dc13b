//! Project-wide counts the window reads every frame (spans per label,
//! documents done, lower-cased titles for the filter), updated per change in
//! proportion to what the change touched: one document's edit costs
//! O(labels), not O(documents) or O(spans).

use std::collections::BTreeMap;

use crate::model::{DocStatus, Project, Touched};

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
        let mut s = Self::default();
        s.recount(project);
        s
    }

    fn recount(&mut self, project: &Project) {
        self.label_counts.clear();
        for doc in &project.documents {
            for (label, n) in doc.span_counts() {
                *self.label_counts.entry(label.clone()).or_default() += n;
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
                .map(|d| (i, d.span_counts().clone(), d.status)),
            _ => None,
        };
        Before { doc }
    }

    /// Bring the counts up to date after the change.
    pub(super) fn after(&mut self, project: &Project, touched: Touched, before: Before) {
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
                    *self.label_counts.entry(label.clone()).or_default() += n;
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
