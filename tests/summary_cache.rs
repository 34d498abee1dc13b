//! The folder project's summary cache (issue 28): `stats` reads each
//! document once and then only the files changed since; a cache that a
//! change behind it made stale is never believed.

use std::path::Path;
use std::process::Command;

use spanmark::model::{DocStatus, Document, Project, Span, SpanId};
use spanmark::store;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// `spanmark stats --json PATH`, its standard output.
fn stats(path: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let out = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .args(["stats", "--json"])
        .arg(path)
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// Forty documents by two annotators, some done, some assigned.
fn project() -> Project {
    let mut p = Project::new("desk");
    for i in 0..40u64 {
        let mut d = Document::new(format!("d{i}"), "", "Peskov said the talks went well.");
        let mut s = Span::new(
            SpanId(i + 1),
            0,
            6,
            if i % 3 == 0 { "quote" } else { "entity" },
        );
        s.annotator = Some(if i % 2 == 0 { "ada" } else { "bo" }.into());
        d.spans = [s].into_iter().collect();
        if i % 4 == 0 {
            d.status = DocStatus::Done;
        }
        p.documents.push(d);
    }
    p.assignments.insert("d0".into(), vec!["ada".into()]);
    p.assignments
        .insert("d1".into(), vec!["bo".into(), "ada".into()]);
    p.ensure_next_ids();
    p
}

#[test]
fn stats_from_the_cache_are_the_stats_of_the_whole_project() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("desk.spanmark");
    let single = dir.path().join("desk.ron");
    store::save(&project(), &folder)?;
    store::save(&project(), &single)?;
    let whole = stats(&single)?;
    assert_eq!(stats(&folder)?, whole, "read afresh");
    assert!(
        folder.join("summaries.cache").is_file(),
        "the cache is written"
    );
    assert_eq!(stats(&folder)?, whole, "from the cache");
    let ignore = std::fs::read_to_string(folder.join(".gitignore"))?;
    assert!(ignore.lines().any(|l| l == "*summaries.cache*"), "{ignore}");
    Ok(())
}

#[test]
fn a_stale_summary_cache_is_never_believed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("desk.spanmark");
    store::save(&project(), &folder)?;
    let before = stats(&folder)?;
    assert!(before.contains("\"quote\": 14"), "{before}");
    // A document file changed behind the cache (an editor, a git
    // checkout): the same length, its modification time set back.
    let file = std::fs::read_dir(folder.join("docs"))?
        .flatten()
        .map(|e| e.path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("\"d0\"")))
        .ok_or("no file holds d0")?;
    let modified = std::fs::metadata(&file)?.modified()?;
    let text = std::fs::read_to_string(&file)?;
    assert!(text.contains("label: \"quote\""), "{text}");
    std::fs::write(&file, text.replace("label: \"quote\"", "label: \"event\""))?;
    std::fs::File::options()
        .write(true)
        .open(&file)?
        .set_modified(modified)?;
    let after = stats(&folder)?;
    assert!(after.contains("\"quote\": 13"), "{after}");
    assert!(after.contains("\"event\": 1"), "{after}");
    // Another project's cache, or a damaged one, is read past.
    std::fs::write(folder.join("summaries.cache"), b"\xa1not a cache")?;
    assert_eq!(stats(&folder)?, after);
    // A document broken behind the cache is refused, named.
    std::fs::write(&file, "(not a document")?;
    let err = stats(&folder)
        .err()
        .ok_or("a broken document was counted")?;
    assert!(
        err.to_string().contains(
            &file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        ),
        "{err}"
    );
    Ok(())
}
