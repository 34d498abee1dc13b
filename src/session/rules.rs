//! Annotation rules: what tagging, relabelling, tag-all, resizing, linking
//! and deleting mean, as pure functions from the session to a proposed
//! [`Change`] (or a reason nothing is to be done). The window and tests
//! call these; none of them needs a window.

use crate::model::text::{snippet, word_ranges};
use crate::model::{Change, DocStatus, DocView, Edit, LabelSet, Span, SpanId};

use super::Session;

/// A change to apply, what to say when it worked, and what to select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// The change.
    pub change: Change,
    /// Status message once applied.
    pub message: String,
    /// The span to select afterwards, if any.
    pub select: Option<SpanId>,
}

/// Why a rule proposes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing to do, and nothing worth saying (a handle let go where it
    /// was).
    Quiet,
    /// Nothing to do: the person is told why.
    Say(String),
}

impl Refusal {
    /// What to tell the person, if anything.
    pub fn message(&self) -> Option<&str> {
        match self {
            Refusal::Quiet => None,
            Refusal::Say(why) => Some(why),
        }
    }
}

impl From<String> for Refusal {
    fn from(why: String) -> Self {
        Refusal::Say(why)
    }
}

impl From<&str> for Refusal {
    fn from(why: &str) -> Self {
        Refusal::Say(why.to_owned())
    }
}

impl std::error::Error for Refusal {}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message().unwrap_or(""))
    }
}

/// A proposal, or why there is nothing to do.
pub type Outcome = Result<Proposal, Refusal>;

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

/// The nearest word edge from `at` in one direction: the end of a word for
/// an end edge, the start of one for a start edge.
pub fn word_edge(view: DocView<'_>, at: usize, edge: Edge, right: bool) -> Option<usize> {
    // Words near the edge only: a key press never segments the whole text.
    const REACH: usize = 400;
    let from = at.saturating_sub(REACH);
    let to = (at + REACH).min(view.len());
    let window = view.slice(from, to);
    let n = crate::model::text::char_len(window);
    let words = word_ranges(window);
    // A word cut by the window's edge has a false edge there.
    let whole = |&&(a, b): &&(usize, usize)| (a > 0 || from == 0) && (b < n || to == view.len());
    let edges = words.iter().filter(whole).map(|&(a, b)| {
        let e = if edge == Edge::Start { a } else { b };
        from + e
    });
    if right {
        edges.filter(|&e| e > at).min()
    } else {
        edges.filter(|&e| e < at).max()
    }
}

/// A text selection `[a, b)` with one edge moved a character (`Some(delta)`)
/// or a word (`None`, in direction `right`), never emptied or past the text.
pub fn move_range_edge(
    view: DocView<'_>,
    (a, b): (usize, usize),
    edge: Edge,
    delta: Option<i32>,
    right: bool,
) -> Option<(usize, usize)> {
    let at = if edge == Edge::Start { a } else { b };
    let target = match delta {
        Some(d) => view.cluster_step(at, d),
        None => word_edge(view, at, edge, right)?,
    };
    let (a, b) = if edge == Edge::Start {
        (target, b)
    } else {
        (a, target)
    };
    (a < b).then_some((a, b))
}

/// `to - from` as a signed step.
fn delta_of(from: usize, to: usize) -> i32 {
    let d = to as i64 - from as i64;
    d.clamp(i32::MIN as i64, i32::MAX as i64) as i32
}

