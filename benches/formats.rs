//! Export of 100,000 spans to every format (serialise, write, fsync, rename),
//! and import of a 10 MB text file.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::formats::{self, ExportOptions, Format};

mod common;

fn format_benches(c: &mut Criterion) {
    // 20,000 paragraphs (about 6.6 MB of text) carrying 100,000 spans.
    let project = spanmark::synth::project(20_000, 100_000, 7);
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
                    formats::export(&project, format, &ExportOptions::default(), &out).is_ok(),
                )
            })
        });
    }
    group.finish();

    // A 10 MB text file with CRLF line ends (normalised on import).
    let text = spanmark::synth::article(32_000, 3, true).replace('\n', "\r\n");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("import benchmark: {} bytes", text.len());
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("import_text", |b| {
        let options = formats::ImportOptions::default();
        b.iter(|| {
            black_box(
                formats::import_file(&path, formats::ImportFormat::Text, &options).map(|d| d.len()),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, format_benches);
criterion_main!(benches);
