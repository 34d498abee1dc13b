//! Write several annotators' versions of a generated corpus (alice, bob,
//! carol, … as `NAME.ron`, or folder projects with `--folders`), to try
//! `spanmark agree` and `spanmark merge` on:
//!
//! ```sh
//! cargo run --release --example synth_annotators -- /tmp/team 300 3
//! target/release/spanmark agree /tmp/team/alice.ron /tmp/team/bob.ron /tmp/team/carol.ron
//! ```

use std::path::PathBuf;

const NAMES: [&str; 6] = ["alice", "bob", "carol", "dave", "erin", "frank"];

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or_else(|| {
        anyhow::anyhow!("usage: synth_annotators DIR [DOCUMENTS] [ANNOTATORS] [--folders]")
    })?);
    let docs = args.next().map_or(Ok(300), |s| s.parse())?;
    let people: usize = args.next().map_or(Ok(3), |s| s.parse())?;
    let folders = std::env::args().any(|a| a == "--folders");
    std::fs::create_dir_all(&dir)?;
    let corpus = spanmark_testkit::synth::corpus(docs, 11);
    for (i, name) in NAMES.iter().take(people.min(NAMES.len())).enumerate() {
        let project = spanmark_testkit::synth::annotator_variant(&corpus, name, 100 + i as u64);
        let file = if folders {
            format!("{name}.spanmark")
        } else {
            format!("{name}.ron")
        };
        spanmark::store::save(&project, &dir.join(&file))?;
        println!("{}", dir.join(file).display());
    }
    Ok(())
}
