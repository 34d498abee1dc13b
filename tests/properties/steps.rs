//! The steps of the long random sequences: every kind of change a person
//! can make, run on a session as the window runs it (through the rules and
//! the one change path), undo and redo among them.

use proptest::prelude::*;
use spanmark::model::{
    AttrDef, AttrKind, Change, Choice, Edit, Event, EventId, LabelDef, LabelEdit, Relation,
    RelationId, Rgb, SpanId,
};
use spanmark::session::{Session, rules};

use super::{DocSeed, doc_seed, make_doc};

/// One step of a long session.
#[derive(Clone, Debug)]
pub enum Step {
    Tag(usize, usize, usize),
    Relabel(usize, usize),
    Delete(usize),
    Nudge(usize, bool, bool),
    Link(usize, usize),
    Note(usize),
    Status,
    AddLabel(usize),
    RemoveLabel(usize),
    RenameLabel(usize),
    Import(DocSeed),
    Show(usize),
    /// An annotator's document category.
    Choose(usize),
    /// An event on a span, taking the last event (if any) as an argument.
    Event(usize, usize),
    /// A relation between the first and last events.
    LinkEvents,
    Undo,
    Redo,
}

pub fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..1000, 0usize..1000, 0usize..6).prop_map(|(a, b, l)| Step::Tag(a, b, l)),
        1 => (0usize..50, 0usize..6).prop_map(|(s, l)| Step::Relabel(s, l)),
        1 => (0usize..50).prop_map(Step::Delete),
        1 => (0usize..50, any::<bool>(), any::<bool>()).prop_map(|(s, e, f)| Step::Nudge(s, e, f)),
        1 => (0usize..50, 0usize..50).prop_map(|(a, b)| Step::Link(a, b)),
        1 => (0usize..50).prop_map(Step::Note),
        1 => Just(Step::Status),
        1 => (0usize..3).prop_map(Step::AddLabel),
        1 => (0usize..6).prop_map(Step::RemoveLabel),
        1 => (0usize..6).prop_map(Step::RenameLabel),
        1 => doc_seed().prop_map(Step::Import),
        1 => (0usize..5).prop_map(Step::Show),
        1 => (0usize..6).prop_map(Step::Choose),
        1 => (0usize..50, 0usize..50).prop_map(|(a, b)| Step::Event(a, b)),
        1 => Just(Step::LinkEvents),
        3 => Just(Step::Undo),
        2 => Just(Step::Redo),
    ]
}

const EXTRA: &[&str] = &["source", "date", "place"];

