//! Writing Label Studio tasks: one annotation per annotator.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::text::CharMap;
use crate::model::{AttrKind, LabelSet, Relation, Span};

use super::super::{ExportDoc, Notices};
use super::control_name;

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Map<String, Value>,
    annotations: Vec<Annotation<'a>>,
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

/// One result of an annotation, written straight from the project's data
/// (fields in alphabetical order, as Label Studio's own exports have them).
#[derive(Serialize)]
#[serde(untagged)]
enum Res<'a> {
    Region {
        from_name: String,
        id: String,
        to_name: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: RegionValue<'a>,
    },
    Relation {
        direction: &'static str,
        from_id: String,
        labels: [&'a str; 1],
        to_id: String,
        #[serde(rename = "type")]
        kind: &'static str,
    },
    Choices {
        from_name: &'a str,
        to_name: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: ChoicesValue<'a>,
    },
}

/// A region's `value`: its range and what the control holds.
#[derive(Clone, Copy, Serialize)]
struct RegionValue<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<[&'a str; 1]>,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<[&'a str; 1]>,
    start: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Text<'a>>,
}

/// `text` is the covered text of a labels region, a list in a textarea.
#[derive(Clone, Copy, Serialize)]
#[serde(untagged)]
enum Text<'a> {
    Covered(&'a str),
    Typed([&'a str; 1]),
}

#[derive(Serialize)]
struct ChoicesValue<'a> {
    choices: Vec<&'a str>,
}

/// How an attribute is written: a choice or free text.
fn is_choice(labels: &LabelSet, label: &str, name: &str) -> bool {
    labels.get(label).is_some_and(|l| {
        l.attributes
            .iter()
            .any(|a| a.name == name && matches!(a.kind, AttrKind::Choice(_) | AttrKind::Flag))
    })
}

/// The results of one span: the region, its attributes and its note.
fn span_results<'a>(
    s: &'a Span,
    text: &'a str,
    labels: &'a LabelSet,
    notices: &mut Notices,
    out: &mut Vec<Res<'a>>,
) {
    let label = labels
        .get(&s.label)
        .map_or(s.label.as_str(), |l| l.export_name());
    if s.is_discontinuous() {
        notices.add(
            "discontinuous spans written as their whole range (Label Studio regions are one piece)",
            1,
        );
    }
    if !s.typed_notes.is_empty() || !s.normalizations.is_empty() {
        notices.add("spans' typed notes and knowledge-base links left out (Label Studio has no place for them)", 1);
    }
    let region = |from_name: String, kind: &'static str, value: RegionValue<'a>| Res::Region {
        from_name,
        id: format!("T{}", s.id.0),
        to_name: "text",
        kind,
        value,
    };
    let value = RegionValue {
        choices: None,
        end: s.end,
        labels: None,
        start: s.start,
        text: None,
    };
    out.push(region(
        "label".to_owned(),
        "labels",
        RegionValue {
            labels: Some([label]),
            text: Some(Text::Covered(text)),
            ..value
        },
    ));
    for (name, v) in &s.attrs {
        let control = control_name(&s.label, name);
        out.push(if is_choice(labels, &s.label, name) {
            region(
                control,
                "choices",
                RegionValue {
                    choices: Some([v]),
                    ..value
                },
            )
        } else {
            region(
                control,
                "textarea",
                RegionValue {
                    text: Some(Text::Typed([v])),
                    ..value
                },
            )
        });
    }
    if let Some(note) = &s.note {
        out.push(region(
            "note".to_owned(),
            "textarea",
            RegionValue {
                text: Some(Text::Typed([note])),
                ..value
            },
        ));
    }
}

fn relation_result<'a>(r: &'a Relation, notices: &mut Notices) -> Res<'a> {
    if r.roles.is_some() || !r.attrs.is_empty() || r.note.is_some() {
        notices.add(
            "relations' roles, attributes and notes left out (Label Studio relations have none)",
            1,
        );
    }
    Res::Relation {
        direction: if r.symmetric { "bi" } else { "right" },
        from_id: format!("T{}", r.from.0),
        labels: [&r.kind],
        to_id: format!("T{}", r.to.0),
        kind: "relation",
    }
}

/// The document's categories as choices, one result per control.
fn category_results(categories: &[String]) -> impl Iterator<Item = Res<'_>> {
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in categories {
        let (group, value) = c.split_once('/').unwrap_or(("category", c));
        groups.entry(group).or_default().push(value);
    }
    groups.into_iter().map(|(group, choices)| Res::Choices {
        from_name: group,
        to_name: "text",
        kind: "choices",
        value: ChoicesValue { choices },
    })
}

/// Write documents as a Label Studio task array; what Label Studio cannot
/// hold is counted in `notices`.
pub fn write_label_studio(
    docs: &[ExportDoc<'_>],
    labels: &LabelSet,
    notices: &mut Notices,
) -> String {
    let mut tasks = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let text = &d.doc.text;
        let chars = CharMap::new(text);
        // One annotation per annotator ("" for spans nobody signed).
        let mut by_annotator: BTreeMap<&str, Vec<Res<'_>>> = BTreeMap::new();
        let mut annotator_of = BTreeMap::new();
        for s in &d.spans {
            let who = s.annotator.as_deref().unwrap_or("");
            annotator_of.insert(s.id, who);
            let covered = chars.slice(text, s.start, s.end).unwrap_or("");
            span_results(
                s,
                covered,
                labels,
                notices,
                by_annotator.entry(who).or_default(),
            );
        }
        for r in &d.relations {
            let who = annotator_of.get(&r.from).copied().unwrap_or("");
            by_annotator
                .entry(who)
                .or_default()
                .push(relation_result(r, notices));
        }
        if !d.events.is_empty() {
            notices.add(
                "events left out (Label Studio has no events)",
                d.events.len(),
            );
        }
        by_annotator
            .entry("")
            .or_default()
            .extend(category_results(&d.doc.categories));
        let annotations = by_annotator
            .into_iter()
            .filter(|(who, result)| !who.is_empty() || !result.is_empty())
            .map(|(who, result)| Annotation {
                result,
                completed_by: who.parse().ok(),
                spanmark_annotator: (!who.is_empty() && who.parse::<u64>().is_err()).then_some(who),
            })
            .collect();
        let mut data = Map::new();
        data.insert("text".into(), Value::String(text.clone()));
        data.insert("doc_id".into(), Value::String(d.doc.id.clone()));
        data.insert("title".into(), Value::String(d.doc.title.clone()));
        for (key, value) in &d.doc.meta.extra {
            data.entry(key.trim_start_matches('@').to_owned())
                .or_insert_with(|| super::super::jsonl::meta_json(value));
        }
        tasks.push(Task {
            id: i + 1,
            data,
            annotations,
        });
    }
    serde_json::to_string_pretty(&tasks).unwrap_or_else(|_| "[]".to_owned())
}
