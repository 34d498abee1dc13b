//! What a file held when it was read or written.

use std::path::Path;

/// What a project file held when it was read or written: enough to tell
/// whether another program changed it since, and which file a journal
/// belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Length in bytes.
    pub len: u64,
    /// CRC-32 of the bytes.
    pub crc: u32,
}

impl FileStamp {
    /// The stamp of these bytes.
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            crc: crc32fast::hash(bytes),
        }
    }

    /// The stamp of the file at `path` now (`None` if it cannot be read).
    pub fn of_file(path: &Path) -> Option<Self> {
        std::fs::read(path).ok().map(|b| Self::of(&b))
    }
}
