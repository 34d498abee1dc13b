//! Issue 23 on the command line and on disk: readers of a folder project
//! that a crash left in the middle of a commit, an import into a folder
//! project that lacks a document file, one-line errors whatever the input
//! quotes, newer and older formats, leftovers, permissions and symlinks of
//! document files, a word while waiting for a window, and a RON file that
//! is not a project.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use spanmark::model::{Document, Project, Span, SpanId};
use spanmark::store;

use crate::cli_support::{bin, run_said};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A folder project of four articles in `dir`; `spans` spans on each.
fn folder(dir: &Path, name: &str, spans: usize) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut p = Project::new("corpus");
    for i in 0..4 {
        let mut d = Document::new(
            format!("d{i}"),
            format!("Article {i}"),
            "Peskov said the talks went well.",
        );
        for k in 0..spans {
            let _ = d
                .spans
                .insert(Span::new(SpanId(k as u64 + 1), 0, 6, "entity"));
        }
        p.documents.push(d);
    }
    p.ensure_next_ids();
    let path = dir.join(name);
    store::save(&p, &path)?;
    Ok(path)
}

fn said(
    args: &[&dyn AsRef<std::ffi::OsStr>],
) -> Result<(bool, String), Box<dyn std::error::Error>> {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run_said(&args)
}

#[test]
fn readers_see_the_last_complete_save_after_a_crash_in_its_commit() -> TestResult {
    let dir = tempfile::tempdir()?;
    let old = folder(dir.path(), "p.spanmark", 0)?;
    let new = folder(dir.path(), "new.spanmark", 1)?;
    // The crash: a committed save whose first two documents were moved into
    // place, the other two still waiting in `.pending/`.
    std::fs::create_dir_all(old.join(".pending/docs"))?;
    for (i, file) in ["d0.ron", "d1.ron", "d2.ron", "d3.ron"].iter().enumerate() {
        let to = if i < 2 {
            old.join("docs").join(file)
        } else {
            old.join(".pending/docs").join(file)
        };
        std::fs::copy(new.join("docs").join(file), to)?;
    }
    std::fs::write(old.join(".pending/COMMIT"), "")?;
    let (ok, out) = said(&[&"stats", &old, &"--json"])?;
    assert!(ok, "{out}");
    assert!(
        out.contains("\"spans\": 4") || out.contains("\"spans\":4"),
        "every document of the new save: {out}"
    );
    let (ok, out) = said(&[&"validate", &old])?;
    assert!(ok, "{out}");
    let jsonl = dir.path().join("out.jsonl");
    let (ok, out) = said(&[&"export", &old, &"-f", &"jsonl", &"-o", &jsonl])?;
    assert!(ok, "{out}");
    let lines = std::fs::read_to_string(&jsonl)?;
    assert_eq!(
        lines.lines().filter(|l| l.contains("\"entity\"")).count(),
        4,
        "{lines}"
    );
    assert!(
        old.join(".pending/COMMIT").exists(),
        "readers change nothing"
    );
    Ok(())
}

#[test]
fn an_import_into_a_folder_project_missing_a_document_file_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = folder(dir.path(), "p.spanmark", 0)?;
    std::fs::remove_file(p.join("docs/d2.ron"))?;
    let manifest = std::fs::read(p.join("project.ron"))?;
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "A new article.")?;
    let (ok, out) = said(&[&"import", &article, &"--into", &p])?;
    assert!(!ok, "imported into a broken project: {out}");
    assert!(out.contains("d2.ron"), "{out}");
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    assert_eq!(
        std::fs::read(p.join("project.ron"))?,
        manifest,
        "nothing written"
    );
    Ok(())
}

#[test]
fn errors_are_one_short_line_whatever_the_input_quotes() -> TestResult {
    let dir = tempfile::tempdir()?;
    // An unknown variant a megabyte long.
    let project = dir.path().join("p.ron");
    store::save(&Project::new("p"), &project)?;
    let text = std::fs::read_to_string(&project)?;
    let huge = "X".repeat(1 << 20);
    let broken = text.replacen("documents: [", &format!("documents: [{huge}("), 1);
    std::fs::write(&project, broken)?;
    let (ok, out) = said(&[&"validate", &project])?;
    assert!(!ok);
    assert!(
        out.len() < 600,
        "{} bytes: {}",
        out.len(),
        &out[..200.min(out.len())]
    );
    assert_eq!(out.trim().lines().count(), 1);
    // A brat label a megabyte long.
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat)?;
    std::fs::write(brat.join("a.txt"), "Peskov spoke.")?;
    std::fs::write(brat.join("a.ann"), format!("T1\t{huge} 0 6\tPeskov\n"))?;
    let into = dir.path().join("b.ron");
    let (_, out) = said(&[&"import", &brat, &"--into", &into])?;
    assert!(out.len() < 600, "{} bytes", out.len());
    // A newline in a manifest's file name.
    let p = folder(dir.path(), "f.spanmark", 0)?;
    let manifest = std::fs::read_to_string(p.join("project.ron"))?;
    std::fs::write(
        p.join("project.ron"),
        manifest.replacen("\"d1.ron\"", "\"d1\\nsecond line.ron\"", 1),
    )?;
    let (ok, out) = said(&[&"validate", &p])?;
    assert!(!ok);
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    Ok(())
}

#[test]
fn a_folder_project_of_format_version_0_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = folder(dir.path(), "p.spanmark", 0)?;
    let manifest = std::fs::read_to_string(p.join("project.ron"))?;
    std::fs::write(
        p.join("project.ron"),
        manifest.replacen("format_version: 1", "format_version: 0", 1),
    )?;
    let (ok, out) = said(&[&"validate", &p])?;
    assert!(!ok, "{out}");
    assert!(out.contains("format_version 0"), "{out}");
    Ok(())
}

