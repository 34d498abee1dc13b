//! Reading a folder project's document files: one (checked against the
//! manifest), all of them on all cores (parking those not kept), parked
//! ones back, or a chunk at a time.

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use foldhash::{HashSet, HashSetExt as _};

use crate::model::{Document, LabelSet, Project};

use super::manifest::{DocFileIn, Entry, add_document, read_manifest};
use super::{DOCS, FolderState, MANIFEST, Progress, project_root};
use crate::store::{FileStamp, StoreError, read_text};

/// Read one document file and check it holds the document the manifest
/// says it does.
pub(super) fn read_doc(
    dir: &Path,
    entry: &Entry,
    labels: &LabelSet,
) -> Result<(DocFileIn, FileStamp), StoreError> {
    let path = super::pending::committed(dir, &Path::new(DOCS).join(&entry.file));
    let (text, file_stamp) = read_text(&path)?;
    let doc: DocFileIn =
        ron::from_str(&text).map_err(|e| crate::store::parse_error(&text, &path, &e))?;
    if doc.format_version == 0 || doc.format_version > crate::model::FORMAT_VERSION {
        return Err(StoreError::Invalid {
            path,
            source: crate::model::ValidationError::UnsupportedVersion {
                found: doc.format_version,
            },
        });
    }
    if doc.document.id != entry.id {
        return Err(StoreError::Parse {
            path,
            line: 1,
            column: 1,
            message: format!(
                "holds document {:?}, but the manifest lists {:?} in this file",
                doc.document.id, entry.id
            ),
        });
    }
    // The document's own part of the gate, here, on the reading thread.
    crate::model::validate_document_labels(&doc.document, labels)
        .map_err(|source| StoreError::Invalid { path, source })?;
    Ok((doc, file_stamp))
}

/// Which documents a reading keeps whole in memory (by place in the
/// manifest and id); the others are parked (see [`crate::model::parked`]).
pub type Keep<'a> = &'a (dyn Fn(usize, &str) -> bool + Sync);

/// Read parked documents (`stubs`) back from their files, as they were
/// when read or last written: a file changed since, or holding another
/// document than the one parked, is refused, naming it (unless `as_on_disk`:
/// then each is taken as its file holds it now). Checked against `labels`;
/// on all cores, in the order asked.
pub fn read_back(
    dir: &Path,
    state: &FolderState,
    stubs: &[&Document],
    labels: &LabelSet,
    as_on_disk: bool,
) -> Result<Vec<ReadBack>, StoreError> {
    let mut entries = Vec::with_capacity(stubs.len());
    for stub in stubs {
        let Some(file) = state.files.get(&stub.id) else {
            return Err(StoreError::Io {
                path: dir.join(MANIFEST),
                source: io::Error::other(format!("no file is known for document {:?}", stub.id)),
            });
        };
        entries.push(Entry {
            id: stub.id.clone(),
            file: file.clone(),
        });
    }
    let mut out = Vec::with_capacity(stubs.len());
    let mut stubs = stubs.iter();
    read_docs(dir, entries, labels, None, None, |entry, doc, stamp| {
        let Some(stub) = stubs.next() else {
            return Ok(());
        };
        let as_parked = stub.parked.as_deref() == Some(&crate::model::Parked::of(&doc.document))
            && stub.title == doc.document.title
            && stub.status == doc.document.status;
        let unchanged = as_parked && state.stamps.get(&entry.file) == Some(&stamp);
        if !unchanged && !as_on_disk {
            return Err(StoreError::ChangedOnDisk {
                path: dir.join(DOCS).join(&entry.file),
            });
        }
        out.push(ReadBack {
            document: doc.document,
            stamp,
            as_parked,
        });
        Ok(())
    })?;
    Ok(out)
}

/// A parked document read back from its file.
#[derive(Debug)]
pub struct ReadBack {
    /// The document, whole.
    pub document: Document,
    /// What its file held when read.
    pub stamp: FileStamp,
    /// Whether it is the document that was parked (its summary, title and
    /// status as they were).
    pub as_parked: bool,
}

/// How many documents a reading thread takes at a time.
const READ_CHUNK: usize = 256;

/// One chunk of documents read by a thread (or why it could not be).
type Chunk = Result<Vec<(DocFileIn, FileStamp)>, StoreError>;

