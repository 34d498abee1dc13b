//! The stable-Rust fuzz driver: mutate the seed inputs in
//! `tests/fuzz/seeds/<target>/` and run the loader and the importers on
//! them, keeping every input that panics, runs long or corrupts the
//! project in `tests/fuzz/regressions/<target>/` (which `tests/fuzz.rs`
//! replays).
//!
//! ```sh
//! cargo run --release --example fuzz -- [--target NAME] [--minutes M] [--seed S]
//! ```
//! Targets: ron, jsonl, label-studio, brat, html, markdown, text (default:
//! all, each for the given minutes).

use std::path::Path;
use std::time::{Duration, Instant};

use spanmark_testkit::fuzz::{self, Target};
use spanmark_testkit::synth::Rng;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let minutes: f64 = value("--minutes")
        .and_then(|m| m.parse().ok())
        .unwrap_or(1.0);
    let seed: u64 = value("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let targets: Vec<Target> = match value("--target") {
        Some(name) => match Target::from_name(&name) {
            Some(t) => vec![t],
            None => {
                eprintln!(
                    "unknown target {name}: use one of ron, jsonl, label-studio, brat, html, markdown, text"
                );
                std::process::exit(2);
            }
        },
        None => Target::ALL.to_vec(),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let base =
        spanmark::store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron"))
            .unwrap_or_else(|_| spanmark::model::Project::new("base"));
    // Panics are findings, reported below: keep the default hook quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng::new(seed);
    for target in targets {
        let seeds = fuzz::seeds(&root.join("seeds"), target);
        let deadline = Instant::now() + Duration::from_secs_f64(minutes * 60.0);
        let mut runs = 0u64;
        let mut found = 0;
        while Instant::now() < deadline {
            let batch = fuzz::fuzz(target, &seeds, &base, &mut rng, 500, Some(deadline));
            runs += 500;
            for (input, finding) in batch {
                found += 1;
                let dir = root.join("regressions").join(target.name());
                let _ = std::fs::create_dir_all(&dir);
                let file = dir.join(fuzz::finding_name(&input));
                let _ = std::fs::write(&file, &input);
                eprintln!("{}: {finding:?} -> {}", target.name(), file.display());
            }
        }
        println!(
            "{}: about {runs} inputs in {minutes} min, {found} findings",
            target.name()
        );
    }
}
