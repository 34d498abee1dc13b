//! Merging annotators' projects: documents matched by their text;
//! identical spans (start, end, label) collapse into one that lists
//! everyone who made it; differing spans are kept with their annotators;
//! relations, events, attributes and notes are carried over. The
//! differences between annotators are classified for the report and for
//! curation. `three_way` merges two versions of one project against their
//! common base (the git merge driver).

mod curation;
mod differences;
pub mod three_way;
mod three_way_events;
mod three_way_spans;

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt as _};

use crate::model::{
    Document, Event, EventId, MetaValue, NextIds, Project, Relation, RelationId, Span, SpanId,
};

pub use curation::Curation;
pub use differences::{DiffKind, Difference, differences, doc_annotators};

/// The metadata key of a merged document listing who annotated it.
pub const ANNOTATORS_KEY: &str = "annotators";

/// What a merge did and found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Documents in the merged project.
    pub documents: usize,
    /// Of them, documents two or more annotators have.
    pub shared: usize,
    /// Spans in the merged project.
    pub spans: usize,
    /// Spans every annotator of their document made.
    pub agreed: usize,
    /// Spans with another label on the same range by someone else.
    pub label: usize,
    /// Spans with the same label on an overlapping, different range.
    pub boundary: usize,
    /// Spans some annotators of their document did not make at all.
    pub missing: usize,
    /// Relations carried over (identical ones once).
    pub relations: usize,
    /// Attribute values that differed between identical spans (the first
    /// annotator's kept).
    pub attribute_conflicts: usize,
}

/// An event's identity in a merged document: kind, trigger, arguments.
type EventKey = (String, SpanId, Vec<(String, SpanId)>);

/// The identity of a span across versions: range, pieces, label.
pub(crate) type SpanKey = (usize, usize, String, Vec<(usize, usize)>);

/// A span's identity.
pub(crate) fn span_key(s: &Span) -> SpanKey {
    (s.start, s.end, s.label.clone(), s.fragments().to_vec())
}

/// Merge the projects of `annotators` (name, project) into one named
/// `name`.
pub fn merge(annotators: &[(String, &Project)], name: &str) -> (Project, MergeReport) {
    let projects: Vec<&Project> = annotators.iter().map(|(_, p)| *p).collect();
    let (rows, _) = crate::analysis::agree::match_texts(&projects);
    let mut out = Project::new(name);
    out.labels = crate::model::LabelSet(Vec::new());
    for p in &projects {
        out.labels.add_missing(&p.labels);
        out.relation_kinds = three_way::union_order(&out.relation_kinds, &p.relation_kinds);
    }
    let mut report = MergeReport::default();
    let mut next = NextIds {
        span: 1,
        relation: 1,
        event: 1,
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let versions: Vec<(&str, &Document)> = row
            .iter()
            .enumerate()
            .filter_map(|(k, d)| d.map(|d| (annotators[k].0.as_str(), d)))
            .collect();
        let mut doc = merge_document(&versions, &mut next, &mut report);
        // Documents keep the first annotator's id, made unique.
        let n = ids.entry(doc.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            doc.id = format!("{}-{n}", doc.id);
        }
        let people = doc_annotators(&doc);
        if people.len() > 1 {
            report.shared += 1;
            for d in differences(&doc, &people) {
                match d.kind {
                    DiffKind::Label => report.label += 1,
                    DiffKind::Boundary => report.boundary += 1,
                    DiffKind::Missing => report.missing += 1,
                }
            }
        }
        report.spans += doc.spans.len();
        report.relations += doc.relations.len();
        out.documents.push(doc);
    }
    report.documents = out.documents.len();
    report.agreed = report.spans - report.label - report.boundary - report.missing;
    out.next_ids = next;
    out.ensure_next_ids();
    (out, report)
}

