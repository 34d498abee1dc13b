//! Fresh ids for a document joining a project: its spans, relations and
//! events take theirs from the project's counters, and every reference
//! (relation ends, event triggers and arguments, events as arguments and
//! as relation ends) follows.

use std::collections::HashMap;

use super::document::Document;
use super::project::NextIds;
use super::{EventId, RelationId, SpanId};

impl Document {
    /// Give the document's spans, relations and events fresh ids from
    /// `next` (spans in text order, relations and events in id order),
    /// every reference following. O(spans + relations + events).
    pub fn renumber(&mut self, next: &mut NextIds) {
        let (spans, map) = std::mem::take(&mut self.spans).renumbered(&mut next.span);
        self.spans = spans;
        let span = |id: SpanId| map.get(&id).copied().unwrap_or(id);
        let mut events: HashMap<EventId, EventId> = HashMap::with_capacity(self.events.len());
        for e in &mut self.events {
            let id = EventId(next.event);
            next.event += 1;
            events.insert(e.id, id);
            e.id = id;
        }
        let event = |id: EventId| events.get(&id).copied().unwrap_or(id);
        for e in &mut self.events {
            e.trigger = span(e.trigger);
            for (_, s) in &mut e.args {
                *s = span(*s);
            }
            for (_, a) in &mut e.arg_events {
                *a = event(*a);
            }
        }
        self.relations = std::mem::take(&mut self.relations).map(|mut r| {
            r.id = RelationId(next.relation);
            next.relation += 1;
            r.from = span(r.from);
            r.to = span(r.to);
            r.from_event = r.from_event.map(event);
            r.to_event = r.to_event.map(event);
            r
        });
    }
}
