//! Saves against failure at every step, the way SQLite tests its I/O: the
//! store's file operations go through one seam (`store::faults`) that fails
//! the n-th operation with ENOSPC or EIO; each test walks n = 1, 2, … through
//! a whole save (single file with backup, a file with another hard link, a
//! folder project, an import into a folder, a journal append) until it
//! succeeds, and after every injected failure checks that the project and
//! its backup load, each holding the old or the new version, and that the
//! failure was reported. Then the defects that were found without the seam:
//! a backup left as a second name of the project.

use std::path::{Path, PathBuf};

use spanmark::model::{Document, Project, Span, SpanId};
use spanmark::store::faults::{self, Fault};
use spanmark::store::{self, WriteOptions};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn project(version: usize) -> Project {
    let mut p = Project::new("p");
    for d in 0..3 {
        let mut doc = Document::new(
            format!("d{d}"),
            format!("Doc {d}"),
            "“We are satisfied,” Peskov said on Monday.",
        );
        for v in 0..version {
            let _ = doc
                .spans
                .insert(Span::new(SpanId(v as u64 + 1), 0, 20, "quote"));
        }
        p.documents.push(doc);
    }
    p.ensure_next_ids();
    p
}

fn backup_options() -> WriteOptions {
    WriteOptions { backup: true }
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.ino() == y.ino() && x.dev() == y.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
}

/// Which of `versions` the project at `path` holds (it must load).
fn which(path: &Path, versions: &[&Project]) -> Result<usize, String> {
    let p = store::load(path).map_err(|e| e.to_string())?;
    versions
        .iter()
        .position(|v| **v == p)
        .ok_or_else(|| format!("{} holds neither version", path.display()))
}

/// Temporary files of this process left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    let pid = format!(".{}.", std::process::id());
    std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(&pid) && n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// Walk a failure through every step of `save` (of `new` over `old`,
/// whose backup holds `older`), once failing one operation and once
/// failing every operation from then on (a disk that stays full).
fn walk_single_file(linked: bool) -> TestResult {
    let (older, old, new) = (project(0), project(1), project(2));
    for fault in [Fault::NoSpace, Fault::Io] {
        for sticky in [false, true] {
            walk(|n| {
                let dir = tempfile::tempdir()?;
                let path = dir.path().join("p.ron");
                let bak = store::backup_path(&path);
                store::save_with(&older, &path, backup_options())?;
                store::save_with(&old, &path, backup_options())?;
                let other = dir.path().join("other-name.ron");
                if linked {
                    std::fs::hard_link(&path, &other)?;
                }
                let guard = faults::inject(dir.path(), n, fault, sticky);
                let result = store::save_with(&new, &path, backup_options());
                let fired = !guard.fired().is_empty();
                drop(guard);
                let at = format!("{fault:?} at operation {n} (sticky {sticky}, linked {linked})");
                let now = which(&path, &[&old, &new]).map_err(|e| format!("{at}: {e}"))?;
                let backup = which(&bak, &[&older, &old]).map_err(|e| format!("{at}: {e}"))?;
                assert!(!same_file(&path, &bak), "{at}: the backup is the project");
                match &result {
                    Ok(_) => assert_eq!(now, 1, "{at}: saved, but the old version is there"),
                    Err(e) => {
                        assert!(fired, "{at}: failed without a fault: {e}");
                        // A disk that stays broken may keep the old bytes
                        // from going back over a file with several names.
                        if !(sticky && linked) {
                            assert_eq!(now, 0, "{at}: reported as failed, but saved");
                        }
                        assert_eq!(backup, 0, "{at}: a failed save changed the backup");
                    }
                }
                if linked {
                    assert_eq!(which(&other, &[&old, &new])?, now, "{at}: the other name");
                }
                if !sticky {
                    assert!(
                        leftovers(dir.path()).is_empty(),
                        "{at}: {:?}",
                        leftovers(dir.path())
                    );
                }
                if !fired {
                    assert!(result.is_ok(), "{at}: {result:?}");
                    assert_eq!(backup, 1, "{at}: the backup holds the previous version");
                }
                Ok(fired)
            })?;
        }
    }
    Ok(())
}

