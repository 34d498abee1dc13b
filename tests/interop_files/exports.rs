//! Every format counts what it cannot hold, per kind, as the
//! documentation's table says; the smaller matters of the command line.

use std::path::Path;

use super::{export, imported, json_lines, read, tmp, warnings, write};
use spanmark::formats::Format;
use spanmark::model::{
    Document, Event, EventId, LabelDef, MetaValue, Normalization, Project, Relation, RelationId,
    Rgb, Span, SpanId, TypedNote,
};

/// One document holding every kind of thing: 3 relations (one with roles,
/// one symmetric), an event, a discontinuous span, a typed note, a
/// knowledge-base link, 2 categories, metadata, annotators.
fn everything() -> Project {
    let mut p = Project::new("everything");
    // A label imported under a name that is not a token.
    let mut named = LabelDef::new("Named_Entity", "Named Entity", Rgb(1, 2, 3));
    named.origin = Some("Named Entity".into());
    p.labels.0.push(named);
    let mut d = Document::new(
        "d1",
        "Peskov and Putin",
        "Peskov met Putin in Geneva on Monday.",
    );
    let mut peskov = Span::new(SpanId(1), 0, 6, "entity");
    peskov.annotator = Some("alice".into());
    peskov.attrs.insert("kind".into(), "person".into());
    peskov.set_note(Some("spokesman".into()));
    peskov.with_extra(|e| {
        e.normalizations.push(Normalization {
            kb: "Wikidata".into(),
            id: "Q4379478".into(),
            name: None,
        })
    });
    let mut putin = Span::new(SpanId(2), 11, 16, "Named_Entity");
    putin.with_extra(|e| {
        e.typed_notes.push(TypedNote {
            kind: "Lemma".into(),
            text: "Putin".into(),
        })
    });
    let met = Span::new(SpanId(3), 7, 10, "event");
    let mut place_time = Span::new(SpanId(4), 20, 36, "entity");
    place_time.set_fragments(vec![(20, 26), (30, 36)]);
    d.spans = [peskov, putin, met, place_time].into_iter().collect();
    let mut meets = Relation::new(RelationId(1), "meets", SpanId(1), SpanId(2));
    meets.roles = Some(("Agent".into(), "Patient".into()));
    meets.annotator = Some("alice".into());
    let mut same = Relation::new(RelationId(2), "coref", SpanId(1), SpanId(2));
    same.symmetric = true;
    let at = Relation::new(RelationId(3), "at", SpanId(3), SpanId(4));
    for r in [meets, same, at] {
        let _ = d.relations.insert(r);
    }
    let mut e = Event::new(EventId(1), "Meeting", SpanId(3));
    e.push_span("Participant", SpanId(1));
    d.events.push(e);
    d.categories = vec!["politics".into(), "russia".into()];
    d.meta.outlet = Some("Wire".into());
    d.meta
        .extra
        .insert("desk".into(), MetaValue::Text("world".into()));
    d.status = spanmark::model::DocStatus::Done;
    d.notes = "check the date".into();
    p.documents.push(d);
    p.ensure_next_ids();
    p
}

#[test]
fn every_export_counts_what_its_format_cannot_hold() {
    let p = everything();
    assert_eq!(p.validate(), Ok(()));
    let dir = tmp();
    // CSV: no relations, events, pieces, typed notes, links, categories or
    // metadata; its summary says no relations were written.
    let csv = dir.path().join("out.csv");
    let report = export(&p, Format::Csv, &csv);
    let said = warnings(&report);
    for kind in [
        "3 relations",
        "1 events",
        "1 discontinuous",
        "2 typed notes",
        "1 documents' categories",
        "1 documents' metadata",
    ] {
        assert!(said.contains(kind), "CSV: no {kind:?} in\n{said}");
    }
    assert!(
        !report.written().contains("relation"),
        "{}",
        report.written()
    );
    assert!(
        read(&csv).contains(",Named Entity,"),
        "the label's name: {}",
        read(&csv)
    );
    // Hugging Face: relation roles, symmetry, annotators now written.
    let hf = dir.path().join("out.jsonl");
    let report = export(&p, Format::HfJsonl, &hf);
    let line = &json_lines(&hf)[0];
    let meets = &line["relations"][0];
    assert_eq!(
        (meets["from_role"].as_str(), meets["annotator"].as_str()),
        (Some("Agent"), Some("alice")),
        "{line}"
    );
    assert_eq!(line["relations"][1]["symmetric"], true, "{line}");
    assert!(
        warnings(&report).contains("1 events"),
        "{}",
        warnings(&report)
    );
    // brat: categories, metadata, annotators.
    let report = export(&p, Format::Brat, &dir.path().join("brat"));
    let said = warnings(&report);
    for kind in [
        "documents' categories",
        "documents' metadata",
        "span annotators",
        "relation annotators",
    ] {
        assert!(said.contains(kind), "brat: no {kind:?} in\n{said}");
    }
    // CoNLL: attributes, notes, events, categories.
    let report = export(&p, Format::Conll, &dir.path().join("out.conll"));
    let said = warnings(&report);
    for kind in [
        "span attributes",
        "span notes",
        "1 events",
        "documents' categories",
        "3 relations",
    ] {
        assert!(said.contains(kind), "CoNLL: no {kind:?} in\n{said}");
    }
}