/// Carry out one step the way the window would (through the rules and the
/// session's one path); a refusal is fine, a broken invariant is not.
pub fn run(session: &mut Session, step: &Step) {
    let label_ids: Vec<String> = session
        .project()
        .labels
        .iter()
        .map(|l| l.id.clone())
        .collect();
    let span_ids: Vec<SpanId> = session
        .document()
        .map(|d| d.spans.iter().map(|s| s.id).collect())
        .unwrap_or_default();
    let span = |k: usize| span_ids.get(k % span_ids.len().max(1)).copied();
    let label = |k: usize| label_ids.get(k % label_ids.len().max(1)).cloned();
    let len = session.view().map_or(0, |v| v.len());
    let outcome = match step {
        Step::Tag(a, b, l) if len > 0 => {
            let a = a % len;
            let b = a + 1 + b % (len - a);
            label(*l).map(|l| rules::tag(session, Some((a, b)), None, &l))
        }
        Step::Relabel(s, l) => label(*l).map(|l| rules::tag(session, None, span(*s), &l)),
        Step::Delete(s) => Some(rules::delete(session, span(*s))),
        Step::Nudge(s, end, grow) => {
            let edge = if *end {
                rules::Edge::End
            } else {
                rules::Edge::Start
            };
            Some(rules::nudge(
                session,
                span(*s),
                edge,
                if *grow { 1 } else { -1 },
            ))
        }
        Step::Link(a, b) => match (span(*a), span(*b)) {
            (Some(a), Some(b)) => Some(spanmark::session::linking::link(session, a, b, "said_by")),
            _ => None,
        },
        Step::Note(s) => span(*s).map(|id| {
            Ok(rules::Proposal {
                change: Change::Doc {
                    doc: session.current_index(),
                    edit: Edit::SetNote {
                        id,
                        note: Some("a note".into()),
                    },
                },
                message: String::new(),
                select: None,
            })
        }),
        Step::Status => Some(rules::cycle_status(session)),
        Step::AddLabel(k) => Some(label_change(LabelEdit::Add {
            at: 99,
            label: LabelDef {
                id: EXTRA[k % EXTRA.len()].into(),
                name: EXTRA[k % EXTRA.len()].into(),
                color: Rgb(1, 2, 3),
                hotkey: None,
                attributes: vec![AttrDef::new("why", AttrKind::Text)],
                origin: None,
                description: None,
                guideline: Some("Why it matters.".into()),
                role: None,
                link: None,
            },
            restore: vec![],
        })),
        Step::RemoveLabel(k) => label(*k).map(|id| label_change(LabelEdit::Remove { id })),
        Step::RenameLabel(k) => session
            .project()
            .labels
            .iter()
            .nth(*k)
            .cloned()
            .map(|mut l| {
                l.name.push('!');
                label_change(LabelEdit::Update {
                    id: l.id.clone(),
                    label: l,
                })
            }),
        Step::Import((pieces, spans, relations)) => {
            let doc = make_doc("imported", pieces, spans, relations);
            let _ = session.import(spanmark::formats::Imported {
                docs: vec![doc],
                notices: Default::default(),
            });
            None
        }
        Step::Show(i) => {
            let n = session.project().documents.len();
            // A project in memory: showing a document cannot fail.
            assert!(session.set_current(i % n.max(1)).is_ok());
            None
        }
        Step::Choose(k) => Some(doc_change(
            session,
            Edit::SetChoices(vec![Choice::new(
                ["alice", "bob"][k % 2],
                ["sentiment/Positive", "sentiment/Negative", "topic"][k % 3],
            )]),
        )),
        Step::Event(a, b) => match (span(*a), span(*b)) {
            (Some(trigger), Some(arg)) => {
                let id = EventId(session.project().next_ids.event);
                let mut e = Event::new(id, "event", trigger);
                match session.document().and_then(|d| d.events.last()) {
                    Some(last) => e.push_event("Theme", last.id, last.trigger),
                    None => e.push_span("Theme", arg),
                }
                Some(doc_change(session, Edit::AddEvent(e)))
            }
            _ => None,
        },
        Step::LinkEvents => {
            let ends = session
                .document()
                .and_then(|d| Some((d.events.first()?.clone(), d.events.last()?.clone())));
            ends.map(|(a, b)| {
                let id = RelationId(session.project().next_ids.relation);
                let mut r = Relation::new(id, "before", a.trigger, b.trigger);
                r.from_event = Some(a.id);
                r.to_event = Some(b.id);
                doc_change(session, Edit::AddRelation(r))
            })
        }
        Step::Undo => {
            let _ = session.undo();
            None
        }
        Step::Redo => {
            let _ = session.redo();
            None
        }
        Step::Tag(..) => None,
    };
    if let Some(Ok(proposal)) = outcome {
        let _ = session.apply(proposal.change);
    }
}

fn doc_change(session: &Session, edit: Edit) -> rules::Outcome {
    Ok(rules::Proposal {
        change: Change::Doc {
            doc: session.current_index(),
            edit,
        },
        message: String::new(),
        select: None,
    })
}

fn label_change(edit: LabelEdit) -> rules::Outcome {
    Ok(rules::Proposal {
        change: Change::Labels(edit),
        message: String::new(),
        select: None,
    })
}
