//! `spanmark merge` and the git merge driver (issue 14): annotators'
//! projects into one; two branches that annotated the same document
//! differently, merged by a real `git merge`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use spanmark::model::{Document, Project, Relation, RelationId, Span, SpanId};
use spanmark::session::{Session, rules};
use spanmark::store;

use crate::cli_support;
use crate::git_support;
use cli_support::{agree_json, bin, run_said};
use git_support::{git, repo_with_driver, run};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const T1: &str = "“We will not sign,” Peskov said on Tuesday.";

/// A project with T1 (and `extra` texts) and `spans` on T1 made by `who`.
fn project(who: &str, spans: &[(usize, usize, &str)], extra: &[&str]) -> Project {
    let mut p = Project::new(who);
    let mut d = Document::new(format!("{who}-1"), "Peskov", T1);
    d.spans = spans
        .iter()
        .enumerate()
        .map(|(i, (a, b, l))| {
            let mut s = Span::new(SpanId(i as u64 + 1), *a, *b, *l);
            s.annotator = Some(who.to_owned());
            s
        })
        .collect();
    p.documents.push(d);
    for (i, t) in extra.iter().enumerate() {
        p.documents
            .push(Document::new(format!("{who}-x{i}"), "Other", *t));
    }
    p.ensure_next_ids();
    p
}

