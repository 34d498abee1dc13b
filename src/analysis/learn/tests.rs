//! Training and suggesting on a fixture of our own sentences: quotes in
//! the patterns of news (`“…,” Name said.`, `Name said: “…”`, `“…,” said
//! Name.`), their speakers tagged and linked by `said_by`.

use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use crate::model::{Document, LabelSet, Relation, RelationId, Span, SpanId};

const NAMES: &[&str] = &[
    "Maria Ortiz",
    "Tomas Lenk",
    "Aiko Sato",
    "Peter Brandt",
    "Lena Fischer",
    "Omar Haddad",
    "Grace Mbeki",
    "Jonas Berg",
    "Clara Nunes",
    "Ivan Petrov",
    "Sofia Conti",
    "Daniel Okafor",
    "Hana Kim",
    "Lucas Moreau",
    "Nora Lind",
    "Samuel Adeyemi",
];
const SAID: &[&str] = &[
    "We will rebuild the bridge before winter",
    "The budget leaves nothing for the schools",
    "Nobody asked the farmers what they need",
    "This plan will cost more than it saves",
    "Our hospitals are ready for the season",
    "The trains will run on time from May",
    "I have never seen the river this low",
    "The vote was fair and the count was open",
];
const TOWNS: &[&str] = &["Harwick", "Lindau", "Port Elsa", "Mirow", "Caldera"];

/// Document `n` of the fixture: three paragraphs, three quotes.
pub fn fixture(n: usize) -> Document {
    let name = |k: usize| NAMES[(n * 3 + k) % NAMES.len()];
    let said = |k: usize| SAID[(n * 5 + k * 3) % SAID.len()];
    let mut text = format!(
        "The council of {} met on Monday.\n\n",
        TOWNS[n % TOWNS.len()]
    );
    let mut spans: Vec<(String, &str, String)> = Vec::new();
    let parts = [
        (
            format!("“{},”", said(0)),
            format!(" {} said.", name(0)),
            false,
        ),
        (
            format!("“{}.”", said(1)),
            format!("{} said: ", name(1)),
            true,
        ),
        (
            format!("“{},”", said(2)),
            format!(" said {}.", name(2)),
            false,
        ),
    ];
    for (k, (quote, around, before)) in parts.iter().enumerate() {
        if k > 0 {
            text.push_str("\n\n");
        }
        if *before {
            text.push_str(around);
        }
        let q_at = text.chars().count();
        text.push_str(quote);
        if !*before {
            text.push_str(around);
        }
        spans.push((quote.clone(), name(k), format!("{q_at}")));
    }
    text.push_str(" Nothing was decided.");
    let mut doc = Document::new(format!("d{n}"), format!("Fixture {n}"), text.clone());
    let chars: Vec<char> = text.chars().collect();
    let find = |needle: &str, from: usize| -> usize {
        let n: Vec<char> = needle.chars().collect();
        (from..chars.len())
            .find(|&i| chars[i..].starts_with(&n))
            .unwrap_or(0)
    };
    for (k, (quote, who, at)) in spans.iter().enumerate() {
        let q = at.parse().unwrap_or(0);
        let q_end = q + quote.chars().count();
        let w = find(who, q.saturating_sub(40));
        let (qid, wid) = (SpanId(2 * k as u64 + 1), SpanId(2 * k as u64 + 2));
        let _ = doc.spans.insert(Span::new(qid, q, q_end, "quote"));
        let mut e = Span::new(wid, w, w + who.chars().count(), "entity");
        e.attrs.insert("kind".into(), "person".into());
        let _ = doc.spans.insert(e);
        let _ = doc
            .relations
            .insert(Relation::new(RelationId(k as u64 + 1), "said_by", qid, wid));
    }
    doc.status = crate::model::DocStatus::Done;
    doc
}

fn project(n: usize) -> Project {
    let mut p = Project::new("fixture");
    p.documents = (0..n).map(fixture).collect();
    p
}

