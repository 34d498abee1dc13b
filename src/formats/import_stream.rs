//! Importing a plan a chunk of documents at a time: each chunk is handed
//! on (to be checked and written) before the next is read, so an import
//! of a hundred thousand articles never holds them all. A doccano JSON
//! lines file is read a line at a time (its bytes checked as a whole file's
//! would be: NUL bytes, UTF-8, a byte order mark); every other file is
//! read whole, as [`super::import_file`] reads it, one file at a time.

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::Path;

use super::import::{doc_id, import_as, normalize_doc};
use super::{FormatError, ImportFormat, ImportOptions, Imported, Plan, jsonl::import_jsonl_line};

/// A chunk is handed on when it holds this many documents…
const CHUNK_DOCS: usize = 2_000;
/// …or this many bytes of text.
const CHUNK_BYTES: usize = 16 << 20;

/// Documents gathered until a chunk is full.
struct Chunker<'a, E> {
    chunk: Imported,
    bytes: usize,
    each: &'a mut dyn FnMut(Imported) -> Result<(), E>,
}

impl<E> Chunker<'_, E> {
    fn push(&mut self, doc: crate::model::Document) -> Result<(), E> {
        self.bytes += doc.text.len();
        self.chunk.docs.push(doc);
        if self.chunk.docs.len() >= CHUNK_DOCS || self.bytes >= CHUNK_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        self.bytes = 0;
        if self.chunk.docs.is_empty() && self.chunk.notices.is_empty() {
            return Ok(());
        }
        (self.each)(std::mem::take(&mut self.chunk))
    }
}

/// Read every planned file and page, handing the documents to `each` a
/// chunk at a time (in order; a chunk's notices are what its files held
/// that the documents do not). `progress(done, total)` counts bytes read
/// (a web page counts one). Stops at the first error, naming the file.
pub fn import_stream<E: From<FormatError>>(
    plan: &Plan,
    options: &ImportOptions,
    mut progress: impl FnMut(u64, u64),
    mut each: impl FnMut(Imported) -> Result<(), E>,
) -> Result<(), E> {
    let sizes: Vec<u64> = plan
        .files
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let total = sizes.iter().sum::<u64>() + plan.urls.len() as u64;
    let mut done = 0;
    let mut chunker = Chunker {
        chunk: Imported::default(),
        bytes: 0,
        each: &mut each,
    };
    for ((path, format), size) in plan.files.iter().zip(&sizes) {
        let id = plan.ids.get(path).cloned().unwrap_or_else(|| doc_id(path));
        if *format == ImportFormat::Jsonl && options.encoding.is_none() && !is_utf16(path) {
            jsonl_lines(path, &id, &mut chunker, &mut |read| {
                progress(done + read, total)
            })?;
        } else {
            let one = import_as(path, *format, options, id)?;
            chunker.chunk.notices.merge(one.notices);
            for doc in one.docs {
                chunker.push(doc)?;
            }
        }
        done += size;
        progress(done, total);
    }
    for url in &plan.urls {
        chunker.push(super::fetch_article(url, super::Limits::default())?)?;
        done += 1;
        progress(done, total);
    }
    chunker.flush()
}

/// Whether the file starts with a UTF-16 byte order mark (read whole).
fn is_utf16(path: &Path) -> bool {
    let mut head = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| matches!(head, [0xFF, 0xFE] | [0xFE, 0xFF]))
}

/// A doccano JSON lines file, a line at a time, into `chunker`.
fn jsonl_lines<E: From<FormatError>>(
    path: &Path,
    stem: &str,
    chunker: &mut Chunker<'_, E>,
    progress: &mut dyn FnMut(u64),
) -> Result<(), E> {
    let io = |source| FormatError::Io {
        path: path.to_owned(),
        source,
    };
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path).map_err(io)?);
    let mut line = Vec::new();
    let (mut offset, mut n, mut index) = (0usize, 0usize, 0usize);
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).map_err(io)?;
        if read == 0 {
            break;
        }
        n += 1;
        // As a whole file is decoded (a byte order mark dropped, NUL bytes
        // taken for binary, invalid UTF-8 named by its byte in the file).
        let text = super::text::utf8_at(&line, offset, path)?;
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let doc = import_jsonl_line(text, path, n, stem, index, &mut chunker.chunk.notices)?;
        offset += read;
        progress(offset as u64);
        if let Some(mut doc) = doc {
            index += 1;
            doc.source.get_or_insert_with(|| path.display().to_string());
            chunker.push(normalize_doc(doc, path)?)?;
        }
    }
    if offset == 0 {
        return Err(E::from(FormatError::malformed(
            path,
            0,
            "the file is empty",
        )));
    }
    Ok(())
}
