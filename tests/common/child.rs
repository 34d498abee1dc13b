//! Child-process tests: a test run as a process of its own, killed with
//! SIGKILL once it says it is ready (no clean-up of journal or lock runs),
//! and its environment.

use std::path::{Path, PathBuf};

/// Run the ignored test `name` (a module path in this test binary, such as
/// `gui_trust::child_read_only_window`) as a process of its own, a real
/// one that can be killed with SIGKILL (no clean-up of journal or lock
/// runs then), with `env` set; its standard output is piped.
pub fn spawn_child_test(name: &str, env: &[(&str, &Path)]) -> std::process::Child {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut cmd = std::process::Command::new(exe);
    cmd.args([
        name,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn()
        .unwrap_or_else(|e| panic!("cannot start the child: {e}"))
}

/// Wait until the child prints `READY` (at the end of a line: the test
/// harness prints the test's name before it), then kill it with SIGKILL.
pub fn kill_when_ready(mut child: std::process::Child) {
    use std::io::BufRead as _;
    let out = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let ready = std::io::BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.trim_end().ends_with("READY"));
    let _ = child.kill();
    let _ = child.wait();
    assert!(ready, "the child ended before it was ready");
}

/// In a child test: say it is ready to be killed, and wait for it.
pub fn ready_to_be_killed() -> ! {
    println!("READY");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// An environment variable a child test needs.
pub fn child_env(name: &str) -> PathBuf {
    std::env::var_os(name)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{name} is not set: run by its parent test"))
}
