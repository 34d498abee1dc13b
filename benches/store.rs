//! Project open/save benchmarks on the 1.2 MB, 20,000-span project, and
//! the built-in suggestion rules over its article.

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
    // Every rule over the 1.2 MB article; then with the 5,369 entity texts
    // its spans tag as known (each of their 227,000 mentions suggested).
    use spanmark::analysis::suggest::{Rule, known_entities, suggest};
    let article = &project.documents[0];
    c.bench_function("suggest_rules_article", |b| {
        b.iter(|| black_box(suggest(article, &Vec::new(), &Rule::ALL, &project.labels).len()))
    });
    let known = known_entities(&project);
    c.bench_function("suggest_rules_article_known_entities", |b| {
        b.iter(|| black_box(suggest(article, &known, &Rule::ALL, &project.labels).len()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = store_benches
}
criterion_main!(benches);