#[test]
fn merge_collapses_identical_spans_keeps_differences_and_reports_them() -> TestResult {
    let dir = tempfile::tempdir()?;
    // quote [0,18) "We will not sign,"… entity [20,26) "Peskov".
    let mut alice = project(
        "alice",
        &[(0, 19, "quote"), (20, 26, "entity")],
        &["Only Alice."],
    );
    alice.documents[0].relations = [Relation::new(
        RelationId(1),
        "said_by",
        SpanId(1),
        SpanId(2),
    )]
    .into_iter()
    .collect();
    alice.relation_kinds.push("said_by".to_owned());
    alice.ensure_next_ids();
    // Bob: the same entity, the quote one character shorter, a claim on
    // the quote's exact range, and an event nobody else has.
    let bob = project(
        "bob",
        &[
            (0, 18, "quote"),
            (0, 19, "claim"),
            (20, 26, "entity"),
            (27, 31, "event"),
        ],
        &[],
    );
    let (a, b) = (
        dir.path().join("alice.ron"),
        dir.path().join("bob.spanmark"),
    );
    store::save(&alice, &a)?;
    store::save(&bob, &b)?;
    let merge_ab = |out: &Path| {
        run_said(&[
            OsStr::new("merge"),
            a.as_os_str(),
            b.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
    };
    let merged = dir.path().join("gold.ron");
    let (ok, text) = merge_ab(&merged)?;
    assert!(ok, "{text}");
    assert!(
        text.contains("2 documents (1 annotated by two or more), 5 spans, 1 relations"),
        "{text}"
    );
    assert!(text.contains("agreed: 1 spans"), "{text}");
    // bob's claim and alice's quote share a range: label (both); bob's
    // quote against alice's: boundary; bob's event: missing.
    assert!(text.contains("disagree: 2 label"), "{text}");
    assert!(text.contains("1 boundary"), "{text}");
    assert!(text.contains("1 missing"), "{text}");

    let gold = store::load(&merged)?;
    assert_eq!(gold.validate(), Ok(()));
    let doc = &gold.documents[0];
    let entity: Vec<&Span> = doc.spans.iter().filter(|s| s.label == "entity").collect();
    assert_eq!(entity.len(), 1, "identical spans collapse");
    assert_eq!(entity[0].makers(), ["alice", "bob"]);
    let quotes: Vec<Vec<&str>> = doc
        .spans
        .iter()
        .filter(|s| s.label == "quote")
        .map(|s| s.makers())
        .collect();
    assert_eq!(quotes.len(), 2, "differing spans are both kept");
    assert!(quotes.contains(&vec!["alice"]) && quotes.contains(&vec!["bob"]));
    // alice's relation follows her spans.
    let r = doc.relations.iter().next().ok_or("no relation")?;
    let from = doc.spans.get(r.from).ok_or("no from")?;
    let to = doc.spans.get(r.to).ok_or("no to")?;
    assert_eq!((from.start, from.end, to.label.as_str()), (0, 19, "entity"));
    assert_eq!(gold.documents[1].text, "Only Alice.");

    // An existing output is refused; the output is never an input.
    let (ok, text) = merge_ab(&merged)?;
    assert!(!ok && text.contains("gold.ron"), "{text}");
    let (ok, _) = run_said(&[
        "merge".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        "-o".as_ref(),
        a.as_os_str(),
        "--force".as_ref(),
    ])?;
    assert!(!ok);
    Ok(())
}

/// Import a new article with `text` into the project at `path`.
fn import(path: &Path, name: &str, text: &str) -> TestResult {
    let dir = tempfile::tempdir()?;
    let article = dir.path().join(name);
    std::fs::write(&article, text)?;
    let (ok, said) = run_said(&[
        "import".as_ref(),
        "--into".as_ref(),
        path.as_os_str(),
        article.as_os_str(),
    ])?;
    assert!(ok, "{said}");
    Ok(())
}

/// Tag `range` of document `doc` with `label` in the project at `path`, and save.
fn tag(path: &Path, doc: usize, range: (usize, usize), label: &str) -> TestResult {
    let mut session = Session::open(path)?;
    session.set_current(doc)?;
    let proposal = rules::tag(&session, Some(range), None, label)?;
    session.apply(proposal.change)?;
    session.save()?;
    Ok(())
}

/// A repository with the driver and one committed project at `name`
/// (a file or a folder) holding T1 and a second article.
fn repo(dir: &Path, name: &str) -> Result<PathBuf, Box<dyn std::error::Error>> {
    repo_with_driver(dir, bin())?;
    // What a team's repository ignores: backups, locks and journals.
    std::fs::write(dir.join(".gitignore"), "*.bak\n.*.lock\n.*.journal*\n")?;
    let path = dir.join(name);
    store::save(&project("desk", &[], &["Zelensky spoke in Kyiv."]), &path)?;
    git(dir, &["add", "-A"])?;
    git(dir, &["commit", "-qm", "two articles"])?;
    Ok(path)
}

#[test]
fn git_merges_two_branches_that_annotated_the_same_document_differently() -> TestResult {
    for name in ["desk.ron", "desk.spanmark"] {
        let dir = tempfile::tempdir()?;
        let path = repo(dir.path(), name)?;
        git(dir.path(), &["checkout", "-qb", "alice"])?;
        tag(&path, 0, (0, 19), "quote")?;
        tag(&path, 0, (20, 26), "entity")?;
        import(&path, "alice.txt", "Alice found this one.")?;
        git(dir.path(), &["add", "-A"])?;
        git(dir.path(), &["commit", "-qam", "alice"])?;
        git(dir.path(), &["checkout", "-q", "main"])?;
        tag(&path, 0, (20, 26), "entity")?;
        tag(&path, 0, (35, 42), "event")?;
        tag(&path, 1, (0, 8), "entity")?;
        import(&path, "bob.txt", "Bob found another.")?;
        git(dir.path(), &["add", "-A"])?;
        git(dir.path(), &["commit", "-qam", "bob"])?;
        git(dir.path(), &["merge", "-q", "--no-edit", "alice"])
            .map_err(|e| format!("{name}: {e}"))?;

        let merged = store::load(&path)?;
        assert_eq!(merged.validate(), Ok(()), "{name}");
        let spans: Vec<(usize, usize, &str)> = merged.documents[0]
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        assert_eq!(
            spans,
            [(0, 19, "quote"), (20, 26, "entity"), (35, 42, "event")],
            "{name}: both sides' spans, the shared one once"
        );
        assert_eq!(merged.documents[1].spans.len(), 1, "{name}");
        let texts: Vec<&str> = merged.documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts.len(),
            4,
            "{name}: both sides' new articles: {texts:?}"
        );
        assert!(texts.contains(&"Alice found this one.") && texts.contains(&"Bob found another."));
        // It opens in a session and saves.
        tag(&path, 1, (12, 16), "entity")?;
    }
    Ok(())
}

#[test]
fn a_real_conflict_is_marked_in_the_project_never_with_markers() -> TestResult {
    for name in ["desk.ron", "desk.spanmark"] {
        let dir = tempfile::tempdir()?;
        let path = repo(dir.path(), name)?;
        git(dir.path(), &["checkout", "-qb", "alice"])?;
        tag(&path, 0, (0, 19), "quote")?;
        git(dir.path(), &["commit", "-qam", "alice: a quote"])?;
        git(dir.path(), &["checkout", "-q", "main"])?;
        tag(&path, 0, (0, 19), "claim")?;
        git(dir.path(), &["commit", "-qam", "bob: a claim"])?;
        let out = run(dir.path(), &["merge", "--no-edit", "alice"])?;
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.status.success(), "{name}: git must stop: {said}");
        assert!(said.contains("conflicts marked"), "{name}: {said}");
        // What git left is a valid project: no conflict markers.
        let merged = store::load(&path).map_err(|e| format!("{name}: {e}"))?;
        let doc = &merged.documents[0];
        assert!(
            doc.categories.iter().any(|c| c == "merge conflict"),
            "{name}"
        );
        let labels: Vec<&str> = doc.spans.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels.len(), 2, "{name}: both kept: {labels:?}");
        assert!(
            doc.spans
                .iter()
                .all(|s| { s.note().is_some_and(|n| n.contains("merge conflict")) })
        );
        let files = git(dir.path(), &["ls-files"])?;
        for f in files.lines() {
            let text = std::fs::read_to_string(dir.path().join(f))?;
            assert!(!text.contains("<<<<<<<"), "{name}: markers in {f}");
        }
        // Resolved in Spanmark, the merge is concluded.
        git(dir.path(), &["add", "-A"])?;
        git(dir.path(), &["commit", "-qm", "merged"])?;
    }
    Ok(())
}

