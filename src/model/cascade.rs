//! Events that take events as arguments, and relations between events:
//! what goes with an event when it is removed, the order in which removed
//! events come back, and the checks every reference to an event passes.

use std::collections::{BTreeMap, BTreeSet};

use super::document::Document;
use super::{Event, EventId, Relation, SpanId};

/// The events `first` picks and every event that has one of them as an
/// argument, directly or through other events.
pub(super) fn dependent_events(
    doc: &Document,
    first: impl Fn(&Event) -> bool,
) -> BTreeSet<EventId> {
    let mut gone: BTreeSet<EventId> = doc
        .events
        .iter()
        .filter(|e| first(e))
        .map(|e| e.id)
        .collect();
    if gone.is_empty() || doc.events.iter().all(|e| e.arg_events.is_empty()) {
        return gone;
    }
    loop {
        let more: Vec<EventId> = doc
            .events
            .iter()
            .filter(|e| !gone.contains(&e.id) && e.events().any(|a| gone.contains(&a)))
            .map(|e| e.id)
            .collect();
        if more.is_empty() {
            return gone;
        }
        gone.extend(more);
    }
}

/// Take the events `ids` out of `doc`, with every relation that has one
/// of them as an end. The events come back in an order that adds them
/// again (each after the events it takes as arguments).
pub(super) fn take_events(
    doc: &mut Document,
    ids: &BTreeSet<EventId>,
) -> (Vec<Event>, Vec<Relation>) {
    if ids.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (gone, kept): (Vec<Event>, Vec<Event>) = std::mem::take(&mut doc.events)
        .into_iter()
        .partition(|e| ids.contains(&e.id));
    doc.events = kept;
    // A relation with an event as an end is indexed by that event's trigger.
    let triggers: BTreeSet<SpanId> = gone.iter().map(|e| e.trigger).collect();
    let ends: Vec<_> = triggers
        .iter()
        .flat_map(|t| doc.relations.of_span(*t))
        .filter(|r| r.events().any(|e| ids.contains(&e)))
        .map(|r| r.id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let relations = ends
        .into_iter()
        .filter_map(|r| doc.relations.remove(r))
        .collect();
    (adding_order(gone), relations)
}

/// `events` ordered so that each comes after the events among them it
/// takes as arguments (id order otherwise).
pub(super) fn adding_order(mut events: Vec<Event>) -> Vec<Event> {
    events.sort_by_key(|e| e.id);
    let mut pending: BTreeSet<EventId> = events.iter().map(|e| e.id).collect();
    let mut out = Vec::with_capacity(events.len());
    while !events.is_empty() {
        let (ready, wait): (Vec<Event>, Vec<Event>) = events
            .into_iter()
            .partition(|e| e.events().all(|a| !pending.contains(&a) || a == e.id));
        if ready.is_empty() {
            // A cycle (never valid): keep the rest in id order.
            out.extend(wait);
            break;
        }
        for e in &ready {
            pending.remove(&e.id);
        }
        out.extend(ready);
        events = wait;
    }
    out
}

/// Why an event's arguments that are events are wrong, if they are:
/// each names an existing other event, sits at a position of `args`
/// holding that event's trigger, in order of position.
pub(super) fn event_args_problem(doc: &Document, event: &Event) -> Option<String> {
    let mut last = None;
    for &(at, id) in &event.arg_events {
        if last.is_some_and(|l| l >= at) {
            return Some("its event arguments are out of order".to_owned());
        }
        last = Some(at);
        if id == event.id {
            return Some("it is an argument of itself".to_owned());
        }
        let Some(arg) = doc.event(id) else {
            return Some(format!("it refers to missing event {}", id.0));
        };
        match event.args.get(at) {
            Some((_, span)) if *span == arg.trigger => {}
            _ => {
                return Some(format!(
                    "its argument {} is event {} but does not name its trigger",
                    at + 1,
                    id.0
                ));
            }
        }
    }
    None
}

/// Why a relation's event ends are wrong, if they are: each names an
/// existing event whose trigger is that end's span.
pub(super) fn relation_events_problem(doc: &Document, r: &Relation) -> Option<String> {
    for (event, span) in [(r.from_event, r.from), (r.to_event, r.to)] {
        let Some(id) = event else { continue };
        match doc.event(id) {
            None => return Some(format!("it refers to missing event {}", id.0)),
            Some(e) if e.trigger != span => {
                return Some(format!(
                    "its end at event {} does not name its trigger",
                    id.0
                ));
            }
            Some(_) => {}
        }
    }
    None
}

/// The first event that is, through its event arguments, an argument of
/// itself (a cycle no format can write), if any.
pub(super) fn event_cycle(doc: &Document) -> Option<EventId> {
    if doc.events.iter().all(|e| e.arg_events.is_empty()) {
        return None;
    }
    // Peel off events whose event arguments are all peeled already.
    let mut waiting: BTreeMap<EventId, usize> = doc
        .events
        .iter()
        .map(|e| (e.id, e.arg_events.len()))
        .collect();
    let mut users: BTreeMap<EventId, Vec<EventId>> = BTreeMap::new();
    for e in &doc.events {
        for a in e.events() {
            users.entry(a).or_default().push(e.id);
        }
    }
    let mut ready: Vec<EventId> = waiting
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(id, _)| *id)
        .collect();
    while let Some(id) = ready.pop() {
        waiting.remove(&id);
        for user in users.get(&id).into_iter().flatten() {
            if let Some(n) = waiting.get_mut(user) {
                *n -= 1;
                if *n == 0 {
                    ready.push(*user);
                }
            }
        }
    }
    waiting.keys().next().copied()
}