#[test]
fn a_valid_ron_file_that_is_not_a_project_says_so() -> TestResult {
    let dir = tempfile::tempdir()?;
    for (name, text) in [
        ("list.ron", "[1, 2, 3]\n"),
        ("settings.ron", "(window: (width: 800), theme: \"dark\")\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text)?;
        let (ok, out) = said(&[&"validate", &path])?;
        assert!(!ok);
        assert!(out.contains("not a Spanmark project"), "{name}: {out}");
        assert!(!out.contains("ends early"), "{name}: {out}");
    }
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_killed_journal_write_leaves_nothing_behind() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.ron");
    store::save(&Project::new("p"), &project)?;
    // What a journal restart killed half way left (a pid that cannot live).
    let stale = dir.path().join("..p.ron.journal.4999999.tmp");
    std::fs::write(&stale, "{\"spanmark_journal\":1")?;
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "An article.")?;
    let (ok, out) = said(&[&"import", &article, &"--into", &project])?;
    assert!(ok, "{out}");
    assert!(!stale.exists(), "the stale journal temp is still there");
    Ok(())
}

#[cfg(unix)]
#[test]
fn document_files_keep_their_permissions_and_symlinks() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir()?;
    let p = folder(dir.path(), "p.spanmark", 0)?;
    for entry in std::fs::read_dir(p.join("docs"))?.flatten() {
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o640))?;
    }
    std::fs::set_permissions(
        p.join("project.ron"),
        std::fs::Permissions::from_mode(0o640),
    )?;
    // A document file kept elsewhere, linked in.
    let elsewhere = dir.path().join("kept-elsewhere.ron");
    std::fs::rename(p.join("docs/d1.ron"), &elsewhere)?;
    std::os::unix::fs::symlink(&elsewhere, p.join("docs/d1.ron"))?;
    // Edit d1 and add a document.
    let mut session = spanmark::session::Session::open(&p)?;
    session.set_current(1)?;
    let proposal = spanmark::session::rules::tag(&session, Some((0, 6)), None, "entity")?;
    session.apply(proposal.change)?;
    session.save()?;
    drop(session);
    let article = dir.path().join("new.txt");
    std::fs::write(&article, "A new article.")?;
    let (ok, out) = said(&[&"import", &article, &"--into", &p])?;
    assert!(ok, "{out}");
    assert!(
        std::fs::symlink_metadata(p.join("docs/d1.ron"))?
            .file_type()
            .is_symlink(),
        "the symlink was replaced by a file"
    );
    assert_eq!(store::load(&p)?.documents[1].spans.len(), 1);
    assert!(
        std::fs::read_to_string(&elsewhere)?.contains("entity"),
        "the linked file holds the edit"
    );
    for entry in std::fs::read_dir(p.join("docs"))?.flatten() {
        let mode = std::fs::metadata(entry.path())?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "{}", entry.path().display());
    }
    Ok(())
}

#[test]
fn the_command_line_says_it_waits_for_a_window_holding_the_project() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.ron");
    store::save(&Project::new("p"), &project)?;
    let lock = match store::ProjectLock::try_acquire(&project)? {
        Ok(lock) => lock,
        Err(holder) => return Err(format!("held by {holder}").into()),
    };
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "An article.")?;
    let mut child = Command::new(bin())
        .arg("import")
        .arg(&article)
        .arg("--into")
        .arg(&project)
        .env("HOME", dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let first = lines.next().transpose()?.unwrap_or_default();
    assert!(first.starts_with("waiting up to 60 s for"), "{first}");
    assert!(
        first.contains(&format!("process {}", std::process::id())),
        "{first}"
    );
    drop(lock);
    let status = child.wait()?;
    assert!(status.success());
    assert_eq!(store::load(&project)?.documents.len(), 1);
    Ok(())
}

/// A one-page PDF whose text uses a font its page does not have: a
/// well-formed PDF whose text names /F9, of the same length as /F1 (the
/// PDF reader before hayro panicked on it).
fn pdf_with_a_missing_font() -> Vec<u8> {
    let pdf = crate::pdf::write_pdf(&[vec![(72.0, 700.0, 12.0, "Hello world")]], None);
    String::from_utf8_lossy(&pdf)
        .replace("BT /F1 ", "BT /F9 ")
        .into_bytes()
}

#[test]
fn a_pdf_the_reader_cannot_read_is_refused_in_one_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let into = dir.path().join("p.ron");
    // A missing font is read with the reader's standard one.
    let missing = dir.path().join("missing-font.pdf");
    std::fs::write(&missing, pdf_with_a_missing_font())?;
    let (ok, out) = said(&[&"import", &missing, &"--into", &into])?;
    assert!(ok, "{out}");
    assert!(
        store::load(&into)?.documents[0]
            .text
            .contains("Hello world")
    );
    let whole = crate::pdf::write_pdf(&[vec![(72.0, 700.0, 12.0, "Hello world")]], None);
    for (name, bytes) in [
        ("cut.pdf", whole[..whole.len() / 2].to_vec()),
        ("junk.pdf", b"%PDF-1.4\nnot really".to_vec()),
        ("empty.pdf", Vec::new()),
    ] {
        let pdf = dir.path().join(name);
        std::fs::write(&pdf, bytes)?;
        let (ok, out) = said(&[&"import", &pdf, &"--into", &into])?;
        assert!(!ok, "{name}: {out}");
        assert_eq!(out.trim().lines().count(), 1, "{name}: {out}");
        assert!(out.contains(name), "{out}");
        assert!(!out.contains("panicked") && !out.contains(".rs:"), "{out}");
    }
    assert_eq!(
        store::load(&into)?.documents.len(),
        1,
        "the refusals added nothing"
    );
    Ok(())
}
