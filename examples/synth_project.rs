//! Write the generated benchmark project (1.2 MB of text, 20,000 spans) to a
//! file, e.g. to measure peak memory of opening it:
//!
//! ```sh
//! cargo run --release --example synth_project -- /tmp/large.ron
//! /usr/bin/time -v target/release/spanmark stats /tmp/large.ron
//! ```

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: synth_project OUT.ron [PARAGRAPHS] [SPANS]"))?;
    let num = |i: usize, default: usize| -> anyhow::Result<usize> {
        match std::env::args().nth(i) {
            Some(s) => Ok(s.parse()?),
            None => Ok(default),
        }
    };
    let project = spanmark_testkit::synth::project(num(2, 4_000)?, num(3, 20_000)?, 42);
    spanmark::store::save(&project, &path)?;
    let doc = &project.documents[0];
    println!(
        "{}: {} bytes of text, {} spans",
        path.display(),
        doc.text.len(),
        doc.spans.len()
    );
    Ok(())
}
