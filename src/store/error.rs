//! Why a project could not be loaded or saved; each error names the file
//! once.

use std::path::{Path, PathBuf};

use super::Holder;
use crate::model::ValidationError;

/// Why a project could not be loaded or saved. Each names the file once.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not valid UTF-8.
    #[error("{path}: not a UTF-8 text file (invalid byte at position {position})")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        position: usize,
    },
    /// The file is not a well-formed project in RON.
    #[error("{path}:{line}:{column}: not a valid Spanmark project: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file parsed but breaks an invariant.
    #[error("{path}: {source}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: ValidationError,
    },
    /// The project could not be serialised (should not happen).
    #[error("could not serialise the project: {0}")]
    Serialize(String),
    /// The file may not be written.
    #[error("{path} is read-only: use Save as to keep your changes in another file")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Another program changed the file since it was opened or saved.
    #[error("{path} changed on disk since it was opened (another program wrote it)")]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// Another Spanmark holds the project's lock.
    #[error("{path} is open in {holder}: it can be read here but not written")]
    Locked {
        /// The file.
        path: PathBuf,
        /// Who holds the lock.
        holder: Holder,
    },
}

impl StoreError {
    pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
        move |source| {
            if source.kind() == std::io::ErrorKind::PermissionDenied && path.exists() {
                StoreError::ReadOnly {
                    path: path.to_owned(),
                }
            } else {
                StoreError::Io {
                    path: path.to_owned(),
                    source,
                }
            }
        }
    }
}

/// An I/O error on `path`, as it is (reading; see [`StoreError::io`] for
/// writing).
pub(super) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}
