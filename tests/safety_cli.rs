//! Never losing work on the command line and on disk: concurrent writers,
//! exports that would overwrite a project, symlinks, permissions, leftovers
//! of killed saves, FIFOs and symlink loops in import folders, errors that
//! read as one line, newer formats, and a real process killed with SIGKILL
//! while its changes are journaled.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::cli_support;
use cli_support::{spanmark, stderr};

fn os(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<std::ffi::OsString> {
    args.iter().map(|a| a.as_ref().to_owned()).collect()
}

fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let owned = os(args);
    let refs: Vec<&std::ffi::OsStr> = owned.iter().map(|s| s.as_os_str()).collect();
    spanmark(&refs)
}

fn write(path: &Path, content: &str) -> PathBuf {
    std::fs::write(path, content).unwrap_or_else(|e| panic!("{e}"));
    path.to_owned()
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        stderr(o)
    );
}

fn load(path: &Path) -> spanmark::model::Project {
    spanmark::store::load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn two_imports_at_once_both_land() {
    let dir = tmp();
    let project = dir.path().join("p.ron");
    // A project of a few megabytes, so each save takes a while.
    let big = spanmark_testkit::synth::corpus(1_500, 5);
    spanmark::store::save(&big, &project).unwrap_or_else(|e| panic!("{e}"));
    for round in 0..6 {
        let a = write(&dir.path().join(format!("a{round}.txt")), "First article.");
        let b = write(&dir.path().join(format!("b{round}.txt")), "Second article.");
        let spawn = |file: &Path| {
            Command::new(env!("CARGO_BIN_EXE_spanmark"))
                .arg("import")
                .arg(file)
                .arg("--into")
                .arg(&project)
                .env("HOME", dir.path())
                .stderr(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let (pa, pb) = (spawn(&a), spawn(&b));
        for p in [pa, pb] {
            let o = p.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            ok(&o);
        }
        let docs = load(&project).documents.len();
        assert_eq!(
            docs,
            1_500 + 2 * (round + 1),
            "round {round}: a document was lost"
        );
    }
}

#[test]
fn export_never_writes_over_a_project_or_an_existing_file_unless_forced() {
    let dir = tmp();
    let project = dir.path().join("p.ron");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/sample.ron");
    std::fs::copy(sample, &project).unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&project).unwrap_or_default();
    let o = run(&[&"export", &project, &"-f", &"csv", &"-o", &project]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the project itself"), "{}", stderr(&o));
    let other = dir.path().join("other.ron");
    std::fs::copy(sample, &other).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&[
        &"export", &project, &"-f", &"csv", &"-o", &other, &"--force",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is a Spanmark project"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&project).unwrap_or_default(), before);

    let out = write(&dir.path().join("data.csv"), "keep me");
    let o = run(&[&"export", &project, &"-f", &"csv", &"-o", &out]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "keep me");
    ok(&run(&[
        &"export", &project, &"-f", &"csv", &"-o", &out, &"--force",
    ]));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .starts_with("document,")
    );
}

#[cfg(unix)]
#[test]
fn symlinks_permissions_and_read_only_projects_are_respected() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let real = dir.path().join("real.ron");
    let article = write(&dir.path().join("a.txt"), "An article.");
    ok(&run(&[&"import", &article, &"--into", &real]));
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640))
        .unwrap_or_else(|e| panic!("{e}"));
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
    ok(&run(&[&"import", &article, &"--into", &link]));
    let meta = std::fs::symlink_metadata(&link).unwrap_or_else(|e| panic!("{e}"));
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    assert_eq!(load(&real).documents.len(), 2, "its target was written");
    let mode = std::fs::metadata(&real).map_or(0, |m| m.permissions().mode() & 0o777);
    assert_eq!(mode, 0o640);
    assert!(
        dir.path().join("real.ron.bak").is_file(),
        "the previous version is kept"
    );

    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o444))
        .unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&real).unwrap_or_default();
    let o = run(&[&"import", &article, &"--into", &real]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&real).unwrap_or_default(), before);
    let mode = std::fs::metadata(&real).map_or(0, |m| m.permissions().mode() & 0o777);
    assert_eq!(mode, 0o444);
}

#[test]
fn temp_files_of_a_killed_save_are_cleaned_up_on_the_next_open() {
    let dir = tmp();
    let project = dir.path().join("p.ron");
    let article = write(&dir.path().join("a.txt"), "An article.");
    ok(&run(&[&"import", &article, &"--into", &project]));
    // What a save killed between write and rename leaves (pid long gone).
    let leftover = write(&dir.path().join(".p.ron.4999999.tmp"), "partial");
    ok(&run(&[&"import", &article, &"--into", &project]));
    assert!(!leftover.exists());
}

#[cfg(unix)]
#[test]
fn fifos_and_symlink_loops_in_an_import_folder_are_passed_over() {
    let dir = tmp();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap_or_else(|e| panic!("{e}"));
    write(&input.join("a.txt"), "An article.");
    let fifo = input.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink(".", input.join("self")).unwrap_or_else(|e| panic!("{e}"));
    let project = dir.path().join("p.ron");
    let mut child = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .arg("import")
        .arg(&input)
        .arg("--into")
        .arg(&project)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the import hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    ok(&o);
    let err = stderr(&o);
    assert!(
        err.contains("pipe.txt") && err.contains("not a regular file"),
        "{err}"
    );
    assert!(err.contains("loop"), "{err}");
    assert_eq!(load(&project).documents.len(), 1, "each file once");
}

