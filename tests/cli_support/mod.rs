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

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_spanmark")
}

/// Run the binary with `args`: whether it succeeded, and everything it
/// printed (stdout, then stderr).
pub fn run_said(args: &[&std::ffi::OsStr]) -> Result<(bool, String), Box<dyn std::error::Error>> {
    let out = spanmark(args);
    Ok((
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out)),
    ))
}

/// `spanmark agree PATHS --json`, which must succeed: its JSON text.
pub fn agree_json<P: AsRef<std::path::Path>>(
    paths: &[P],
) -> Result<String, Box<dyn std::error::Error>> {
    let mut args: Vec<&std::ffi::OsStr> = vec!["agree".as_ref()];
    args.extend(paths.iter().map(|p| p.as_ref().as_os_str()));
    args.push("--json".as_ref());
    let out = spanmark(&args);
    if !out.status.success() {
        return Err(stderr(&out).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}
