//! Export formats, read the way their consumers read them, and round trips.

use std::collections::BTreeSet;
use std::path::Path;

use spanmark::formats::{self, ExportOptions, Format};
use spanmark::model::{Document, Project};
use spanmark_testkit::synth::multilingual_project;

/// `text[start:end]` as Python computes it: by code points.
fn py_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

pub fn export(
    project: &Project,
    format: Format,
    dir: &Path,
    options: &ExportOptions,
) -> std::path::PathBuf {
    let out = dir.join(format!("out.{}", format.extension().unwrap_or("d")));
    formats::export(project, format, options, &out, true)
        .unwrap_or_else(|e| panic!("{format:?}: {e}"));
    out
}

/// What a round trip must keep: spans with attributes and notes, relations.
/// A document's annotations by content (imports give fresh ids, so spans
/// are named by range and label, relations by the spans they join).
fn essence(doc: &Document) -> (String, Vec<String>, BTreeSet<String>) {
    let name = |id| {
        doc.span(id).map_or_else(String::new, |s| {
            format!("{}-{} {}", s.start, s.end, s.label)
        })
    };
    let spans = doc
        .spans
        .iter()
        .map(|s| format!("{} {:?} {:?}", name(s.id), s.attrs, s.note()))
        .collect();
    let rels = doc
        .relations
        .iter()
        .map(|r| format!("{} {}->{}", r.kind, name(r.from), name(r.to)))
        .collect();
    (doc.text.clone(), spans, rels)
}

pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn jsonl_is_doccano_shaped_exact_and_round_trips() {
    let p = multilingual_project();
    let dir = tmp();
    let out = export(&p, Format::Jsonl, dir.path(), &ExportOptions::default());
    let content = read(&out);
    let doc = &p.documents[0];
    for line in content.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
        let text = v["text"].as_str().unwrap_or_default();
        assert_eq!(text, doc.text);
        let labels = v["label"].as_array().cloned().unwrap_or_default();
        assert_eq!(labels.len(), doc.spans.len());
        for l in &labels {
            let (s, e) = (
                l[0].as_u64().unwrap_or(0) as usize,
                l[1].as_u64().unwrap_or(0) as usize,
            );
            let span = doc
                .spans
                .iter()
                .find(|x| x.start == s && x.end == e && l[2] == x.label.as_str());
            let span = span.unwrap_or_else(|| panic!("no span like {l}"));
            assert_eq!(py_slice(text, s, e), doc.span_text(span));
        }
        assert_eq!(v["relations"].as_array().map(Vec::len), Some(2));
    }
    let back = formats::import_jsonl(&content, &out, "x", &mut Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(essence(&back[0]), essence(doc));
}

