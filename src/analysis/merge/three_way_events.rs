//! Events in a three-way merge: an event is known across versions by its
//! type, trigger and arguments (spans by their key, events by theirs), so
//! events that take events as arguments, and relations between events,
//! find their events again under the merged ids.

use foldhash::{HashMap, HashMapExt as _};

use crate::model::{Document, Event, EventId, NextIds, SpanId};

use super::{SpanKey, span_key};

/// An argument as compared between versions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum ArgKey {
    /// A span, by its key.
    Span(SpanKey),
    /// An event, by its key.
    Event(Box<EventKey>),
}

/// An event as compared between versions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct EventKey {
    kind: String,
    trigger: SpanKey,
    args: Vec<(String, ArgKey)>,
}

/// Every event's key in `doc` (events whose spans are missing have none).
pub(super) fn event_keys(doc: &Document) -> HashMap<EventId, EventKey> {
    let mut keys: HashMap<EventId, EventKey> = HashMap::with_capacity(doc.events.len());
    // Events after the events they take as arguments: at most one round
    // per level of nesting.
    let mut left: Vec<&Event> = doc.events.iter().collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|e| match key_of(doc, e, &keys) {
            Some(Some(key)) => {
                keys.insert(e.id, key);
                false
            }
            Some(None) => false,
            None => true,
        });
        if left.len() == before {
            break;
        }
    }
    keys
}

/// `Some(Some(key))`, `Some(None)` when a span is missing, `None` while an
/// argued event has no key yet.
fn key_of(
    doc: &Document,
    e: &Event,
    keys: &HashMap<EventId, EventKey>,
) -> Option<Option<EventKey>> {
    let Some(trigger) = doc.spans.get(e.trigger) else {
        return Some(None);
    };
    let mut args = Vec::with_capacity(e.args.len());
    for (i, (role, span)) in e.args.iter().enumerate() {
        let arg = match e.arg_event(i) {
            Some(id) => ArgKey::Event(Box::new(keys.get(&id)?.clone())),
            None => match doc.spans.get(*span) {
                Some(s) => ArgKey::Span(span_key(s)),
                None => return Some(None),
            },
        };
        args.push((role.clone(), arg));
    }
    Some(Some(EventKey {
        kind: e.kind.clone(),
        trigger: span_key(trigger),
        args,
    }))
}

/// Each event under its key, bare (ids left to the merge), in order.
pub(super) fn events_by_key(doc: Option<&Document>) -> (HashMap<EventKey, Event>, Vec<EventKey>) {
    let mut map = HashMap::new();
    let mut order = Vec::new();
    if let Some(doc) = doc {
        let keys = event_keys(doc);
        for e in &doc.events {
            let Some(key) = keys.get(&e.id) else { continue };
            if map.contains_key(key) {
                continue;
            }
            let mut bare = e.clone();
            bare.id = EventId(0);
            bare.trigger = SpanId(0);
            bare.args.iter_mut().for_each(|(_, s)| *s = SpanId(0));
            bare.arg_events.clear();
            map.insert(key.clone(), bare);
            order.push(key.clone());
        }
    }
    (map, order)
}

/// The picked events with merged ids (`ids`: span key -> merged span id),
/// and each event's merged id by key. An event whose spans or argued
/// events are gone is left out.
pub(super) fn place_events(
    picked: Vec<(EventKey, Event)>,
    ids: &HashMap<SpanKey, SpanId>,
    next: &mut NextIds,
) -> (Vec<Event>, HashMap<EventKey, EventId>) {
    let mut placed: HashMap<EventKey, EventId> = HashMap::with_capacity(picked.len());
    let mut events: Vec<(EventKey, Event)> = Vec::with_capacity(picked.len());
    for (key, mut e) in picked {
        let Some(trigger) = ids.get(&key.trigger) else {
            continue;
        };
        let args: Option<Vec<(String, SpanId)>> = key
            .args
            .iter()
            .map(|(role, arg)| {
                let span = match arg {
                    ArgKey::Span(k) => k,
                    ArgKey::Event(k) => &k.trigger,
                };
                ids.get(span).map(|id| (role.clone(), *id))
            })
            .collect();
        let Some(args) = args else { continue };
        e.id = EventId(next.event);
        next.event += 1;
        e.trigger = *trigger;
        e.args = args;
        placed.insert(key.clone(), e.id);
        events.push((key, e));
    }
    // Argued events by key; an event whose argued event is gone goes too.
    loop {
        let before = events.len();
        events.retain_mut(|(key, e)| {
            let found: Option<Vec<(usize, EventId)>> = key
                .args
                .iter()
                .enumerate()
                .filter_map(|(i, (_, arg))| match arg {
                    ArgKey::Event(k) => Some(placed.get(k).map(|id| (i, *id))),
                    ArgKey::Span(_) => None,
                })
                .collect();
            match found {
                Some(found) => {
                    e.arg_events = found;
                    true
                }
                None => {
                    placed.remove(key);
                    false
                }
            }
        });
        if events.len() == before {
            break;
        }
    }
    (events.into_iter().map(|(_, e)| e).collect(), placed)
}
