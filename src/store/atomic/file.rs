//! A file written piece by piece and put in place atomically.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::super::fsio;
use super::{folder, real_path, temp_path};

/// A file written piece by piece and put in place atomically by
/// [`AtomicFile::commit`]; dropped without it, it leaves nothing behind.
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<io::BufWriter<SeamFile>>,
}

/// A file written through the store's seam ([`fsio`]).
#[derive(Debug)]
struct SeamFile {
    file: File,
    path: PathBuf,
}

impl Write for SeamFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        fsio::write_all(&mut self.file, &self.path, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicFile {
    /// Start writing `path` (a temporary file beside it). A read-only file
    /// is refused, as by [`super::write_atomic`]; the permissions of the file
    /// replaced are kept.
    pub fn create(path: &Path) -> io::Result<Self> {
        let target = real_path(path);
        let old = writable_metadata(&target)?;
        let tmp = temp_path(&target);
        let file = fsio::create(&tmp)?;
        if let Some(meta) = old {
            let _ = file.set_permissions(meta.permissions());
        }
        let file = SeamFile {
            file,
            path: tmp.clone(),
        };
        Ok(Self {
            target,
            tmp,
            file: Some(io::BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Append `bytes`.
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.write_all(bytes),
            None => Err(io::Error::other("the file was closed")),
        }
    }

    /// Flush to disk and rename over the target.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(writer) = self.file.take() else {
            return Err(io::Error::other("the file was closed"));
        };
        let result = writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|f| fsio::sync(&f.file, &f.path))
            .and_then(|()| fsio::rename(&self.tmp, &self.target));
        if result.is_err() {
            let _ = fsio::remove_file(&self.tmp);
        }
        result?;
        fsio::sync_folder(folder(&self.target));
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fsio::remove_file(&self.tmp);
        }
    }
}

/// The metadata of the file a write would replace (`None` if there is
/// none yet); a read-only file is refused.
pub(super) fn writable_metadata(target: &Path) -> io::Result<Option<fs::Metadata>> {
    let old = fs::metadata(target).ok();
    if old.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    Ok(old)
}