/// The next (or previous) sentence after (before) `from` that no span
/// touches, as a code point range without its surrounding whitespace.
/// Sentences are Unicode sentences (UAX #29) within each line.
pub fn untagged_sentence(
    view: DocView<'_>,
    from: usize,
    forward: bool,
    at_caret: bool,
) -> Option<(usize, usize)> {
    use crate::model::text::char_len;
    let text = view.doc.text.as_str();
    let untagged = |(a, b): (usize, usize)| b > a && view.spans_in(a, b).is_empty();
    // The line holding `from`: its first byte and code point. Only the
    // lines looked at are read, never the text before them.
    let from_b = view.chars.byte_of(text, from.min(view.len()))?;
    let mut start_b = text[..from_b].rfind('\n').map_or(0, |b| b + 1);
    let mut start_c = from.min(view.len()) - char_len(&text[start_b..from_b]);
    if forward {
        loop {
            let end_b = text[start_b..]
                .find('\n')
                .map_or(text.len(), |i| start_b + i);
            let line = &text[start_b..end_b];
            let found = line_sentences(line, start_c)
                .into_iter()
                .find(|&(a, b)| (a >= from || (at_caret && b > from)) && untagged((a, b)));
            if found.is_some() || end_b == text.len() {
                return found;
            }
            start_c += char_len(line) + 1;
            start_b = end_b + 1;
        }
    }
    let mut end_b = text[start_b..]
        .find('\n')
        .map_or(text.len(), |i| start_b + i);
    loop {
        let line = &text[start_b..end_b];
        let found = line_sentences(line, start_c)
            .into_iter()
            .rev()
            .find(|&(a, b)| (b <= from || (at_caret && a < from)) && untagged((a, b)));
        if found.is_some() || start_b == 0 {
            return found;
        }
        // The line before.
        end_b = start_b - 1;
        start_b = text[..end_b].rfind('\n').map_or(0, |b| b + 1);
        start_c -= char_len(&text[start_b..end_b]) + 1;
    }
}

/// The sentences of one line (Unicode sentences, UAX #29) starting at code
/// point `at`, each without its surrounding whitespace.
fn line_sentences(line: &str, at: usize) -> Vec<(usize, usize)> {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut p = at;
    line.split_sentence_bounds()
        .map(|s| {
            let a = p;
            p += crate::model::text::char_len(s);
            crate::model::text::trimmed(s, a)
        })
        .collect()
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

    #[test]
    fn untagged_sentences_are_found_line_by_line_both_ways() {
        use crate::model::text::CharMap;
        let text = "One here. Two there.\n\nThree é now.\nFour 😀 last.";
        let doc = Document::new("d", "D", text);
        let chars = CharMap::new(text);
        let view = DocView {
            doc: &doc,
            chars: &chars,
        };
        let said = |r: Option<(usize, usize)>| r.map(|(a, b)| view.slice(a, b).to_owned());
        assert_eq!(
            said(untagged_sentence(view, 0, true, false)).as_deref(),
            Some("One here.")
        );
        assert_eq!(
            said(untagged_sentence(view, 9, true, false)).as_deref(),
            Some("Two there.")
        );
        assert_eq!(
            said(untagged_sentence(view, 21, true, false)).as_deref(),
            Some("Three é now.")
        );
        let end = view.len();
        assert_eq!(
            said(untagged_sentence(view, end, false, false)).as_deref(),
            Some("Four 😀 last.")
        );
        let four = text.chars().count() - "Four 😀 last.".chars().count();
        assert_eq!(
            said(untagged_sentence(view, four, false, false)).as_deref(),
            Some("Three é now.")
        );
        assert_eq!(
            said(untagged_sentence(view, 22, false, false)).as_deref(),
            Some("Two there.")
        );
        assert_eq!(untagged_sentence(view, 0, false, false), None);
        // From a caret inside a sentence: that sentence, either way.
        assert_eq!(
            said(untagged_sentence(view, 12, true, true)).as_deref(),
            Some("Two there.")
        );
        assert_eq!(
            said(untagged_sentence(view, 12, false, true)).as_deref(),
            Some("Two there.")
        );
    }

    use super::*;
    use crate::model::{Document, Project};

    const TEXT: &str = "“We are satisfied,” said Peskov. Peskov left. Peskov";

    fn session() -> Session {
        let mut p = Project::new("t");
        p.documents.push(Document::new("d", "D", TEXT));
        Session::new(p, None)
    }

    fn apply(s: &mut Session, rule: impl Fn(&Session) -> Outcome) -> Proposal {
        let proposal = rule(s).unwrap_or_else(|e| panic!("refused: {e}"));
        if let Err(e) = s.apply(proposal.change.clone()) {
            panic!("{e}");
        }
        proposal
    }

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