#[test]
fn errors_are_one_line_name_the_file_and_say_the_cause_once() {
    let dir = tmp();
    // A folder where the project's folder should be: the OS error, once.
    let blocker = write(&dir.path().join("blocker"), "a file");
    let article = write(&dir.path().join("a.txt"), "An article.");
    let o = run(&[&"import", &article, &"--into", &blocker.join("p.ron")]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
    assert!(err.contains("p.ron"), "{err}");

    // A brat span whose text does not match, on a very long line.
    let long = "x".repeat(1_000_000);
    write(&dir.path().join("b.txt"), &long);
    write(
        &dir.path().join("b.ann"),
        &format!("T1\tentity 0 999999\t{}\n", "y".repeat(999_999)),
    );
    let o = run(&[
        &"import",
        &dir.path().join("b.txt"),
        &"--into",
        &dir.path().join("q.ron"),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.len() < 400,
        "{} bytes: {}",
        err.len(),
        &err[..400.min(err.len())]
    );
    assert!(err.contains("b.ann:1"), "{err}");
}

#[test]
fn a_newer_format_is_refused_and_never_overwritten() {
    let dir = tmp();
    let project = write(
        &dir.path().join("new.ron"),
        r#"(format_version: 99, name: "from the future", documents: [])"#,
    );
    let before = std::fs::read(&project).unwrap_or_default();
    let o = run(&[&"validate", &project]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("format_version 99"), "{}", stderr(&o));
    let article = write(&dir.path().join("a.txt"), "An article.");
    let o = run(&[&"import", &article, &"--into", &project]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&project).unwrap_or_default(), before);
}

#[test]
fn a_version_1_project_without_id_counters_opens_and_gains_them() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1/sample-v1.ron");
    let p = load(&fixture);
    assert!(p.next_ids.span > 24, "{:?}", p.next_ids);
    let dir = tmp();
    let copy = dir.path().join("v1.ron");
    spanmark::store::save(&p, &copy).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&copy).unwrap_or_default();
    assert!(text.contains("next_ids"), "saved in the current format");
}

#[test]
fn a_truncated_project_says_where_it_ends() {
    let dir = tmp();
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/projects/sample.ron"))
            .unwrap_or_default();
    let half = sample.len() / 2;
    let half = (0..=half)
        .rev()
        .find(|&i| sample.is_char_boundary(i))
        .unwrap_or(0);
    let cut = write(&dir.path().join("cut.ron"), &sample[..half]);
    let o = run(&[&"validate", &cut]);
    let err = stderr(&o);
    assert!(err.contains("ends early"), "{err}");
    // Named once, at the line where the text stops.
    let last = sample[..half].trim_end().lines().count();
    assert!(err.contains(&format!("cut.ron:{last}:")), "{err}");
    assert_eq!(err.matches("line").count(), 0, "{err}");
}

/// One change as `spanmark apply` reads it: tag `[start, end)` as an entity.
fn tag(id: u64, start: usize, end: usize) -> String {
    format!(
        r#"{{"Doc":{{"doc":0,"edit":{{"AddSpan":{{"span":{{"id":{id},"start":{start},"end":{end},"label":"entity"}},"relations":[]}}}}}}}}"#
    )
}

#[cfg(unix)]
#[test]
fn a_process_killed_while_journaling_loses_no_change_older_than_a_second() {
    let dir = tmp();
    let project = dir.path().join("p.ron");
    let article = write(&dir.path().join("a.txt"), &"word ".repeat(2_000));
    ok(&run(&[&"import", &article, &"--into", &project]));
    let first_id = load(&project).next_ids.span;
    let mut child = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .arg("apply")
        .arg(&project)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("stdin"));
    let mut lines = BufReader::new(child.stdout.take().unwrap_or_else(|| panic!("stdout"))).lines();
    // Send changes for about two seconds, noting when each was applied.
    let mut applied_at: Vec<Instant> = Vec::new();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_millis(2_200) {
        let at = (n as usize % 1_900) * 5;
        writeln!(stdin, "{}", tag(first_id + n, at, at + 4)).unwrap_or_else(|e| panic!("{e}"));
        stdin.flush().unwrap_or_else(|e| panic!("{e}"));
        let line = lines.next().and_then(Result::ok).unwrap_or_default();
        assert_eq!(line, format!("applied {}", n + 1));
        applied_at.push(Instant::now());
        n += 1;
        std::thread::sleep(Duration::from_millis(15));
    }
    let killed = Instant::now();
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let old_enough = applied_at
        .iter()
        .filter(|t| killed.duration_since(**t) >= Duration::from_secs(1))
        .count();
    assert!(
        old_enough > 10,
        "{old_enough} changes before the last second"
    );

    let o = run(&[&"recover", &project]);
    ok(&o);
    let said = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(said.contains("recovered"), "{said}");
    let p = load(&project);
    assert_eq!(p.validate(), Ok(()));
    let ids: std::collections::HashSet<u64> = p.documents[0].spans.iter().map(|s| s.id.0).collect();
    for k in 0..old_enough as u64 {
        assert!(
            ids.contains(&(first_id + k)),
            "change {k} (older than 1 s) lost; {said}"
        );
    }
    // Recovered once: nothing left to recover.
    let again = run(&[&"recover", &project]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing to recover"));
}
