//! Memory and time of opening a project as the window does, with documents
//! parked (the default) or every document whole (`whole`), then showing a
//! hundred documents; read from `/proc/self/status` (Linux):
//!
//! ```sh
//! cargo run --release --example synth_corpus -- /tmp/corpus.spanmark
//! cargo run --release --example open_memory -- /tmp/corpus.spanmark
//! cargo run --release --example open_memory -- /tmp/corpus.spanmark whole
//! ```

use std::path::PathBuf;
use std::time::Instant;

use spanmark::session::Session;

/// A line of `/proc/self/status` (e.g. `VmRSS`), as written there.
fn status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "?".to_owned())
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: open_memory PROJECT [whole]"))?;
    let whole = std::env::args().nth(2).as_deref() == Some("whole");
    let started = Instant::now();
    let mut session = if whole {
        Session::open(&path)?
    } else {
        Session::open_parked(&path, None, Some((None, 8)))?
    };
    let opened = started.elapsed();
    let n = session.project().documents.len();
    let after_open = status("VmRSS");
    let started = Instant::now();
    for i in (0..n).step_by((n / 100).max(1)) {
        session.set_current(i)?;
    }
    let shown = started.elapsed();
    println!(
        "{}: opened in {opened:.2?} ({n} documents, {} parked); resident {after_open} after opening, {} after showing 100 documents ({shown:.2?}); peak {}",
        if whole { "whole" } else { "parked" },
        session.parked(),
        status("VmRSS"),
        status("VmHWM"),
    );
    Ok(())
}
