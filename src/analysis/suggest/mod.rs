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

use crate::model::{Document, LabelSet, Project, Role, Score, Suggestion};

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
        for (text, attrs) in doc.entities(&project.labels) {
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
/// annotated or rejected: [`crate::model::Suggestions::offer`] does that),
/// each with the project's label for its role (see [`Role`]): a rule whose
/// role no label plays suggests nothing.
pub fn suggest(
    doc: &Document,
    known: &Known,
    rules: &[Rule],
    labels: &LabelSet,
) -> Vec<Suggestion> {
    let t = Tokens::of(&doc.text);
    let on = |r: Rule| rules.contains(&r);
    let mut out: Vec<Suggestion> = Vec::new();
    if on(Rule::Quotes) || on(Rule::Speakers) {
        let quote = labels.id_for(Role::Quote);
        let speaker = labels.speaker_label().filter(|_| on(Rule::Speakers));
        if let Some(quote) = quote {
            let tagged: HashSet<(usize, usize)> = doc
                .spans
                .iter()
                .filter(|s| s.label == quote)
                .map(|s| (s.start, s.end))
                .collect();
            let found = Found {
                quote: on(Rule::Quotes).then_some(quote),
                speaker,
                tagged,
            };
            quotes_and_speakers(&t, &found, &mut out);
        }
    }
    if on(Rule::Entities) {
        for n in names::names(&t) {
            let kind = n.titled.then_some("person");
            let Some(label) = labels.mention_label(kind) else {
                continue;
            };
            let e = Suggestion::new(n.start, n.end, label, Rule::Entities.source());
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
            let attrs = attrs
                .get(&t.chars[a..b])
                .map(|a| (*a).clone())
                .unwrap_or_default();
            let Some(label) = labels.mention_label(attrs.get("kind").map(String::as_str)) else {
                continue;
            };
            let mut e = Suggestion::new(a, b, label, Rule::Entities.source());
            e.attrs = attrs;
            out.push(scored(e, scores::ENTITY_KNOWN));
        }
    }
    let date = labels
        .id_for(Role::Date)
        .map(|l| (l, false))
        .or_else(|| labels.mention_label(None).map(|l| (l, true)));
    if on(Rule::Dates)
        && let Some((label, as_entity)) = date
    {
        for (a, b, _) in dates::find(&Words::of(&t)) {
            let e = Suggestion::new(a, b, label, Rule::Dates.source());
            out.push(if as_entity {
                scored(with_kind(e, "other"), scores::DATE)
            } else {
                scored(e, scores::DATE)
            });
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
    fold_inner_names(out, labels.id_for(Role::Quote))
}

/// Which quotes and speakers to offer, under which labels.
struct Found<'a> {
    /// The quote label, when quotes are asked for.
    quote: Option<&'a str>,
    /// The speaker label, when speakers are asked for.
    speaker: Option<&'a str>,
    /// The quotes tagged already (never offered again).
    tagged: HashSet<(usize, usize)>,
}

/// Whether a mention stands next to a speech verb, given the text before
/// it and after it: a verb within the next few words of its clause
/// (`Peskov said`, `Peskov also told`, `Peskov, the spokesman, said`), or
/// right before it (`said Peskov`, `according to Peskov`).
pub fn by_speech_verb(before: &str, after: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    // The words after, up to the clause's end (a full stop or a mark).
    let clause = after
        .split(['.', '!', '?', '“', '”', '"', ';', ':', '\n'])
        .next()
        .unwrap_or("");
    let next = words(clause);
    let after_verb = next
        .iter()
        .filter(|w| !lexicon::is_between(w))
        .take(4)
        .any(|w| lexicon::cue(w).is_some());
    let back = words(before.rsplit(['.', '!', '?', '\n']).next().unwrap_or(""));
    let before_verb = back.iter().rev().take(2).any(|w| lexicon::cue(w).is_some())
        || back.ends_with(&["according".to_owned(), "to".to_owned()]);
    after_verb || before_verb
}

/// Quotes, each with its speaker (an entity suggestion and the quote's
/// `said_by`) when the text says who. A speaker that is `he` or `she` stays
/// the pronoun; the name it stands for (the nearest person named before
/// it) is noted in the suggestion's `refers_to` attribute.
fn quotes_and_speakers(t: &Tokens<'_>, labels: &Found<'_>, out: &mut Vec<Suggestion>) {
    let found = quotes::find(t);
    let who = speakers::find(t, &found);
    let speakers_on = labels.speaker.is_some();
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
        let mut s = Suggestion::new(
            q.start,
            q.end,
            labels.quote.unwrap_or_default(),
            Rule::Quotes.source(),
        );
        if let (Some(speaker), Some(f)) = (labels.speaker, who) {
            let (a, b) = (t.toks[f.a].start, t.toks[f.b - 1].end);
            let pronoun = f.b == f.a + 1 && lexicon::is_pronoun(t.text(f.a));
            s.said_by = Some((a, b));
            s.pair_score = Some(Score(scores::pair(f.how, pronoun)));
            let mut e = Suggestion::new(a, b, speaker, Rule::Speakers.source());
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
        if labels.quote.is_some() && !labels.tagged.contains(&(q.start, q.end)) {
            out.push(scored(s, score));
        }
    }
}

/// A name inside a longer one of the same label and source (Peskov in
/// Dmitry Peskov) is the longer one's. Quotes nest legitimately and are
/// never folded away.
fn fold_inner_names(mut out: Vec<Suggestion>, quote: Option<&str>) -> Vec<Suggestion> {
    // Sorted by start: a longer suggestion holding `i` starts at or before
    // it; look back while they may still reach it.
    let mut keep = vec![true; out.len()];
    let mut reach: Vec<usize> = Vec::new();
    for i in 0..out.len() {
        let s = &out[i];
        if Some(s.label.as_str()) != quote {
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
