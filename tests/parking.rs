//! Parking documents out of memory (issue 13): the window on a large folder
//! project keeps whole only the documents shown last and those with unsaved
//! changes; the others are read back from their files when a change, the
//! reader or a whole-project task needs them, and nothing is ever lost or
//! written from a stand-in.

use std::path::{Path, PathBuf};

use spanmark::model::{Change, LabelEdit, Project};
use spanmark::session::{Session, rules};
use spanmark::store;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A folder project of `n` generated articles (15 spans each) in `dir`,
/// and the project as saved.
fn corpus(dir: &Path, n: usize) -> Result<(PathBuf, Project), Box<dyn std::error::Error>> {
    let project = spanmark_testkit::synth::corpus(n, 11);
    let path = dir.join("archive.spanmark");
    store::save(&project, &path)?;
    let saved = store::load(&path)?;
    Ok((path, saved))
}

/// Open `path` as the window does, keeping `keep` documents shown before.
fn open_parked(path: &Path, show: Option<&str>, keep: usize) -> Result<Session, store::StoreError> {
    Session::open_parked(path, None, Some((show, keep)))
}

/// A folder project of `n` articles in `dir` opened as the window opens it
/// (nothing kept but the document shown), with an unsaved event tagged in
/// document `doc`; the project as saved.
fn edited(
    dir: &Path,
    n: usize,
    doc: usize,
) -> Result<(PathBuf, Project, Session), Box<dyn std::error::Error>> {
    let (path, saved) = corpus(dir, n)?;
    let mut session = open_parked(&path, None, 0)?;
    session.set_current(doc)?;
    let proposal = rules::tag(&session, Some((0, 3)), None, "event")?;
    session.apply(proposal.change)?;
    Ok((path, saved, session))
}

/// How many documents are whole in memory.
fn whole(session: &Session) -> usize {
    session.project().documents.len() - session.parked()
}

#[test]
fn the_window_reads_whole_only_the_documents_it_shows() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, saved) = corpus(dir.path(), 40)?;
    let mut session = open_parked(&path, Some("article-00017"), 2)?;
    // The first document and the one asked for; every other is parked.
    assert_eq!(whole(&session), 2);
    assert!(session.project().documents[17].parked.is_none());
    // What the window lists is what the whole project says.
    let full = Session::new(saved.clone(), None);
    for label in ["entity", "quote", "claim", "event"] {
        assert_eq!(
            session.summary().label_count(label),
            full.summary().label_count(label)
        );
    }
    for (a, b) in session.project().documents.iter().zip(&saved.documents) {
        assert_eq!(
            (a.span_count(), a.char_len(), &a.title),
            (b.spans.len(), b.char_len(), &b.title)
        );
    }
    // Moving through the documents keeps at most the shown one and the two
    // before it whole, each read back exactly as saved.
    for i in (0..40).rev() {
        session.set_current(i)?;
        assert!(
            session.document() == Some(&saved.documents[i]),
            "document {i}"
        );
        assert!(whole(&session) <= 3, "{} whole at {i}", whole(&session));
    }
    Ok(())
}

#[test]
fn a_parked_document_is_read_back_to_be_edited_and_undone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, saved) = corpus(dir.path(), 12)?;
    let mut session = open_parked(&path, None, 0)?;
    session.set_current(3)?;
    let proposal = rules::tag(&session, Some((0, 3)), None, "entity")?;
    session.apply(proposal.change)?;
    session.save()?;
    // Saved, then left: document 3 is parked, its edit still undoable.
    session.set_current(5)?;
    assert!(session.project().documents[3].parked.is_some());
    let undone = session.undo()?;
    assert!(undone.is_some());
    assert!(session.project().documents[3].parked.is_none());
    assert!(session.project().documents[3] == saved.documents[3]);
    session.save()?;
    // (The id counters only grow.)
    assert!(store::load(&path)?.documents == saved.documents);
    // And redone, across another parking.
    session.set_current(7)?;
    session.redo()?;
    session.save()?;
    let reopened = store::load(&path)?;
    assert_eq!(
        reopened.documents[3].spans.len(),
        saved.documents[3].spans.len() + 1
    );
    for i in (0..12).filter(|&i| i != 3) {
        assert!(reopened.documents[i] == saved.documents[i], "document {i}");
    }
    Ok(())
}

