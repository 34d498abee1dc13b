//! Relations between spans, and events (a trigger span and the spans or
//! events that fill its roles).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::span::SpanId;

impl std::fmt::Display for RelationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "R{}", self.0)
    }
}

/// Stable identifier of a relation within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationId(pub u64);

/// A directed, typed link between two spans, e.g. a quote `said_by` an
/// entity; or, when symmetric, an undirected one (brat equivalences).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Stable id, unique within the document.
    pub id: RelationId,
    /// Relation kind, e.g. `"said_by"`.
    pub kind: String,
    /// Source span.
    pub from: SpanId,
    /// Target span.
    pub to: SpanId,
    /// The names of the two ends' roles (brat `Employee:T1 Employer:T2`);
    /// `None`: `Arg1` and `Arg2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<(String, String)>,
    /// The relation has no direction (an equivalence).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub symmetric: bool,
    /// Attribute values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who made the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    /// When the source end is an event rather than a span (brat `R1
    /// Before Arg1:E1 Arg2:E2`): that event; `from` is then its trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_event: Option<EventId>,
    /// When the target end is an event: that event; `to` is its trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_event: Option<EventId>,
}

impl Relation {
    /// A relation with no roles, attributes, note or annotator.
    pub fn new(id: RelationId, kind: impl Into<String>, from: SpanId, to: SpanId) -> Self {
        Self {
            id,
            kind: kind.into(),
            from,
            to,
            roles: None,
            symmetric: false,
            attrs: BTreeMap::new(),
            note: None,
            annotator: None,
            from_event: None,
            to_event: None,
        }
    }

    /// The events the relation connects (none for a relation between spans).
    pub fn events(&self) -> impl Iterator<Item = EventId> {
        self.from_event.into_iter().chain(self.to_event)
    }
}

/// Stable identifier of an event within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub u64);

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "E{}", self.0)
    }
}

/// An event: a trigger span and the spans that fill its roles (brat `E`
/// lines, e.g. `Attack:T1 Attacker:T2 Target:T3`). An argument may be
/// another event (BioNLP `Positive_regulation:T9 Theme:E2`): `args` then
/// holds that event's trigger (so everything that reads arguments as spans
/// still can) and `arg_events` says which event it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id, unique within the document.
    pub id: EventId,
    /// The event's type (usually the trigger's label).
    pub kind: String,
    /// The span that expresses the event.
    pub trigger: SpanId,
    /// Role name and span of each argument, in order (for an argument
    /// that is an event, the event's trigger).
    #[serde(default)]
    pub args: Vec<(String, SpanId)>,
    /// The arguments that are events: (position in `args`, the event), in
    /// order of position.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arg_events: Vec<(usize, EventId)>,
    /// Attribute values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Event {
    /// An event of `kind` on `trigger`, without arguments yet.
    pub fn new(id: EventId, kind: impl Into<String>, trigger: SpanId) -> Self {
        Self {
            id,
            kind: kind.into(),
            trigger,
            args: Vec::new(),
            arg_events: Vec::new(),
            attrs: BTreeMap::new(),
            note: None,
        }
    }

    /// Every span the event refers to: the trigger, then the arguments.
    pub fn spans(&self) -> impl Iterator<Item = SpanId> + '_ {
        std::iter::once(self.trigger).chain(self.args.iter().map(|(_, s)| *s))
    }

    /// The events that are arguments of this one.
    pub fn events(&self) -> impl Iterator<Item = EventId> + '_ {
        self.arg_events.iter().map(|(_, e)| *e)
    }

    /// The event argument `i` is, if it is one.
    pub fn arg_event(&self, i: usize) -> Option<EventId> {
        self.arg_events
            .binary_search_by_key(&i, |(at, _)| *at)
            .ok()
            .map(|k| self.arg_events[k].1)
    }

    /// Add an argument that is a span.
    pub fn push_span(&mut self, role: impl Into<String>, span: SpanId) {
        self.args.push((role.into(), span));
    }

    /// Add an argument that is an event, whose trigger is `trigger`.
    pub fn push_event(&mut self, role: impl Into<String>, event: EventId, trigger: SpanId) {
        self.arg_events.push((self.args.len(), event));
        self.args.push((role.into(), trigger));
    }
}
