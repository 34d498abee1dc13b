//! Teams: agreement (and merging) over two annotators' versions of a
//! generated 20,000-article corpus (`synth::annotator_variant`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::analysis::agree;

const DOCS: usize = 20_000;

fn team_benches(c: &mut Criterion) {
    let corpus = spanmark_testkit::synth::corpus(DOCS, 11);
    let alice = spanmark_testkit::synth::annotator_variant(&corpus, "alice", 1);
    let bob = spanmark_testkit::synth::annotator_variant(&corpus, "bob", 2);
    drop(corpus);
    let mut group = c.benchmark_group("team");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("agree_two_20000_article_projects", |b| {
        b.iter(|| {
            let pair = [("alice".to_owned(), &alice), ("bob".to_owned(), &bob)];
            black_box(agree::agree(&pair).alpha)
        })
    });
    group.finish();
}

criterion_group!(benches, team_benches);
criterion_main!(benches);
