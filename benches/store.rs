//! Project open/save benchmarks on the 1.2 MB, 20,000-span project.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn store_benches(c: &mut Criterion) {
    let project = common::large_project();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("large.ron");
    spanmark::store::save(&project, &path).unwrap_or_else(|e| panic!("{e}"));
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    eprintln!(
        "project: {} bytes of text, {} spans, file {size} bytes",
        project.documents[0].text.len(),
        project.documents[0].spans.len()
    );

    c.bench_function("project_open", |b| {
        b.iter(|| black_box(spanmark::store::load(&path).map(|p| p.documents.len())))
    });
    c.bench_function("project_save", |b| {
        b.iter(|| black_box(spanmark::store::save(&project, &path).is_ok()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = store_benches
}
criterion_main!(benches);
