//! One writer at a time: an advisory lock on `.NAME.lock` beside the
//! project. The operating system releases it when its process ends (even
//! by `kill -9`), so a lock is never stale; the file records who holds it
//! (pid, host, since when) so the next one can say so.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A held lock on a project; released when dropped (or the process ends).
#[derive(Debug)]
pub struct ProjectLock {
    file: File,
    path: PathBuf,
}

/// How long to wait for another Spanmark that holds a project's lock, and
/// how to say that it waits (the command line prints one line).
#[derive(Clone, Copy, Debug)]
pub struct Patience {
    /// How long to wait.
    pub wait: Duration,
    /// Told once, before waiting: the project, who holds it, how long.
    pub tell: Option<fn(&Path, &Holder, Duration)>,
}

impl From<Duration> for Patience {
    fn from(wait: Duration) -> Self {
        Self { wait, tell: None }
    }
}

/// Who holds a lock, as its file records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder(pub String);

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The lock file of a project: `.NAME.lock` beside the file it really is,
/// or `.lock` inside a folder project.
pub fn lock_path(project: &Path) -> PathBuf {
    super::side_file(project, "lock")
}

fn host() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this computer".to_owned())
}

impl ProjectLock {
    /// Take the lock, or say who holds it.
    pub fn try_acquire(project: &Path) -> std::io::Result<Result<Self, Holder>> {
        let path = lock_path(project);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut who = String::new();
                let _ = file.read_to_string(&mut who);
                let who = who.trim();
                return Ok(Err(Holder(if who.is_empty() {
                    "another Spanmark".to_owned()
                } else {
                    who.to_owned()
                })));
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        let since = humantime_now();
        let who = format!(
            "Spanmark (process {} on {}, since {since})",
            std::process::id(),
            host()
        );
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(who.as_bytes())?;
        Ok(Ok(Self { file, path }))
    }

    /// Wait up to `patience` for the lock of `project` (saying so, once,
    /// through its `tell`, when it must wait); an error names the project,
    /// and who holds it when another Spanmark does.
    pub fn wait_for(
        project: &Path,
        patience: impl Into<Patience>,
    ) -> Result<Self, super::StoreError> {
        let patience = patience.into();
        let first = Self::try_acquire(project);
        let waited = match first {
            Ok(Err(holder)) if !patience.wait.is_zero() => {
                if let Some(tell) = patience.tell {
                    tell(project, &holder, patience.wait);
                }
                Self::acquire_waiting(project, patience.wait)
            }
            other => other,
        };
        match waited {
            Ok(Ok(lock)) => Ok(lock),
            Ok(Err(holder)) => Err(super::StoreError::Locked {
                path: project.to_owned(),
                holder,
            }),
            Err(source) => Err(super::StoreError::Io {
                path: project.to_owned(),
                source,
            }),
        }
    }

    /// Take the lock, waiting up to `patience` for its holder to finish.
    pub fn acquire_waiting(
        project: &Path,
        patience: Duration,
    ) -> std::io::Result<Result<Self, Holder>> {
        let start = Instant::now();
        loop {
            match Self::try_acquire(project)? {
                Ok(lock) => return Ok(Ok(lock)),
                Err(holder) if start.elapsed() >= patience => return Ok(Err(holder)),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // The file stays (removing it could let two processes lock two
        // different files of one name); only the lock goes.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// The time of day, `HH:MM` UTC, for messages.
fn humantime_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("{:02}:{:02} UTC", (secs / 3600) % 24, (secs / 60) % 60)
}

/// Whether a process with this id is running on this computer.
pub fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        // A process killed but not yet reaped by its parent (a zombie) is
        // gone: its journals are offered, its locks are free.
        match std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat")) {
            Ok(stat) => !matches!(
                stat.rsplit_once(')')
                    .and_then(|(_, rest)| rest.trim_start().chars().next()),
                Some('Z' | 'X')
            ),
            // Not there: gone. Unreadable (another user's, with /proc
            // mounted hidepid): it may well be running.
            Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        }
    } else {
        // Without /proc, assume it may be: never remove what might be used.
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_process_not_yet_reaped_is_not_alive() -> std::io::Result<()> {
        let mut running = std::process::Command::new("sleep").arg("30").spawn()?;
        assert!(process_alive(running.id()));
        running.kill()?;
        // Killed, not waited for: a zombie until its parent reaps it.
        let gone = (0..200).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            !process_alive(running.id())
        });
        assert!(
            Path::new("/proc").join(running.id().to_string()).exists(),
            "still listed"
        );
        assert!(gone, "a zombie is not alive");
        running.wait()?;
        assert!(!process_alive(running.id()));
        assert!(process_alive(std::process::id()));
        Ok(())
    }

    #[test]
    fn a_second_taker_is_told_who_holds_the_lock() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("p.ron");
        let first = ProjectLock::try_acquire(&p)?;
        assert!(first.is_ok());
        match ProjectLock::try_acquire(&p)? {
            Ok(_) => panic!("two holders"),
            Err(holder) => assert!(
                holder.0.contains(&std::process::id().to_string()),
                "{holder}"
            ),
        }
        drop(first);
        assert!(
            ProjectLock::try_acquire(&p)?.is_ok(),
            "free again once dropped"
        );
        Ok(())
    }
}
