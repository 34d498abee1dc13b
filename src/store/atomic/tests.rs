//! Atomic writes: content, backups, links, permissions, leftovers.

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn replaces_content_and_leaves_no_temp_file() -> io::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = dir.path().join("a.ron");
    write_atomic(&p, b"one")?;
    write_atomic(&p, b"two")?;
    assert_eq!(fs::read(&p)?, b"two");
    assert_eq!(names(dir.path()), vec!["a.ron"]);
    Ok(())
}

#[test]
fn a_backup_keeps_the_previous_version() -> io::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = dir.path().join("a.ron");
    let backup = WriteOptions { backup: true };
    write_atomic_with(&p, b"one", backup)?;
    write_atomic_with(&p, b"two", backup)?;
    assert_eq!(fs::read(&p)?, b"two");
    assert_eq!(fs::read(backup_path(&p))?, b"one");
    Ok(())
}

#[test]
fn failure_keeps_the_old_file() -> io::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = dir.path().join("missing-folder").join("a.ron");
    assert!(write_atomic(&p, b"x").is_err());
    Ok(())
}

#[cfg(unix)]
#[test]
fn symlinks_hard_links_and_permissions_are_respected() -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir()?;
    let real = dir.path().join("real.ron");
    write_atomic(&real, b"one")?;
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640))?;
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link)?;
    write_atomic(&link, b"two")?;
    assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
    assert_eq!(fs::read(&real)?, b"two");
    assert_eq!(fs::metadata(&real)?.permissions().mode() & 0o777, 0o640);

    let hard = dir.path().join("hard.ron");
    fs::hard_link(&real, &hard)?;
    write_atomic(&hard, b"three")?;
    assert_eq!(fs::read(&real)?, b"three", "both names see the new content");

    fs::set_permissions(&real, fs::Permissions::from_mode(0o444))?;
    let err = write_atomic(&real, b"four").err().map(|e| e.kind());
    assert_eq!(err, Some(io::ErrorKind::PermissionDenied));
    assert_eq!(fs::read(&real)?, b"three");
    Ok(())
}

#[test]
fn leftovers_of_dead_processes_are_removed() -> io::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = dir.path().join("a.ron");
    write_atomic(&p, b"one")?;
    // A pid that cannot be alive (above the kernel's limit).
    fs::write(dir.path().join(".a.ron.4999999.tmp"), b"partial")?;
    fs::write(dir.path().join(".other.ron.4999999.tmp"), b"not ours")?;
    assert_eq!(clean_leftovers(&p), 1);
    assert_eq!(names(dir.path()), vec![".other.ron.4999999.tmp", "a.ron"]);
    Ok(())
}

#[test]
fn a_folder_is_written_whole_or_not_at_all() -> io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("brat");
    let files = vec![("a.txt".to_owned(), "x".to_owned())];
    write_folder_atomic(&out, &files, false)?;
    assert!(write_folder_atomic(&out, &files, false).is_err(), "exists");
    let bad = vec![("no/such/dir.txt".to_owned(), "x".to_owned())];
    assert!(write_folder_atomic(&out, &bad, true).is_err());
    assert_eq!(
        fs::read_to_string(out.join("a.txt"))?,
        "x",
        "old folder kept"
    );
    assert_eq!(names(dir.path()), vec!["brat"], "no temp folder left");
    Ok(())
}
