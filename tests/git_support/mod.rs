//! Running a real `git` in a test repository.

use std::path::Path;
use std::process::Command;

/// `git ARGS` in `dir` with a test identity; its output, or an error with
/// what git said.
pub fn git(dir: &Path, args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let out = run(dir, args)?;
    if !out.status.success() {
        return Err(format!(
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `git ARGS` in `dir`, whatever its exit status.
pub fn run(dir: &Path, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
}

/// A repository in `dir` whose `.ron` files merge with Spanmark's driver.
#[allow(dead_code)]
pub fn repo_with_driver(dir: &Path, binary: &str) -> Result<(), Box<dyn std::error::Error>> {
    git(dir, &["init", "-q"])?;
    std::fs::write(dir.join(".gitattributes"), "*.ron merge=spanmark\n")?;
    git(dir, &["config", "merge.spanmark.name", "Spanmark projects"])?;
    let driver = format!("'{binary}' merge-driver %O %A %B %P");
    git(dir, &["config", "merge.spanmark.driver", &driver])?;
    Ok(())
}
