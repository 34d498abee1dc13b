//! Annotation rules: what tagging, relabelling, tag-all, resizing, linking
//! and deleting mean, as pure functions from the session to a proposed
//! [`Change`] (or a reason nothing is to be done). The window and tests
//! call these; none of them needs a window.

use crate::model::text::snippet;
use crate::model::{Change, DocStatus, DocView, Edit, LabelSet, Span, SpanId};

use super::Session;
use super::motion::{delta_of, word_edge};
pub use super::outcome::{Outcome, Proposal, Refusal};

/// Which end of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Edge {
    /// The first code point.
    Start,
    /// One past the last code point.
    End,
}

/// A label's display name (its id if it has none).
pub fn label_name<'a>(labels: &'a LabelSet, id: &'a str) -> &'a str {
    labels.get(id).map_or(id, |l| l.name.as_str())
}

pub(super) fn current(session: &Session) -> Result<(usize, DocView<'_>), String> {
    session
        .view()
        .map(|v| (session.current_index(), v))
        .ok_or_else(|| "This project has no documents".to_owned())
}

/// `edit`, which adds spans to a document, with the document moved from
/// "to do" to "in progress" in the same step (the person still says when
/// it is done).
pub(crate) fn starting(view: DocView<'_>, edit: Edit) -> Edit {
    if view.doc.status == DocStatus::Todo {
        Edit::Batch(vec![edit, Edit::SetStatus(DocStatus::InProgress)])
    } else {
        edit
    }
}

pub(super) fn propose(doc: usize, edit: Edit, message: String, select: Option<SpanId>) -> Outcome {
    Ok(Proposal {
        change: Change::Doc { doc, edit },
        message,
        select,
    })
}

/// Tag the selected text with `label`, or relabel the selected span.
pub fn tag(
    session: &Session,
    range: Option<(usize, usize)>,
    selected: Option<SpanId>,
    label: &str,
) -> Outcome {
    let (doc, view) = current(session)?;
    let project = session.project();
    let name = label_name(&project.labels, label);
    if let Some((start, end)) = range {
        if view.has_span(start, end, label) {
            return Err(format!("Already tagged as {name}").into());
        }
        let id = SpanId(project.next_ids.span);
        let mut span = Span::new(id, start, end, label);
        span.annotator = session.annotator().map(str::to_owned);
        let text = snippet(view.slice(start, end));
        return propose(
            doc,
            starting(
                view,
                Edit::AddSpan {
                    span,
                    relations: Vec::new(),
                },
            ),
            format!("Tagged “{text}” as {name}"),
            Some(id),
        );
    }
    let Some(id) = selected else {
        return Err("Select some text first: drag across it".to_owned().into());
    };
    match view.span(id) {
        Some(s) if s.label != label => propose(
            doc,
            Edit::SetLabel {
                id,
                label: label.to_owned(),
            },
            format!("Relabelled as {name}"),
            Some(id),
        ),
        Some(_) => Err(format!("Already labelled {name}").into()),
        None => Err("Select some text first: drag across it".to_owned().into()),
    }
}

/// Tag every match not yet tagged with `label`, as one step. O(N log n).
pub fn tag_all(session: &Session, matches: &[(usize, usize)], label: &str) -> Outcome {
    let (doc, view) = current(session)?;
    let project = session.project();
    let name = label_name(&project.labels, label);
    let mut next = project.next_ids.span;
    let mut edits = Vec::new();
    let mut skipped = 0;
    for &(start, end) in matches {
        if view.has_span(start, end, label) {
            skipped += 1;
            continue;
        }
        let mut span = Span::new(SpanId(next), start, end, label);
        span.annotator = session.annotator().map(str::to_owned);
        next += 1;
        edits.push(Edit::AddSpan {
            span,
            relations: Vec::new(),
        });
    }
    let n = edits.len();
    if n == 0 {
        return Err(format!("Every match is already tagged as {name}").into());
    }
    let skipped = if skipped > 0 {
        format!(" ({skipped} already were)")
    } else {
        String::new()
    };
    propose(
        doc,
        starting(view, Edit::Batch(edits)),
        format!(
            "Tagged {n} {} as {name}{skipped}",
            if n == 1 { "match" } else { "matches" }
        ),
        None,
    )
}

/// Delete a span with its relations.
pub fn delete(session: &Session, id: Option<SpanId>) -> Outcome {
    let (doc, view) = current(session)?;
    match id.and_then(|id| view.span(id)) {
        Some(s) => propose(
            doc,
            Edit::RemoveSpan { id: s.id },
            "Span deleted".to_owned(),
            None,
        ),
        None => Err("Select a span first (click it)".to_owned().into()),
    }
}

