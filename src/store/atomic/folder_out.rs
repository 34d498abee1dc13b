//! Multi-file outputs (a brat export): a temporary folder renamed into
//! place, or removed on failure. Filled all at once, or a file at a time
//! (a folder project exported a chunk of documents at a time).

use std::io;
use std::path::{Path, PathBuf};

use super::super::fsio;
use super::{file_name, folder, temp_path};

/// Fill a new folder with `files` (name, content) and put it at `path`: the
/// files go to a temporary folder beside it that is renamed into place, so a
/// failure leaves nothing half-written. An existing folder at `path` is
/// replaced only when `replace` is set.
pub fn write_folder_atomic(
    path: &Path,
    files: &[(String, String)],
    replace: bool,
) -> io::Result<()> {
    let mut out = FolderOut::begin(path, replace)?;
    for (name, content) in files {
        out.write(name, content.as_bytes())?;
    }
    out.finish()
}

/// A folder being written a file at a time, beside where it goes; put in
/// place by [`FolderOut::finish`], removed if dropped before.
#[derive(Debug)]
pub struct FolderOut {
    path: PathBuf,
    tmp: PathBuf,
    replace: bool,
    done: bool,
}

impl FolderOut {
    /// Start a folder that [`FolderOut::finish`] puts at `path` (replacing
    /// a folder there only when `replace`).
    pub fn begin(path: &Path, replace: bool) -> io::Result<Self> {
        let tmp = temp_path(path);
        let _ = fsio::remove_dir_all(&tmp);
        fsio::create_dir_all(&tmp)?;
        Ok(Self {
            path: path.to_owned(),
            tmp,
            replace,
            done: false,
        })
    }

    /// Write one file of the folder.
    pub fn write(&mut self, name: &str, content: &[u8]) -> io::Result<()> {
        fsio::write_synced(&self.tmp.join(name), content)
    }

    /// Put the folder in place: renamed over where it goes (an existing
    /// folder moved aside first, so a failure can put it back).
    pub fn finish(mut self) -> io::Result<()> {
        let (path, tmp) = (&self.path, &self.tmp);
        fsio::sync_folder(tmp);
        if path.exists() {
            if !self.replace {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "the folder exists already",
                ));
            }
            let old = folder(path).join(format!(".{}.{}.old", file_name(path), std::process::id()));
            fsio::rename(path, &old)?;
            if let Err(e) = fsio::rename(tmp, path) {
                let _ = fsio::rename(&old, path);
                return Err(e);
            }
            let _ = fsio::remove_dir_all(&old);
        } else {
            fsio::rename(tmp, path)?;
        }
        self.done = true;
        fsio::sync_folder(folder(path));
        Ok(())
    }
}

impl Drop for FolderOut {
    fn drop(&mut self) {
        if !self.done {
            let _ = fsio::remove_dir_all(&self.tmp);
        }
    }
}
