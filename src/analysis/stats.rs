//! A project's figures, as `spanmark stats` prints them and the window
//! shows them: documents, characters, spans per label and per document
//! status, and per annotator the spans they made, how many of those came
//! from suggestions, their active time and spans per minute. Computed per
//! document, so a folder project is counted a chunk at a time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{DocStatus, Document, Project};

/// Documents per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByStatus {
    /// Not started.
    pub todo: usize,
    /// Started.
    pub in_progress: usize,
    /// Finished.
    pub done: usize,
}

/// One annotator's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnnotatorStats {
    /// Spans they made (a span several people made counts for each).
    pub spans: usize,
    /// Of those, accepted from a suggestion.
    pub from_suggestions: usize,
    /// Of those, drawn by hand.
    pub by_hand: usize,
    /// Active time on the project's documents, in seconds.
    pub seconds: u64,
    /// Documents they worked on (spans made or time recorded).
    pub documents: usize,
    /// Spans per minute of active time, when time was recorded.
    pub spans_per_minute: Option<f64>,
    /// The share of their spans that came from suggestions.
    pub share_from_suggestions: Option<f64>,
    /// Documents assigned to them.
    pub assigned: usize,
    /// Of those, marked done.
    pub assigned_done: usize,
}

/// One document's counts, all [`Stats`] needs of it: what a folder
/// project's summary cache keeps per document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocCounts {
    /// Characters of text.
    pub characters: usize,
    /// Spans.
    pub spans: usize,
    /// Spans per label id.
    pub labels: Vec<(String, usize)>,
    /// Relations.
    pub relations: usize,
    /// The document's status.
    pub status: DocStatus,
    /// Per maker of spans ("" for nobody named): spans, and of those how
    /// many came from suggestions.
    pub makers: Vec<(String, usize, usize)>,
    /// Active seconds per annotator.
    pub seconds: Vec<(String, u64)>,
    /// The day it was marked done, when it is done.
    pub done_on: Option<String>,
}

impl DocCounts {
    /// Count a document.
    pub fn of(doc: &Document) -> Self {
        let mut makers: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for span in doc.spans.iter() {
            let who = span.makers();
            let who = if who.is_empty() { vec![""] } else { who };
            for who in who {
                let m = makers.entry(who).or_default();
                m.0 += 1;
                m.1 += usize::from(span.suggested().is_some());
            }
        }
        let done_on = match doc.meta.extra.get(crate::model::DONE_ON) {
            Some(crate::model::MetaValue::Text(day)) if doc.status == DocStatus::Done => {
                Some(day.clone())
            }
            _ => None,
        };
        Self {
            characters: doc.char_len(),
            spans: doc.span_count(),
            labels: doc
                .span_counts()
                .into_iter()
                .map(|(l, n)| (l.to_owned(), n))
                .collect(),
            relations: doc.relations.len(),
            status: doc.status,
            makers: makers
                .into_iter()
                .map(|(w, (n, s))| (w.to_owned(), n, s))
                .collect(),
            seconds: doc.meta.active_seconds().into_iter().collect(),
            done_on,
        }
    }
}

/// Counts over a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Project name.
    pub project: String,
    /// Number of documents.
    pub documents: usize,
    /// Number of spans in all documents.
    pub spans: usize,
    /// Spans per label id, every label of the label set included.
    pub spans_by_label: BTreeMap<String, usize>,
    /// Number of relations.
    pub relations: usize,
    /// Number of characters of text.
    pub characters: usize,
    /// Documents per status.
    pub by_status: ByStatus,
    /// Per annotator (spans by nobody named are under "").
    pub annotators: BTreeMap<String, AnnotatorStats>,
    /// Active seconds per document id, for the documents with time
    /// recorded.
    pub seconds_by_document: BTreeMap<String, u64>,
    /// Documents marked done per day (`YYYY-MM-DD`, from the day each was
    /// marked done).
    pub done_by_day: BTreeMap<String, usize>,
    /// Agreement of the annotators' own work per label (mean over pairs of
    /// the overlap F1), when two or more annotators made spans.
    pub agreement_by_label: BTreeMap<String, Option<f64>>,
    /// Krippendorff's alpha across the annotators, when there are two or
    /// more.
    pub alpha: Option<f64>,
}

impl Stats {
    /// Count a project, and the agreement of its annotators.
    pub fn of(project: &Project) -> Self {
        let mut s = Self::counts(project);
        s.agreement(project);
        s
    }

    /// Count a project (or a part of one: agreement is the whole's).
    pub fn counts(project: &Project) -> Self {
        let mut s = Self {
            project: project.name.clone(),
            documents: 0,
            spans: 0,
            spans_by_label: project.labels.iter().map(|l| (l.id.clone(), 0)).collect(),
            relations: 0,
            characters: 0,
            by_status: ByStatus::default(),
            annotators: BTreeMap::new(),
            seconds_by_document: BTreeMap::new(),
            done_by_day: BTreeMap::new(),
            agreement_by_label: BTreeMap::new(),
            alpha: None,
        };
        for doc in &project.documents {
            s.count(doc);
            if let Some(who) = project.assignments.get(&doc.id) {
                s.assigned(who, doc.status == DocStatus::Done);
            }
        }
        s.finish();
        s
    }

    /// Count the assignment of a document (done or not) to `who`.
    pub fn assigned(&mut self, who: &[String], done: bool) {
        for who in who {
            let a = self.annotators.entry(who.clone()).or_default();
            a.assigned += 1;
            a.assigned_done += usize::from(done);
        }
    }

