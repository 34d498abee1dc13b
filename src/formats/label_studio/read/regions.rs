//! One task's annotations and predictions: regions (checked against their
//! `value.text`), their attributes and notes, relations, document choices
//! (each under its annotator) and predictions (as suggestions).

use std::collections::HashMap;

use serde_json::Value;

use crate::model::text::CharMap;
use crate::model::{Document, Relation, Span, SpanId};

use super::super::super::{Notices, text::quote};
use super::super::origin::Origin;

/// A region across a task's annotations: (id, start, end, label).
type RegionKey = (String, usize, usize, String);

/// One annotation as read: who made it, its results, its regions (id ->
/// spans).
pub(super) struct Annotation<'t> {
    pub(super) who: Option<String>,
    pub(super) results: Vec<&'t Value>,
    pub(super) regions: HashMap<&'t str, Vec<usize>>,
}

/// Reads one task into its document.
pub(super) struct TaskReader<'t> {
    pub(super) doc: Document,
    pub(super) text: &'t str,
    pub(super) chars: CharMap,
    pub(super) len: usize,
    pub(super) spans: Vec<Span>,
    /// Everyone who made each span (a region in several annotations, with
    /// the same id and value, is one span they all made).
    pub(super) makers: Vec<Vec<String>>,
    pub(super) shared: HashMap<RegionKey, usize>,
    pub(super) relations: Vec<Relation>,
}

impl<'t> TaskReader<'t> {
    /// A reader for `doc`, whose text is `text`.
    pub(super) fn new(doc: Document, text: &'t str) -> Self {
        Self {
            doc,
            text,
            chars: CharMap::new(text),
            len: crate::model::text::char_len(text),
            spans: Vec::new(),
            makers: Vec::new(),
            shared: HashMap::new(),
            relations: Vec::new(),
        }
    }

    /// Read every annotation of `task` (cancelled ones counted and left
    /// out) and its predictions.
    pub(super) fn read(
        &mut self,
        task: &'t Value,
        origin: &mut Origin,
        notices: &mut Notices,
    ) -> Result<(), String> {
        let list = task["annotations"]
            .as_array()
            .or_else(|| task["completions"].as_array());
        let mut annotations = Vec::new();
        for a in list.into_iter().flatten() {
            if a["was_cancelled"].as_bool() == Some(true) || a["skipped"].as_bool() == Some(true) {
                notices.add("cancelled Label Studio annotations, skipped", 1);
                continue;
            }
            annotations.push(Annotation {
                who: super::annotator(a),
                results: a["result"]
                    .as_array()
                    .map(|r| r.iter().collect())
                    .unwrap_or_default(),
                regions: HashMap::new(),
            });
        }
        // Regions an annotation made, then the read-only copies Spanmark
        // writes so a relation has both its regions (they are the span of
        // the annotation that made it), then everything else.
        for readonly in [false, true] {
            for a in &mut annotations {
                self.regions(a, readonly, origin, notices)?;
            }
        }
        for a in &annotations {
            self.values(a, origin, notices)?;
        }
        for p in task["predictions"].as_array().into_iter().flatten() {
            self.prediction(p, notices)?;
        }
        Ok(())
    }

