//! The fuzz driver's checks, replayed: every seed, every finding kept from
//! fuzzing (`tests/fuzz/regressions/`), and a short fixed-seed run of each
//! target. Long runs: `cargo run --release --example fuzz`.

use std::path::Path;

use spanmark_testkit::fuzz::{self, Target};
use spanmark_testkit::synth::Rng;

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz")
}

fn base() -> spanmark::model::Project {
    spanmark::store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron"))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_seed_and_every_kept_finding_passes() {
    let base = base();
    for target in Target::ALL {
        let seeds = fuzz::seeds(&root().join("seeds"), target);
        assert!(!seeds.is_empty(), "{} has no seeds", target.name());
        for input in seeds
            .iter()
            .chain(&fuzz::seeds(&root().join("regressions"), target))
        {
            let name = fuzz::finding_name(input);
            assert_eq!(
                fuzz::check(target, input, &base),
                Ok(()),
                "{} {name}",
                target.name()
            );
        }
    }
}

#[test]
fn a_short_fuzz_run_finds_nothing() {
    let base = base();
    let mut rng = Rng::new(2026);
    for target in Target::ALL {
        let seeds = fuzz::seeds(&root().join("seeds"), target);
        let found = fuzz::fuzz(target, &seeds, &base, &mut rng, 300, None);
        let first = found.first().map(|(input, f)| {
            (
                String::from_utf8_lossy(input)
                    .chars()
                    .take(300)
                    .collect::<String>(),
                f.clone(),
            )
        });
        assert!(
            found.is_empty(),
            "{}: {} findings, first {first:?}",
            target.name(),
            found.len()
        );
    }
}
