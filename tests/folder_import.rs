//! Imports into and exports out of folder projects (issues 13 and 28): an
//! import adds files and rewrites no other document, streams a chunk at a
//! time and stays all or nothing (a late failure, a kill); an export reads
//! a chunk of documents at a time.

use std::path::Path;
use std::process::Command;

use spanmark::model::Project;
use spanmark::session::Session;
use spanmark::store;

use crate::folder::{files, tag_first_word, three_articles};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_spanmark")
}

/// `n` doccano lines: line `i` (1-based) is document `d{i}` with one span,
/// except that every 1,000th line reuses the id `dup` and lines past 3,000
/// use a label of their own (`LATE`), so ids and labels meet across chunks.
fn corpus_lines(n: usize, bad_line: Option<usize>) -> String {
    let mut out = String::new();
    for i in 1..=n {
        if Some(i) == bad_line {
            out.push_str("{\"text\": \"cut short\n");
            continue;
        }
        let id = if i % 1000 == 0 {
            "dup".to_owned()
        } else {
            format!("d{i}")
        };
        let label = if i > 3000 { "LATE" } else { "PER" };
        out.push_str(&format!(
            "{{\"id\": \"{id}\", \"text\": \"Ana Díaz 🙂 said {i} times.\", \"label\": [[0, 8, \"{label}\"]]}}\n"
        ));
    }
    out
}

/// Assert that an import succeeded and said `said` on standard output.
fn assert_imported(out: &std::process::Output, said: &str) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(said),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn import(path: &Path, file: &Path) -> std::io::Result<std::process::Output> {
    Command::new(bin())
        .args(["import", "--into"])
        .arg(path)
        .arg(file)
        .output()
}

/// A document as (id, text, spans as (start, end, label, id)).
type Contents = (
    String,
    String,
    Vec<(usize, usize, String, spanmark::model::SpanId)>,
);

/// A project's documents as [`Contents`].
fn contents(p: &Project) -> Vec<Contents> {
    p.documents
        .iter()
        .map(|d| {
            let spans = d
                .spans
                .iter()
                .map(|s| (s.start, s.end, s.label.clone(), s.id))
                .collect();
            (d.id.clone(), d.text.clone(), spans)
        })
        .collect()
}

#[test]
fn a_streamed_import_is_the_import_of_the_whole_file() -> TestResult {
    // 6,500 documents: more than three chunks, ids and labels across them.
    let dir = tempfile::tempdir()?;
    let jsonl = dir.path().join("corpus.jsonl");
    std::fs::write(&jsonl, corpus_lines(6_500, None))?;
    let folder = three_articles(dir.path())?;
    let single = dir.path().join("single.ron");
    store::save(&store::load(&folder)?, &single)?;
    for p in [&folder, &single] {
        assert_imported(&import(p, &jsonl)?, "imported 6500 documents (6500 spans)");
    }
    let (streamed, whole) = (store::load(&folder)?, store::load(&single)?);
    assert_eq!(streamed.validate(), Ok(()));
    assert_eq!(contents(&streamed), contents(&whole));
    assert_eq!(streamed.labels, whole.labels);
    let ids: Vec<&str> = streamed.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids[3..6], ["d1", "d2", "d3"]);
    assert!(ids.contains(&"dup-6"), "the sixth dup is told apart");
    assert!(
        streamed.labels.get("LATE").is_some(),
        "a label first seen in a later chunk"
    );
    Ok(())
}

#[test]
fn a_streamed_import_that_fails_late_leaves_the_folder_as_it_was() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = three_articles(dir.path())?;
    let before = files(&folder);
    let jsonl = dir.path().join("corpus.jsonl");
    // Line 5,900: after two chunks have had their files written.
    std::fs::write(&jsonl, corpus_lines(6_000, Some(5_900)))?;
    let out = import(&folder, &jsonl)?;
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("corpus.jsonl") && said.contains("5900"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    assert_eq!(files(&folder), before, "the project is as it was");
    assert!(!folder.join(".pending").exists());
    Ok(())
}