    /// The checked range of a region: its offsets, or (counted) their
    /// reading as UTF-16 units when only that gives its `value.text`.
    pub(super) fn range(&self, r: &Value, notices: &mut Notices) -> Result<(usize, usize), String> {
        let v = &r["value"];
        let rid = r["id"].as_str().unwrap_or("?");
        let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) else {
            return Err(format!("region {rid} has no start/end"));
        };
        let (s, e) = (s as usize, e as usize);
        let at = |s: usize, e: usize| {
            (s < e && e <= self.len)
                .then(|| self.chars.slice(self.text, s, e))
                .flatten()
        };
        let Some(shown) = v["text"].as_str() else {
            return at(s, e).map(|_| (s, e)).ok_or_else(|| {
                format!(
                    "region {rid} [{s}, {e}) is outside the text of {} characters",
                    self.len
                )
            });
        };
        if at(s, e) == Some(shown) {
            return Ok((s, e));
        }
        if let Some((a, b)) =
            utf16_to_chars(self.text, s, e).filter(|(a, b)| at(*a, *b) == Some(shown))
        {
            notices.add(
                "Label Studio regions with offsets in UTF-16 units, converted",
                1,
            );
            return Ok((a, b));
        }
        Err(format!(
            "region {rid}: its text {} is not the text at [{s}, {e}), {}",
            quote(shown),
            quote(at(s, e).unwrap_or("(outside the text)"))
        ))
    }

    /// The labels regions of one annotation, read-only copies or not.
    fn regions(
        &mut self,
        a: &mut Annotation<'t>,
        readonly: bool,
        origin: &mut Origin,
        notices: &mut Notices,
    ) -> Result<(), String> {
        for r in a.results.iter().copied().filter(|r| r["type"] == "labels") {
            if r["readonly"].as_bool().unwrap_or(false) != readonly {
                continue;
            }
            let (s, e) = self.range(r, notices)?;
            let rid = r["id"].as_str().unwrap_or("");
            let labels: Vec<&str> = r["value"]["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if labels.is_empty() {
                return Err(format!("region {rid} has no labels"));
            }
            note_names(r, &labels, origin);
            // A region with several labels is a span per label.
            for label in labels {
                let key: RegionKey = (rid.to_owned(), s, e, label.to_owned());
                let i = match self.shared.get(&key) {
                    Some(&i) if !rid.is_empty() => {
                        if !readonly {
                            self.made_by(i, a.who.as_deref());
                        }
                        i
                    }
                    _ => {
                        let mut span = Span::new(SpanId(self.spans.len() as u64 + 1), s, e, label);
                        span.set_origin((!rid.is_empty()).then(|| rid.to_owned()));
                        if let Some(score) = r["score"].as_f64() {
                            span.attrs.insert("score".to_owned(), score.to_string());
                        }
                        self.spans.push(span);
                        self.makers.push(Vec::new());
                        let i = self.spans.len() - 1;
                        self.made_by(i, a.who.as_deref());
                        if !readonly {
                            self.shared.insert(key, i);
                        }
                        i
                    }
                };
                let list = a.regions.entry(rid).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        Ok(())
    }

    fn made_by(&mut self, i: usize, who: Option<&str>) {
        if let Some(who) = who
            && !self.makers[i].iter().any(|m| m == who)
        {
            self.makers[i].push(who.to_owned());
        }
    }

    /// The document, with what the task's names were.
    pub(super) fn finish(mut self, origin: &Origin) -> Document {
        for (span, makers) in self.spans.iter_mut().zip(self.makers) {
            if makers.len() > 1 {
                span.set_annotators(makers);
            } else {
                span.annotator = makers.into_iter().next();
            }
        }
        self.doc.categories.sort();
        self.doc.choices.sort();
        self.doc.choices.dedup();
        let pending = std::mem::take(&mut self.doc.suggestions.pending);
        self.doc.suggestions.offer(pending, |_, _, _| false);
        self.doc.spans = self.spans.into_iter().collect();
        self.doc.relations = self.relations.into_iter().collect();
        origin.keep(&mut self.doc);
        self.doc
    }
}

/// Keep the names of a labels region's controls when they are not ours.
fn note_names(r: &Value, labels: &[&str], origin: &mut Origin) {
    if let Some(from) = r["from_name"].as_str().filter(|f| *f != "label") {
        for label in labels {
            origin.labels.insert((*label).to_owned(), from.to_owned());
        }
    }
    if let Some(to) = r["to_name"].as_str().filter(|t| *t != "text") {
        origin.to_name = Some(to.to_owned());
    }
}

/// Offsets counted in UTF-16 units (as Label Studio wrote them before it
/// counted code points) as code point offsets, if both fall on characters.
fn utf16_to_chars(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (mut units, mut a, mut b) = (0, None, None);
    for (i, c) in text.chars().chain(std::iter::once('\0')).enumerate() {
        if units == start {
            a = Some(i);
        }
        if units == end {
            b = Some(i);
            break;
        }
        units += c.len_utf16();
    }
    Some((a?, b?))
}
