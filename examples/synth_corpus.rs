//! Write a generated newsroom corpus (20,000 articles of about 3 KB and 15
//! spans each by default) as a project, a folder project when the name ends
//! in `.spanmark`, e.g. to measure what commands cost on it:
//!
//! ```sh
//! cargo run --release --example synth_corpus -- /tmp/corpus.spanmark
//! /usr/bin/time -v target/release/spanmark export /tmp/corpus.spanmark -f jsonl -o /tmp/c.jsonl
//! ```

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: synth_corpus OUT [DOCUMENTS]"))?;
    let docs = match std::env::args().nth(2) {
        Some(s) => s.parse()?,
        None => 20_000,
    };
    let project = spanmark_testkit::synth::corpus(docs, 11);
    spanmark::store::save(&project, &path)?;
    let text: usize = project.documents.iter().map(|d| d.text.len()).sum();
    let spans: usize = project.documents.iter().map(|d| d.spans.len()).sum();
    println!(
        "{}: {docs} documents, {text} bytes of text, {spans} spans",
        path.display()
    );
    Ok(())
}