#[test]
fn agreement_of_a_merged_project_is_that_of_its_inputs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let corpus = spanmark_testkit::synth::corpus(30, 5);
    let mut inputs = Vec::new();
    for (i, name) in ["alice", "bob", "carol"].iter().enumerate() {
        let p = spanmark_testkit::synth::annotator_variant(&corpus, name, 40 + i as u64);
        let path = dir.path().join(format!("{name}.ron"));
        store::save(&p, &path)?;
        inputs.push(path);
    }
    let merged = dir.path().join("gold.ron");
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), merged.as_os_str()]);
    let (ok, said) = run_said(&args)?;
    assert!(ok, "{said}");
    let separate = agree_json(&inputs)?;
    assert_eq!(agree_json(&[&merged])?, separate);
    Ok(())
}

/// An edit of one span, as the window proposes it.
type SpanEdit = fn(&Session, spanmark::model::SpanId) -> rules::Outcome;

/// Apply `edit` to the span over `range` of document 0 and save.
fn edit_span(path: &Path, range: (usize, usize), edit: SpanEdit) -> TestResult {
    let mut session = Session::open(path)?;
    let id = session
        .document()
        .and_then(|d| d.spans.iter().find(|s| (s.start, s.end) == range))
        .map(|s| s.id)
        .ok_or("no such span")?;
    let proposal = edit(&session, id)?;
    session.apply(proposal.change)?;
    session.save()?;
    Ok(())
}

/// A branch's work on the project at a path.
type Work<'a> = &'a dyn Fn(&Path) -> TestResult;

/// `edit` of the quote over [0, 19), as a branch's work.
fn quote_edit(edit: SpanEdit) -> impl Fn(&Path) -> TestResult {
    move |path| edit_span(path, (0, 19), edit)
}