/// The table "What each format cannot hold" of `docs/formats.md`: per
/// format, the kinds marked "counted".
fn documented(format: Format) -> Vec<String> {
    let doc = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md"));
    let table = doc
        .split("## What each format cannot hold")
        .nth(1)
        .unwrap_or_else(|| panic!("no table in docs/formats.md"));
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|l| !l.starts_with("| kind"))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    let column = rows[0]
        .iter()
        .position(|c| {
            *c == format!("{format:?}")
                .to_lowercase()
                .replace("hfjsonl", "hf-jsonl")
                .replace("labelstudio", "label-studio")
        })
        .unwrap_or_else(|| panic!("no column for {format:?}"));
    rows[2..]
        .iter()
        .filter(|r| r.get(column) == Some(&"counted"))
        .map(|r| r[0].to_owned())
        .collect()
}

#[test]
fn the_documentation_says_what_each_exporter_counts() {
    for format in Format::ALL {
        let counted: Vec<String> = spanmark::formats::lost::losses(format)
            .iter()
            .map(|l| l.name().to_owned())
            .collect();
        assert_eq!(documented(format), counted, "{format:?}");
    }
}

#[test]
fn labels_that_would_share_a_conll_tag_are_told_apart() {
    let dir = tmp();
    let file = write(
        dir.path(),
        "two.jsonl",
        r#"{"text": "Alpha beta gamma.", "label": [[0, 5, "A B"], [11, 16, "A_B"]]}"#,
    );
    let (p, _) = imported(&[file]);
    let out = dir.path().join("out.conll");
    let report = export(&p, Format::Conll, &out);
    let conll = read(&out);
    let tags: Vec<&str> = conll
        .lines()
        .filter_map(|l| l.split('\t').nth(1))
        .filter(|t| t.starts_with("B-"))
        .collect();
    assert_eq!(tags.len(), 2, "{conll}");
    assert_ne!(tags[0], tags[1], "{conll}");
    assert!(
        report.notes.iter().any(|n| n.contains("CoNLL tag")),
        "{report:?}"
    );
}

#[test]
fn conll_comments_say_which_readers_skip_them() {
    use clap::CommandFactory as _;
    let mut cli = spanmark::cli::Cli::command();
    let export = cli
        .find_subcommand_mut("export")
        .unwrap_or_else(|| panic!("no export command"));
    let help = export.render_long_help().to_string();
    assert!(help.contains("spacy convert"), "{help}");
}

#[test]
fn output_dash_writes_to_standard_output() {
    let dir = tmp();
    let project = dir.path().join("p.ron");
    spanmark::store::save(&everything(), &project).unwrap_or_else(|e| panic!("{e}"));
    let command = spanmark::cli::Command::Export {
        project: project.clone(),
        format: Format::Jsonl,
        output: "-".into(),
        status: None,
        labels: None,
        label: None,
        conll_comments: false,
        force: false,
    };
    let mut out = Vec::new();
    let cwd = std::env::current_dir().unwrap_or_default();
    spanmark::cli::run(&command, &mut out).unwrap_or_else(|e| panic!("{e}"));
    assert!(!cwd.join("-").exists(), "a file named - was written");
    let text = String::from_utf8(out).unwrap_or_default();
    let line: serde_json::Value =
        serde_json::from_str(text.lines().next().unwrap_or("")).unwrap_or_default();
    assert_eq!(line["id"], "d1", "{text}");
}

#[test]
fn a_folder_import_keeps_its_sub_folders_in_the_ids() {
    let dir = tmp();
    write(dir.path(), "corpus/train/doc1.txt", "Training text.");
    write(dir.path(), "corpus/dev/doc1.txt", "Development text.");
    write(dir.path(), "corpus/top.txt", "Top text.");
    let (p, _) = imported(&[dir.path().join("corpus")]);
    let mut ids: Vec<&str> = p.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["dev/doc1", "top", "train/doc1"]);
}

#[test]
fn spanmark_reads_its_own_hugging_face_jsonl_back() {
    let p = everything();
    let dir = tmp();
    let hf = dir.path().join("hf.jsonl");
    export(&p, Format::HfJsonl, &hf);
    let (back, _) = imported(&[hf]);
    let (a, b) = (&p.documents[0], &back.documents[0]);
    assert_eq!(b.spans.len(), a.spans.len());
    assert_eq!(b.relations.len(), a.relations.len());
    let roles: Vec<_> = b
        .relations
        .iter()
        .map(|r| (r.roles.clone(), r.symmetric, r.annotator.clone()))
        .collect();
    assert!(
        roles.contains(&(
            Some(("Agent".into(), "Patient".into())),
            false,
            Some("alice".into())
        )),
        "{roles:?}"
    );
    assert_eq!(
        (
            b.categories.clone(),
            b.meta.clone(),
            b.status,
            b.notes.clone()
        ),
        (
            a.categories.clone(),
            a.meta.clone(),
            a.status,
            a.notes.clone()
        )
    );
    let peskov = b
        .spans
        .iter()
        .find(|s| s.start == 0)
        .unwrap_or_else(|| panic!("no span"));
    assert_eq!(
        (peskov.attrs.get("kind").map(String::as_str), peskov.note()),
        (Some("person"), Some("spokesman"))
    );
}
