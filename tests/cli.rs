//! CLI tests: run the built binary on files in a temp dir.

use std::path::Path;
use std::process::Output;

use crate::cli_support;
use cli_support::{spanmark, stderr};

fn run(args: &[&str], file: &Path) -> Output {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(file.as_os_str());
    spanmark(&all)
}

fn sample_project() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/projects/sample.ron"))
}

#[test]
fn validate_accepts_the_sample_project() {
    let out = run(&["validate"], sample_project());
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("valid"), "{stdout}");
}

#[test]
fn validate_rejects_a_span_past_the_end_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        r#"(format_version: 1, name: "x", documents: [(id: "d", title: "D", text: "“Hi”", spans: [(id: 1, start: 0, end: 5, label: "quote")])])"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["validate"], &path);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.ron"), "{err}");
    assert!(err.contains("span 1 has range [0, 5)"), "{err}");
    assert!(err.contains("4 characters"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn validate_reports_unknown_labels_and_garbage_without_panicking() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let unknown = dir.path().join("unknown.ron");
    std::fs::write(
        &unknown,
        r#"(format_version: 1, name: "x", documents: [(id: "d", title: "D", text: "abc", spans: [(id: 1, start: 0, end: 2, label: "person")])])"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["validate"], &unknown);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown label \"person\""),
        "{}",
        stderr(&out)
    );

    let binary = dir.path().join("binary.ron");
    std::fs::write(&binary, [0u8, 159, 146, 150, 1, 2]).unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["validate"], &binary);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a UTF-8 text file"),
        "{}",
        stderr(&out)
    );

    let missing = dir.path().join("missing.ron");
    let out = run(&["validate"], &missing);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.ron"), "{}", stderr(&out));
}

#[test]
fn stats_counts_spans_per_label_as_text_and_json() {
    let out = run(&["stats", "--json"], sample_project());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let project = spanmark::store::load(sample_project()).unwrap_or_else(|e| panic!("{e}"));
    let doc = &project.documents[0];
    assert_eq!(json["documents"], 1);
    assert_eq!(json["spans"], doc.spans.len());
    for label in ["quote", "claim", "entity", "event"] {
        let n = doc.spans.iter().filter(|s| s.label == label).count();
        assert!(n > 0, "sample has no {label}");
        assert_eq!(json["spans_by_label"][label], n, "{label}");
    }
    assert_eq!(json["relations"], doc.relations.len());

    let out = run(&["stats"], sample_project());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("documents:  1"), "{text}");
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("entity")),
        "{text}"
    );
}

#[test]
fn stats_keeps_long_label_names_apart_from_their_counts() {
    // Label Studio's "Organization" (12 characters) once ran into its
    // count ("Organization2").
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let project = dir.path().join("p.ron");
    let tasks = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/interop/label-studio/tasks.json"
    );
    let out = spanmark(&[
        "import".as_ref(),
        tasks.as_ref(),
        "--into".as_ref(),
        project.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["stats"], &project);
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("Organization"));
    let words: Vec<&str> = line
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    assert_eq!(words.len(), 2, "label and count apart: {text}");
    assert!(words[1].parse::<usize>().is_ok(), "{text}");
}

#[test]
fn stats_on_a_bad_file_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("half.ron");
    std::fs::write(&path, "(format_version: 1, name: \"half").unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["stats"], &path);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

fn export(project: &Path, format: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "export".as_ref(),
        project.as_os_str(),
        "-f".as_ref(),
        format.as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    spanmark(&args)
}

#[test]
fn export_writes_every_format_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (format, name) in [
        ("jsonl", "a.jsonl"),
        ("conll", "a.conll"),
        ("csv", "a.csv"),
        ("label-studio", "a.json"),
        ("brat", "brat"),
    ] {
        let out = dir.path().join(name);
        let o = export(sample_project(), format, &out, &[]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            stdout.contains("exported 1 document,"),
            "{format}: {stdout}"
        );
        assert!(out.exists(), "{format}");
        if format == "conll" {
            assert!(
                stderr(&o).contains("spans overlapped by a longer span"),
                "{}",
                stderr(&o)
            );
        } else if format == "brat" {
            // The event kind "diplomatic talks" cannot be a brat value.
            let err = stderr(&o);
            assert!(err.contains("SpanmarkAttr"), "{err}");
            assert!(
                err.lines().all(|l| l.starts_with("warning: left out: ")),
                "{err}"
            );
        } else if format == "jsonl" {
            assert!(stderr(&o).is_empty(), "{format}: {}", stderr(&o));
        } else {
            // What the format cannot hold, counted, and nothing else.
            let err = stderr(&o);
            assert!(
                err.lines().all(|l| l.starts_with("warning: left out: ")),
                "{format}: {err}"
            );
        }
    }
    assert!(dir.path().join("brat/peskov-us-russia.ann").exists());
}

#[test]
fn export_filters_and_refuses_unknown_labels_cleanly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("q.jsonl");
    let o = export(
        sample_project(),
        "jsonl",
        &out,
        &["--labels", "quote,entity", "--status", "in-progress"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let line = std::fs::read_to_string(&out).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap_or_else(|e| panic!("{e}"));
    let labels: std::collections::BTreeSet<_> = v["label"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l[2].as_str())
        .collect();
    assert_eq!(labels.into_iter().collect::<Vec<_>>(), ["entity", "quote"]);

    let none = dir.path().join("none.jsonl");
    let o = export(sample_project(), "jsonl", &none, &["--status", "done"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("exported 0 documents"));

    let o = export(
        sample_project(),
        "jsonl",
        &dir.path().join("x.jsonl"),
        &["--labels", "person"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unknown label \"person\""),
        "{}",
        stderr(&o)
    );
    assert!(
        !dir.path().join("x.jsonl").exists(),
        "nothing written on error"
    );
}
