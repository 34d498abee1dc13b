//! Folder projects (issue 13): `NAME.spanmark/` with a manifest and one file
//! per document. Open, edit, save (only what changed), reopen; a save cut
//! short at any moment; conversion both ways; a real `git merge`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use spanmark::model::{Document, Project};
use spanmark::session::{Session, rules};
use spanmark::store;

use crate::git_support;
use git_support::git;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_spanmark")
}

/// A project of three short articles saved as a folder in `dir`.
pub(crate) fn three_articles(dir: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut p = Project::new("corpus");
    for (id, text) in [
        ("a", "Peskov said the talks went well."),
        ("b", "Zelensky said the attacks went on."),
        ("c/2025 report", "The ministry said nothing."),
    ] {
        p.documents.push(Document::new(id, id, text));
    }
    let path = dir.join("corpus.spanmark");
    store::save(&p, &path)?;
    Ok(path)
}

/// Every file of the project folder with its bytes.
pub(crate) fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if name == ".lock" || name.starts_with(".journal") {
                // The session's own lock and journal, not the project.
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.insert(p.strip_prefix(dir).unwrap_or(&p).to_owned(), bytes);
            }
        }
    }
    out
}

/// Tag the first word of document `i` as an entity and save.
pub(crate) fn tag_first_word(session: &mut Session, i: usize) -> TestResult {
    session.set_current(i)?;
    let proposal = rules::tag(session, Some((0, 4)), None, "entity")?;
    session.apply(proposal.change)?;
    session.save()?;
    Ok(())
}

/// Tag the first word of document `i` and try to save: the error it gives.
fn edit_and_fail_to_save(
    session: &mut Session,
    i: usize,
) -> Result<String, Box<dyn std::error::Error>> {
    session.set_current(i)?;
    let proposal = rules::tag(session, Some((0, 4)), None, "entity")?;
    session.apply(proposal.change)?;
    Ok(session
        .save()
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default())
}

#[test]
fn a_folder_project_opens_saves_only_the_changed_document_and_reopens() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let before = files(&path);
    assert!(before.contains_key(Path::new("project.ron")));
    assert_eq!(
        before.keys().filter(|p| p.starts_with("docs")).count(),
        3,
        "{before:?}"
    );
    let mut session = Session::open(&path)?;
    tag_first_word(&mut session, 1)?;
    let after = files(&path);
    let changed: Vec<_> = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(
        changed,
        vec![PathBuf::from(".saved"), PathBuf::from("docs/b.ron")],
        "one document changed: its file (and the save counter) alone"
    );
    assert!(session.last_written() < 2_000, "{}", session.last_written());
    assert!(!path.join(".pending").exists());
    drop(session);

    let reopened = store::load(&path)?;
    assert_eq!(reopened.documents[1].spans.len(), 1);
    assert_eq!(reopened.documents[0].spans.len(), 0);
    assert_eq!(reopened.documents[2].id, "c/2025 report");
    Ok(())
}

#[test]
fn a_save_cut_short_is_finished_if_committed_and_thrown_away_if_not() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let original = store::load(&path)?;
    // The edited version, saved elsewhere: the files a save would write.
    let mut session = Session::open(&path)?;
    session.set_current(0)?;
    let proposal = rules::tag(&session, Some((0, 6)), None, "entity")?;
    session.apply(proposal.change)?;
    let edited = session.project().clone();
    drop(session);
    let other = dir.path().join("other.spanmark");
    store::save(&edited, &other)?;
    let new_doc = std::fs::read(other.join("docs/a.ron"))?;

    // Cut short before the commit marker: the previous save stands, and
    // the one who opens it to write throws the unfinished save away.
    std::fs::create_dir_all(path.join(".pending/docs"))?;
    std::fs::write(path.join(".pending/docs/a.ron"), &new_doc)?;
    assert_eq!(store::load(&path)?, original);
    assert_eq!(Session::open(&path)?.project(), &original);
    assert!(
        !path.join(".pending").exists(),
        "the unfinished save is gone"
    );

    // Cut short after it: the new save is complete (committed); a reader
    // sees it, from `.pending/`, and leaves the folder alone; the writer
    // finishes moving its files into place.
    std::fs::create_dir_all(path.join(".pending/docs"))?;
    std::fs::write(path.join(".pending/docs/a.ron"), &new_doc)?;
    std::fs::write(path.join(".pending/COMMIT"), "")?;
    assert_eq!(store::load(&path)?.documents, edited.documents);
    assert!(
        path.join(".pending/COMMIT").exists(),
        "a reader changes nothing"
    );
    let session = Session::open(&path)?;
    assert_eq!(session.project().documents[0].spans.len(), 1);
    assert_eq!(session.project().documents, edited.documents);
    assert!(!path.join(".pending").exists());
    drop(session);
    assert_eq!(store::load(&path)?.documents, edited.documents);
    Ok(())
}

