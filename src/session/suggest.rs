//! Deciding on suggestions, as proposals for the one change path: accept
//! one (it becomes a span, with its speaker and `said_by` link when it
//! names one), reject one (remembered, never offered again), accept many
//! at once, or ask the built-in rules for the document shown.

use crate::analysis::suggest::{self, Rule};
use crate::model::{Change, Edit, Relation, RelationId, Span, SpanId, Suggestion, Suggestions};

use super::Session;
use super::rules::{Outcome, Proposal};

fn current(session: &Session) -> Result<(usize, &crate::model::Document), String> {
    session
        .document()
        .map(|d| (session.current_index(), d))
        .ok_or_else(|| "This project has no documents".to_owned())
}

/// The edits that make `picked` (indexes into the pending list) spans,
/// with speakers and links for the quotes `with_speaker` allows; the
/// suggestions left pending. Span and relation ids start at the
/// project's counters.
fn accepting(
    session: &Session,
    picked: &[usize],
    with_speaker: &dyn Fn(&Suggestion) -> bool,
) -> Result<(Vec<Edit>, Suggestions, Option<SpanId>), String> {
    let (_, doc) = current(session)?;
    let project = session.project();
    let pending = &doc.suggestions.pending;
    let mention = |label: &str| project.labels.is_mention(label);
    let mut take: Vec<usize> = picked.to_vec();
    // A quote's speaker comes with it when it is only a suggestion too.
    let said_by = |i: usize| {
        pending
            .get(i)
            .filter(|s| with_speaker(s))
            .and_then(|s| s.said_by)
    };
    for &i in picked {
        if let Some((a, b)) = said_by(i)
            && !doc
                .spans
                .iter()
                .any(|s| (s.start, s.end) == (a, b) && mention(&s.label))
            && let Some(j) = pending
                .iter()
                .position(|s| (s.start, s.end) == (a, b) && mention(&s.label))
            && !take.contains(&j)
        {
            take.push(j);
        }
    }
    let mut next_span = project.next_ids.span;
    let mut next_rel = project.next_ids.relation;
    let mut edits = Vec::new();
    let mut made: Vec<(usize, usize, String, SpanId)> = Vec::new();
    for &i in &take {
        let Some(s) = pending.get(i) else { continue };
        if project.labels.get(&s.label).is_none() {
            return Err(format!(
                "The label “{}” is not in this project: add it under Edit > Labels first",
                s.label
            ));
        }
        if doc
            .spans
            .iter()
            .any(|x| (x.start, x.end) == (s.start, s.end) && x.label == s.label)
        {
            continue;
        }
        let mut span = Span::new(SpanId(next_span), s.start, s.end, s.label.clone());
        next_span += 1;
        span.attrs = s.attrs.clone();
        span.annotator = session.annotator().map(str::to_owned);
        // Where it came from: statistics weigh suggestions against hand work.
        span.set_suggested(Some(s.source.clone()));
        made.push((s.start, s.end, s.label.clone(), span.id));
        edits.push(Edit::AddSpan {
            span,
            relations: Vec::new(),
        });
    }
    for &i in picked {
        let Some(s) = pending.get(i) else { continue };
        let Some((a, b)) = said_by(i) else { continue };
        let from = made
            .iter()
            .find(|m| (m.0, m.1, m.2.as_str()) == (s.start, s.end, s.label.as_str()))
            .map(|m| m.3);
        let to = made
            .iter()
            .find(|m| (m.0, m.1) == (a, b) && mention(&m.2))
            .map(|m| m.3)
            .or_else(|| {
                doc.spans
                    .iter()
                    .find(|x| (x.start, x.end) == (a, b) && mention(&x.label))
                    .map(|x| x.id)
            });
        if let (Some(from), Some(to)) = (from, to) {
            let kind = project.labels.link_kind_of(&s.label);
            let mut r = Relation::new(RelationId(next_rel), kind, from, to);
            next_rel += 1;
            r.annotator = session.annotator().map(str::to_owned);
            edits.push(Edit::AddRelation(r));
        }
    }
    let mut left = doc.suggestions.clone();
    let mut gone: Vec<usize> = take.clone();
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        if i < left.pending.len() {
            left.pending.remove(i);
        }
    }
    let first = made.first().map(|m| m.3);
    Ok((edits, left, first))
}

