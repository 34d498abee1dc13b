//! Built-in suggestions for news: quotes, who said them (an entity and a
//! `said_by` link), names, and dates. Each rule reads a document's text
//! (and, for speakers and entities, what the project's people already
//! tagged) and proposes [`Suggestion`]s; nothing here changes a project.
//!
//! The convention is the news one (PolNeAR, PARC 3.0): a quote is a
//! quotation-mark segment of someone's attributed words, marks and partial
//! quotes included, one per paragraph; its speaker is the mention where
//! the attribution is made, as written (`Mr. Schriefer`, `he`, `the
//! report`, `another Ryan spokesperson`), which a pronoun stays (the name
//! it stands for is noted, `refers_to`). Scores are calibrated on
//! PolNeAR's train split (`scores.rs`; `examples/eval_polnear.rs` measures
//! them), and a quote offered with its speaker carries the score of the
//! pair in `pair_score`.

mod clauses;
mod dates;
pub mod external;
mod lexicon;
mod names;
mod phrases;
mod quotes;
mod scores;
mod speakers;
mod tokens;
mod verbs;
mod words;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{Document, Project, Score, Suggestion};

use tokens::Tokens;
use words::Words;

/// A built-in rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Rule {
    /// Quotations between quotation marks that read as quotes.
    Quotes,
    /// Who said each quote: an entity and a `said_by` link.
    Speakers,
    /// Names (with titles), and mentions of entities tagged before.
    Entities,
    /// Dates and times.
    Dates,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 4] = [Rule::Quotes, Rule::Speakers, Rule::Entities, Rule::Dates];

    /// The source name suggestions of this rule carry.
    pub fn source(self) -> &'static str {
        match self {
            Rule::Quotes => "rule:quotes",
            Rule::Speakers => "rule:speakers",
            Rule::Entities => "rule:entities",
            Rule::Dates => "rule:dates",
        }
    }

    /// The rule a name (`quotes`, `speakers`, …) stands for.
    pub fn named(name: &str) -> Option<Rule> {
        Rule::ALL
            .into_iter()
            .find(|r| r.source().trim_start_matches("rule:") == name.trim())
    }
}

/// What the project's people tagged as entities: each text (as code
/// points) with the attributes its first span had.
pub type Known = Vec<(Vec<char>, BTreeMap<String, String>)>;

/// The entity texts tagged anywhere in `project` (three characters or
/// more), for the entities rule.
pub fn known_entities(project: &Project) -> Known {
    let mut seen: BTreeMap<Vec<char>, BTreeMap<String, String>> = BTreeMap::new();
    // A parked document answers from its summary.
    for doc in &project.documents {
        for (text, attrs) in doc.entities() {
            let text: Vec<char> = text.chars().collect();
            if text.len() >= 3 {
                seen.entry(text).or_insert_with(|| attrs.clone());
            }
        }
    }
    seen.into_iter().collect()
}

fn scored(mut s: Suggestion, score: f32) -> Suggestion {
    s.score = Some(Score(score));
    s
}

fn with_kind(mut s: Suggestion, kind: &str) -> Suggestion {
    s.attrs.insert("kind".to_owned(), kind.to_owned());
    s
}