#[test]
fn a_single_file_save_survives_a_failure_at_every_step() -> TestResult {
    walk_single_file(false)
}

#[test]
fn a_hard_linked_project_survives_a_failure_at_every_step() -> TestResult {
    walk_single_file(true)
}

/// The folder project at `dir` after a save that returned `result` with an
/// injected failure (`fired`): a reader (no lock: a cut-short save is not
/// finished) sees what a writer does, which is the old version (index 0 of
/// `versions`) when the save was reported as failed and the new (1) when it
/// succeeded.
fn check_folder<T, E: std::fmt::Display>(
    dir: &Path,
    result: &Result<T, E>,
    fired: bool,
    at: &str,
    versions: [&dyn Fn(&Project) -> bool; 2],
) -> TestResult {
    let load = |writer: bool| {
        store::load_any(dir, writer, None, None)
            .map(|(p, ..)| p)
            .map_err(|e| format!("{at}: {e}"))
    };
    let (reader, writer) = (load(false)?, load(true)?);
    assert_eq!(
        reader, writer,
        "{at}: a reader sees another save than a writer"
    );
    let held = versions
        .iter()
        .position(|is| is(&writer))
        .ok_or_else(|| format!("{at}: a mix of two saves"))?;
    match result {
        Ok(_) => assert_eq!(held, 1, "{at}: saved, but the old version is there"),
        Err(e) => {
            assert!(fired, "{at}: failed without a fault: {e}");
            assert_eq!(held, 0, "{at}: reported as failed, but saved");
        }
    }
    Ok(())
}

/// Try `attempt` with a failure at operation n = 1, 2, … until an attempt
/// meets no failure (it says whether the failure fired).
fn walk(mut attempt: impl FnMut(usize) -> Result<bool, Box<dyn std::error::Error>>) -> TestResult {
    for n in 1..300 {
        if !attempt(n)? {
            return Ok(());
        }
    }
    Err("the walk does not end".into())
}

#[test]
fn a_folder_save_survives_a_failure_at_every_step() -> TestResult {
    let old = project(1);
    // A changed document, a removed one, a new one and a new label: every
    // kind of file a folder save writes or removes.
    let mut new = project(1);
    new.documents[0] = project(2).documents.remove(0);
    new.documents.remove(1);
    new.documents
        .push(Document::new("d9", "New", "A new document."));
    new.labels.0.push(spanmark::model::LabelDef::new(
        "topic",
        "Topic",
        spanmark::model::Rgb(1, 2, 3),
    ));
    new.ensure_next_ids();
    for fault in [Fault::NoSpace, Fault::Io] {
        walk(|n| {
            let tmp = tempfile::tempdir()?;
            let dir = tmp.path().join("p.spanmark");
            let mut state = store::FolderState::default();
            store::save_folder(&old, &dir, &mut state, &store::Changed::All)?;
            let (_, _, Some(mut state)) = store::load_any(&dir, true, None, None)? else {
                return Err("not a folder".into());
            };
            let changed = store::Changed::Only(["d0".to_owned()].into_iter().collect());
            let guard = faults::inject(&dir, n, fault, false);
            let result = store::save_folder(&new, &dir, &mut state, &changed);
            let fired = !guard.fired().is_empty();
            drop(guard);
            let at = format!("{fault:?} at operation {n}");
            check_folder(&dir, &result, fired, &at, [&|p| *p == old, &|p| *p == new])?;
            Ok(fired)
        })?;
    }
    Ok(())
}

#[test]
fn an_import_into_a_folder_survives_a_failure_at_every_step() -> TestResult {
    let old = project(1);
    walk(|n| {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join("p.spanmark");
        store::save_folder(
            &old,
            &dir,
            &mut store::FolderState::default(),
            &store::Changed::All,
        )?;
        let imported = spanmark::formats::Imported {
            docs: vec![Document::new("new", "New", "Another article.")],
            notices: Default::default(),
        };
        let guard = faults::inject(&dir, n, Fault::NoSpace, false);
        let result = spanmark::session::append_to_folder(&dir, imported, std::time::Duration::ZERO);
        let fired = !guard.fired().is_empty();
        drop(guard);
        let at = format!("operation {n}");
        let docs = |k: usize| move |p: &Project| p.documents.len() == k;
        check_folder(&dir, &result, fired, &at, [&docs(3), &docs(4)])?;
        Ok(fired)
    })
}