/// A repository whose project (`name`) has a quote over [0, 19); branch
/// alice does `alice`, main does `main`, then main merges alice. Returns
/// the folder, the project's path and git's output.
fn diverge(
    name: &str,
    alice: Work<'_>,
    main: Work<'_>,
) -> Result<(tempfile::TempDir, PathBuf, std::process::Output), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = repo(dir.path(), name)?;
    tag(&path, 0, (0, 19), "quote")?;
    git(dir.path(), &["add", "-A"])?;
    git(dir.path(), &["commit", "-qam", "a quote"])?;
    git(dir.path(), &["checkout", "-qb", "alice"])?;
    alice(&path)?;
    git(dir.path(), &["commit", "-qam", "alice"])?;
    git(dir.path(), &["checkout", "-q", "main"])?;
    main(&path)?;
    git(dir.path(), &["commit", "-qam", "main"])?;
    let out = run(dir.path(), &["merge", "--no-edit", "alice"])?;
    Ok((dir, path, out))
}

/// A span as (start, end, label).
type Bare = (usize, usize, String);

/// The spans of the merged project's first document, sorted.
fn merged_spans(path: &Path) -> Result<Vec<Bare>, Box<dyn std::error::Error>> {
    let mut spans: Vec<_> = store::load(path)?.documents[0]
        .spans
        .iter()
        .map(|s| (s.start, s.end, s.label.clone()))
        .collect();
    spans.sort();
    Ok(spans)
}

const RELABEL: SpanEdit = |s, id| rules::tag(s, None, Some(id), "claim");
const RESIZE: SpanEdit = |s, id| rules::resize(s, id, 1, 18);
const REMOVE: SpanEdit = |s, id| rules::delete(s, Some(id));

#[test]
fn a_span_changed_on_one_side_and_removed_on_the_other_is_kept_and_marked() -> TestResult {
    for name in ["desk.ron", "desk.spanmark"] {
        for (what, change) in [("relabel", RELABEL), ("resize", RESIZE)] {
            // The change on either branch, the removal on the other.
            for change_on_alice in [true, false] {
                let at = format!(
                    "{name}, {what} on {}",
                    if change_on_alice { "alice" } else { "main" }
                );
                let (alice, main) = if change_on_alice {
                    (change, REMOVE)
                } else {
                    (REMOVE, change)
                };
                let (_dir, path, out) = diverge(name, &quote_edit(alice), &quote_edit(main))?;
                assert!(!out.status.success(), "{at}: git must stop");
                let merged = store::load(&path).map_err(|e| format!("{at}: {e}"))?;
                let doc = &merged.documents[0];
                assert!(
                    doc.categories.iter().any(|c| c == "merge conflict"),
                    "{at}: not marked"
                );
                let kept: Vec<_> = doc.spans.iter().collect();
                assert_eq!(kept.len(), 1, "{at}: the changed span is kept");
                let expected = if what == "relabel" {
                    (0, 19, "claim")
                } else {
                    (1, 18, "quote")
                };
                assert_eq!(
                    (kept[0].start, kept[0].end, kept[0].label.as_str()),
                    expected,
                    "{at}"
                );
                let note = kept[0].note().unwrap_or_default();
                assert!(note.contains("removed on"), "{at}: {note}");
            }
        }
    }
    Ok(())
}

#[test]
fn a_span_relabelled_on_one_side_and_resized_on_the_other_keeps_both() -> TestResult {
    for name in ["desk.ron", "desk.spanmark"] {
        let (_dir, path, out) = diverge(name, &quote_edit(RELABEL), &quote_edit(RESIZE))?;
        assert!(!out.status.success(), "{name}: git must stop");
        assert_eq!(
            merged_spans(&path)?,
            [(0, 19, "claim".to_owned()), (1, 18, "quote".to_owned())],
            "{name}"
        );
    }
    Ok(())
}

#[test]
fn a_span_changed_on_one_side_and_kept_on_the_other_takes_the_change() -> TestResult {
    for name in ["desk.ron", "desk.spanmark"] {
        // Main keeps the quote as it was and tags another span.
        let other = |path: &Path| tag(path, 0, (20, 26), "entity");
        let (_dir, path, out) = diverge(name, &quote_edit(RESIZE), &other)?;
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            merged_spans(&path)?,
            [(1, 18, "quote".to_owned()), (20, 26, "entity".to_owned())],
            "{name}: the resize taken, no conflict"
        );
        assert!(
            store::load(&path)?.documents[0].categories.is_empty(),
            "{name}"
        );
    }
    Ok(())
}
