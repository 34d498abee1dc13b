//! Writing Label Studio tasks: one annotation per annotator (a span made
//! by several people in each of theirs), every relation in its
//! annotator's annotation with both its regions, each annotator's document
//! choices in their annotation, suggestions as predictions.

mod results;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::text::CharMap;
use crate::model::{LabelSet, SpanId};

use super::super::ExportDoc;
use super::origin::Origin;
use results::{Res, choice_results, predictions, relation_result, span_results};

#[derive(Serialize)]
struct Task<'a> {
    id: u64,
    data: Map<String, Value>,
    annotations: Vec<Annotation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    predictions: Vec<results::Prediction<'a>>,
    meta: Map<String, Value>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    result: Vec<Res<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    completed_by: Option<u64>,
    /// Who made it, when that is not a Label Studio user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    spanmark_annotator: Option<&'a str>,
}

/// One annotation being written: its results and the spans it has regions of.
#[derive(Default)]
struct Building<'a> {
    result: Vec<Res<'a>>,
    regions: BTreeSet<SpanId>,
}

/// A task array written a task at a time, exactly as
/// `serde_json::to_string_pretty` writes the whole array.
#[derive(Debug, Default)]
pub struct TaskArray {
    started: bool,
}

impl TaskArray {
    /// What goes before the next task.
    pub fn before(&mut self) -> &'static str {
        if std::mem::replace(&mut self.started, true) {
            ",\n"
        } else {
            "[\n"
        }
    }

    /// What ends the array.
    pub fn end(&self) -> &'static str {
        if self.started { "\n]" } else { "[]" }
    }
}

/// Document `d`, the `i`th task of the export, as pretty JSON indented as
/// an element of the task array (JSON strings hold no raw line break, so
/// every line break is the formatter's); `names_of` are the names every
/// task of the export shares.
pub fn task_json(d: &ExportDoc<'_>, i: usize, names_of: &Origin, labels: &LabelSet) -> String {
    let own = Origin::of(d.doc);
    let task = task(d, i, names_of, &own, labels);
    let json = serde_json::to_string_pretty(&task).unwrap_or_else(|_| "{}".to_owned());
    format!("  {}", json.replace('\n', "\n  "))
}

/// The task of document `d`.
fn task<'a>(
    d: &'a ExportDoc<'a>,
    i: usize,
    origin: &'a Origin,
    own: &Origin,
    labels: &'a LabelSet,
) -> Task<'a> {
    let text = &d.doc.text;
    let chars = CharMap::new(text);
    let names = results::Names { labels, origin };
    // One annotation per annotator ("" for work nobody signed).
    let mut by: BTreeMap<&str, Building<'_>> = BTreeMap::new();
    let mut makers: BTreeMap<SpanId, Vec<&str>> = BTreeMap::new();
    for s in &d.spans {
        let covered = chars.slice(text, s.start, s.end).unwrap_or("");
        let mut who = s.makers();
        if who.is_empty() {
            who.push("");
        }
        for w in &who {
            let b = by.entry(w).or_default();
            span_results(s, covered, &names, false, &mut b.result);
            b.regions.insert(s.id);
        }
        makers.insert(s.id, who);
    }
    for r in &d.relations {
        if r.from_event.is_some() || r.to_event.is_some() {
            // Counted with what Label Studio cannot hold.
            continue;
        }
        let who = r.annotator.as_deref().unwrap_or_else(|| {
            makers
                .get(&r.from)
                .and_then(|m| m.first().copied())
                .unwrap_or("")
        });
        let b = by.entry(who).or_default();
        // Label Studio finds a relation's regions in its annotation:
        // a region another annotator made comes along, read-only.
        for end in [r.from, r.to] {
            if b.regions.insert(end)
                && let Some(s) = d.spans.iter().find(|s| s.id == end)
            {
                let covered = chars.slice(text, s.start, s.end).unwrap_or("");
                span_results(s, covered, &names, true, &mut b.result);
            }
        }
        b.result.push(relation_result(r));
    }
    by.entry("").or_default().result.extend(choice_results(
        d.doc.categories.iter().map(String::as_str),
        names.origin,
    ));
    let mut chosen: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in &d.doc.choices {
        chosen.entry(&c.annotator).or_default().push(&c.category);
    }
    for (who, categories) in chosen {
        by.entry(who)
            .or_default()
            .result
            .extend(choice_results(categories.into_iter(), names.origin));
    }
    let annotations = by
        .into_iter()
        .filter(|(who, b)| !who.is_empty() || !b.result.is_empty())
        .map(|(who, b)| Annotation {
            result: b.result,
            completed_by: who.parse().ok(),
            spanmark_annotator: (!who.is_empty() && who.parse::<u64>().is_err()).then_some(who),
        })
        .collect();
    Task {
        id: own.task.unwrap_or(i as u64 + 1),
        data: data(d, origin, own.bare),
        annotations,
        predictions: predictions(d.doc, text, &chars, &names),
        meta: task_meta(d, own),
    }
}

/// A task's `meta`: the document's status, and the names its task came
/// with (the export may write them otherwise, for one configuration).
fn task_meta(d: &ExportDoc<'_>, own: &Origin) -> Map<String, Value> {
    let mut meta = Map::new();
    let status = super::super::jsonl::status_name(d.doc.status);
    meta.insert(
        "spanmark_status".to_owned(),
        Value::String(status.to_owned()),
    );
    if d.doc.meta.extra.contains_key(super::origin::ORIGIN_KEY)
        && let Ok(origin) = serde_json::to_value(own)
    {
        meta.insert("spanmark_origin".to_owned(), origin);
    }
    meta
}

/// A task's data: the text under the key it came with, the document's id
/// and title (unless its task had none), and its other metadata.
fn data(d: &ExportDoc<'_>, origin: &Origin, bare: bool) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert(
        origin.text_key().to_owned(),
        Value::String(d.doc.text.clone()),
    );
    if !bare {
        data.insert("doc_id".into(), Value::String(d.doc.id.clone()));
        data.insert("title".into(), Value::String(d.doc.title.clone()));
    }
    for (key, value) in &d.doc.meta.extra {
        if key == super::origin::ORIGIN_KEY {
            continue;
        }
        data.entry(key.trim_start_matches('@').to_owned())
            .or_insert_with(|| super::super::jsonl::meta_json(value));
    }
    data
}