#[test]
fn projects_convert_between_a_file_and_a_folder_without_loss() -> TestResult {
    let dir = tempfile::tempdir()?;
    for source in ["projects/sample.ron", "tests/data/multilingual.ron"] {
        let original = store::load(Path::new(source))?;
        let folder = dir.path().join("p.spanmark");
        let back = dir.path().join("back.ron");
        for (from, to) in [(Path::new(source), folder.as_path()), (&folder, &back)] {
            let out = Command::new(bin())
                .arg("convert")
                .arg(from)
                .arg(to)
                .output()?;
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(store::load(&folder)?, original, "{source} as a folder");
        assert_eq!(store::load(&back)?, original, "{source} and back");
        // The folder refuses to be replaced; the file only with --force.
        let again = Command::new(bin())
            .arg("convert")
            .arg(source)
            .arg(&folder)
            .output()?;
        assert!(!again.status.success());
        let forced = Command::new(bin())
            .args(["convert", "--force"])
            .arg(&folder)
            .arg(&back)
            .output()?;
        assert!(forced.status.success());
        std::fs::remove_dir_all(&folder)?;
        std::fs::remove_file(&back)?;
    }
    Ok(())
}

#[test]
fn git_merges_two_branches_that_edited_different_documents() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    git(dir.path(), &["init", "-q"])?;
    git(dir.path(), &["add", "-A"])?;
    git(dir.path(), &["commit", "-qm", "three articles"])?;
    // Alice tags article a on a branch; Bob tags article b on main.
    git(dir.path(), &["checkout", "-qb", "alice"])?;
    tag_first_word(&mut Session::open(&path)?, 0)?;
    git(dir.path(), &["commit", "-qam", "alice tags a"])?;
    git(dir.path(), &["checkout", "-q", "main"])?;
    tag_first_word(&mut Session::open(&path)?, 1)?;
    git(dir.path(), &["commit", "-qam", "bob tags b"])?;
    git(dir.path(), &["merge", "-q", "--no-edit", "alice"])?;
    assert_eq!(
        git(
            dir.path(),
            &["status", "--porcelain", "--untracked-files=no"]
        )?,
        ""
    );

    let merged = store::load(&path)?;
    assert_eq!(merged.documents[0].spans.len(), 1, "alice's span");
    assert_eq!(merged.documents[1].spans.len(), 1, "bob's span");
    // And it still opens and saves.
    tag_first_word(&mut Session::open(&path)?, 2)?;
    assert_eq!(store::load(&path)?.documents[2].spans.len(), 1);
    Ok(())
}

#[test]
fn the_manifest_opens_its_folder_and_no_export_writes_over_a_folder_project() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    // A file dialog picks project.ron: the folder project opens.
    let session = Session::open(&path.join("project.ron"))?;
    assert_eq!(session.path(), Some(path.as_path()));
    assert_eq!(session.project().documents.len(), 3);
    drop(session);
    let out = Command::new(bin())
        .args([
            "export",
            "projects/sample.ron",
            "-f",
            "brat",
            "--force",
            "-o",
        ])
        .arg(&path)
        .output()?;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a Spanmark project"), "{err}");
    assert_eq!(store::load(&path)?.documents.len(), 3, "untouched");
    Ok(())
}

#[test]
fn a_document_file_changed_on_disk_is_never_overwritten_unless_asked() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let mut session = Session::open(&path)?;
    // Another program (a git pull) rewrites article b's file.
    let mut theirs = store::load(&path)?;
    theirs.documents[1].title = "Changed elsewhere".to_owned();
    let other = dir.path().join("theirs.spanmark");
    store::save(&theirs, &other)?;
    std::fs::copy(other.join("docs/b.ron"), path.join("docs/b.ron"))?;
    // This session edits the same article: the save refuses, naming it.
    let err = edit_and_fail_to_save(&mut session, 1)?;
    assert!(
        err.contains("docs/b.ron") && err.contains("changed on disk"),
        "{err}"
    );
    assert_eq!(store::load(&path)?.documents[1].title, "Changed elsewhere");
    // "Keep mine": Save as onto itself writes this version.
    session.save_as(&path)?;
    let kept = store::load(&path)?;
    assert_eq!(kept.documents[1].title, "b");
    assert_eq!(kept.documents[1].spans.len(), 1);
    Ok(())
}

