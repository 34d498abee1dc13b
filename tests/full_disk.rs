//! The save faults with a real file system and real processes: imports
//! into a project on a tiny tmpfs that fills up (as root; CI sets
//! `SPANMARK_REQUIRE_TMPFS=1` so the test cannot quietly skip there), and
//! `spanmark import` / `spanmark apply` killed with SIGKILL at random
//! moments, 200 times. Each time the project and its backup must load,
//! each holding the old or the new version, as two files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::cli_support::{bin, stderr};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.ino() == y.ino() && x.dev() == y.dev(),
        _ => false,
    }
}

fn import(article: &Path, project: &Path, home: &Path) -> std::io::Result<std::process::Output> {
    Command::new(bin())
        .arg("import")
        .arg(article)
        .arg("--into")
        .arg(project)
        .env("HOME", home)
        .output()
}

/// A tmpfs of `size` mounted at `dir`, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_owned()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(unix)]
#[test]
fn failed_imports_on_a_full_disk_leave_the_project_and_its_backup() -> TestResult {
    let outside = tempfile::tempdir()?;
    let disk = outside.path().join("disk");
    std::fs::create_dir(&disk)?;
    let Some(_mounted) = Tmpfs::mount(&disk, "64k") else {
        assert!(
            std::env::var_os("SPANMARK_REQUIRE_TMPFS").is_none(),
            "cannot mount a tmpfs (this test needs root)"
        );
        eprintln!("skipped: cannot mount a tmpfs (not root)");
        return Ok(());
    };
    let project = disk.join("p.ron");
    let small = outside.path().join("small.txt");
    std::fs::write(&small, "A short article about the vote.")?;
    let big = outside.path().join("big.txt");
    std::fs::write(&big, "A long article. ".repeat(4_000))?;
    for _ in 0..2 {
        let o = import(&small, &project, outside.path())?;
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let before = spanmark::store::load(&project)?;
    let bak = spanmark::store::backup_path(&project);
    let backup_before = spanmark::store::load(&bak)?;
    for attempt in 0..2 {
        let o = import(&big, &project, outside.path())?;
        let said = stderr(&o);
        assert!(
            !o.status.success(),
            "attempt {attempt}: the big import fitted"
        );
        assert!(said.contains("No space left on device"), "{said}");
        assert_eq!(said.trim().lines().count(), 1, "one line: {said}");
        assert_eq!(
            spanmark::store::load(&project)?,
            before,
            "attempt {attempt}"
        );
        assert_eq!(
            spanmark::store::load(&bak)?,
            backup_before,
            "attempt {attempt}"
        );
        assert!(
            !same_file(&project, &bak),
            "attempt {attempt}: one file, two names"
        );
    }
    // Room again: the next import works and the backup is the previous.
    let o = import(&small, &project, outside.path())?;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(spanmark::store::load(&bak)?, before);
    Ok(())
}

/// A pseudo-random number in `0..n` (xorshift, seeded per test).
fn next(seed: &mut u64, n: u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed % n.max(1)
}

#[cfg(unix)]
#[test]
fn saves_killed_at_random_leave_the_project_and_its_backup_as_two_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.ron");
    let bak = spanmark::store::backup_path(&project);
    // A project of a few hundred kilobytes: long enough to be killed in
    // the middle of writing it.
    let start = spanmark_testkit::synth::corpus(300, 3);
    spanmark::store::save(&start, &project)?;
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Another short article.")?;
    let change = dir.path().join("change.jsonl");
    std::fs::write(
        &change,
        r#"{"Doc":{"doc":0,"edit":{"SetStatus":"Done"}}}"#.to_owned() + "\n",
    )?;
    let mut seed = 0x5eed_u64 ^ u64::from(std::process::id());
    let (mut killed, mut finished) = (0, 0);
    // How long a run takes on this machine now (it is busy when the whole
    // suite runs): kills land anywhere in up to one and a half of it.
    let begun = std::time::Instant::now();
    let o = import(&article, &project, dir.path())?;
    assert!(o.status.success(), "{}", stderr(&o));
    let run = begun.elapsed().as_micros() as u64;
    for round in 0..200 {
        let before = spanmark::store::load(&project)?.documents.len();
        let mut cmd = Command::new(bin());
        if round % 2 == 0 {
            cmd.arg("import").arg(&article).arg("--into").arg(&project);
        } else {
            cmd.arg("apply").arg(&project).arg(&change);
        }
        let mut child = cmd
            .env("HOME", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        std::thread::sleep(Duration::from_micros(next(&mut seed, run * 3 / 2)));
        match child.try_wait()? {
            Some(_) => finished += 1,
            None => {
                let _ = child.kill();
                killed += 1;
            }
        }
        let _ = child.wait();
        let at = format!("round {round}");
        let now = spanmark::store::load(&project).map_err(|e| format!("{at}: {e}"))?;
        let docs = now.documents.len();
        assert!(
            docs == before || docs == before + 1,
            "{at}: {docs} documents"
        );
        if bak.exists() {
            spanmark::store::load(&bak).map_err(|e| format!("{at}: the backup: {e}"))?;
            assert!(
                !same_file(&project, &bak),
                "{at}: the backup is the project"
            );
        }
        // A killed apply leaves its journal: recover it before the next.
        let _ = std::fs::remove_file(dir.path().join(".p.ron.journal"));
    }
    assert!(
        killed > 20 && finished > 20,
        "{killed} killed, {finished} finished"
    );
    // The next open cleans up what the killed saves left.
    let o = import(&article, &project, dir.path())?;
    assert!(o.status.success(), "{}", stderr(&o));
    let left: Vec<String> = std::fs::read_dir(dir.path())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(!same_file(&project, &bak));
    Ok(())
}
