//! Carrying changes made where the project's id counters were lower (a
//! document edited while the rest of its project was being read, with
//! counters from that document's file only): every id a change mints at or
//! above the counters it was made with moves above the counters of the
//! project it is carried onto, so it collides with no id there.

use crate::model::edit::Edit;
use crate::model::project::NextIds;
use crate::model::{Event, EventId, Relation, RelationId, Span, SpanId};

use super::Change;

/// Ids at or above `from` move up by `by`, per kind.
struct Shift {
    from: NextIds,
    by: NextIds,
}

impl Shift {
    fn up(id: u64, from: u64, by: u64) -> u64 {
        if id >= from { id + by } else { id }
    }

    fn span(&self, id: &mut SpanId) {
        id.0 = Self::up(id.0, self.from.span, self.by.span);
    }

    fn relation_id(&self, id: &mut RelationId) {
        id.0 = Self::up(id.0, self.from.relation, self.by.relation);
    }

    fn event_id(&self, id: &mut EventId) {
        id.0 = Self::up(id.0, self.from.event, self.by.event);
    }

    fn relation(&self, r: &mut Relation) {
        self.relation_id(&mut r.id);
        self.span(&mut r.from);
        self.span(&mut r.to);
        for e in [&mut r.from_event, &mut r.to_event].into_iter().flatten() {
            self.event_id(e);
        }
    }

    fn event(&self, e: &mut Event) {
        self.event_id(&mut e.id);
        self.span(&mut e.trigger);
        e.args.iter_mut().for_each(|(_, s)| self.span(s));
        e.arg_events.iter_mut().for_each(|(_, a)| self.event_id(a));
    }

    fn span_of(&self, s: &mut Span) {
        self.span(&mut s.id);
    }

    fn edit(&self, edit: &mut Edit) {
        match edit {
            Edit::AddSpan { span, relations } => {
                self.span_of(span);
                relations.iter_mut().for_each(|r| self.relation(r));
            }
            Edit::AddRejected(span) => self.span_of(span),
            Edit::RemoveSpan { id }
            | Edit::SetLabel { id, .. }
            | Edit::SetPieces { id, .. }
            | Edit::SetRange { id, .. }
            | Edit::SetAttr { id, .. }
            | Edit::SetNote { id, .. }
            | Edit::SetGold { id, .. }
            | Edit::RemoveRejected { id } => self.span(id),
            Edit::AddRelation(r) => self.relation(r),
            Edit::RemoveRelation { id } => self.relation_id(id),
            Edit::AddEvent(e) => self.event(e),
            Edit::RemoveEvent { id } => self.event_id(id),
            Edit::Batch(edits) => edits.iter_mut().for_each(|e| self.edit(e)),
            Edit::SetCategories(_)
            | Edit::SetChoices(_)
            | Edit::SetStatus(_)
            | Edit::SetSuggestions(_) => {}
        }
    }

    fn change(&self, change: &mut Change) {
        match change {
            Change::Doc { edit, .. } => self.edit(edit),
            Change::Batch(changes) => changes.iter_mut().for_each(|c| self.change(c)),
            _ => {}
        }
    }
}

impl Change {
    /// The change made where the id counters were `made_at`, carried onto a
    /// project whose counters are `now`: every span, relation and event id
    /// at or above `made_at` moves up by as much as `now` is above it (the
    /// ids below, which the document already had, stay).
    pub fn with_new_ids_above(mut self, made_at: NextIds, now: NextIds) -> Change {
        let by = NextIds {
            span: now.span.saturating_sub(made_at.span),
            relation: now.relation.saturating_sub(made_at.relation),
            event: now.event.saturating_sub(made_at.event),
        };
        if by != NextIds::default() {
            Shift { from: made_at, by }.change(&mut self);
        }
        self
    }
}
