//! Import: every format from files written here, non-ASCII and CRLF text,
//! and every error path, through the real binary. The project file must be
//! byte-identical after a failed import.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::cli_support;
use cli_support::{spanmark, stderr};

use spanmark::model::{Document, Project};

fn import(files: &[&Path], into: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.push("--into".as_ref());
    args.push(into.as_os_str());
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    spanmark(&args)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
    p
}

fn load(p: &Path) -> Project {
    spanmark::store::load(p).unwrap_or_else(|e| panic!("{e}"))
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// (label, text) of every span of a document.
fn spans(d: &Document) -> Vec<(String, String)> {
    d.spans
        .iter()
        .map(|s| (s.label.clone(), d.span_text(s).to_owned()))
        .collect()
}

const MULTI: &str = "Zoë said “hi 😀” in القاهرة and שלום; e\u{301}le\u{300}ve";

#[test]
fn plain_markdown_and_html_articles_become_documents() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let txt = write(
        dir.path(),
        "a.txt",
        format!("Title line\r\n\r\n{MULTI}\r\n"),
    );
    let md = write(
        dir.path(),
        "b.md",
        "# Peskov’s *view*\n\nHe said **this**.\n",
    );
    let html = write(
        dir.path(),
        "c.html",
        "<html><head><title>Talks</title><script>x()</script></head><body><nav>Menu</nav><article><p>One 😀.</p><p>Two.</p></article></body></html>",
    );
    let project = dir.path().join("p.ron");
    let o = import(&[&txt, &md, &html], &project, &[]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("imported 3 documents"));
    let p = load(&project);
    assert_eq!(
        p.documents[0].text,
        format!("Title line\n\n{MULTI}\n"),
        "CRLF became LF"
    );
    assert_eq!(p.documents[0].title, "Title line");
    assert_eq!(p.documents[1].title, "Peskov’s view");
    assert_eq!(p.documents[1].text, "Peskov’s view\n\nHe said this.");
    assert_eq!(p.documents[2].title, "Talks");
    // The headline leads the article's text (issue 17).
    assert_eq!(p.documents[2].text, "Talks\n\nOne 😀.\n\nTwo.");
}

#[test]
fn jsonl_with_crlf_text_keeps_spans_on_the_same_characters_and_adds_labels() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // "שלום" starts after a CRLF: its offsets shift by one when CR goes.
    let text = format!("Intro\r\n{MULTI}");
    let at = |needle: &str| {
        let b = text.find(needle).unwrap_or(0);
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    };
    let (a, b) = at("שלום");
    let (c, d) = at("e\u{301}le\u{300}ve");
    let (e, f) = at("😀");
    let line = serde_json::json!({
        "text": text,
        "label": [[a, b, "person"], [c, d, "entity"], [e, f, "emoji"]],
    });
    let jsonl = write(dir.path(), "d.jsonl", format!("{line}\n"));
    let project = dir.path().join("p.ron");
    let o = import(&[&jsonl], &project, &[]);
    ok(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("added labels: emoji, person"), "{stdout}");
    let p = load(&project);
    let doc = &p.documents[0];
    assert!(!doc.text.contains('\r'));
    assert_eq!(
        spans(doc),
        [
            ("emoji".to_owned(), "😀".to_owned()),
            ("person".to_owned(), "שלום".to_owned()),
            ("entity".to_owned(), "e\u{301}le\u{300}ve".to_owned()),
        ]
    );
    assert!(p.labels.contains("person") && p.labels.contains("emoji"));
}

