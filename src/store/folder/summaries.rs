//! A per-document summary cache inside a folder project
//! (`summaries.cache`, ignored by git): for each document file, what a
//! reader computed from it (`stats` keeps its counts there), keyed by the
//! file's stamp on disk (length, modification and change times, inode), so
//! a reread of the corpus is needed only for the files changed since. A
//! file whose stamp differs, or a cache that is missing, of another kind or
//! version, or unreadable, is never believed: those documents are read,
//! checked as every read checks them, and the cache written again.
//!
//! The cache is not the project: a failure to write it is passed over (the
//! next reader computes again), and it is written whole under a temporary
//! name and renamed into place, so no reader sees half of one.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::model::{Document, Project};
use crate::store::StoreError;

use super::manifest::{Entry, read_manifest};
use super::read::read_docs;
use super::{DOCS, pending, project_root};

/// The cache's file name inside the folder.
pub const CACHE: &str = "summaries.cache";

/// Raised when the cache's layout changes: an older cache is rebuilt.
const LAYOUT: u32 = 1;

/// How many changed documents are read at once.
const CHUNK: usize = 512;

/// A document file's stamp on disk: any write to it changes it (on Unix
/// the change time, which no program can set back, is part of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct DiskStamp([i64; 6]);

impl DiskStamp {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Some(Self([
                i64::try_from(meta.len()).ok()?,
                meta.mtime(),
                meta.mtime_nsec(),
                meta.ctime(),
                meta.ctime_nsec(),
                i64::try_from(meta.ino()).ok()?,
            ]))
        }
        #[cfg(not(unix))]
        {
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(Self([
                i64::try_from(meta.len()).ok()?,
                i64::try_from(modified.as_secs()).ok()?,
                i64::from(modified.subsec_nanos()),
                0,
                0,
                0,
            ]))
        }
    }
}

/// The cache as stored.
#[derive(Serialize, Deserialize)]
struct CacheFile<T> {
    layout: u32,
    /// Which reader's summaries these are (and its own version).
    kind: String,
    /// The label ids the documents were checked against.
    labels: Vec<String>,
    /// Per document file name: its stamp and summary.
    files: Vec<(String, DiskStamp, T)>,
}

/// The cache as written (borrowing what [`CacheFile`] owns).
#[derive(Serialize)]
struct CacheOut<'a, T> {
    layout: u32,
    kind: &'a str,
    labels: &'a [String],
    files: Vec<(&'a str, DiskStamp, &'a T)>,
}

/// What [`summaries`] found.
#[derive(Debug)]
pub struct Summaries<T> {
    /// The project's manifest part: name, labels, assignments; no
    /// documents.
    pub shell: Project,
    /// Each document's id and summary, in manifest order.
    pub docs: Vec<(String, T)>,
    /// How many documents were read (their summary missing or stale).
    pub read: usize,
}

/// Each document's summary, in manifest order, with the project's manifest
/// part. `kind` names the summary and its version (a new version rebuilds
/// the cache); `summarise` is called only for documents read because their
/// cached summary was missing or stale.
pub fn summaries<T>(
    dir: &Path,
    kind: &str,
    summarise: impl Fn(&Document) -> T,
) -> Result<Summaries<T>, StoreError>
where
    T: Serialize + DeserializeOwned,
{
    let dir = project_root(dir);
    let (manifest, _) = read_manifest(&dir)?;
    let shell = manifest.empty_project();
    let labels: Vec<String> = shell.labels.iter().map(|l| l.id.clone()).collect();
    let cache_path = dir.join(CACHE);
    let mut cached: HashMap<String, (Option<DiskStamp>, T)> = std::fs::read(&cache_path)
        .ok()
        .and_then(|bytes| ciborium::from_reader::<CacheFile<T>, _>(&bytes[..]).ok())
        .filter(|c| c.layout == LAYOUT && c.kind == kind && c.labels == labels)
        .map(|c| {
            c.files
                .into_iter()
                .map(|(f, st, t)| (f, (Some(st), t)))
                .collect()
        })
        .unwrap_or_default();
    let stamps: Vec<Option<DiskStamp>> = manifest
        .documents
        .iter()
        .map(|e| DiskStamp::of(&pending::committed(&dir, &Path::new(DOCS).join(&e.file))))
        .collect();
    // The stamps from before the read: a file written during the read is
    // read again next time, never taken as summarised.
    let mut stale_stamps: HashMap<&str, Option<DiskStamp>> = HashMap::new();
    let stale: Vec<Entry> = manifest
        .documents
        .iter()
        .zip(&stamps)
        .filter(|(e, stamp)| {
            !matches!((cached.get(&e.file), stamp), (Some((Some(was), _)), Some(now)) if was == now)
        })
        .map(|(e, stamp)| {
            stale_stamps.insert(e.file.as_str(), *stamp);
            e.clone()
        })
        .collect();
    let read = stale.len();
    for part in stale.chunks(CHUNK) {
        read_docs(
            &dir,
            part.to_vec(),
            &shell.labels,
            None,
            None,
            |entry, doc, _| {
                let summary = summarise(&doc.document);
                // A file that vanished between its stamp and its read: its
                // stamp is unknown, so it is summarised but never cached.
                let stamp = stale_stamps.get(entry.file.as_str()).copied().flatten();
                cached.insert(entry.file, (stamp, summary));
                Ok(())
            },
        )?;
    }
    // In manifest order; what the manifest no longer names is dropped.
    let mut files = Vec::with_capacity(manifest.documents.len());
    for e in &manifest.documents {
        if let Some((stamp, summary)) = cached.remove(&e.file) {
            files.push((e, stamp, summary));
        }
    }
    if read > 0 || !cached.is_empty() {
        let keep: Vec<(&str, DiskStamp, &T)> = files
            .iter()
            .filter_map(|(e, st, t)| Some((e.file.as_str(), (*st)?, t)))
            .collect();
        write_cache(
            &cache_path,
            &CacheOut {
                layout: LAYOUT,
                kind,
                labels: &labels,
                files: keep,
            },
        );
    }
    let out = files
        .into_iter()
        .map(|(e, _, t)| (e.id.clone(), t))
        .collect();
    Ok(Summaries {
        shell,
        docs: out,
        read,
    })
}

/// Write the cache whole under a temporary name, then rename it into
/// place; a failure leaves the old cache (or none) and is passed over.
fn write_cache<T: Serialize>(path: &Path, cache: &CacheOut<'_, T>) {
    let mut bytes = Vec::new();
    if ciborium::into_writer(cache, &mut bytes).is_err() {
        return;
    }
    // The store's atomic write: a temporary name of this process's own
    // (two readers may write at once), cleaned as the project's are.
    let _ = crate::store::write_atomic(path, &bytes);
}
