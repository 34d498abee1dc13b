//! Linking a span to its source: which relation a span makes (read from
//! its label's role, never its id), what to tell the person linking, the
//! link itself as a proposal, and the mentions the speaker picker offers,
//! likeliest first.

use crate::analysis::suggest::by_speech_verb;
use crate::model::{DocView, Edit, LabelSet, Relation, RelationId, Role, Span, SpanId};

use super::Session;
use super::rules::{Outcome, current, propose};

/// How far (in characters) to look for entities to offer as speakers.
pub const SPEAKER_WINDOW: usize = 4_000;

/// How many mentions the speaker picker lists at most.
const CANDIDATES: usize = 40;

/// The relation a span of this label makes when linked: a quote is
/// `said_by` its speaker, a claim `claimed_by` its claimant (the label's
/// link, see [`crate::model::LabelDef::link_kind`]), anything else `about`.
pub fn relation_kind_for<'a>(labels: &'a LabelSet, label: &str) -> &'a str {
    labels.link_kind_of(label)
}

/// The picker a span of this label shows in the inspector: (relation
/// kind, title), for quotes and claims.
pub fn speaker_relation<'a>(labels: &'a LabelSet, label: &str) -> Option<(&'a str, &'static str)> {
    let def = labels.get(label)?;
    let (_, title) = def.role().source_link()?;
    Some((def.link_kind(), title))
}

/// What to tell a person who started linking from a span of this label.
pub fn link_prompt(labels: &LabelSet, label: &str) -> &'static str {
    match labels.role_of(label) {
        Role::Quote => "Click the entity who said this quote (Esc cancels)",
        Role::Claim => "Click the entity who makes this claim (Esc cancels)",
        _ => "Click the span this one is about (Esc cancels)",
    }
}

/// Link `from` to `to` with a relation of `kind`. A quote has one speaker
/// and a claim one claimant: linking again replaces the old relation.
pub fn link(session: &Session, from: SpanId, to: SpanId, kind: &str) -> Outcome {
    let (doc, view) = current(session)?;
    if from == to {
        return Err("A span cannot be linked to itself".to_owned().into());
    }
    if view.span(from).is_none() || view.span(to).is_none() {
        return Err("Both ends of a link must be spans".to_owned().into());
    }
    let existing = view.relations_of(from);
    if existing
        .iter()
        .any(|r| r.from == from && r.to == to && r.kind == kind)
    {
        return Err(format!("Already linked ({kind})").into());
    }
    let single = session.project().labels.is_single_source(kind);
    let mut edits: Vec<Edit> = existing
        .iter()
        .filter(|r| single && r.from == from && r.kind == kind)
        .map(|r| Edit::RemoveRelation { id: r.id })
        .collect();
    let mut relation = Relation::new(
        RelationId(session.project().next_ids.relation),
        kind,
        from,
        to,
    );
    relation.annotator = session.annotator().map(str::to_owned);
    edits.push(Edit::AddRelation(relation));
    propose(
        doc,
        Edit::Batch(edits),
        format!("Linked: {kind}"),
        Some(from),
    )
}

/// Why the picker offers a mention where it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// Next to a speech verb after the quote (`… ,” Peskov said`).
    SpeechAfter,
    /// Next to a speech verb before it (`Peskov said: “…`).
    SpeechBefore,
    /// A person, nearest first.
    Person,
    /// Any other mention, nearest first.
    Near,
}

