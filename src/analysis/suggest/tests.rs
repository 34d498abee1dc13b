//! The news convention, one test per pattern, on sentences written for
//! these tests: a quote is a quotation-mark segment of someone's attributed
//! words (marks included, partial quotes included), its speaker the
//! mention where the attribution is made, as written (a name with its
//! title and appositive, a pronoun, a noun phrase), linked by `said_by`.

use super::*;
use crate::model::{Span, SpanId};

/// What the rules suggest for `text`: each quote with its speaker's text,
/// and the entity texts.
struct Found {
    chars: Vec<char>,
    all: Vec<Suggestion>,
}

impl Found {
    fn of(text: &str, rules: &[Rule]) -> Self {
        let doc = Document::new("d", "t", text);
        Self {
            chars: text.chars().collect(),
            all: suggest(&doc, &Vec::new(), rules, &LabelSet::default()),
        }
    }

    fn text(&self, (a, b): (usize, usize)) -> String {
        self.chars[a..b].iter().collect()
    }

    /// Each quote and who said it.
    fn quotes(&self) -> Vec<(String, Option<String>)> {
        self.all
            .iter()
            .filter(|s| s.label == "quote")
            .map(|s| (self.text((s.start, s.end)), s.said_by.map(|r| self.text(r))))
            .collect()
    }

    fn entities(&self) -> Vec<String> {
        self.all
            .iter()
            .filter(|s| s.label == "entity")
            .map(|s| self.text((s.start, s.end)))
            .collect()
    }
}

fn quotes(text: &str) -> Vec<(String, Option<String>)> {
    Found::of(text, &[Rule::Quotes, Rule::Speakers]).quotes()
}

fn said(quote: &str, by: &str) -> (String, Option<String>) {
    (quote.to_owned(), Some(by.to_owned()))
}

#[test]
fn a_pronoun_after_the_quote_is_the_speaker_and_notes_the_name() {
    let text =
        "Mayor Ana Silva opened the bridge on Monday. “We waited ten years for this,” she said.";
    let found = Found::of(text, &[Rule::Quotes, Rule::Speakers]);
    assert_eq!(
        found.quotes(),
        [said("“We waited ten years for this,”", "she")]
    );
    let she = found
        .all
        .iter()
        .find(|s| s.label == "entity")
        .map(|s| s.attrs.clone())
        .unwrap_or_default();
    assert_eq!(
        she.get("refers_to").map(String::as_str),
        Some("Mayor Ana Silva")
    );
    assert_eq!(
        quotes("“The talks went well,” he said."),
        [said("“The talks went well,”", "he")]
    );
}

#[test]
fn she_wrote() {
    assert_eq!(
        quotes("“Nobody asked the farmers,” she wrote."),
        [said("“Nobody asked the farmers,”", "she")]
    );
}

#[test]
fn a_noun_phrase_with_a_day_after_the_verb() {
    assert_eq!(
        quotes("“The bill will pass this week,” another Miller spokeswoman added Tuesday."),
        [said(
            "“The bill will pass this week,”",
            "another Miller spokeswoman"
        )]
    );
}

#[test]
fn a_titled_name_before_the_quote() {
    assert_eq!(
        quotes("Mr. Okafor said, \"We will appeal the ruling.\""),
        [said("\"We will appeal the ruling.\"", "Mr. Okafor")]
    );
    assert_eq!(
        quotes("Dmitry Volkov, the port's director, told reporters: “Ships are waiting.”"),
        [said(
            "“Ships are waiting.”",
            "Dmitry Volkov, the port's director"
        )]
    );
}

#[test]
fn according_to_a_noun_phrase() {
    assert_eq!(
        quotes("The dam was “at risk of failing,” according to the report."),
        [said("“at risk of failing,”", "the report")]
    );
    assert_eq!(
        quotes("According to the inspectors, the wiring was “a fire waiting to happen.”"),
        [said("“a fire waiting to happen.”", "the inspectors")]
    );
}

#[test]
fn a_quote_split_by_its_attribution_and_one_after_adding() {
    assert_eq!(
        quotes("“We are not done,” the coach said, adding, “The season starts now.”"),
        [
            said("“We are not done,”", "the coach"),
            said("“The season starts now.”", "the coach")
        ]
    );
    assert_eq!(
        quotes("“Prices will fall,” said Priya Nair, an economist. “But not this year.”"),
        [
            said("“Prices will fall,”", "Priya Nair, an economist"),
            said("“But not this year.”", "Priya Nair, an economist")
        ]
    );
}

#[test]
fn paragraphs_of_a_continued_quote_each_have_the_speaker() {
    let text = "Lena Ortiz said the plan had failed.\n\n“It was late. It cost too much,” Ortiz said. \
                “Nobody checked the numbers.\n\n“Nobody asked the people who live here.\n\n\
                “And now we pay.”\n\nThe council meets on Friday.";
    assert_eq!(
        quotes(text),
        [
            said("“It was late. It cost too much,”", "Ortiz"),
            said("“Nobody checked the numbers.", "Ortiz"),
            said("“Nobody asked the people who live here.", "Ortiz"),
            said("“And now we pay.”", "Ortiz"),
        ]
    );
}

#[test]
fn partial_quotes_inside_a_sentence() {
    assert_eq!(
        quotes("The union called the offer “insulting” and said the talks were \"going nowhere.\""),
        [
            said("“insulting”", "The union"),
            said("\"going nowhere.\"", "The union")
        ]
    );
    assert_eq!(
        quotes("The plan was a “farce”, critics said."),
        [said("“farce”", "critics")]
    );
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    assert!(quotes("The so-called “reform” passed on a Tuesday.").is_empty());
    assert!(quotes("She spoke on “Meet the Press” last week about taxes.").is_empty());
}

