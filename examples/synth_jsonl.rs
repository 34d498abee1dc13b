//! Write a generated newsroom corpus as doccano JSON lines, one article at
//! a time (100,000 articles of about 5 KB and 15 spans each by default,
//! about 560 MB), e.g. to measure an import of a large corpus:
//!
//! ```sh
//! cargo run --release --example synth_jsonl -- /tmp/corpus.jsonl
//! /usr/bin/time -v target/release/spanmark import /tmp/corpus.jsonl --into /tmp/c.spanmark
//! ```

use std::io::Write as _;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: synth_jsonl OUT.jsonl [ARTICLES]"))?;
    let docs: usize = match std::env::args().nth(2) {
        Some(s) => s.parse()?,
        None => 100_000,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let (spans, bytes) = spanmark_testkit::synth::write_corpus_jsonl(&mut out, docs, 11)?;
    out.flush()?;
    println!(
        "{}: {docs} articles, {spans} spans, {bytes} bytes",
        path.display()
    );
    Ok(())
}