/// One document from its versions (annotator name, document): the first
/// version's title and metadata, everyone's spans, relations and events.
fn merge_document(
    versions: &[(&str, &Document)],
    next: &mut NextIds,
    report: &mut MergeReport,
) -> Document {
    let first = versions[0].1;
    let mut doc = Document::new(first.id.clone(), first.title.clone(), first.text.clone());
    doc.source.clone_from(&first.source);
    doc.meta = first.meta.clone();
    doc.status = first.status;
    let mut notes: Vec<&str> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut by_key: HashMap<SpanKey, usize> = HashMap::new();
    let mut relations: BTreeMap<(String, SpanId, SpanId), Relation> = BTreeMap::new();
    let mut events: BTreeMap<EventKey, Event> = BTreeMap::new();
    for (name, version) in versions {
        if !version.notes.is_empty() && !notes.contains(&version.notes.as_str()) {
            notes.push(&version.notes);
        }
        for c in &version.categories {
            if !doc.categories.contains(c) {
                doc.categories.push(c.clone());
            }
        }
        for c in &version.choices {
            if !doc.choices.contains(c) {
                doc.choices.push(c.clone());
            }
        }
        let mut map: HashMap<SpanId, SpanId> = HashMap::new();
        for s in version.spans.iter() {
            let makers: Vec<String> = match s.makers() {
                m if m.is_empty() => vec![(*name).to_owned()],
                m => m.into_iter().map(str::to_owned).collect(),
            };
            let key = span_key(s);
            if let Some(&i) = by_key.get(&key) {
                let kept = &mut spans[i];
                kept.with_extra(|e| {
                    for m in makers {
                        if !e.annotators.contains(&m) {
                            e.annotators.push(m);
                        }
                    }
                });
                for (k, v) in &s.attrs {
                    match kept.attrs.get(k) {
                        Some(old) if old != v => report.attribute_conflicts += 1,
                        Some(_) => {}
                        None => {
                            kept.attrs.insert(k.clone(), v.clone());
                        }
                    }
                }
                if let Some(note) = s.note()
                    && kept.note().is_none_or(|n| !n.contains(note))
                {
                    kept.with_extra(|e| {
                        e.note = Some(match e.note.take() {
                            Some(old) => format!("{old}\n{note}"),
                            None => note.to_owned(),
                        })
                    });
                }
                map.insert(s.id, kept.id);
            } else {
                let mut span = s.clone();
                span.id = SpanId(next.span);
                next.span += 1;
                span.set_annotators(makers);
                map.insert(s.id, span.id);
                by_key.insert(key, spans.len());
                spans.push(span);
            }
        }
        let new = |id: SpanId| map.get(&id).copied();
        // This version's event ids -> the merged ones (events that take
        // events as arguments, and relations between events, follow).
        let mut event_ids: HashMap<EventId, EventId> = HashMap::new();
        let mut added: Vec<EventKey> = Vec::new();
        for e in &version.events {
            let Some(trigger) = new(e.trigger) else {
                continue;
            };
            let args: Option<Vec<(String, SpanId)>> = e
                .args
                .iter()
                .map(|(role, s)| new(*s).map(|s| (role.clone(), s)))
                .collect();
            let Some(args) = args else { continue };
            let key = (e.kind.clone(), trigger, args.clone());
            let merged = events.entry(key.clone()).or_insert_with(|| {
                added.push(key);
                let mut e = e.clone();
                e.id = EventId(next.event);
                next.event += 1;
                e.trigger = trigger;
                e.args = args;
                e
            });
            event_ids.insert(e.id, merged.id);
        }
        for key in added {
            if let Some(e) = events.get_mut(&key) {
                for (_, a) in &mut e.arg_events {
                    *a = event_ids.get(a).copied().unwrap_or(*a);
                }
            }
        }
        for r in version.relations.iter() {
            let (Some(from), Some(to)) = (new(r.from), new(r.to)) else {
                continue;
            };
            relations
                .entry((r.kind.clone(), from, to))
                .or_insert_with(|| {
                    let mut r = r.clone();
                    r.id = RelationId(next.relation);
                    next.relation += 1;
                    r.from = from;
                    r.to = to;
                    r.annotator = r.annotator.or_else(|| Some((*name).to_owned()));
                    for end in [&mut r.from_event, &mut r.to_event].into_iter().flatten() {
                        *end = event_ids.get(end).copied().unwrap_or(*end);
                    }
                    r
                });
        }
    }
    // One maker: the span's annotator; several: all of them listed.
    for s in &mut spans {
        if s.annotators().len() == 1 {
            s.annotator = s.with_extra(|e| e.annotators.pop());
        } else {
            s.annotator = None;
        }
    }
    doc.notes = notes.join("\n\n");
    doc.spans = spans.into_iter().collect();
    doc.relations = relations.into_values().collect();
    doc.events = events.into_values().collect();
    doc.events.sort_by_key(|e| e.id);
    doc.choices.sort();
    let people: Vec<&str> = versions.iter().map(|(n, _)| *n).collect();
    doc.meta.extra.insert(
        ANNOTATORS_KEY.to_owned(),
        MetaValue::Text(people.join(", ")),
    );
    doc
}