/// Every document file, read, parsed and checked on all cores, each handed
/// to `each` in manifest order as soon as those before it are: threads
/// take chunks of [`READ_CHUNK`] in order and the few read ahead wait, so
/// memory holds the documents kept (or parked) and a chunk per thread, never
/// a second copy of the project. The first error in manifest order (a file
/// or `each`'s) stops the reading and is returned.
pub(super) fn read_docs(
    dir: &Path,
    entries: Vec<Entry>,
    labels: &LabelSet,
    progress: Option<&Progress>,
    keep: Option<Keep<'_>>,
    mut each: impl FnMut(Entry, DocFileIn, FileStamp) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    if let Some(p) = progress {
        p.total.store(entries.len(), Ordering::Relaxed);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    // A few documents still go to every thread.
    let size = entries.len().div_ceil(threads).clamp(1, READ_CHUNK);
    let chunks: Vec<&[Entry]> = entries.chunks(size).collect();
    let next = AtomicUsize::new(0);
    // Chunks handed out so far: a thread reads ahead by a few, no more.
    let handed = AtomicUsize::new(0);
    let ahead = 2 * threads;
    let (tx, rx) = mpsc::channel::<(usize, Chunk)>();
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..threads.min(chunks.len()) {
            let (tx, next, chunks, handed) = (tx.clone(), &next, &chunks, &handed);
            handles.push(scope.spawn(move || {
                loop {
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    let Some(part) = chunks.get(c) else {
                        break;
                    };
                    while c >= handed.load(Ordering::Relaxed) + ahead
                        && next.load(Ordering::Relaxed) < STOP
                    {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    let read = read_chunk(dir, part, c * size, labels, progress, keep);
                    let failed = read.is_err();
                    if failed {
                        // The chunks before this one are all taken: their
                        // errors, if any, still come first.
                        next.store(STOP, Ordering::Relaxed);
                    }
                    if tx.send((c, read)).is_err() || failed {
                        break;
                    }
                }
            }));
        }
        drop(tx);
        let out = hand_out_in_order(rx, &chunks, &handed, &mut each);
        if out.is_err() {
            next.store(STOP, Ordering::Relaxed);
        }
        // Every thread joined here, so one that panicked is an error, not a
        // panic of the scope.
        let all_ran = handles
            .into_iter()
            .map(|h| h.join().is_ok())
            .fold(true, |all, ran| all & ran);
        match out {
            Err(e) => Err(e),
            Ok(n) if n == chunks.len() && all_ran => Ok(()),
            Ok(_) => Err(StoreError::Io {
                path: dir.join(DOCS),
                source: io::Error::other("a thread reading documents failed"),
            }),
        }
    })
}

/// Hand the documents of each chunk received to `each`, in chunk order;
/// returns how many chunks were handed out.
fn hand_out_in_order(
    rx: mpsc::Receiver<(usize, Chunk)>,
    chunks: &[&[Entry]],
    handed: &AtomicUsize,
    each: &mut impl FnMut(Entry, DocFileIn, FileStamp) -> Result<(), StoreError>,
) -> Result<usize, StoreError> {
    let mut waiting = std::collections::BTreeMap::new();
    let mut want = 0;
    for (c, read) in rx {
        waiting.insert(c, read);
        while let Some(read) = waiting.remove(&want) {
            let entries = chunks.get(want).copied().unwrap_or_default();
            for ((doc, stamp), e) in read?.into_iter().zip(entries) {
                each(e.clone(), doc, stamp)?;
            }
            want += 1;
            handed.store(want, Ordering::Relaxed);
        }
    }
    Ok(want)
}

/// Set in `next` to stop the reading threads taking chunks.
const STOP: usize = usize::MAX / 2;

/// Read the documents of `part` (the first at `first` in the manifest),
/// parking those `keep` does not keep as soon as each is read.
fn read_chunk(
    dir: &Path,
    part: &[Entry],
    first: usize,
    labels: &LabelSet,
    progress: Option<&Progress>,
    keep: Option<Keep<'_>>,
) -> Chunk {
    part.iter()
        .enumerate()
        .map(|(j, e)| {
            let mut doc = read_doc(dir, e, labels);
            if let (Ok((d, _)), Some(keep)) = (&mut doc, keep)
                && !keep(first + j, &e.id)
            {
                d.document.park();
            }
            if let Some(p) = progress {
                p.done.fetch_add(1, Ordering::Relaxed);
            }
            doc
        })
        .collect()
}

/// Read a folder project a chunk of `size` documents at a time: `each`
/// gets a project with the whole project's labels and only those documents
/// (checked by the same gate as a whole project). Memory stays that of one
/// chunk, whatever the size of the corpus.
pub fn for_each_chunk<E: From<StoreError>>(
    dir: &Path,
    size: usize,
    mut each: impl FnMut(Project) -> Result<(), E>,
) -> Result<(), E> {
    let dir = project_root(dir);
    let manifest_path = dir.join(MANIFEST);
    let (manifest, text) = read_manifest(&dir)?;
    drop(text);
    // Document ids are unique across chunks, as in a whole project.
    let mut ids = HashSet::with_capacity(manifest.documents.len());
    if let Some(entry) = manifest
        .documents
        .iter()
        .find(|e| !ids.insert(e.id.as_str()))
    {
        return Err(E::from(StoreError::Invalid {
            path: manifest_path,
            source: crate::model::ValidationError::DuplicateDocument {
                id: entry.id.clone(),
            },
        }));
    }
    // A project without documents is one empty chunk (a CSV still gets
    // its header, the options are still checked).
    let empty: [Entry; 0] = [];
    let parts: Vec<&[Entry]> = if manifest.documents.is_empty() {
        vec![&empty]
    } else {
        manifest.documents.chunks(size.max(1)).collect()
    };
    for part in parts {
        let mut chunk = manifest.empty_project();
        let labels = chunk.labels.clone();
        read_docs(&dir, part.to_vec(), &labels, None, None, |_, doc, _| {
            add_document(&mut chunk, doc);
            Ok(())
        })?;
        // The project-wide part of the gate (a newer format is refused);
        // each document passed its own part as it was read.
        chunk
            .validate_where(|_| false)
            .map_err(|source| StoreError::Invalid {
                path: manifest_path.clone(),
                source,
            })?;
        each(chunk)?;
    }
    Ok(())
}
