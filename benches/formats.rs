//! Export of 100,000 spans to every format (serialise, write, fsync, rename),
//! and import of a 10 MB text file.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::formats::{self, ExportOptions, Format};

mod common;

fn format_benches(c: &mut Criterion) {
    // 20,000 paragraphs (about 6.6 MB of text) carrying 100,000 spans.
    let project = spanmark_testkit::synth::project(20_000, 100_000, 7);
    let spans: usize = project.documents.iter().map(|d| d.spans.len()).sum();
    eprintln!(
        "export benchmark: {spans} spans, {} bytes of text",
        project.documents[0].text.len()
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for format in Format::ALL {
        let name = format!("{format:?}").to_lowercase();
        let out = dir.path().join(&name);
        group.bench_function(&name, |b| {
            b.iter(|| {
                black_box(
                    formats::export(&project, format, &ExportOptions::default(), &out, true)
                        .is_ok(),
                )
            })
        });
    }
    group.finish();

    // A 10 MB text file with CRLF line ends (normalised on import).
    let text = spanmark_testkit::synth::article(32_000, 3, true).replace('\n', "\r\n");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("import benchmark: {} bytes", text.len());
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("import_text", |b| {
        let options = formats::ImportOptions::default();
        b.iter(|| {
            black_box(
                formats::import_file(&path, formats::ImportFormat::Text, &options)
                    .map(|d| d.docs.len()),
            )
        })
    });
    group.finish();
}

/// Inputs that once took quadratic time: what an importer does with them
/// (read, parse, check and renumber through the import gate).
fn hostile_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, content: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("{e}"));
        path
    };
    let line = r#"{"id": "same", "text": "Peskov said so.", "label": [[0, 6, "entity"]]}"#;
    let jsonl = write("same.jsonl", format!("{line}\n").repeat(30_000));
    let brat = |n: usize| {
        let txt = write(&format!("b{n}.txt"), "word ".repeat(n));
        let ann: String = (0..n)
            .map(|i| format!("T{}\tentity {} {}\tword\n", i + 1, i * 5, i * 5 + 4))
            .collect();
        write(&format!("b{n}.ann"), ann);
        txt
    };
    let (brat_100k, brat_1m) = (brat(100_000), brat(1_000_000));
    let nested = |tag: &str| {
        format!(
            "<html><body>{}<p>Deep text.</p>{}</body></html>",
            format!("<{tag}>").repeat(100_000),
            format!("</{tag}>").repeat(100_000)
        )
    };
    let div = write("div.html", nested("div"));
    let quote = write("quote.html", nested("blockquote"));
    let cases = [
        (
            "jsonl_30000_lines_one_id",
            jsonl,
            formats::ImportFormat::Jsonl,
        ),
        ("brat_100000_lines", brat_100k, formats::ImportFormat::Brat),
        ("brat_1000000_lines", brat_1m, formats::ImportFormat::Brat),
        ("html_100000_nested_div", div, formats::ImportFormat::Html),
        (
            "html_100000_nested_blockquote",
            quote,
            formats::ImportFormat::Html,
        ),
    ];
    let mut group = c.benchmark_group("hostile_import");
    group.sample_size(10);
    let options = formats::ImportOptions::default();
    for (name, path, format) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                let project = spanmark::model::Project::new("p");
                let docs = formats::import_file(&path, format, &options);
                let prepared =
                    docs.map(|d| spanmark::session::prepare_import(&project, d.docs).is_ok());
                black_box(prepared.is_ok())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, format_benches, hostile_benches);
criterion_main!(benches);