#[test]
fn jsonl_import_reads_doccano_entity_and_label_shapes_and_names_bad_lines() {
    let dir = tmp();
    let path = dir.path().join("in.jsonl");
    let content = concat!(
        r#"{"text": "Zoë met 😀 Ann", "label": [[0, 3, "entity"], [10, 13, "entity"]]}"#,
        "\n",
        r#"{"id": 7, "text": "Zoë said hi", "entities": [{"id": 4, "start_offset": 0, "end_offset": 3, "label": "entity"}, {"id": 5, "start_offset": 4, "end_offset": 11, "label": "quote"}], "relations": [{"id": 1, "from_id": 5, "to_id": 4, "type": "said_by"}]}"#,
        "\n",
    );
    let docs = formats::import_jsonl(content, &path, "in", &mut Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.len(), 2);
    let texts: Vec<&str> = docs[0].spans.iter().map(|s| docs[0].span_text(s)).collect();
    assert_eq!(texts, ["Zoë", "Ann"]);
    assert_eq!(docs[1].relations.len(), 1);
    assert_eq!(docs[1].id, "in-7");

    let bad = "{\"text\": \"ok\"}\n{\"text\": \"x\", \"label\": [[0, 5, \"entity\"]]}\nnot json\n";
    let err = formats::import_jsonl(bad, &path, "in", &mut Default::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("in.jsonl:2") && err.contains("outside the text"),
        "{err}"
    );
    let err = formats::import_jsonl(
        "{\"text\": \"ok\"}\n\nnot json\n",
        &path,
        "in",
        &mut Default::default(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        err.contains("in.jsonl:3") && err.contains("not a valid JSON"),
        "{err}"
    );
}

/// brat's .ann grammar for the lines Spanmark writes.
fn check_brat_line(line: &str, text: &str) {
    let fields: Vec<&str> = line.split('\t').collect();
    let id = fields[0];
    match id.chars().next() {
        Some('T') => {
            assert_eq!(fields.len(), 3, "{line}");
            assert!(id[1..].parse::<u64>().is_ok(), "{line}");
            let (label, offsets) = fields[1]
                .split_once(' ')
                .unwrap_or_else(|| panic!("{line}"));
            assert!(!label.is_empty() && !label.contains(' '));
            let covered: Vec<String> = offsets
                .split(';')
                .map(|f| {
                    let n: Vec<usize> = f
                        .split(' ')
                        .map(|x| x.parse().unwrap_or(usize::MAX))
                        .collect();
                    assert_eq!(n.len(), 2, "{line}");
                    let frag = py_slice(text, n[0], n[1]);
                    assert!(!frag.contains('\n'), "fragments never cross a line: {line}");
                    frag
                })
                .collect();
            assert_eq!(fields[2], covered.join(" "), "{line}");
        }
        Some('R') => {
            let parts: Vec<&str> = fields[1].split(' ').collect();
            assert_eq!(parts.len(), 3, "{line}");
            assert!(
                parts[1].starts_with("Arg1:T") && parts[2].starts_with("Arg2:T"),
                "{line}"
            );
        }
        Some('A') => assert_eq!(fields[1].split(' ').count(), 3, "{line}"),
        Some('#') => {
            assert_eq!(fields.len(), 3, "{line}");
            assert!(!fields[2].contains('\n'));
        }
        _ => panic!("unexpected line {line}"),
    }
}

#[test]
fn brat_files_follow_brats_grammar_and_round_trip() {
    let p = multilingual_project();
    let dir = tmp();
    let out = dir.path().join("brat");
    let report = formats::export(&p, Format::Brat, &ExportOptions::default(), &out, true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.spans, 9);
    let doc = &p.documents[0];
    let text = read(&out.join("multi-1.txt"));
    assert_eq!(text, doc.text, "the .txt is the text, byte for byte");
    let ann = read(&out.join("multi-1.ann"));
    for line in ann.lines() {
        check_brat_line(line, &text);
    }
    assert!(
        ann.lines().any(|l| l.starts_with('T') && l.contains(';')),
        "a span across a line break has fragments"
    );
    let conf = read(&out.join("annotation.conf"));
    for section in ["[entities]", "[relations]", "[events]", "[attributes]"] {
        assert!(conf.contains(section), "{conf}");
    }
    assert!(
        conf.lines().any(|l| l.starts_with("kind\tArg:<ENTITY>")),
        "{conf}"
    );

    let back = formats::import_brat(
        "multi-1",
        &text,
        &ann,
        &out.join("multi-1.ann"),
        &mut Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(essence(&back), essence(doc));
}

#[test]
fn brat_import_reports_offsets_beyond_the_text() {
    let err = formats::import_brat(
        "d",
        "short",
        "T1\tentity 0 99\tshort",
        Path::new("d.ann"),
        &mut Default::default(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        err.contains("d.ann:1") && err.contains("outside the text of 5 characters"),
        "{err}"
    );
}

#[test]
fn label_studio_tasks_are_exact_and_round_trip() {
    let p = multilingual_project();
    let dir = tmp();
    let out = export(
        &p,
        Format::LabelStudio,
        dir.path(),
        &ExportOptions::default(),
    );
    let content = read(&out);
    let tasks: serde_json::Value = serde_json::from_str(&content).unwrap_or_else(|e| panic!("{e}"));
    let task = &tasks[0];
    let text = task["data"]["text"].as_str().unwrap_or_default();
    let results = task["annotations"][0]["result"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let regions: Vec<_> = results.iter().filter(|r| r["type"] == "labels").collect();
    assert_eq!(regions.len(), 9);
    for r in regions {
        let v = &r["value"];
        let (s, e) = (
            v["start"].as_u64().unwrap_or(0) as usize,
            v["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            v["text"].as_str().map(str::to_owned),
            Some(py_slice(text, s, e))
        );
        assert_eq!(r["from_name"], "label");
        assert_eq!(r["to_name"], "text");
    }
    assert_eq!(
        results.iter().filter(|r| r["type"] == "relation").count(),
        2
    );
    let back = formats::import_label_studio(&content, &out, "ls", None, &mut Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(essence(&back[0]), essence(&p.documents[0]));
}

#[test]
fn csv_rows_read_back_with_a_csv_reader() {
    let p = multilingual_project();
    let dir = tmp();
    let out = export(&p, Format::Csv, dir.path(), &ExportOptions::default());
    let mut reader = csv::Reader::from_path(&out).unwrap_or_else(|e| panic!("{e}"));
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default();
    assert_eq!(
        header,
        [
            "document",
            "span_id",
            "start",
            "end",
            "label",
            "text",
            "attributes",
            "note",
            "annotator"
        ]
    );
    let doc = &p.documents[0];
    let mut rows = 0;
    for rec in reader.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{e}"));
        let (s, e): (usize, usize) = (rec[2].parse().unwrap_or(0), rec[3].parse().unwrap_or(0));
        assert_eq!(rec[5], py_slice(&doc.text, s, e));
        let attrs: serde_json::Value =
            serde_json::from_str(&rec[6]).unwrap_or_else(|e| panic!("{e}"));
        assert!(attrs.is_object());
        let id: u64 = rec[1].parse().unwrap_or(0);
        let span = doc
            .spans
            .iter()
            .find(|x| x.id.0 == id)
            .unwrap_or_else(|| panic!("span {id}"));
        assert_eq!(&rec[7], span.note().unwrap_or_default());
        rows += 1;
    }
    assert_eq!(rows, doc.spans.len());
}

/// Read CoNLL the way seqeval sees it: sentences of tags, checked against
/// the IOB2 rules; returns entities as (type, first token, last token) with
/// the tokens' text.
fn read_conll(content: &str) -> Vec<Vec<(String, String)>> {
    let mut sentences = Vec::new();
    let mut cur = Vec::new();
    for line in content.lines() {
        if line.starts_with("# ") || line.starts_with("-DOCSTART-") {
            continue;
        }
        if line.is_empty() {
            if !cur.is_empty() {
                sentences.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("no tab in {line:?}"));
        assert!(
            !tok.is_empty() && !tok.contains(char::is_whitespace),
            "{line:?}"
        );
        cur.push((tok.to_owned(), tag.to_owned()));
    }
    if !cur.is_empty() {
        sentences.push(cur);
    }
    sentences
}

#[test]
fn conll_follows_iob2_and_reports_what_it_leaves_out() {
    let p = multilingual_project();
    let dir = tmp();
    let out = dir.path().join("out.conll");
    let report = formats::export(&p, Format::Conll, &ExportOptions::default(), &out, true)
        .unwrap_or_else(|e| panic!("{e}"));
    let sentences = read_conll(&read(&out));
    let mut entities = Vec::new();
    for sent in &sentences {
        let mut prev: Option<String> = None;
        let mut current: Option<(String, Vec<String>)> = None;
        for (tok, tag) in sent {
            if let Some(t) = tag.strip_prefix("I-") {
                assert_eq!(prev.as_deref(), Some(t), "I-{t} must continue a {t} entity");
                if let Some((_, toks)) = current.as_mut() {
                    toks.push(tok.clone());
                }
            } else {
                if let Some(c) = current.take() {
                    entities.push(c);
                }
                if let Some(t) = tag.strip_prefix("B-") {
                    current = Some((t.to_owned(), vec![tok.clone()]));
                } else {
                    assert_eq!(tag, "O");
                }
            }
            prev = tag.get(2..).map(str::to_owned).filter(|_| tag != "O");
        }
        if let Some(c) = current.take() {
            entities.push(c);
        }
    }
    // Outermost spans win: the quote holds 東京, the claim holds שלום and
    // e\u{301}le\u{300}ve and overlaps the event: 4 spans left out, and said so.
    assert_eq!(report.left_out_total(), 4, "{report:?}");
    assert_eq!(entities.len(), report.spans);
    let doc = &p.documents[0];
    for (label, toks) in &entities {
        let span = doc
            .spans
            .iter()
            .find(|s| {
                &s.label == label
                    && doc.span_text(s).split_whitespace().collect::<String>() == toks.concat()
            })
            .unwrap_or_else(|| panic!("no {label} span for tokens {toks:?}"));
        assert!(!span.label.is_empty());
    }

    // One layer on request: only entities, nothing overlaps.
    let options = ExportOptions {
        conll_label: Some("entity".into()),
        ..Default::default()
    };
    let report =
        formats::export(&p, Format::Conll, &options, &out, true).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.spans, 6);
    assert_eq!(report.left_out_total(), 3);
}
