//! Curation decisions as proposals for the one change path: accept a span
//! into the gold standard, reject it, accept every agreed span. Each
//! selects the next span waiting for a decision.

use crate::analysis::merge::Curation;
use crate::model::{Change, Edit, SpanId};

use super::Session;
use super::rules::{Outcome, Proposal};

/// Why there is nothing to curate here.
const NOT_MERGED: &str =
    "Accept and reject curate a merged project (spanmark merge): this document has one annotator";

fn curation(session: &Session) -> Result<(usize, Curation), String> {
    let doc = session
        .document()
        .ok_or_else(|| "This project has no documents".to_owned())?;
    let curation = Curation::of(doc).ok_or_else(|| NOT_MERGED.to_owned())?;
    Ok((session.current_index(), curation))
}

/// The span a decision is about: the selected one, else the first waiting.
fn target(session: &Session, selected: Option<SpanId>) -> Result<SpanId, String> {
    let doc = session
        .document()
        .ok_or_else(|| "This project has no documents".to_owned())?;
    match selected.and_then(|id| doc.spans.get(id)) {
        Some(s) if !s.gold => Ok(s.id),
        Some(_) => Err("This span is accepted already".to_owned()),
        None => Curation::next_after(doc, None)
            .ok_or_else(|| "Every span of this document has been decided".to_owned()),
    }
}

/// A decision on the selected span (else the first waiting): `edit` of
/// its id, then the next waiting span is selected.
fn decide(
    session: &Session,
    selected: Option<SpanId>,
    mut edit: impl FnMut(SpanId) -> Edit,
    message: &str,
) -> Outcome {
    let (doc, _) = curation(session)?;
    let id = target(session, selected)?;
    let next = session
        .document()
        .and_then(|d| Curation::next_after(d, Some(id)));
    Ok(Proposal {
        change: Change::Doc {
            doc,
            edit: edit(id),
        },
        message: message.to_owned(),
        select: next,
    })
}

/// Accept the selected span (else the first waiting) into the gold
/// standard, rejecting its rivals in the same step (as INCEpTION's curation
/// does): the other variants of the same mention still waiting, the same
/// label over an overlapping range (a boundary variant) or another label
/// over the same range (a label variant).
pub fn accept(session: &Session, selected: Option<SpanId>) -> Outcome {
    let doc = session.document();
    let mut rivals = 0;
    let mut proposal = decide(
        session,
        selected,
        |id| {
            let accept = Edit::SetGold { id, gold: true };
            let Some((d, span)) = doc.and_then(|d| Some((d, d.spans.get(id)?))) else {
                return accept;
            };
            let mut edits = vec![accept];
            for other in d.spans.overlapping(span.start, span.end) {
                let boundary =
                    other.label == span.label && (other.start, other.end) != (span.start, span.end);
                let label =
                    other.label != span.label && (other.start, other.end) == (span.start, span.end);
                if other.id != id && !other.gold && (boundary || label) {
                    edits.push(Edit::RemoveSpan { id: other.id });
                    edits.push(Edit::AddRejected(other.clone()));
                }
            }
            rivals = (edits.len() - 1) / 2;
            if rivals == 0 {
                edits.remove(0)
            } else {
                Edit::Batch(edits)
            }
        },
        "Accepted",
    )?;
    if rivals > 0 {
        let noun = if rivals == 1 { "variant" } else { "variants" };
        proposal.message = format!("Accepted; {rivals} rival {noun} rejected");
        // The next waiting span may have been a rival.
        let gone = |id: SpanId| match &proposal.change {
            Change::Doc {
                edit: Edit::Batch(edits),
                ..
            } => edits
                .iter()
                .any(|e| matches!(e, Edit::RemoveSpan { id: r } if *r == id)),
            _ => false,
        };
        if proposal.select.is_some_and(gone) {
            proposal.select = None;
        }
    }
    Ok(proposal)
}

/// Reject the selected span (else the first waiting): it is removed from
/// the annotations and kept as a record of its annotators' work (agreement
/// is computed on that work, rejections included).
pub fn reject(session: &Session, selected: Option<SpanId>) -> Outcome {
    let doc = session.document();
    decide(
        session,
        selected,
        |id| {
            let kept = doc.and_then(|d| d.spans.get(id)).cloned();
            let remove = Edit::RemoveSpan { id };
            match kept {
                Some(span) => Edit::Batch(vec![remove, Edit::AddRejected(span)]),
                None => remove,
            }
        },
        "Rejected",
    )
}

/// Accept every span all the document's annotators made, as one step.
pub fn accept_agreed(session: &Session) -> Outcome {
    let (doc, curation) = curation(session)?;
    if curation.agreed.is_empty() {
        return Err("No agreed span is waiting".to_owned().into());
    }
    let n = curation.agreed.len();
    let edits = curation
        .agreed
        .iter()
        .map(|&id| Edit::SetGold { id, gold: true })
        .collect();
    let next = session.document().and_then(|d| {
        curation
            .differences
            .first()
            .map(|x| x.span)
            .filter(|id| d.spans.contains(*id))
    });
    Ok(Proposal {
        change: Change::Doc {
            doc,
            edit: Edit::Batch(edits),
        },
        message: format!("Accepted {n} agreed spans"),
        select: next,
    })
}