#[test]
fn brat_pairs_and_label_studio_import_with_their_relations() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "“Hi,” said Zoë.\r\nNext 😀 line";
    write(dir.path(), "brat/x.txt", text);
    // Offsets count the CR: "Next" starts at 17 in the file, 16 after.
    write(
        dir.path(),
        "brat/x.ann",
        "T1\tquote 0 5\t“Hi,”\nT2\tentity 11 14\tZoë\nT3\tentity 17 21\tNext\nR1\tsaid_by Arg1:T1 Arg2:T2\nA1\tkind T2 person\n#1\tAnnotatorNotes T2\ta note\n",
    );
    let ls = serde_json::json!([{
        "data": {"text": "Zoë 😀 won"},
        "annotations": [{"result": [
            {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 6, "end": 9, "text": "won", "labels": ["event"]}}
        ]}]
    }]);
    let json = write(dir.path(), "tasks.json", ls.to_string());
    let project = dir.path().join("p.ron");
    // A folder (walked: brat pair found, the .ann not taken for a document).
    ok(&import(&[&dir.path().join("brat"), &json], &project, &[]));
    let p = load(&project);
    assert_eq!(p.documents.len(), 2);
    let b = &p.documents[0];
    assert_eq!(
        spans(b),
        [
            ("quote".to_owned(), "“Hi,”".to_owned()),
            ("entity".to_owned(), "Zoë".to_owned()),
            ("entity".to_owned(), "Next".to_owned()),
        ]
    );
    assert_eq!(b.relations.len(), 1);
    let zoe = b
        .spans
        .iter()
        .nth(1)
        .unwrap_or_else(|| panic!("no second span"));
    assert_eq!(zoe.attrs.get("kind").map(String::as_str), Some("person"));
    assert_eq!(zoe.note(), Some("a note"));
    assert_eq!(
        zoe.origin(),
        Some("T2"),
        "the brat id is kept as provenance"
    );
    assert_eq!(
        spans(&p.documents[1]),
        [("event".to_owned(), "won".to_owned())]
    );
}

#[test]
fn importing_again_adds_to_the_project_with_fresh_ids() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = write(dir.path(), "a.txt", "First article.");
    let project = dir.path().join("p.ron");
    ok(&import(&[&a], &project, &[]));
    ok(&import(&[&a], &project, &[]));
    let ids: Vec<String> = load(&project)
        .documents
        .iter()
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(ids, ["a", "a-2"]);
}

#[test]
fn a_windows_1252_file_needs_and_honours_encoding() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // "Café “x”" in windows-1252: é = E9, “ = 93, ” = 94.
    let f = write(dir.path(), "w.txt", b"Caf\xE9 \x93x\x94");
    let project = dir.path().join("p.ron");
    let o = import(&[&f], &project, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("w.txt") && stderr(&o).contains("byte position 3"),
        "{}",
        stderr(&o)
    );
    ok(&import(&[&f], &project, &["--encoding", "windows-1252"]));
    assert_eq!(load(&project).documents[0].text, "Café “x”");
}

#[test]
fn every_error_names_the_file_and_leaves_the_project_byte_identical() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let project = dir.path().join("p.ron");
    let seed = write(dir.path(), "seed.txt", "Seed article.");
    ok(&import(&[&seed], &project, &[]));
    let before = std::fs::read(&project).unwrap_or_default();

    let good = write(dir.path(), "good.txt", "A good article.");
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(dir.path(), "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
            "binary",
        ),
        (
            write(dir.path(), "bad.txt", b"ok \xC3\x28 not utf8"),
            "byte position 3",
        ),
        (write(dir.path(), "empty.txt", b""), "empty"),
        (write(dir.path(), "lonely.txt", "text"), "missing"),
        (
            write(dir.path(), "far.txt", "short"),
            "outside the text of 5 characters",
        ),
        (
            write(
                dir.path(),
                "broken.jsonl",
                "{\"text\": \"fine\"}\n{\"text\": \"x\"}\n{oops\n",
            ),
            "broken.jsonl:3",
        ),
    ];
    write(dir.path(), "far.ann", "T1\tentity 0 9\tshort and\n");
    for (file, expected) in &cases {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let extra: &[&str] = if name == "lonely.txt" {
            &["--format", "brat"]
        } else {
            &[]
        };
        // The good file first: nothing of it may land either (except where
        // --format brat would apply to it too).
        let files: Vec<&Path> = if extra.is_empty() {
            vec![&good, file]
        } else {
            vec![file]
        };
        let o = import(&files, &project, extra);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{name}: one clear line: {err}");
        // The file at fault is named (for brat, possibly its .ann).
        let stem = name.trim_end_matches(".txt").trim_end_matches(".jsonl");
        assert!(err.contains(stem), "{name}: {err}");
        assert!(err.contains(expected), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            std::fs::read(&project).unwrap_or_default(),
            before,
            "{name}: project changed"
        );
    }
}
