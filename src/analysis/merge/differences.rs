//! What annotators disagree on in a merged document, span by span: a span
//! not every annotator of the document made is a difference of label
//! (another label on the same range), of boundary (the same label on an
//! overlapping, different range), or missing (the others have nothing
//! like it).

use crate::model::{Document, MetaValue, SpanId};

use super::ANNOTATORS_KEY;

/// How a span differs between annotators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiffKind {
    /// Another annotator gave the same range another label.
    Label,
    /// Another annotator has the same label on an overlapping range.
    Boundary,
    /// Some annotators have nothing like it.
    Missing,
}

/// A span of a merged document that not every annotator made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The span.
    pub span: SpanId,
    /// How it differs.
    pub kind: DiffKind,
    /// Who made it.
    pub by: Vec<String>,
    /// Who did not.
    pub not_by: Vec<String>,
}

/// Who annotated a merged document (its metadata), in order.
pub fn doc_annotators(doc: &Document) -> Vec<String> {
    match doc.meta.extra.get(ANNOTATORS_KEY) {
        Some(MetaValue::Text(list)) => list
            .split(", ")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// The differences of `doc` among `annotators`, in text order.
pub fn differences(doc: &Document, annotators: &[String]) -> Vec<Difference> {
    let mut out = Vec::new();
    for s in doc.spans.iter() {
        let makers = s.makers();
        let not_by: Vec<String> = annotators
            .iter()
            .filter(|a| !makers.contains(&a.as_str()))
            .cloned()
            .collect();
        if not_by.is_empty() {
            continue;
        }
        let others = doc
            .spans
            .overlapping(s.start, s.end)
            .into_iter()
            .filter(|o| o.id != s.id);
        let mut kind = DiffKind::Missing;
        for o in others {
            if o.start == s.start && o.end == s.end && o.label != s.label {
                kind = DiffKind::Label;
                break;
            }
            if o.label == s.label && o.start < s.end && s.start < o.end {
                kind = DiffKind::Boundary;
            }
        }
        out.push(Difference {
            span: s.id,
            kind,
            by: makers.into_iter().map(str::to_owned).collect(),
            not_by,
        });
    }
    out
}