#[test]
fn a_label_removed_takes_its_spans_from_parked_documents_too() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, saved) = corpus(dir.path(), 10)?;
    let with_entities = saved
        .documents
        .iter()
        .filter(|d| d.spans.count("entity") > 0)
        .count();
    assert!(
        with_entities > 2,
        "the corpus has entities in several documents"
    );
    let mut session = open_parked(&path, None, 0)?;
    session.apply(Change::Labels(LabelEdit::Remove {
        id: "entity".into(),
    }))?;
    session.save()?;
    let reopened = store::load(&path)?;
    assert!(
        reopened
            .documents
            .iter()
            .all(|d| d.spans.count("entity") == 0)
    );
    assert_eq!(reopened.validate(), Ok(()));
    // Undone, every span comes back.
    session.undo()?;
    session.save()?;
    assert!(store::load(&path)?.documents == saved.documents);
    Ok(())
}

#[test]
fn save_as_and_convert_write_every_document_whole() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, saved) = corpus(dir.path(), 15)?;
    let mut session = open_parked(&path, None, 1)?;
    assert!(session.parked() > 10);
    let file = dir.path().join("one.ron");
    session.save_as(&file)?;
    assert!(store::load(&file)? == saved);
    let mut session = open_parked(&path, None, 1)?;
    let copy = dir.path().join("copy.spanmark");
    session.save_as(&copy)?;
    assert!(store::load(&copy)? == saved);
    Ok(())
}

#[test]
fn a_parked_documents_file_changed_by_another_program_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, saved) = corpus(dir.path(), 6)?;
    assert!(saved.documents[4].spans.count("entity") > 0);
    let mut session = open_parked(&path, None, 0)?;
    let file = path.join("docs").join("article-00004.ron");
    let text = std::fs::read_to_string(&file)?;
    std::fs::write(&file, text.replacen("title: \"", "title: \"Changed ", 1))?;
    let Err(e) = session.set_current(4) else {
        return Err("a document file changed by another program was read back".into());
    };
    let said = e.to_string();
    assert!(
        said.contains("article-00004.ron") && said.contains("changed on disk"),
        "{said}"
    );
    assert_eq!(session.current_index(), 0, "the shown document stays");
    // An edit that needs it is refused too, and changes nothing.
    let before = session.project().clone();
    let gone = session.apply(Change::Labels(LabelEdit::Remove {
        id: "entity".into(),
    }));
    assert!(gone.is_err());
    assert!(session.project() == &before);
    Ok(())
}

#[test]
fn a_snapshot_reads_parked_documents_back_and_keeps_unsaved_edits() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (_, saved, session) = edited(dir.path(), 20, 9)?;
    let edited = session.document().cloned();
    assert!(session.parked() >= 18);
    let whole = session.snapshot().whole()?;
    assert_eq!(whole.documents.len(), 20);
    for (i, (a, b)) in whole.documents.iter().zip(&saved.documents).enumerate() {
        let want = if i == 9 { edited.as_ref() } else { Some(b) };
        assert!(Some(a) == want, "document {i}");
    }
    // A format that does not stream gets the whole project; the session
    // keeps its documents parked.
    let out = dir.path().join("out.conll");
    let options = spanmark::formats::ExportOptions::default();
    let report =
        session
            .snapshot()
            .export(spanmark::formats::Format::Conll, &options, &out, false)?;
    assert_eq!(report.documents, 20);
    assert!(session.parked() >= 18);
    Ok(())
}

/// Change the title in document file `name` of the folder at `path`, as
/// another program (a git pull) would.
fn change_on_disk(path: &Path, name: &str) -> TestResult {
    let file = path.join("docs").join(name);
    let text = std::fs::read_to_string(&file)?;
    std::fs::write(&file, text.replacen("title: \"", "title: \"Theirs ", 1))?;
    Ok(())
}

#[test]
fn save_mine_as_works_when_a_parked_documents_file_changed_on_disk() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, _, mut session) = edited(dir.path(), 8, 2)?;
    let mine = session.document().cloned();
    change_on_disk(&path, "article-00005.ron")?;
    // Save as elsewhere keeps the edit, and takes the document the person
    // never changed as the other program left it, saying so.
    let copy = dir.path().join("mine.spanmark");
    assert_eq!(session.save_as(&copy)?.taken_as_on_disk, 1);
    let saved = store::load(&copy)?;
    assert!(Some(&saved.documents[2]) == mine.as_ref());
    assert!(saved.documents[5].title.starts_with("Theirs "));
    Ok(())
}

