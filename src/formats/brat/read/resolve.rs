//! The second pass of reading brat: once every line is read, resolve event
//! arguments, attach attributes, notes and normalizations to what they name,
//! check every reference, and build the document.

use foldhash::HashMap;

use crate::model::{Document, Event, EventId, SpanId, TypedNote};

use super::super::super::{FormatError, Notices};
use super::{Extra, Reader, Target};

impl Reader<'_> {
    /// Attach what waited, check every reference, build the document.
    pub(super) fn finish(mut self, notices: &mut Notices) -> Result<Document, FormatError> {
        let mut events: Vec<Event> = Vec::with_capacity(self.events.len());
        let triggers: HashMap<u64, u64> = self
            .events
            .iter()
            .map(|(_, e, _)| (e.id.0, e.trigger.0))
            .collect();
        for (n, mut event, args) in std::mem::take(&mut self.events) {
            for (role, target) in args {
                let number = |prefix: &str| {
                    target
                        .strip_prefix(prefix)
                        .and_then(|x| x.parse::<u64>().ok())
                };
                match (number("T"), number("E")) {
                    (Some(span), _) => event.push_span(role, SpanId(span)),
                    // An event as an argument: the event itself, its
                    // trigger standing beside it in the arguments.
                    (_, Some(e)) => {
                        let trigger = triggers.get(&e).copied().ok_or_else(|| {
                            self.bad(n, format!("event argument {target} names a missing event"))
                        })?;
                        event.push_event(role, EventId(e), SpanId(trigger));
                    }
                    _ => {
                        return Err(
                            self.bad(n, format!("event argument {target} is not a span or event"))
                        );
                    }
                }
            }
            if let Some(missing) = event.spans().find(|s| !self.by_number.contains_key(&s.0)) {
                return Err(self.bad(
                    n,
                    format!(
                        "event E{} refers to missing span T{}",
                        event.id.0, missing.0
                    ),
                ));
            }
            events.push(event);
        }
        for (n, at, which, e) in std::mem::take(&mut self.event_ends) {
            let trigger = triggers
                .get(&e)
                .copied()
                .ok_or_else(|| self.bad(n, format!("relation refers to missing event E{e}")))?;
            let r = &mut self.relations[at];
            if which == 0 {
                (r.from, r.from_event) = (SpanId(trigger), Some(EventId(e)));
            } else {
                (r.to, r.to_event) = (SpanId(trigger), Some(EventId(e)));
            }
        }
        events.sort_by_key(|e| e.id);
        for (n, target, extra) in std::mem::take(&mut self.extras) {
            self.attach(n, target, extra, &mut events, notices)?;
        }
        for r in &self.relations {
            for end in [r.from, r.to] {
                if !self.by_number.contains_key(&end.0) {
                    return Err(self.bad(
                        0,
                        format!("relation {} refers to missing span T{}", r.kind, end.0),
                    ));
                }
            }
        }
        // Every reference is checked: the number index goes before the
        // spans are indexed (a million spans: 70 MB less at the peak).
        self.by_number = HashMap::default();
        self.doc.spans = self.spans.into_iter().collect();
        self.doc.relations = self.relations.into_iter().collect();
        self.doc.events = events;
        Ok(self.doc)
    }

    fn attach(
        &mut self,
        n: usize,
        target: Target,
        extra: Extra,
        events: &mut [Event],
        notices: &mut Notices,
    ) -> Result<(), FormatError> {
        let missing = |what: &str| self.bad(n, format!("{what} refers to a missing annotation"));
        match target {
            Target::Span(num) => {
                let i = *self
                    .by_number
                    .get(&num)
                    .ok_or_else(|| missing("an attribute or note"))?;
                let span = &mut self.spans[i];
                match extra {
                    Extra::Attr(k, v) => {
                        span.attrs.insert(k, v);
                    }
                    Extra::Note(kind, text) if kind == "AnnotatorNotes" => {
                        span.set_note(Some(text))
                    }
                    Extra::Note(kind, text) => {
                        span.with_extra(|e| e.typed_notes.push(TypedNote { kind, text }))
                    }
                    Extra::Norm(norm) => span.with_extra(|e| e.normalizations.push(norm)),
                }
            }
            Target::Relation(num) => {
                let i = *self
                    .relation_numbers
                    .get(&num)
                    .ok_or_else(|| missing("an attribute or note"))?;
                let r = &mut self.relations[i];
                match extra {
                    Extra::Attr(k, v) => {
                        r.attrs.insert(k, v);
                    }
                    Extra::Note(kind, text) if kind == "AnnotatorNotes" => r.note = Some(text),
                    _ => notices.add(
                        "brat typed notes and normalizations of relations, left out",
                        1,
                    ),
                }
            }
            Target::Event(num) => {
                let i = events
                    .binary_search_by_key(&num, |e| e.id.0)
                    .map_err(|_| missing("an attribute or note"))?;
                let e = &mut events[i];
                match extra {
                    Extra::Attr(k, v) => {
                        e.attrs.insert(k, v);
                    }
                    Extra::Note(kind, text) if kind == "AnnotatorNotes" => e.note = Some(text),
                    _ => notices.add("brat typed notes and normalizations of events, left out", 1),
                }
            }
        }
        Ok(())
    }
}
