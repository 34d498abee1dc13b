//! Multi-file outputs (a brat export): a temporary folder renamed into
//! place, or removed on failure.

use std::io;
use std::path::Path;

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
    let tmp = temp_path(path);
    let _ = fsio::remove_dir_all(&tmp);
    let result = (|| {
        fsio::create_dir_all(&tmp)?;
        for (name, content) in files {
            fsio::write_synced(&tmp.join(name), content.as_bytes())?;
        }
        fsio::sync_folder(&tmp);
        if path.exists() {
            if !replace {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "the folder exists already",
                ));
            }
            // Move the old folder aside first, so a failure can put it back.
            let old = folder(path).join(format!(".{}.{}.old", file_name(path), std::process::id()));
            fsio::rename(path, &old)?;
            if let Err(e) = fsio::rename(&tmp, path) {
                let _ = fsio::rename(&old, path);
                return Err(e);
            }
            let _ = fsio::remove_dir_all(&old);
        } else {
            fsio::rename(&tmp, path)?;
        }
        fsio::sync_folder(folder(path));
        Ok(())
    })();
    if result.is_err() {
        let _ = fsio::remove_dir_all(&tmp);
    }
    result
}