#[test]
fn learns_quotes_and_speakers_and_links_them() -> Result<(), LearnError> {
    let p = project(12);
    let mut calls = Vec::new();
    let model = train(
        &lessons(&p),
        &p.labels,
        &Options::default(),
        &mut |done, total| calls.push((done, total)),
        &AtomicBool::new(false),
    )?;
    assert_eq!(model.documents, 12);
    assert_eq!(model.source(), "model:spanmark-perceptron@12");
    let names: Vec<&str> = model.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["quote", "entity", "speaker"]);
    let (last, total) = calls.last().copied().unwrap_or_default();
    assert_eq!(last, total, "progress reaches its total");
    assert!(
        calls.windows(2).all(|w| w[0].0 < w[1].0),
        "progress only grows"
    );
    // A document it never saw: other names, other sentences.
    let text = "The council of Eastbury met on Monday.\n\n\
        “The harbour will stay open all year,” Rosa Vidal said.\n\n\
        Karl Odum said: “We need more buses.”";
    let doc = Document::new("new", "New", text);
    let found = model.suggest(&doc);
    let chars: Vec<char> = text.chars().collect();
    let t = |s: &crate::model::Suggestion| chars[s.start..s.end].iter().collect::<String>();
    let quote = found
        .iter()
        .find(|s| s.label == "quote" && t(s) == "“The harbour will stay open all year,”");
    let Some(quote) = quote else {
        panic!(
            "{:?}",
            found
                .iter()
                .map(|s| (s.label.clone(), t(s)))
                .collect::<Vec<_>>()
        );
    };
    let who = quote
        .said_by
        .map(|(a, b)| chars[a..b].iter().collect::<String>());
    assert_eq!(who.as_deref(), Some("Rosa Vidal"));
    assert!(
        found
            .iter()
            .any(|s| s.label == "entity" && t(s) == "Karl Odum"),
        "{found:?}"
    );
    for s in &found {
        let score = s.score.map_or(-1.0, |x| x.0);
        assert!((0.0..=1.0).contains(&score), "{score}");
        assert_eq!(s.source, "model:spanmark-perceptron@12");
    }
    // The file round trip gives the same suggestions.
    let again = file::from_bytes(&file::to_bytes(&model)?)?;
    assert_eq!(again.suggest(&doc), found);
    Ok(())
}

#[test]
fn the_cancel_flag_stops_training() {
    let p = project(8);
    let cancel = AtomicBool::new(false);
    let mut seen = 0;
    let got = train(
        &lessons(&p),
        &LabelSet::default(),
        &Options::default(),
        &mut |done, _| {
            seen = done;
            if done == 5 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(got, Err(LearnError::Cancelled)), "{got:?}");
    assert_eq!(seen, 5);
}

#[test]
fn only_documents_done_or_curated_teach() {
    let mut p = project(3);
    p.documents[1].status = crate::model::DocStatus::InProgress;
    let mut curated = fixture(4);
    curated.status = crate::model::DocStatus::Todo;
    let ids: Vec<SpanId> = curated.spans.iter().map(|s| s.id).collect();
    for id in ids {
        if let Some(s) = curated.spans.get(id).cloned() {
            let mut s = s;
            s.gold = true;
            let _ = curated.spans.remove(id);
            let _ = curated.spans.insert(s);
        }
    }
    p.documents.push(curated);
    let l = lessons(&p);
    let ids: Vec<(&str, bool)> = l.iter().map(|l| (l.doc.id.as_str(), l.gold_only)).collect();
    assert_eq!(ids, [("d0", false), ("d2", false), ("d4", true)]);
    p.documents.clear();
    assert!(matches!(
        train(
            &lessons(&p),
            &LabelSet::default(),
            &Options::default(),
            &mut |_, _| {},
            &AtomicBool::new(false)
        ),
        Err(LearnError::NothingToLearn)
    ));
}

/// Labels in German with the quote role linking by `gesagt_von`: the model
/// learns the speakers from that relation and links its quotes.
#[test]
fn learns_speakers_from_the_quote_roles_relation() -> Result<(), LearnError> {
    use crate::model::{LabelDef, Rgb, Role};
    let mut p = project(12);
    let mut zitat = LabelDef::new("zitat", "Zitat", Rgb(1, 2, 3));
    zitat.role = Some(Role::Quote);
    zitat.link = Some("gesagt_von".into());
    let mut einheit = LabelDef::new("einheit", "Einheit", Rgb(1, 2, 3));
    einheit.role = Some(Role::Entity);
    p.labels = LabelSet(vec![zitat, einheit]);
    for d in &mut p.documents {
        let mut spans: Vec<Span> = d.spans.iter().cloned().collect();
        for s in &mut spans {
            s.label = if s.label == "quote" {
                "zitat"
            } else {
                "einheit"
            }
            .into();
        }
        d.spans = spans.into_iter().collect();
        let mut rels: Vec<Relation> = d.relations.iter().cloned().collect();
        for r in &mut rels {
            r.kind = "gesagt_von".into();
        }
        d.relations = rels.into_iter().collect();
    }
    let model = train(
        &lessons(&p),
        &p.labels,
        &Options::default(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )?;
    let names: Vec<&str> = model.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["zitat", "einheit", "speaker"]);
    let found = model.suggest(&fixture(40));
    assert!(
        found
            .iter()
            .any(|s| s.label == "zitat" && s.said_by.is_some()),
        "{found:?}"
    );
    Ok(())
}
