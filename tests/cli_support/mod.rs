//! Running the built `spanmark` binary in CLI tests.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Run the binary with `args` (HOME pointed at a temp dir: no recent-file writes).
pub fn spanmark(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .args(args)
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap_or_else(|e| panic!("cannot run spanmark: {e}"))
}

/// What the run printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