/// The mentions near `span` to offer as its speaker or claimant (spans
/// whose label's role names someone or something), likeliest first: those
/// next to a speech verb, after the span then before it, nearest first;
/// then people; then the others, nearest first.
pub fn speaker_candidates<'a>(
    view: DocView<'a>,
    labels: &LabelSet,
    span: &Span,
) -> Vec<(&'a Span, Why)> {
    let len = view.chars.char_len();
    let mut near: Vec<(&Span, Why, usize)> = view
        .spans_in(
            span.start.saturating_sub(SPEAKER_WINDOW),
            span.end + SPEAKER_WINDOW,
        )
        .into_iter()
        .filter(|s| s.id != span.id && labels.is_mention(&s.label))
        .map(|s| {
            let after = s.start >= span.start;
            let gap = if after {
                s.start.saturating_sub(span.end)
            } else {
                span.start.saturating_sub(s.end)
            };
            let before_text = view.slice(s.start.saturating_sub(40), s.start);
            let after_text = view.slice(s.end, (s.end + 60).min(len));
            let why = if by_speech_verb(before_text, after_text) {
                if after {
                    Why::SpeechAfter
                } else {
                    Why::SpeechBefore
                }
            } else if is_person(labels, s) {
                Why::Person
            } else {
                Why::Near
            };
            (s, why, gap)
        })
        .collect();
    near.sort_by_key(|(s, why, gap)| (*why, *gap, s.start));
    near.truncate(CANDIDATES);
    near.into_iter().map(|(s, why, _)| (s, why)).collect()
}

/// Whether a mention names a person: its label's role, or its `kind`.
fn is_person(labels: &LabelSet, s: &Span) -> bool {
    labels.role_of(&s.label) == Role::Person || s.attrs.get("kind").is_some_and(|k| k == "person")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::model::text::CharMap;
    use crate::session::rules::tag;
    use crate::session::test_support::{apply, session};

    #[test]
    fn linking_a_quote_again_replaces_its_speaker() {
        let mut s = session();
        apply(&mut s, |s| tag(s, Some((0, 19)), None, "quote"));
        apply(&mut s, |s| tag(s, Some((25, 31)), None, "entity"));
        apply(&mut s, |s| tag(s, Some((33, 39)), None, "entity"));
        apply(&mut s, |s| link(s, SpanId(1), SpanId(2), "said_by"));
        apply(&mut s, |s| link(s, SpanId(1), SpanId(3), "said_by"));
        let rels: Vec<_> = s
            .document()
            .map(|d| d.relations.iter().map(|r| (r.id.0, r.to.0)).collect())
            .unwrap_or_default();
        assert_eq!(rels, vec![(2, 3)]);
        assert!(link(&s, SpanId(1), SpanId(1), "about").is_err());
    }

    /// The report: the picker listed “pragmatism” and “the two
    /// countries” before Peskov, who stands right after the quote.
    #[test]
    fn the_speaker_by_a_speech_verb_after_the_quote_comes_first() {
        let text = "Ties rest on pragmatism between the two countries. \
                    Lavrov met Kerry. “We are ready,” Peskov said.";
        let mut doc = Document::new("d", "D", text);
        let at = |w: &str| {
            let b = text.find(w).unwrap_or(0);
            let a = text[..b].chars().count();
            (a, a + w.chars().count())
        };
        let mut add = |id, w: &str, label: &str, kind: Option<&str>| {
            let (a, b) = at(w);
            let mut s = Span::new(SpanId(id), a, b, label);
            if let Some(k) = kind {
                s.attrs.insert("kind".into(), k.into());
            }
            let _ = doc.spans.insert(s);
        };
        add(1, "pragmatism", "entity", None);
        add(2, "the two countries", "entity", None);
        add(3, "Lavrov", "entity", Some("person"));
        add(4, "Kerry", "entity", None);
        add(5, "“We are ready,”", "quote", None);
        add(6, "Peskov", "entity", None);
        let chars = CharMap::new(text);
        let view = DocView {
            doc: &doc,
            chars: &chars,
        };
        let quote = doc
            .spans
            .get(SpanId(5))
            .cloned()
            .unwrap_or_else(|| panic!("quote"));
        let labels = LabelSet::default();
        let order: Vec<(&str, Why)> = speaker_candidates(view, &labels, &quote)
            .into_iter()
            .map(|(s, why)| (view.span_text(s), why))
            .collect();
        assert_eq!(
            order,
            [
                ("Peskov", Why::SpeechAfter),
                ("Lavrov", Why::Person),
                ("Kerry", Why::Near),
                ("the two countries", Why::Near),
                ("pragmatism", Why::Near),
            ]
        );
    }
}