#[test]
fn a_new_folder_project_is_streamed_into_and_gone_if_the_import_fails() -> TestResult {
    let dir = tempfile::tempdir()?;
    let jsonl = dir.path().join("corpus.jsonl");
    std::fs::write(&jsonl, corpus_lines(2_500, Some(2_400)))?;
    let new = dir.path().join("new.spanmark");
    let out = import(&new, &jsonl)?;
    assert!(!out.status.success());
    assert!(!new.exists(), "a failed import leaves no project behind");
    std::fs::write(&jsonl, corpus_lines(2_500, None))?;
    let out = import(&new, &jsonl)?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let project = store::load(&new)?;
    assert_eq!(project.name, "new");
    assert_eq!(project.documents.len(), 2_500);
    assert_eq!(project.validate(), Ok(()));
    Ok(())
}

/// Import `file` into the folder project `folder` `runs` times, killing the
/// import (SIGKILL) after `delay(run)` unless it has finished; after each,
/// the folder must read as `export` and `stats` read it, open to write as
/// the next import or the window would (a save cut short finished or thrown
/// away), validate, and hold either the documents it had or `adds` more.
/// Returns how many were killed and how many landed.
fn kill_imports_at_random(
    folder: &Path,
    file: &Path,
    adds: usize,
    runs: u64,
    delay: impl Fn(u64) -> u64,
) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    let (mut killed, mut landed) = (0, 0);
    for i in 0..runs {
        let before = store::load(folder)?.documents.len();
        let mut child = Command::new(bin())
            .args(["import", "--into"])
            .arg(folder)
            .arg(file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        std::thread::sleep(std::time::Duration::from_millis(delay(i)));
        if child.try_wait()?.is_none() {
            child.kill()?;
            killed += 1;
        }
        child.wait()?;
        let read = store::load(folder)?.documents.len();
        let session = Session::open(folder)
            .map_err(|e| format!("run {i}: the project does not open: {e}"))?;
        let n = session.project().documents.len();
        assert_eq!(read, n, "run {i}: readers and writers see one project");
        assert!(
            n == before || n == before + adds,
            "run {i}: {before} -> {n}"
        );
        landed += usize::from(n > before);
        assert!(!folder.join(".pending").exists(), "run {i}");
        assert_eq!(session.project().validate(), Ok(()), "run {i}");
    }
    assert!(killed > 0, "no import was killed: the test proves nothing");
    Ok((killed, landed))
}

#[test]
fn a_streamed_import_killed_at_random_is_all_or_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = three_articles(dir.path())?;
    let jsonl = dir.path().join("corpus.jsonl");
    std::fs::write(&jsonl, corpus_lines(5_000, None))?;
    let (killed, landed) =
        kill_imports_at_random(&folder, &jsonl, 5_000, 16, |i| 20 + (i * 37) % 400)?;
    eprintln!("{killed} of 16 imports killed, {landed} landed");
    Ok(())
}

#[test]
fn killing_imports_into_a_folder_project_never_leaves_it_broken() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    let article = dir.path().join("more.txt");
    std::fs::write(
        &article,
        "Another article, long enough to take a moment.\n".repeat(2000),
    )?;
    kill_imports_at_random(&path, &article, 1, 24, |i| 3 + (i * 7) % 40)?;
    Ok(())
}

#[test]
fn an_import_into_a_folder_project_adds_files_and_rewrites_no_other_document() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = three_articles(dir.path())?;
    // A tag in "a", so its file has spans and counters of its own.
    let mut session = Session::open(&path)?;
    tag_first_word(&mut session, 0)?;
    drop(session);
    let before = files(&path);
    let jsonl = dir.path().join("more.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id": "a", "text": "Lavrov said no.", "label": [[0, 6, "PER"]]}"#,
            "\n",
            r#"{"id": "new", "text": "Kallas said yes.", "label": [[0, 6, "entity"]]}"#,
            "\n"
        ),
    )?;
    assert_imported(&import(&path, &jsonl)?, "imported 2 documents (2 spans)");
    let after = files(&path);
    for (file, bytes) in &before {
        if file.starts_with("docs") {
            assert_eq!(after.get(file), Some(bytes), "{file:?} was rewritten");
        }
    }
    let added: Vec<_> = after.keys().filter(|f| !before.contains_key(*f)).collect();
    assert_eq!(added.len(), 2, "{added:?}");
    let project = store::load(&path)?;
    let ids: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c/2025 report", "a-2", "new"]);
    assert_eq!(project.documents[0].spans.len(), 1, "the old tag is kept");
    assert_eq!(project.documents[3].spans.len(), 1);
    assert!(
        project.labels.get("PER").is_some(),
        "the new label is added"
    );
    assert_eq!(project.validate(), Ok(()));
    // The window opens it and may tag on: a new id collides with none.
    let mut session = Session::open(&path)?;
    tag_first_word(&mut session, 4)?;
    tag_first_word(&mut session, 3)?;
    assert_eq!(store::load(&path)?.validate(), Ok(()));
    Ok(())
}

