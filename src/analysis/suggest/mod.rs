//! Built-in suggestions for news: quotes, who said them (an entity and a
//! `said_by` link), names, and dates. Each rule reads a document's text
//! (and, for speakers and entities, what the project's people already
//! tagged) and proposes [`Suggestion`]s; nothing here changes a project.

mod dates;
pub mod external;
mod names;
mod quotes;
mod speakers;
mod words;

use std::collections::BTreeMap;

use crate::model::{Document, Project, Score, Suggestion};

use speakers::Found;
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
    let words = Words::of(&doc.text);
    let on = |r: Rule| rules.contains(&r);
    let mut out: Vec<Suggestion> = Vec::new();
    if on(Rule::Quotes) || on(Rule::Speakers) {
        // The quotes: those found (when they read as quotes) and those
        // tagged already, whose speakers may still be missing.
        let mut quotes: Vec<(usize, usize, bool)> = Vec::new();
        for q in quotes::find(&words) {
            let n = quotes::word_count(&words, q.start, q.end);
            if n >= 3 && (q.speech || n >= 6) {
                quotes.push((q.start, q.end, q.speech));
            }
        }
        let tagged: Vec<(usize, usize)> = doc
            .spans
            .iter()
            .filter(|s| s.label == "quote")
            .map(|s| (s.start, s.end))
            .collect();
        let mut last_speaker: Option<(usize, usize)> = None;
        for &(start, end, speech) in &quotes {
            let mut q = Suggestion::new(start, end, "quote", Rule::Quotes.source());
            if on(Rule::Speakers) {
                let who = match speakers::speaker(&words, start, end) {
                    Some(Found::Name(a, b)) => Some((a, b)),
                    Some(Found::Pronoun) => nearest_person(doc, &words, start, last_speaker),
                    None => None,
                };
                if let Some((a, b)) = who {
                    last_speaker = Some((a, b));
                    q.said_by = Some((a, b));
                    let e = Suggestion::new(a, b, "entity", Rule::Speakers.source());
                    out.push(scored(with_kind(e, "person"), 0.8));
                }
            }
            if on(Rule::Quotes) && !tagged.contains(&(start, end)) {
                out.push(scored(q, if speech { 0.9 } else { 0.6 }));
            }
        }
    }
    if on(Rule::Entities) {
        for (a, b, titled) in names::names(&words) {
            let e = Suggestion::new(a, b, "entity", Rule::Entities.source());
            out.push(if titled {
                scored(with_kind(e, "person"), 0.7)
            } else {
                scored(e, 0.5)
            });
        }
        let texts: Vec<Vec<char>> = known.iter().map(|(t, _)| t.clone()).collect();
        for (a, b) in names::mentions(&words, &texts) {
            let attrs = known
                .iter()
                .find(|(t, _)| t[..] == words.chars[a..b])
                .map(|(_, attrs)| attrs.clone())
                .unwrap_or_default();
            let mut e = Suggestion::new(a, b, "entity", Rule::Entities.source());
            e.attrs = attrs;
            out.push(scored(e, 0.9));
        }
    }
    if on(Rule::Dates) {
        for (a, b, _) in dates::find(&words) {
            let e = Suggestion::new(a, b, "entity", Rule::Dates.source());
            out.push(scored(with_kind(e, "other"), 0.8));
        }
    }
    out.sort_by(|x, y| (x.start, x.end, &x.label).cmp(&(y.start, y.end, &y.label)));
    out.dedup_by(|x, y| (x.start, x.end, &x.label) == (y.start, y.end, &y.label));
    // A name inside a longer one of the same label (Peskov in Dmitry
    // Peskov) is the longer one's.
    let inside = |i: usize| {
        let s = &out[i];
        out.iter().enumerate().any(|(j, o)| {
            j != i
                && o.label == s.label
                && o.start <= s.start
                && s.end <= o.end
                && o.end - o.start > s.end - s.start
        })
    };
    let keep: Vec<bool> = (0..out.len())
        .map(|i| s_is_quote(&out[i]) || !inside(i))
        .collect();
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    out
}