    /// The agreement of the project's annotators, on their own work
    /// (rejected spans included), as Curate > Agreement and `spanmark
    /// agree` compute it.
    pub fn agreement(&mut self, project: &Project) {
        let split = super::agree::split_by_annotator(project);
        if split.len() < 2 {
            return;
        }
        let refs: Vec<(String, &Project)> = split.iter().map(|(n, p)| (n.clone(), p)).collect();
        let agreement = super::agree::agree(&refs);
        self.alpha = agreement.alpha;
        for label in project.labels.iter() {
            let f1s: Vec<f64> = agreement
                .pairs
                .iter()
                .filter_map(|p| p.labels.get(&label.id)?.overlap.f1)
                .collect();
            let mean = (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64);
            self.agreement_by_label.insert(label.id.clone(), mean);
        }
    }

    fn count(&mut self, doc: &Document) {
        self.add_document(&doc.id, &DocCounts::of(doc));
    }

    /// Add one document's counts (`id` is the document's).
    pub fn add_document(&mut self, id: &str, c: &DocCounts) {
        self.documents += 1;
        self.spans += c.spans;
        for (label, n) in &c.labels {
            *self.spans_by_label.entry(label.clone()).or_default() += n;
        }
        self.relations += c.relations;
        self.characters += c.characters;
        match c.status {
            DocStatus::Todo => self.by_status.todo += 1,
            DocStatus::InProgress => self.by_status.in_progress += 1,
            DocStatus::Done => self.by_status.done += 1,
        }
        let mut worked: BTreeMap<&str, ()> = BTreeMap::new();
        for (who, spans, suggested) in &c.makers {
            let a = self.annotators.entry(who.clone()).or_default();
            a.spans += spans;
            a.from_suggestions += suggested;
            a.by_hand += spans - suggested;
            worked.insert(who, ());
        }
        if let Some(day) = &c.done_on {
            *self.done_by_day.entry(day.clone()).or_default() += 1;
        }
        let total: u64 = c.seconds.iter().map(|(_, s)| s).sum();
        if total > 0 {
            self.seconds_by_document.insert(id.to_owned(), total);
        }
        for (who, seconds) in &c.seconds {
            self.annotators.entry(who.clone()).or_default().seconds += seconds;
            worked.insert(who, ());
        }
        for who in worked.keys() {
            self.annotators
                .entry((*who).to_owned())
                .or_default()
                .documents += 1;
        }
    }

    /// The rates, from the counts (after documents are added one by one).
    pub fn finish(&mut self) {
        for a in self.annotators.values_mut() {
            a.spans_per_minute = (a.seconds > 0).then(|| a.spans as f64 * 60.0 / a.seconds as f64);
            a.share_from_suggestions =
                (a.spans > 0).then(|| a.from_suggestions as f64 / a.spans as f64);
        }
    }

    /// Add the counts of another part of the same project (a chunk of a
    /// folder project).
    pub fn add(&mut self, other: Stats) {
        self.documents += other.documents;
        self.spans += other.spans;
        self.relations += other.relations;
        self.characters += other.characters;
        for (label, n) in other.spans_by_label {
            *self.spans_by_label.entry(label).or_default() += n;
        }
        self.by_status.todo += other.by_status.todo;
        self.by_status.in_progress += other.by_status.in_progress;
        self.by_status.done += other.by_status.done;
        for (who, a) in other.annotators {
            let mine = self.annotators.entry(who).or_default();
            mine.spans += a.spans;
            mine.from_suggestions += a.from_suggestions;
            mine.by_hand += a.by_hand;
            mine.seconds += a.seconds;
            mine.documents += a.documents;
            mine.assigned += a.assigned;
            mine.assigned_done += a.assigned_done;
        }
        self.seconds_by_document.extend(other.seconds_by_document);
        for (day, n) in other.done_by_day {
            *self.done_by_day.entry(day).or_default() += n;
        }
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MetaValue, Span, SpanId};

    #[test]
    fn annotators_time_and_suggested_spans_are_counted() {
        let mut p = Project::new("p");
        let mut d = Document::new("a", "A", "Peskov said it went well.");
        let mut hand = Span::new(SpanId(1), 0, 6, "entity");
        hand.annotator = Some("alice".into());
        let mut taken = Span::new(SpanId(2), 7, 11, "event");
        taken.annotator = Some("alice".into());
        taken.set_suggested(Some("rule:quotes".into()));
        d.spans = [hand, taken].into_iter().collect();
        d.status = DocStatus::Done;
        d.meta.extra.insert(
            crate::model::ACTIVE_SECONDS.into(),
            MetaValue::Json("{\"alice\":120}".into()),
        );
        p.documents.push(d);
        p.documents.push(Document::new("b", "B", "Nothing yet."));
        let s = Stats::of(&p);
        assert_eq!(s.by_status.done, 1);
        assert_eq!(s.by_status.todo, 1);
        let alice = &s.annotators["alice"];
        assert_eq!(
            (alice.spans, alice.from_suggestions, alice.by_hand),
            (2, 1, 1)
        );
        assert_eq!(alice.seconds, 120);
        assert_eq!(alice.spans_per_minute, Some(1.0));
        assert_eq!(alice.share_from_suggestions, Some(0.5));
        assert_eq!(s.seconds_by_document.get("a"), Some(&120));
    }
}