#[test]
fn a_broken_document_file_is_named_when_the_project_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    tag_first_word(&mut Session::open(&path)?, 1)?;
    let file = path.join("docs/b.ron");
    let text = std::fs::read_to_string(&file)?;
    assert!(text.contains("end: 4,"), "{text}");
    std::fs::write(&file, text.replace("end: 4,", "end: 400,"))?;
    let err = store::load(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("docs/b.ron") && err.contains("[0, 400)"),
        "{err}"
    );
    let out = Command::new(bin()).arg("validate").arg(&path).output()?;
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("b.ron").count(), 1, "named once: {said}");
    Ok(())
}

#[test]
fn a_document_imported_again_after_undo_is_saved() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let mut session = Session::open(&path)?;
    let import = |session: &mut Session, text: &str| -> TestResult {
        let docs = vec![Document::new("x", "x", text)];
        let (change, _) = spanmark::session::prepare_import(session.project(), docs)?;
        session.apply(change)?;
        session.save()?;
        Ok(())
    };
    import(&mut session, "First version of the article.")?;
    session.undo()?;
    import(&mut session, "Second version, imported again.")?;
    drop(session);
    let saved = store::load(&path)?;
    let x = saved.documents.iter().find(|d| d.id == "x").ok_or("no x")?;
    assert_eq!(x.text, "Second version, imported again.");
    Ok(())
}

#[test]
fn a_manifest_changed_on_disk_stops_the_save() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let mut session = Session::open(&path)?;
    // A git pull renames the project (the manifest changes).
    let manifest = path.join("project.ron");
    let text = std::fs::read_to_string(&manifest)?;
    std::fs::write(&manifest, text.replace("\"corpus\"", "\"renamed\""))?;
    let err = edit_and_fail_to_save(&mut session, 0)?;
    assert!(
        err.contains("project.ron") && err.contains("changed on disk"),
        "{err}"
    );
    Ok(())
}

#[test]
fn a_manifest_never_sends_a_document_outside_the_folder() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let manifest = path.join("project.ron");
    let text = std::fs::read_to_string(&manifest)?;
    assert!(text.contains("file: \"a.ron\""), "{text}");
    std::fs::write(
        &manifest,
        text.replace("file: \"a.ron\"", "file: \"../../a.ron\""),
    )?;
    let err = store::load(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("not a file name of docs/"), "{err}");
    Ok(())
}

#[test]
fn the_stamp_a_journal_is_tied_to_covers_every_document_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let (_, before, _) = store::load_any(&path, false, None, None)?;
    // A git checkout changes one document, not the manifest.
    let file = path.join("docs/b.ron");
    let text = std::fs::read_to_string(&file)?;
    std::fs::write(&file, text.replace("Zelensky", "Zelenskyy"))?;
    let (_, after, _) = store::load_any(&path, false, None, None)?;
    assert_ne!(
        before, after,
        "a journal of the old documents must not replay"
    );
    Ok(())
}

#[test]
fn a_read_only_document_file_is_refused_and_permissions_are_kept() -> TestResult {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let file = path.join("docs/b.ron");
    let before = std::fs::read(&file)?;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444))?;
    let mut session = Session::open(&path)?;
    let err = edit_and_fail_to_save(&mut session, 1)?;
    assert!(
        err.contains("docs/b.ron") && err.contains("read-only"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file)?, before, "untouched");
    // Writable again, but only for its owner and group: saved, and so kept.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640))?;
    session.save()?;
    assert_eq!(store::load(&path)?.documents[1].spans.len(), 1);
    let mode = std::fs::metadata(&file)?.permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    Ok(())
}

#[test]
fn a_preview_reads_the_document_asked_for_and_no_other() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let ids: Vec<String> = store::load(&path)?
        .documents
        .iter()
        .map(|d| d.id.clone())
        .collect();
    // Every other document file broken: the preview never reads them.
    let docs = path.join(store::folder::DOCS);
    for entry in std::fs::read_dir(&docs)? {
        let file = entry?.path();
        if !std::fs::read_to_string(&file)?.contains(&format!("id: \"{}\"", ids[1])) {
            std::fs::write(&file, "(format_version: 1, document: (")?;
        }
    }
    let (project, index, total) =
        store::folder::preview(&path, Some(&ids[1]))?.ok_or("no preview")?;
    assert_eq!((index, total), (1, 3));
    assert_eq!(project.documents.len(), 1);
    assert_eq!(project.documents[0].id, ids[1]);
    assert_eq!(project.labels, Project::new("x").labels);
    // An unknown id: the first document (here broken, so an error naming it).
    let first = store::folder::preview(&path, Some("gone"));
    assert!(first.is_err_and(|e| e.to_string().contains(".ron")));
    // A save cut short: no preview (opening settles it first).
    std::fs::create_dir(path.join(".pending"))?;
    assert!(store::folder::preview(&path, Some(&ids[1]))?.is_none());
    Ok(())
}