/// The suggestions of `rules` for `doc` (not yet filtered against what is
/// annotated or rejected: [`crate::model::Suggestions::offer`] does that).
pub fn suggest(doc: &Document, known: &Known, rules: &[Rule]) -> Vec<Suggestion> {
    let t = Tokens::of(&doc.text);
    let on = |r: Rule| rules.contains(&r);
    let mut out: Vec<Suggestion> = Vec::new();
    if on(Rule::Quotes) || on(Rule::Speakers) {
        quotes_and_speakers(doc, &t, on(Rule::Quotes), on(Rule::Speakers), &mut out);
    }
    if on(Rule::Entities) {
        for n in names::names(&t) {
            let e = Suggestion::new(n.start, n.end, "entity", Rule::Entities.source());
            out.push(if n.titled {
                scored(with_kind(e, "person"), scores::ENTITY_TITLED)
            } else {
                scored(e, scores::ENTITY_NAME)
            });
        }
        let texts: Vec<Vec<char>> = known.iter().map(|(t, _)| t.clone()).collect();
        let attrs: HashMap<&[char], &BTreeMap<String, String>> =
            known.iter().map(|(k, a)| (&k[..], a)).collect();
        for (a, b) in names::mentions(&t.chars, &texts) {
            let mut e = Suggestion::new(a, b, "entity", Rule::Entities.source());
            e.attrs = attrs
                .get(&t.chars[a..b])
                .map(|a| (*a).clone())
                .unwrap_or_default();
            out.push(scored(e, scores::ENTITY_KNOWN));
        }
    }
    if on(Rule::Dates) {
        for (a, b, _) in dates::find(&Words::of(&t)) {
            let e = Suggestion::new(a, b, "entity", Rule::Dates.source());
            out.push(scored(with_kind(e, "other"), scores::DATE));
        }
    }
    // One suggestion per range and label: the speaker's (it carries the
    // link), else the best scored.
    let rank = |s: &Suggestion| {
        (
            s.source != Rule::Speakers.source(),
            -s.score.map_or(0.0, |x| x.0),
        )
    };
    out.sort_by(|x, y| {
        (x.start, std::cmp::Reverse(x.end), &x.label)
            .cmp(&(y.start, std::cmp::Reverse(y.end), &y.label))
            .then_with(|| {
                rank(x)
                    .partial_cmp(&rank(y))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
    });
    out.dedup_by(|x, y| (x.start, x.end, &x.label) == (y.start, y.end, &y.label));
    fold_inner_names(out)
}

/// Quotes, each with its speaker (an entity suggestion and the quote's
/// `said_by`) when the text says who. A speaker that is `he` or `she` stays
/// the pronoun; the name it stands for (the nearest person named before
/// it) is noted in the suggestion's `refers_to` attribute.
fn quotes_and_speakers(
    doc: &Document,
    t: &Tokens<'_>,
    quotes_on: bool,
    speakers_on: bool,
    out: &mut Vec<Suggestion>,
) {
    let found = quotes::find(t);
    let who = speakers::find(t, &found);
    let tagged: HashSet<(usize, usize)> = doc
        .spans
        .iter()
        .filter(|s| s.label == "quote")
        .map(|s| (s.start, s.end))
        .collect();
    let persons: Vec<(usize, usize)> = if speakers_on {
        names::names(t).iter().map(|n| (n.start, n.end)).collect()
    } else {
        Vec::new()
    };
    let text = |(a, b): (usize, usize)| t.chars[a..b].iter().collect::<String>();
    // The last speaker named (not a pronoun), as the name's range.
    let mut named: Option<(usize, usize)> = None;
    for (q, who) in found.iter().zip(who) {
        let class = scores::QuoteClass::of(t, q, who.map(|w| w.how));
        let Some(score) = scores::quote(class) else {
            continue;
        };
        let mut s = Suggestion::new(q.start, q.end, "quote", Rule::Quotes.source());
        if speakers_on && let Some(f) = who {
            let (a, b) = (t.toks[f.a].start, t.toks[f.b - 1].end);
            let pronoun = f.b == f.a + 1 && lexicon::is_pronoun(t.text(f.a));
            s.said_by = Some((a, b));
            s.pair_score = Some(Score(scores::pair(f.how, pronoun)));
            let mut e = Suggestion::new(a, b, "entity", Rule::Speakers.source());
            if pronoun && matches!(t.text(f.a).to_lowercase().as_str(), "he" | "she") {
                e = with_kind(e, "person");
                let before = persons[..persons.partition_point(|n| n.1 <= a)]
                    .last()
                    .copied();
                let nearest = [before, named.filter(|n| n.1 <= a)]
                    .into_iter()
                    .flatten()
                    .max_by_key(|n| n.1);
                if let Some(n) = nearest {
                    e.attrs.insert("refers_to".to_owned(), text(n));
                }
            } else if !pronoun && t.capitalised(f.a) {
                let inner = persons.iter().find(|n| a <= n.0 && n.1 <= b).copied();
                let head = (f.a..f.b)
                    .find(|&k| t.is(k, ','))
                    .map_or(b, |k| t.toks[k - 1].end);
                named = Some(inner.unwrap_or((a, head)));
            }
            out.push(scored(e, scores::speaker(f.how, pronoun)));
        }
        if quotes_on && !tagged.contains(&(q.start, q.end)) {
            out.push(scored(s, score));
        }
    }
}

/// A name inside a longer one of the same label and source (Peskov in
/// Dmitry Peskov) is the longer one's. Quotes nest legitimately and are
/// never folded away.
fn fold_inner_names(mut out: Vec<Suggestion>) -> Vec<Suggestion> {
    // Sorted by start: a longer suggestion holding `i` starts at or before
    // it; look back while they may still reach it.
    let mut keep = vec![true; out.len()];
    let mut reach: Vec<usize> = Vec::new();
    for i in 0..out.len() {
        let s = &out[i];
        if s.label != "quote" {
            keep[i] = !reach.iter().any(|&j| {
                let o = &out[j];
                o.label == s.label
                    && o.source == s.source
                    && o.start <= s.start
                    && s.end <= o.end
                    && o.end - o.start > s.end - s.start
            });
        }
        reach.retain(|&j| out[j].end > s.start);
        reach.push(i);
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    out
}

#[cfg(test)]
mod tests;