#[test]
fn keeping_mine_over_a_changed_file_leaves_every_document_readable() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, saved, mut session) = edited(dir.path(), 8, 2)?;
    change_on_disk(&path, "article-00005.ron")?;
    // "Keep mine" (after a refused save): the save over the project's own
    // folder, whatever is there.
    assert_eq!(session.save_as(&path)?.taken_as_on_disk, 1);
    // Its steps described the document as it was: undo starts afresh.
    assert!(!session.can_undo());
    for i in 0..8 {
        session.set_current(i)?;
    }
    assert!(session.parked() >= 6, "parked again after the save");
    session.set_current(5)?;
    assert!(
        session
            .document()
            .is_some_and(|d| d.title.starts_with("Theirs "))
    );
    let reopened = store::load(&path)?;
    assert_eq!(
        reopened.documents[2].spans.len(),
        saved.documents[2].spans.len() + 1
    );
    assert!(reopened.documents[5].title.starts_with("Theirs "));
    Ok(())
}

#[test]
fn the_entities_rule_knows_what_parked_documents_tagged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut project = Project::new("names");
    for (id, text) in [
        ("a", "Then the ministry answered."),
        ("b", "Nobody else spoke."),
        ("c", "Later the ministry spoke again."),
    ] {
        project
            .documents
            .push(spanmark::model::Document::new(id, id, text));
    }
    let path = dir.path().join("names.spanmark");
    store::save(&project, &path)?;
    let mut session = open_parked(&path, None, 0)?;
    let proposal = rules::tag(&session, Some((5, 17)), None, "entity")?;
    session.apply(proposal.change)?;
    session.save()?;
    session.set_current(1)?;
    session.set_current(2)?;
    assert!(session.project().documents[0].is_parked());
    let found = spanmark::session::suggest::run_rules(&session)?;
    let Change::Doc {
        edit: spanmark::model::Edit::SetSuggestions(s),
        ..
    } = found.change
    else {
        return Err(format!("not suggestions: {:?}", found.change).into());
    };
    let texts: Vec<String> = s
        .pending
        .iter()
        .map(|p| {
            session
                .document()
                .map(|d| {
                    spanmark::model::text::slice_chars(&d.text, p.start, p.end)
                        .unwrap_or("")
                        .to_owned()
                })
                .unwrap_or_default()
        })
        .collect();
    assert!(texts.iter().any(|t| t == "the ministry"), "{texts:?}");
    Ok(())
}

#[test]
fn an_undone_import_never_leaves_a_stand_in_shown() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, _) = corpus(dir.path(), 6)?;
    let mut session = open_parked(&path, None, 0)?;
    let new = spanmark::model::Document::new("new", "New", "Peskov said so.");
    session.import(spanmark::formats::Imported {
        docs: vec![new],
        notices: Default::default(),
    })?;
    session.set_current(6)?;
    change_on_disk(&path, "article-00005.ron")?;
    // Undone, the import's document goes; the one before it cannot be
    // read back (changed on disk): another is shown, and the window told.
    let undone = session.undo()?;
    assert!(session.document().is_some(), "a document is shown");
    assert!(session.document().is_some_and(|d| !d.is_parked()));
    let said = undone.and_then(|u| u.not_shown).unwrap_or_default();
    assert!(said.contains("article-00005.ron"), "{said}");
    Ok(())
}

#[test]
fn keeping_mine_saves_the_edit_when_another_program_removed_a_parked_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, saved, mut session) = edited(dir.path(), 8, 2)?;
    let mine = session.document().cloned();
    std::fs::remove_file(path.join("docs").join("article-00006.ron"))?;
    change_on_disk(&path, "article-00004.ron")?;
    // Save as elsewhere cannot copy a document it cannot read: it says so.
    let Err(e) = session.save_as(&dir.path().join("copy.spanmark")) else {
        return Err("a copy without a document was written".into());
    };
    assert!(e.to_string().contains("article-00006.ron"), "{e}");
    // "Keep mine" saves the edit; the removed file is left as it is.
    let kept = session.save_as(&path)?;
    assert_eq!(kept.taken_as_on_disk, 1);
    let Some((1, said)) = kept.left_unread else {
        return Err("the unreadable document was not reported".into());
    };
    assert!(said.contains("article-00006.ron"), "{said}");
    let file = path.join("docs").join("article-00002.ron");
    let (_, edited) =
        spanmark::store::folder::parse_doc_file(&std::fs::read_to_string(&file)?, &file)?;
    assert!(Some(&edited) == mine.as_ref());
    assert_eq!(edited.spans.len(), saved.documents[2].spans.len() + 1);
    Ok(())
}
