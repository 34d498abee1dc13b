//! The results of an annotation or prediction, written straight from the
//! project's data (fields in alphabetical order, as Label Studio's own
//! exports have them), under the control names the task came with.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::text::CharMap;
use crate::model::{AttrKind, Document, LabelSet, Relation, Span};

use super::super::origin::Origin;

/// What names results: the label set (names a label came with) and the
/// names the task came with.
pub(super) struct Names<'a> {
    pub labels: &'a LabelSet,
    pub origin: &'a Origin,
}

/// One result.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Res<'a> {
    Region {
        from_name: String,
        id: String,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        readonly: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        score: Option<f32>,
        to_name: &'a str,
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
        #[serde(skip_serializing_if = "Option::is_none")]
        score: Option<f32>,
        to_name: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: ChoicesValue<'a>,
    },
}

/// A region's `value`: its range and what the control holds.
#[derive(Clone, Copy, Serialize)]
pub(super) struct RegionValue<'a> {
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
pub(super) struct ChoicesValue<'a> {
    choices: Vec<&'a str>,
}

/// A prediction: a model's suggestions for the task.
#[derive(Serialize)]
pub(super) struct Prediction<'a> {
    model_version: &'a str,
    result: Vec<Res<'a>>,
}

/// How an attribute is written: a choice or free text.
fn is_choice(labels: &LabelSet, label: &str, name: &str) -> bool {
    labels.get(label).is_some_and(|l| {
        l.attributes
            .iter()
            .any(|a| a.name == name && matches!(a.kind, AttrKind::Choice(_) | AttrKind::Flag))
    })
}

/// A labels region of `label` over `[start, end)`.
fn labels_region<'a>(
    id: String,
    names: &Names<'a>,
    label: &'a str,
    (start, end, covered): (usize, usize, &'a str),
) -> Res<'a> {
    Res::Region {
        from_name: names.origin.labels_control(label).to_owned(),
        id,
        readonly: false,
        score: None,
        to_name: names.origin.to_name(),
        kind: "labels",
        value: RegionValue {
            choices: None,
            end,
            labels: Some([label]),
            start,
            text: Some(Text::Covered(covered)),
        },
    }
}

/// The results of one span: the region, its attributes and its note (a
/// `readonly` copy is the region alone, there to hold a relation).
pub(super) fn span_results<'a>(
    s: &'a Span,
    covered: &'a str,
    names: &Names<'a>,
    readonly: bool,
    out: &mut Vec<Res<'a>>,
) {
    let label = names
        .labels
        .get(&s.label)
        .map_or(s.label.as_str(), |l| l.export_name());
    let id = format!("T{}", s.id.0);
    let mut region = labels_region(id.clone(), names, label, (s.start, s.end, covered));
    if let Res::Region { readonly: r, .. } = &mut region {
        *r = readonly;
    }
    out.push(region);
    if readonly {
        return;
    }
    let value = RegionValue {
        choices: None,
        end: s.end,
        labels: None,
        start: s.start,
        text: None,
    };
    let region = |from_name: String, kind: &'static str, value: RegionValue<'a>| Res::Region {
        from_name,
        id: id.clone(),
        readonly: false,
        score: None,
        to_name: names.origin.to_name(),
        kind,
        value,
    };
    for (name, v) in &s.attrs {
        let control = names.origin.attr_control(&s.label, name);
        out.push(if is_choice(names.labels, &s.label, name) {
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
    if let Some(note) = s.note() {
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

/// A relation between two regions.
pub(super) fn relation_result(r: &Relation) -> Res<'_> {
    Res::Relation {
        direction: if r.symmetric { "bi" } else { "right" },
        from_id: format!("T{}", r.from.0),
        labels: [&r.kind],
        to_id: format!("T{}", r.to.0),
        kind: "relation",
    }
}

/// Document categories as choices, one result per control (`group/value`
/// to the control `group`, plain ones to `category`).
pub(super) fn choice_results<'a>(
    categories: impl Iterator<Item = &'a str>,
    origin: &'a Origin,
) -> impl Iterator<Item = Res<'a>> {
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in categories {
        let (group, value) = c.split_once('/').unwrap_or(("category", c));
        groups.entry(group).or_default().push(value);
    }
    groups.into_iter().map(|(group, choices)| Res::Choices {
        from_name: group,
        score: None,
        to_name: origin.to_name(),
        kind: "choices",
        value: ChoicesValue { choices },
    })
}

/// The document's pending suggestions as predictions, one per source.
pub(super) fn predictions<'a>(
    doc: &'a Document,
    text: &'a str,
    chars: &CharMap,
    names: &Names<'a>,
) -> Vec<Prediction<'a>> {
    let mut by: BTreeMap<&str, Vec<Res<'a>>> = BTreeMap::new();
    for (k, s) in doc.suggestions.pending.iter().enumerate() {
        let label = names
            .labels
            .get(&s.label)
            .map_or(s.label.as_str(), |l| l.export_name());
        let covered = chars.slice(text, s.start, s.end).unwrap_or("");
        let mut region = labels_region(
            format!("S{}", k + 1),
            names,
            label,
            (s.start, s.end, covered),
        );
        if let Res::Region { score, .. } = &mut region {
            *score = s.score.map(|x| x.0);
        }
        by.entry(version(&s.source)).or_default().push(region);
    }
    for c in &doc.suggestions.categories {
        let mut results: Vec<Res<'a>> =
            choice_results(std::iter::once(c.category.as_str()), names.origin).collect();
        for r in &mut results {
            if let Res::Choices { score, .. } = r {
                *score = c.score.map(|x| x.0);
            }
        }
        by.entry(version(&c.source)).or_default().extend(results);
    }
    by.into_iter()
        .map(|(model_version, result)| Prediction {
            model_version,
            result,
        })
        .collect()
}

/// A suggestion's source as a prediction's `model_version`.
fn version(source: &str) -> &str {
    source.strip_prefix("model:").unwrap_or(source)
}
