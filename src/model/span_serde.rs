//! A span in files: every field in its place, as before the rarely used
//! ones were boxed ([`super::SpanExtra`]), so RON projects, JSON journals
//! and every reader of them see the same text.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::span::{Normalization, Span, SpanExtra, SpanId, TypedNote};

/// A span as written: borrowed, in the fields' order of the format.
#[derive(Serialize)]
#[serde(rename = "Span")]
struct SpanOut<'a> {
    id: SpanId,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fragments: &'a [(usize, usize)],
    label: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attrs: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: &'a Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    typed_notes: &'a [TypedNote],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    normalizations: &'a [Normalization],
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: &'a Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    annotators: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    gold: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested: &'a Option<String>,
}

/// A span as read: every field owned, missing ones empty.
#[derive(Deserialize)]
#[serde(rename = "Span")]
struct SpanIn {
    id: SpanId,
    start: usize,
    end: usize,
    #[serde(default)]
    fragments: Vec<(usize, usize)>,
    label: String,
    #[serde(default)]
    attrs: BTreeMap<String, String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    typed_notes: Vec<TypedNote>,
    #[serde(default)]
    normalizations: Vec<Normalization>,
    #[serde(default)]
    annotator: Option<String>,
    #[serde(default)]
    annotators: Vec<String>,
    #[serde(default)]
    gold: bool,
    #[serde(default)]
    origin: Option<String>,
    #[serde(default)]
    suggested: Option<String>,
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let extra = self.extra();
        SpanOut {
            id: self.id,
            start: self.start,
            end: self.end,
            fragments: &extra.fragments,
            label: &self.label,
            attrs: &self.attrs,
            note: &extra.note,
            typed_notes: &extra.typed_notes,
            normalizations: &extra.normalizations,
            annotator: &self.annotator,
            annotators: &extra.annotators,
            gold: self.gold,
            origin: self.origin(),
            suggested: &extra.suggested,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = SpanIn::deserialize(deserializer)?;
        let mut span = Span::new(s.id, s.start, s.end, s.label);
        span.attrs = s.attrs;
        span.annotator = s.annotator;
        span.gold = s.gold;
        let extra = SpanExtra {
            fragments: s.fragments,
            note: s.note,
            typed_notes: s.typed_notes,
            normalizations: s.normalizations,
            annotators: s.annotators,
            suggested: s.suggested,
        };
        span.set_origin(s.origin);
        if !extra.is_empty() {
            span.with_extra(|e| *e = extra);
        }
        Ok(span)
    }
}
