//! `spanmark agree` (issue 14) on small projects whose answers were worked
//! out by hand (docs/agreement.md shows the working of the first).

use std::path::{Path, PathBuf};
use std::process::Command;

use spanmark::model::{Document, Project, Span, SpanId, SpanSet};

use crate::cli_support;
use cli_support::agree_json;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const T1: &str = "Peskov said talks failed.";
const T2: &str = "Only Alice has this one.";
const T3: &str = "Kallas warned.";

/// A document's text and its spans as (start, end, label).
type Doc<'a> = (&'a str, &'a [(usize, usize, &'a str)]);

/// A project of `docs` (text, spans as (start, end, label)), spans made
/// by `who`, saved as `dir/name`.
fn annotator(
    dir: &Path,
    name: &str,
    who: Option<&str>,
    docs: &[Doc<'_>],
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut p = Project::new(name);
    for (i, (text, spans)) in docs.iter().enumerate() {
        // Ids and titles differ between annotators: only the text matches.
        let mut d = Document::new(format!("{name}-{i}"), format!("{name} {i}"), *text);
        d.spans = SpanSet::from_spans(spans.iter().enumerate().map(|(k, (a, b, l))| {
            let mut s = Span::new(SpanId(k as u64 + 1), *a, *b, *l);
            s.annotator = who.map(str::to_owned);
            s
        }));
        p.documents.push(d);
    }
    p.ensure_next_ids();
    let path = dir.join(name);
    spanmark::store::save(&p, &path)?;
    Ok(path)
}

fn agree(paths: &[PathBuf]) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_str(&agree_json(paths)?)?)
}

fn close(v: &serde_json::Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-9)
}

#[test]
fn agreement_matches_the_values_worked_out_by_hand() -> TestResult {
    let dir = tempfile::tempdir()?;
    let alice = annotator(
        dir.path(),
        "alice.ron",
        None,
        &[
            (T1, &[(0, 6, "entity"), (12, 24, "claim")]),
            (T2, &[(0, 4, "entity")]),
            (T3, &[]),
        ],
    )?;
    let bob = annotator(
        dir.path(),
        "b.spanmark",
        Some("bob"),
        &[
            (T3, &[(0, 13, "quote")]),
            (T1, &[(0, 6, "entity"), (7, 24, "claim")]),
        ],
    )?;
    // Nested: an event inside an entity.
    let carol = annotator(
        dir.path(),
        "carol.ron",
        None,
        &[(T1, &[(0, 11, "entity"), (7, 11, "event")])],
    )?;
    let j = agree(&[alice, bob, carol])?;
    assert_eq!(j["documents"], 2, "T2 is alice's alone: left out");
    assert_eq!(
        j["annotators"],
        serde_json::json!(["alice", "bob", "carol"])
    );
    let pairs = j["pairs"].as_array().ok_or("no pairs")?;
    assert_eq!(pairs.len(), 3);
    let ab = &pairs[0];
    assert_eq!(
        (ab["a"].as_str(), ab["b"].as_str()),
        (Some("alice"), Some("bob"))
    );
    let l = &ab["labels"];
    // entity: the same span.
    for kind in ["exact", "overlap"] {
        for m in ["precision", "recall", "f1"] {
            assert!(close(&l["entity"][kind][m], 1.0), "entity {kind} {m}: {l}");
        }
    }
    assert!(close(&l["entity"]["kappa"], 1.0));
    // claim: different starts; they overlap.
    assert!(close(&l["claim"]["exact"]["f1"], 0.0));
    assert!(close(&l["claim"]["overlap"]["f1"], 1.0));
    assert!(close(&l["claim"]["kappa"], 440.0 / 580.0), "{}", l["claim"]);
    // quote: bob's alone. Recall has nothing to recall: undefined, not NaN.
    assert!(close(&l["quote"]["exact"]["precision"], 0.0));
    assert!(l["quote"]["exact"]["recall"].is_null());
    assert!(close(&l["quote"]["exact"]["f1"], 0.0));
    assert!(close(&l["quote"]["kappa"], 0.0));
    // event: neither of the two used it: nothing is defined.
    for m in ["precision", "recall", "f1"] {
        assert!(l["event"]["exact"][m].is_null());
    }
    assert!(l["event"]["kappa"].is_null());
    // Over all labels (micro): 2 spans of alice, 3 of bob.
    let o = &ab["overall"];
    assert!(close(&o["exact"]["precision"], 1.0 / 3.0));
    assert!(close(&o["exact"]["recall"], 0.5));
    assert!(close(&o["exact"]["f1"], 0.4));
    assert!(close(&o["overlap"]["precision"], 2.0 / 3.0));
    assert!(close(&o["overlap"]["recall"], 1.0));
    assert!(close(&o["overlap"]["f1"], 0.8));
    assert!(close(&o["kappa"], 428.0 / 988.0), "{o}");
    // Krippendorff's alpha over all three (T3 has two of them).
    assert!(close(&j["alpha"], 1002.0 / 6280.0), "{}", j["alpha"]);
    // alice vs carol: the entity overlaps but does not match.
    let ac = &pairs[1];
    assert!(close(&ac["labels"]["entity"]["exact"]["f1"], 0.0));
    assert!(close(&ac["labels"]["entity"]["overlap"]["f1"], 1.0));
    assert!(!j.to_string().contains("NaN"));
    Ok(())
}

#[test]
fn the_table_names_what_was_left_out_and_agree_needs_two_projects() -> TestResult {
    let dir = tempfile::tempdir()?;
    let a = annotator(
        dir.path(),
        "a.ron",
        None,
        &[(T1, &[(0, 6, "entity")]), (T2, &[])],
    )?;
    let b = annotator(dir.path(), "b.ron", None, &[(T1, &[(0, 6, "entity")])])?;
    let out = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .args(["agree"])
        .arg(&a)
        .arg(&b)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("1 document annotated by two or more of: a, b"),
        "{text}"
    );
    assert!(
        text.contains("left out: 1 document only one annotator has"),
        "{text}"
    );
    assert!(text.contains("entity"), "{text}");
    let one = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .args(["agree"])
        .arg(&a)
        .output()?;
    assert!(!one.status.success());
    let missing = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .args(["agree"])
        .arg(&a)
        .arg(dir.path().join("nobody.ron"))
        .output()?;
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(!missing.status.success());
    assert!(err.contains("nobody.ron"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    Ok(())
}

#[test]
fn imports_signed_by_annotator_are_compared_under_their_names() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut projects = Vec::new();
    for who in ["ann1", "ann2"] {
        let path = dir.path().join(format!("{who}-import.ron"));
        let out = Command::new(env!("CARGO_BIN_EXE_spanmark"))
            .args([
                "import",
                "tests/data/interop/brat",
                "--annotator",
                who,
                "--into",
            ])
            .arg(&path)
            .output()?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let p = spanmark::store::load(&path)?;
        let spans: Vec<&Span> = p.documents.iter().flat_map(|d| d.spans.iter()).collect();
        assert!(!spans.is_empty());
        assert!(spans.iter().all(|s| s.annotator.as_deref() == Some(who)));
        projects.push(path);
    }
    let j = agree(&projects)?;
    assert_eq!(j["annotators"], serde_json::json!(["ann1", "ann2"]));
    assert!(close(&j["pairs"][0]["overall"]["exact"]["f1"], 1.0), "{j}");
    assert!(close(&j["alpha"], 1.0));
    Ok(())
}