#[test]
fn a_journal_append_survives_a_failure_at_every_step() -> TestResult {
    use spanmark::model::{Change, DocStatus, Edit};
    use spanmark::store::journal::{self, Header, Journal, Read};
    let change = |doc: usize| Change::Doc {
        doc,
        edit: Edit::SetStatus(DocStatus::Done),
    };
    walk(|n| {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".p.ron.journal");
        let journal = Journal::start(&path, &Header::for_file(1, 1), &[change(0)])?;
        let guard = faults::inject(dir.path(), n, Fault::NoSpace, false);
        journal.append(change(1));
        journal.flush();
        journal.append(change(2));
        journal.flush();
        let fired = !guard.fired().is_empty();
        drop(guard);
        let at = format!("operation {n}");
        let health = journal.health();
        if fired {
            assert!(health.failures >= 1, "{at}: a failure was not reported");
        } else {
            assert_eq!(health.failures, 0, "{at}");
        }
        // Whatever failed is written once the disk has room again.
        journal.flush();
        assert_eq!(journal.health().error, None, "{at}");
        let Read::Journal(c) = journal::read(&path)? else {
            return Err(format!("{at}: the journal cannot be read").into());
        };
        assert_eq!(c.changes, vec![change(0), change(1), change(2)], "{at}");
        assert!(!c.torn, "{at}");
        Ok(fired)
    })
}

/// The temporary name a save of `path` by this process writes first.
fn temp_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[test]
fn a_failed_save_leaves_the_backup_a_file_of_its_own() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let bak = store::backup_path(&path);
    store::save_with(&project(0), &path, backup_options())?;
    store::save_with(&project(1), &path, backup_options())?;
    // The save's temporary file cannot be made: it fails part way.
    let blocker = temp_name(&path);
    std::fs::create_dir(&blocker)?;
    assert!(store::save_with(&project(2), &path, backup_options()).is_err());
    assert!(
        !same_file(&path, &bak),
        "the backup became a second name of the project"
    );
    assert_eq!(store::load(&bak)?, project(0), "the backup was changed");
    // A second failure: the old code now wrote in place through both names.
    std::fs::remove_dir(&blocker)?;
    store::save_with(&project(2), &path, backup_options())?;
    assert_eq!(store::load(&path)?, project(2));
    assert_eq!(
        store::load(&bak)?,
        project(1),
        "the backup holds the previous version"
    );
    assert!(!same_file(&path, &bak));
    Ok(())
}

#[test]
fn a_hard_linked_project_gets_a_real_backup() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let other = dir.path().join("linked.ron");
    store::save_with(&project(0), &path, backup_options())?;
    std::fs::hard_link(&path, &other)?;
    store::save_with(&project(1), &path, backup_options())?;
    let bak = store::backup_path(&path);
    assert_eq!(store::load(&path)?, project(1));
    assert_eq!(
        store::load(&other)?,
        project(1),
        "the other name sees the save"
    );
    assert!(
        !same_file(&path, &bak),
        "the backup is another name of the project"
    );
    assert_eq!(
        store::load(&bak)?,
        project(0),
        "the backup holds the previous version"
    );
    Ok(())
}

#[test]
fn a_backup_left_as_a_second_name_by_an_older_version_is_mended() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let bak = store::backup_path(&path);
    store::save_with(&project(0), &path, backup_options())?;
    // What an earlier Spanmark's failed save left behind.
    std::fs::hard_link(&path, &bak)?;
    std::fs::hard_link(&path, dir.path().join(".p.ron.bak.4999999.tmp"))?;
    store::save_with(&project(1), &path, backup_options())?;
    assert!(!same_file(&path, &bak));
    assert_eq!(store::load(&bak)?, project(0));
    assert_eq!(store::load(&path)?, project(1));
    let names: Vec<String> = std::fs::read_dir(dir.path())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "a killed save's link is left: {names:?}"
    );
    Ok(())
}