/// Move one edge of a span by `delta` characters.
pub fn nudge(session: &Session, id: Option<SpanId>, edge: Edge, delta: i32) -> Outcome {
    let (doc, view) = current(session)?;
    let Some(span) = id.and_then(|id| view.span(id)) else {
        return Err("Select a span first (click it)".to_owned().into());
    };
    // A character is a grapheme cluster: never half an emoji or accent.
    let shift = |x: usize| view.cluster_step(x, delta);
    let (start, end) = match edge {
        Edge::Start => (shift(span.start), span.end),
        Edge::End => (span.start, shift(span.end)),
    };
    if start >= end || (start, end) == (span.start, span.end) {
        return Err("The span cannot get any smaller or go further"
            .to_owned()
            .into());
    }
    propose(
        doc,
        Edit::SetRange {
            id: span.id,
            start,
            end,
        },
        "Span resized".to_owned(),
        Some(span.id),
    )
}

/// Move one edge of the selected span to the next word edge in that
/// direction (Unicode word boundaries; an end stops at the end of a word, a
/// start at the start of one).
pub fn nudge_word(session: &Session, id: Option<SpanId>, edge: Edge, right: bool) -> Outcome {
    let (_, view) = current(session)?;
    let Some(span) = id.and_then(|id| view.span(id)) else {
        return Err("Select a span first (click it)".to_owned().into());
    };
    let at = match edge {
        Edge::Start => span.start,
        Edge::End => span.end,
    };
    let Some(target) = word_edge(view, at, edge, right) else {
        return Err("No word further that way".to_owned().into());
    };
    nudge(session, id, edge, delta_of(at, target))
}

/// Resize a span to `[start, end)` (a handle drag).
pub fn resize(session: &Session, id: SpanId, start: usize, end: usize) -> Outcome {
    let (doc, view) = current(session)?;
    // A handle never leaves an edge inside a grapheme cluster.
    let (start, end) = view.to_clusters(start, end);
    match view.span(id) {
        Some(s) if (s.start, s.end) != (start, end) => propose(
            doc,
            Edit::SetRange { id, start, end },
            "Span resized".to_owned(),
            Some(id),
        ),
        _ => Err(Refusal::Quiet),
    }
}

/// The status after `status` in the cycle to do → in progress → done.
pub fn next_status(status: DocStatus) -> DocStatus {
    match status {
        DocStatus::Todo => DocStatus::InProgress,
        DocStatus::InProgress => DocStatus::Done,
        DocStatus::Done => DocStatus::Todo,
    }
}

/// A status in words.
pub fn status_word(status: DocStatus) -> &'static str {
    match status {
        DocStatus::Todo => "to do",
        DocStatus::InProgress => "in progress",
        DocStatus::Done => "done",
    }
}

/// Move the current document's status on.
pub fn cycle_status(session: &Session) -> Outcome {
    let (doc, view) = current(session)?;
    let next = next_status(view.doc.status);
    propose(
        doc,
        Edit::SetStatus(next),
        format!("Document marked {}", status_word(next)),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::test_support::{apply, session};

    #[test]
    fn tag_all_skips_matches_already_tagged_and_ids_never_repeat() {
        let mut s = session();
        let first = apply(&mut s, |s| tag(s, Some((25, 31)), None, "entity"));
        assert_eq!(first.select, Some(SpanId(1)));
        let matches = [(25, 31), (33, 39), (46, 52)];
        let all = apply(&mut s, |s| tag_all(s, &matches, "entity"));
        assert!(all.message.contains("Tagged 2 matches"), "{}", all.message);
        assert!(all.message.contains("1 already"), "{}", all.message);
        // Undo both, tag again: the new span does not reuse a freed id.
        assert!(matches!(s.undo(), Ok(Some(_))));
        assert!(matches!(s.undo(), Ok(Some(_))));
        let again = apply(&mut s, |s| tag(s, Some((0, 19)), None, "quote"));
        assert_eq!(again.select, Some(SpanId(4)));
        assert_eq!(
            tag(&s, Some((0, 19)), None, "quote")
                .err()
                .as_ref()
                .and_then(Refusal::message),
            Some("Already tagged as Quote")
        );
    }

    #[test]
    fn nudging_stops_at_the_text_and_at_one_character() {
        let mut s = session();
        apply(&mut s, |s| tag(s, Some((46, 52)), None, "entity"));
        assert!(
            nudge(&s, Some(SpanId(1)), Edge::End, 1).is_err(),
            "end of text"
        );
        apply(&mut s, |s| nudge(s, Some(SpanId(1)), Edge::Start, 5));
        assert!(
            nudge(&s, Some(SpanId(1)), Edge::End, -1).is_err(),
            "one character left"
        );
    }
}
