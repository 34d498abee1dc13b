//! Corpus scale (issue 13): a generated newsroom archive of 20,000 short
//! articles (about 3 KB and 15 spans each), as a folder project and as one
//! file. Opening (to the first document shown), saving after one edit,
//! exporting to JSONL, and, in the same run, Python's `json` loading the
//! same corpus as JSONL for comparison.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::formats::{self, ExportOptions, Format};
use spanmark::model::{Change, Edit};
use spanmark::session::Session;

/// Articles in the corpus.
const DOCS: usize = 20_000;

/// Relabel a span of document `doc` back and forth: one small edit.
fn one_edit(session: &mut Session, doc: usize, flip: bool) {
    let Some(span) = session.project().documents[doc].spans.iter().next() else {
        return;
    };
    let label = if flip { "claim" } else { "quote" };
    let edit = Edit::SetLabel {
        id: span.id,
        label: label.to_owned(),
    };
    let _ = session.apply(Change::Doc { doc, edit });
}

/// Python's `json` reading every line of `jsonl`, in seconds (None without
/// python3).
fn python_json_load(jsonl: &Path) -> Option<f64> {
    let script = "import json,sys,time\n\
                  t=time.perf_counter()\n\
                  n=sum(1 for l in open(sys.argv[1],encoding='utf-8') if json.loads(l))\n\
                  print(time.perf_counter()-t)";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(jsonl)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn corpus_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let project = spanmark_testkit::synth::corpus(DOCS, 11);
    let folder = dir.path().join("corpus.spanmark");
    let file = dir.path().join("corpus.ron");
    spanmark::store::save(&project, &folder).unwrap_or_else(|e| panic!("{e}"));
    spanmark::store::save(&project, &file).unwrap_or_else(|e| panic!("{e}"));
    let text: usize = project.documents.iter().map(|d| d.text.len()).sum();
    let spans: usize = project.documents.iter().map(|d| d.spans.len()).sum();
    let file_size = std::fs::metadata(&file).map_or(0, |m| m.len());
    eprintln!(
        "corpus: {DOCS} articles, {text} bytes of text, {spans} spans; one file {file_size} bytes"
    );
    drop(project);

    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    // What the window reads before it shows the document last read (the
    // rest is read behind it).
    let wanted = format!("{}", DOCS / 2);
    let middle = spanmark::store::load(&folder)
        .ok()
        .and_then(|p| p.documents.get(DOCS / 2).map(|d| d.id.clone()))
        .unwrap_or(wanted);
    group.bench_function("first_document_shown_folder", |b| {
        b.iter(|| black_box(spanmark::store::folder::preview(&folder, Some(&middle)).is_ok()))
    });
    for (name, path) in [("folder", &folder), ("file", &file)] {
        group.bench_function(format!("open_{name}"), |b| {
            b.iter(|| black_box(Session::open(path).map(|s| s.project().documents.len())))
        });
        let mut session = Session::open(path).unwrap_or_else(|e| panic!("{e}"));
        let mut flip = false;
        group.bench_function(format!("save_after_one_edit_{name}"), |b| {
            b.iter(|| {
                flip = !flip;
                one_edit(&mut session, DOCS / 2, flip);
                black_box(session.save().is_ok())
            })
        });
        if name == "folder" {
            eprintln!(
                "save after one edit (folder): {} bytes written",
                session.last_written()
            );
        }
    }
    // The window on the folder: every document but the ones shown parked
    // as read; then showing a parked document reads it back.
    group.bench_function("open_folder_parked", |b| {
        b.iter(|| {
            let parking = Some((Some(middle.as_str()), 8));
            black_box(Session::open_parked(&folder, None, parking).map(|s| s.parked()))
        })
    });
    let mut session =
        Session::open_parked(&folder, None, Some((None, 0))).unwrap_or_else(|e| panic!("{e}"));
    let mut k = 0;
    group.bench_function("show_a_parked_document", |b| {
        b.iter(|| {
            k = k % 1000 + 1;
            black_box(session.set_current(k).is_ok())
        })
    });
    // The edit is in the document shown (which is never parked).
    session
        .set_current(DOCS / 2)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut flip = false;
    group.bench_function("save_after_one_edit_folder_parked", |b| {
        b.iter(|| {
            flip = !flip;
            one_edit(&mut session, DOCS / 2, flip);
            black_box(session.save().is_ok())
        })
    });
    drop(session);
    let mut n = 0;
    group.bench_function("import_one_article_into_folder", |b| {
        b.iter(|| {
            n += 1;
            let doc = spanmark::model::Document::new(
                format!("new-{n}"),
                "New",
                "Peskov said the talks went well.",
            );
            let imported = formats::Imported {
                docs: vec![doc],
                notices: Default::default(),
            };
            black_box(
                spanmark::session::append_to_folder(&folder, imported, Duration::ZERO).is_ok(),
            )
        })
    });
    let jsonl = dir.path().join("corpus.jsonl");
    let options = ExportOptions::default();
    group.bench_function("export_jsonl_from_folder", |b| {
        b.iter(|| {
            let p = spanmark::store::load(&folder).unwrap_or_else(|e| panic!("{e}"));
            black_box(formats::export(&p, Format::Jsonl, &options, &jsonl, true).is_ok())
        })
    });
    group.bench_function("python_json_load_jsonl", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                total += python_json_load(&jsonl).map_or(start.elapsed(), Duration::from_secs_f64);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, corpus_benches);
criterion_main!(benches);
