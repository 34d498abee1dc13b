//! What the session remembers of a folder project between saves.

use foldhash::HashMap;

use super::super::FileStamp;
use super::manifest::Manifest;

/// What the session remembers about a folder project between saves: which
/// file holds which document, and what each file held when it was read or
/// written (so a file another program changed is never overwritten).
#[derive(Clone, Debug, Default)]
pub struct FolderState {
    pub(super) files: HashMap<String, String>,
    pub(super) stamps: HashMap<String, FileStamp>,
    /// The manifest's bytes as read or written, and what they say.
    pub(super) manifest: Option<Vec<u8>>,
    pub(super) said: Option<Manifest>,
    pub(super) generation: u64,
}

impl FolderState {
    /// Forget what the files held when read: the next save writes over
    /// whatever is in them now (the person chose to keep their version).
    pub fn forget_disk(&mut self) {
        self.stamps.clear();
        self.manifest = None;
        self.said = None;
    }

    /// Note what the files of documents just read held (`(id, stamp)`), so
    /// those documents can be parked and read back again after
    /// [`FolderState::forget_disk`].
    pub fn adopt(&mut self, read: Vec<(String, FileStamp)>) {
        for (id, stamp) in read {
            if let Some(file) = self.files.get(&id) {
                self.stamps.insert(file.clone(), stamp);
            }
        }
    }

    /// Whether the file of document `id` is known, with what it held when
    /// read or written (so the document can be parked and read back).
    pub fn knows(&self, id: &str) -> bool {
        self.files
            .get(id)
            .is_some_and(|f| self.stamps.contains_key(f))
    }

    /// The stamp of the folder as last read or written: its manifest, how
    /// many saves it has seen, and what each document file held.
    pub(super) fn stamp(&self) -> FileStamp {
        let manifest = self.manifest.as_deref().unwrap_or_default();
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(manifest);
        hasher.update(&self.generation.to_le_bytes());
        // And every document file as read or written: a journal is never
        // replayed onto documents a git checkout changed behind it.
        let mut files: Vec<(&String, &FileStamp)> = self.stamps.iter().collect();
        files.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (name, stamp) in files {
            hasher.update(name.as_bytes());
            hasher.update(&stamp.len.to_le_bytes());
            hasher.update(&stamp.crc.to_le_bytes());
        }
        FileStamp {
            len: manifest.len() as u64,
            crc: hasher.finalize(),
        }
    }
}