#[test]
fn a_folder_project_exports_a_chunk_at_a_time_to_the_same_bytes() -> TestResult {
    let dir = tempfile::tempdir()?;
    // More documents than one chunk, with every label, nesting and relations.
    let corpus = spanmark_testkit::synth::corpus(300, 5);
    let file = dir.path().join("c.ron");
    let folder = dir.path().join("c.spanmark");
    store::save(&corpus, &file)?;
    store::save(&corpus, &folder)?;
    // Each format from the file and from the folder: every file written
    // (a brat folder's, Label Studio's configuration beside its tasks) and
    // the report the same.
    for (format, ext) in [
        ("jsonl", "jsonl"),
        ("hf-jsonl", "jsonl"),
        ("csv", "csv"),
        ("conll", "conll"),
        ("label-studio", "json"),
        ("brat", ""),
    ] {
        let mut outputs = Vec::new();
        for (name, project) in [("file", &file), ("folder", &folder)] {
            let out = dir.path().join(format!("{name}-{format}.{ext}"));
            let run = Command::new(bin())
                .arg("export")
                .arg(project)
                .args(["-f", format, "-o"])
                .arg(&out)
                .output()?;
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            let said = String::from_utf8_lossy(&run.stdout).into_owned();
            let counts = said.split(" to ").next().unwrap_or_default().to_owned();
            outputs.push((written(&out)?, counts, run.stderr));
        }
        let files = match format {
            "brat" => 2 * 300 + 1,
            "label-studio" => 2,
            _ => 1,
        };
        assert_eq!(outputs[0].0.len(), files, "{format}: every file written");
        assert_eq!(
            outputs[0], outputs[1],
            "{format}: same bytes and same report"
        );
    }
    // And the statistics, counted a chunk at a time.
    let stats = |p: &Path| -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let run = Command::new(bin())
            .arg("stats")
            .arg(p)
            .arg("--json")
            .output()?;
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        Ok(run.stdout)
    };
    assert_eq!(stats(&file)?, stats(&folder)?);
    Ok(())
}

#[test]
fn an_empty_folder_project_exports_a_csv_with_its_header() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("empty.spanmark");
    store::save(&Project::new("empty"), &folder)?;
    let out = dir.path().join("empty.csv");
    let run = Command::new(bin())
        .arg("export")
        .arg(&folder)
        .args(["-f", "csv", "-o"])
        .arg(&out)
        .output()?;
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let csv = std::fs::read_to_string(&out)?;
    assert!(csv.starts_with("document,span_id,"), "{csv}");
    let bad = Command::new(bin())
        .arg("export")
        .arg(&folder)
        .args(["-f", "conll", "--label", "nope", "--force", "-o"])
        .arg(&out)
        .output()?;
    assert!(!bad.status.success(), "an unknown label is refused");
    Ok(())
}

/// What an export wrote at `out`: the file and the Label Studio
/// configuration beside it, or every file of a folder; by name.
fn written(
    out: &Path,
) -> Result<std::collections::BTreeMap<std::ffi::OsString, Vec<u8>>, Box<dyn std::error::Error>> {
    let mut files = std::collections::BTreeMap::new();
    if out.is_dir() {
        for entry in std::fs::read_dir(out)? {
            let entry = entry?;
            files.insert(entry.file_name(), std::fs::read(entry.path())?);
        }
    } else {
        files.insert("output".into(), std::fs::read(out)?);
        let config = out.with_extension("label-config.xml");
        if config.is_file() {
            files.insert("configuration".into(), std::fs::read(config)?);
        }
    }
    Ok(files)
}