/// Quotes nest legitimately (a quote within a quote is not proposed, but
/// one tagged by hand may hold a suggested one): never folded away.
fn s_is_quote(s: &Suggestion) -> bool {
    s.label == "quote"
}

/// Who a pronoun before or after the quote at `start` stands for: the
/// nearest person before it (a tagged entity, the last speaker found, or
/// a name).
fn nearest_person(
    doc: &Document,
    words: &Words<'_>,
    start: usize,
    last_speaker: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let tagged = doc
        .spans
        .iter()
        .filter(|s| {
            s.label == "entity"
                && s.end <= start
                && s.attrs.get("kind").is_none_or(|k| k == "person")
        })
        .map(|s| (s.start, s.end))
        .max_by_key(|r| r.1);
    [tagged, last_speaker, speakers::person_before(words, start)]
        .into_iter()
        .flatten()
        .filter(|r| r.1 <= start)
        .max_by_key(|r| r.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document, found: &[Suggestion]) -> Vec<(String, String)> {
        let chars: Vec<char> = doc.text.chars().collect();
        found
            .iter()
            .map(|s| (s.label.clone(), chars[s.start..s.end].iter().collect()))
            .collect()
    }

    #[test]
    fn quotes_and_their_speakers_with_a_pronoun_resolved() {
        let doc = Document::new(
            "d",
            "t",
            "Kremlin spokesman Dmitry Peskov spoke on Tuesday. “We are not ready to sign anything yet,” he said. \
             The plan was a “farce”, critics said.",
        );
        let found = suggest(&doc, &Vec::new(), &[Rule::Quotes, Rule::Speakers]);
        let t = texts(&doc, &found);
        assert!(
            t.contains(&(
                "quote".into(),
                "“We are not ready to sign anything yet,”".into()
            )),
            "{t:?}"
        );
        assert!(
            !t.iter().any(|(_, x)| x.contains("farce")),
            "scare quotes are not quotes: {t:?}"
        );
        let quote = found.iter().find(|s| s.label == "quote").map(|s| s.said_by);
        let chars: Vec<char> = doc.text.chars().collect();
        let speaker: Option<String> = quote.flatten().map(|(a, b)| chars[a..b].iter().collect());
        assert_eq!(speaker.as_deref(), Some("Dmitry Peskov"));
    }

    #[test]
    fn names_are_not_read_from_title_case_headlines() {
        let doc = Document::new(
            "d",
            "t",
            "Kremlin Spokesperson Dmitry Peskov Discusses Future of Relations\n\nOn Monday Dmitry Peskov spoke.",
        );
        let found = suggest(&doc, &Vec::new(), &[Rule::Entities]);
        let t = texts(&doc, &found);
        assert_eq!(t, [("entity".to_owned(), "Dmitry Peskov".to_owned())]);
        assert!(found[0].start > 60, "the one in the text, not the headline");
    }

    #[test]
    fn entities_tagged_once_are_suggested_everywhere() {
        let mut p = Project::new("p");
        let mut d1 = Document::new("a", "a", "The Kremlin said no.");
        d1.spans = [crate::model::Span::new(
            crate::model::SpanId(1),
            4,
            11,
            "entity",
        )]
        .into_iter()
        .collect();
        p.documents.push(d1);
        let d2 = Document::new(
            "b",
            "b",
            "Later the Kremlin and President Vladimir Putin met.",
        );
        let found = suggest(&d2, &known_entities(&p), &[Rule::Entities]);
        let t = texts(&d2, &found);
        assert!(t.contains(&("entity".into(), "Kremlin".into())), "{t:?}");
        assert!(
            t.contains(&("entity".into(), "President Vladimir Putin".into())),
            "{t:?}"
        );
    }
}