#[test]
fn the_speaker_next_to_the_quote_not_an_earlier_name() {
    assert_eq!(
        quotes(
            "President Obama spoke first. “Those rules are the worst of the worst,” said Mr. Alvarez."
        ),
        [said(
            "“Those rules are the worst of the worst,”",
            "Mr. Alvarez"
        )]
    );
}

#[test]
fn a_quote_with_its_speaker_carries_the_pair_score() {
    let found = Found::of("“The road is closed,” the police said.", &Rule::ALL);
    let quote = found.all.iter().find(|s| s.label == "quote");
    let pair = quote.and_then(|q| q.pair_score).map(|s| s.0);
    let alone = quote.and_then(|q| q.score).map(|s| s.0);
    assert!(
        pair.is_some_and(|p| alone.is_some_and(|a| p <= a)),
        "{pair:?} {alone:?}"
    );
}

#[test]
fn names_with_titles_initials_and_particles() {
    let found = Found::of(
        "The hearing heard Mrs. Ada Byrne, Ms. Jo Park, Dr. Sam Osei, Gov. Mia Roth, Sen. Tim Kaine, \
         Rep. Lou Diaz, Lt. Gen. Ray Odum, Donald J. Trump, Omar al-Bashir, Charles de Gaulle and \
         Vincent van Gogh in St. Louis.",
        &[Rule::Entities],
    );
    assert_eq!(
        found.entities(),
        [
            "Mrs. Ada Byrne",
            "Ms. Jo Park",
            "Dr. Sam Osei",
            "Gov. Mia Roth",
            "Sen. Tim Kaine",
            "Rep. Lou Diaz",
            "Lt. Gen. Ray Odum",
            "Donald J. Trump",
            "Omar al-Bashir",
            "Charles de Gaulle",
            "Vincent van Gogh",
            "St. Louis"
        ]
    );
}

#[test]
fn no_title_alone_no_sentence_start_alone_no_headline() {
    let found = Found::of(
        "Storm Closes Schools Across Northern Counties\n\nThe President left. Yesterday Maria \
         Lopez spoke; yesterday the President did not.",
        &[Rule::Entities],
    );
    assert_eq!(found.entities(), ["Maria Lopez"]);
}

#[test]
fn entities_tagged_once_are_suggested_everywhere() {
    let mut p = Project::new("p");
    let mut d1 = Document::new("a", "a", "The Kremlin said no.");
    d1.spans = [Span::new(SpanId(1), 4, 11, "entity")]
        .into_iter()
        .collect();
    p.documents.push(d1);
    let d2 = Document::new(
        "b",
        "b",
        "Later the Kremlin and President Vladimir Putin met.",
    );
    let found = suggest(&d2, &known_entities(&p), &[Rule::Entities], &p.labels);
    let chars: Vec<char> = d2.text.chars().collect();
    let t: Vec<String> = found
        .iter()
        .map(|s| chars[s.start..s.end].iter().collect())
        .collect();
    assert_eq!(t, ["Kremlin", "President Vladimir Putin"]);
}

/// Labels renamed, in another language, with their roles: the same
/// suggestions, under the project's labels and its attribution relation.
#[test]
fn renamed_labels_get_the_same_suggestions_by_their_roles() {
    use crate::model::{LabelDef, Rgb};
    let text = "“Wir sind bereit,” sagte Peskow. Mr. Schriefer said, \"We will see.\" \
                Talks began on 4 May 2025 with Dmitry Peskov.";
    let doc = Document::new("d", "t", text);
    let role = |id: &str, role: Role| {
        let mut l = LabelDef::new(id, id, Rgb(0, 0, 0));
        l.role = Some(role);
        l
    };
    let german = LabelSet(vec![
        role("zitat", Role::Quote),
        role("sprecher", Role::Speaker),
        role("einheit", Role::Entity),
        role("datum", Role::Date),
    ]);
    let plain = suggest(&doc, &Vec::new(), &Rule::ALL, &LabelSet::default());
    let renamed = suggest(&doc, &Vec::new(), &Rule::ALL, &german);
    let as_german = |l: &str, source: &str| match (l, source) {
        ("quote", _) => "zitat",
        ("entity", "rule:speakers") => "sprecher",
        ("entity", "rule:dates") => "datum",
        _ => "einheit",
    };
    let key = |s: &Suggestion| (s.start, s.end, s.said_by, s.source.clone());
    let mut want: Vec<_> = plain
        .iter()
        .map(|s| (key(s), as_german(&s.label, &s.source).to_owned()))
        .collect();
    // With a speaker label of its own, a named speaker is offered as an
    // entity too (the default set has one label for both).
    let speakers: Vec<(usize, usize)> = renamed
        .iter()
        .filter(|s| s.label == "sprecher")
        .map(|s| (s.start, s.end))
        .collect();
    assert!(
        renamed
            .iter()
            .any(|s| s.label == "einheit" && speakers.contains(&(s.start, s.end)))
    );
    let mut got: Vec<_> = renamed
        .iter()
        .filter(|s| s.label != "einheit" || !speakers.contains(&(s.start, s.end)))
        .map(|s| (key(s), s.label.clone()))
        .collect();
    want.sort();
    got.sort();
    assert!(plain.iter().any(|s| s.said_by.is_some()), "{plain:?}");
    assert!(plain.iter().any(|s| s.source == "rule:dates"), "{plain:?}");
    assert_eq!(got, want);
    // A project without a quote role gets no quotes, and says nothing
    // under a label it lacks.
    let none = LabelSet(vec![role("ort", Role::Place)]);
    assert!(suggest(&doc, &Vec::new(), &Rule::ALL, &none).is_empty());
}
