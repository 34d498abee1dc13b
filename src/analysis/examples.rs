//! Examples for the guidelines, from the project itself: per label, the
//! last spans accepted in curation (or, where nothing was curated, the
//! most recent ones), each in its sentence; and as counter-examples the
//! spans of that label the annotators disagreed on (differences still
//! waiting in a merged document, and spans rejected in curation).

use std::collections::BTreeMap;

use crate::model::text::sentence_around;
use crate::model::{Document, Project, Span};

use super::merge::Curation;

/// One span shown in its sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The document's place in the project.
    pub doc: usize,
    /// The sentence before the span.
    pub before: String,
    /// The span's text.
    pub text: String,
    /// The sentence after the span.
    pub after: String,
    /// Who made it (a merged project's annotators), for counter-examples.
    pub by: Vec<String>,
}

/// A label's examples.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelExamples {
    /// Spans accepted in curation, the most recent first (or the most
    /// recent spans, when none was curated).
    pub accepted: Vec<Example>,
    /// Whether `accepted` holds curated spans (else merely recent ones).
    pub curated: bool,
    /// Spans the annotators disagreed on.
    pub disagreed: Vec<Example>,
}

/// At most `n` examples and `n` counter-examples per label, from the
/// documents in memory (parked ones are skipped: they say nothing here).
pub fn label_examples(project: &Project, n: usize) -> BTreeMap<String, LabelExamples> {
    // (span id, doc, span) of every span, per label, and whether gold.
    let mut by_label: BTreeMap<&str, Vec<(u64, usize, &Span)>> = BTreeMap::new();
    let mut disagreed: BTreeMap<&str, Vec<(u64, usize, &Span)>> = BTreeMap::new();
    for (i, doc) in project.documents.iter().enumerate() {
        if doc.is_parked() {
            continue;
        }
        for s in doc.spans.iter() {
            by_label
                .entry(s.label.as_str())
                .or_default()
                .push((s.id.0, i, s));
        }
        for s in &doc.rejected {
            disagreed
                .entry(s.label.as_str())
                .or_default()
                .push((s.id.0, i, s));
        }
        if let Some(curation) = Curation::of(doc) {
            for d in &curation.differences {
                if let Some(s) = doc.spans.get(d.span) {
                    disagreed
                        .entry(s.label.as_str())
                        .or_default()
                        .push((s.id.0, i, s));
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for label in project.labels.iter() {
        let mut spans = by_label.remove(label.id.as_str()).unwrap_or_default();
        spans.sort_by_key(|(id, ..)| std::cmp::Reverse(*id));
        let gold: Vec<_> = spans.iter().filter(|(_, _, s)| s.gold).collect();
        let curated = !gold.is_empty();
        let chosen: Vec<&(u64, usize, &Span)> = if curated {
            gold.into_iter().take(n).collect()
        } else {
            spans.iter().take(n).collect()
        };
        let mut against = disagreed.remove(label.id.as_str()).unwrap_or_default();
        against.sort_by_key(|(id, ..)| std::cmp::Reverse(*id));
        let example = |&&(_, i, s): &&(u64, usize, &Span)| in_sentence(&project.documents[i], i, s);
        out.insert(
            label.id.clone(),
            LabelExamples {
                accepted: chosen.iter().map(example).collect(),
                curated,
                disagreed: against.iter().take(n).map(|e| example(&e)).collect(),
            },
        );
    }
    out
}

/// A span in its sentence (cut to about 200 characters around it).
fn in_sentence(doc: &Document, i: usize, span: &Span) -> Example {
    let chars: Vec<char> = doc.text.chars().collect();
    let (a, z) = sentence_around(&doc.text, span.start, span.end);
    let a = a.max(span.start.saturating_sub(100));
    let z = z.min(span.end + 100).min(chars.len());
    let text = |x: usize, y: usize| chars[x.min(y)..y].iter().collect::<String>();
    Example {
        doc: i,
        before: text(a, span.start),
        text: text(span.start, span.end.min(chars.len())),
        after: text(span.end.min(chars.len()), z),
        by: span.makers().into_iter().map(str::to_owned).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpanId;

    #[test]
    fn the_last_accepted_spans_in_their_sentences_and_the_disagreed_ones() {
        let mut p = Project::new("p");
        let mut d = Document::new("d", "D", "One said so. Peskov spoke. Lavrov spoke too.");
        let mut peskov = Span::new(SpanId(1), 13, 19, "entity");
        peskov.gold = true;
        let lavrov = Span::new(SpanId(2), 27, 33, "entity");
        d.spans = [peskov, lavrov.clone()].into_iter().collect();
        d.rejected.push(Span::new(SpanId(3), 0, 3, "entity"));
        p.documents.push(d);
        let ex = label_examples(&p, 3);
        let entity = &ex["entity"];
        assert!(entity.curated);
        assert_eq!(entity.accepted.len(), 1, "only the accepted one");
        assert_eq!(entity.accepted[0].text, "Peskov");
        assert_eq!(entity.accepted[0].after, " spoke.");
        assert_eq!(entity.disagreed[0].text, "One");
        assert!(ex["quote"].accepted.is_empty());
    }
}