/// Accept pending suggestion `i` of the document shown.
pub fn accept(session: &Session, i: usize) -> Outcome {
    let (doc, d) = current(session)?;
    let Some(s) = d.suggestions.pending.get(i) else {
        return Err("No suggestion is selected".to_owned().into());
    };
    let label = s.label.clone();
    let (mut edits, left, first) = accepting(session, &[i], &|_| true)?;
    edits.insert(0, Edit::SetSuggestions(left));
    let view = session.view().ok_or("This project has no documents")?;
    Ok(Proposal {
        change: Change::Doc {
            doc,
            edit: super::rules::starting(view, Edit::Batch(edits)),
        },
        message: format!("Accepted the suggested {label}"),
        select: first,
    })
}

/// Accept every pending suggestion `keep` picks (one label or source
/// above a score), as one step. A quote's speaker and `said_by` link come
/// along only when `pair` allows (its pair score clears the threshold);
/// otherwise the quote is accepted alone.
pub fn accept_where(
    session: &Session,
    keep: impl Fn(&Suggestion) -> bool,
    pair: impl Fn(&Suggestion) -> bool,
) -> Outcome {
    let (doc, d) = current(session)?;
    let picked: Vec<usize> = (0..d.suggestions.pending.len())
        .filter(|&i| keep(&d.suggestions.pending[i]))
        .collect();
    if picked.is_empty() {
        return Err("No suggestion matches".to_owned().into());
    }
    let (mut edits, left, _) = accepting(session, &picked, &pair)?;
    edits.insert(0, Edit::SetSuggestions(left));
    let view = session.view().ok_or("This project has no documents")?;
    Ok(Proposal {
        change: Change::Doc {
            doc,
            edit: super::rules::starting(view, Edit::Batch(edits)),
        },
        message: format!("Accepted {} suggestions", picked.len()),
        select: None,
    })
}

/// Reject pending suggestion `i`: it goes, and is not offered again.
pub fn reject(session: &Session, i: usize) -> Outcome {
    let (doc, d) = current(session)?;
    let mut left = d.suggestions.clone();
    if i >= left.pending.len() {
        return Err("No suggestion is selected".to_owned().into());
    }
    let s = left.pending.remove(i);
    left.reject(s.key());
    Ok(Proposal {
        change: Change::Doc {
            doc,
            edit: Edit::SetSuggestions(left),
        },
        message: format!("Rejected the suggested {}", s.label),
        select: None,
    })
}

/// Run the built-in rules on the document shown.
pub fn run_rules(session: &Session) -> Outcome {
    run_rules_with(session, Vec::new())
}

/// Run the built-in rules on the document shown, and offer `more` (a
/// learned model's suggestions) with theirs, as one step.
pub fn run_rules_with(session: &Session, more: Vec<Suggestion>) -> Outcome {
    let (doc, d) = current(session)?;
    let known = suggest::known_entities(session.project());
    // The model's first: where it and a rule find the same span, its
    // version (learnt from this project's people) is the one offered.
    let from_model = !more.is_empty();
    let mut found = more;
    found.extend(suggest::suggest(
        d,
        &known,
        &Rule::ALL,
        &session.project().labels,
    ));
    let tail = if from_model {
        " (rules and model): Enter accepts, Backspace rejects, Tab moves on"
    } else {
        ": Enter accepts, Backspace rejects, Tab moves on"
    };
    offer(session, doc, found, tail)
}

/// Add `found` to document `doc`'s pending suggestions (leaving out what
/// is pending, annotated or rejected already); the message says how many
/// came, followed by `tail`.
pub fn offer(
    session: &Session,
    doc: usize,
    found: impl IntoIterator<Item = Suggestion>,
    tail: &str,
) -> Outcome {
    let d = session
        .project()
        .documents
        .get(doc)
        .ok_or_else(|| "The document asked about is gone".to_owned())?;
    let mut s = d.suggestions.clone();
    let n = s.offer(found, |a, b, l| d.covered(a, b, l));
    if n == 0 {
        return Err("No new suggestions for this document".to_owned().into());
    }
    Ok(Proposal {
        change: Change::Doc {
            doc,
            edit: Edit::SetSuggestions(s),
        },
        message: format!("{n} new suggestions{tail}"),
        select: None,
    })
}
