//! Importing files into a project: format detection, folder walking,
//! decoding and normalisation, and merging documents into a project.
//!
//! All or nothing: [`import_paths`] reads every file before anything is
//! added, and fails on the first problem, naming the file.

use std::path::{Path, PathBuf};

use crate::model::Document;

use super::article::{Article, extract as extract_article};
use super::markup::markdown_to_text;
use super::text::{decode, normalize};
use super::{FormatError, Notices, Plan, import_brat, import_jsonl, import_label_studio};

/// The formats Spanmark imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ImportFormat {
    /// Plain text (`.txt`).
    Text,
    /// Markdown (`.md`): the readable text is kept.
    Markdown,
    /// HTML (`.html`): the article's title and paragraphs.
    Html,
    /// doccano JSON lines (`.jsonl`).
    Jsonl,
    /// brat standoff: `X.txt` with its sibling `X.ann`.
    Brat,
    /// Label Studio JSON tasks (`.json`).
    LabelStudio,
    /// PDF (`.pdf`): the text layer, in reading order.
    Pdf,
}

/// The files that hold a brat document's annotations, in the order brat
/// reads them: `.ann`, else a shared task's `.a1`, `.a2`, `.co`, `.rel`.
pub(super) const BRAT_ANNOTATIONS: [&str; 5] = ["ann", "a1", "a2", "co", "rel"];

/// The annotation files brat reads for the text `path`: its `.ann`, else
/// every one of its `.a1`, `.a2`, `.co` and `.rel` there is.
fn brat_annotations(path: &Path) -> Vec<PathBuf> {
    let ann = path.with_extension("ann");
    if ann.is_file() {
        return vec![ann];
    }
    BRAT_ANNOTATIONS[1..]
        .iter()
        .map(|e| path.with_extension(e))
        .filter(|p| p.is_file())
        .collect()
}

impl ImportFormat {
    /// The format a file's name suggests (`.txt` with a sibling `.ann`, or
    /// a shared task's `.a1`/`.a2`, is brat).
    pub fn detect(path: &Path) -> Option<ImportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" if !brat_annotations(path).is_empty() => ImportFormat::Brat,
            "txt" | "text" => ImportFormat::Text,
            "md" | "markdown" => ImportFormat::Markdown,
            "html" | "htm" | "xhtml" => ImportFormat::Html,
            "pdf" => ImportFormat::Pdf,
            "jsonl" | "ndjson" => ImportFormat::Jsonl,
            "json" => ImportFormat::LabelStudio,
            _ => return None,
        })
    }
}

/// How to import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Use this format for every file instead of guessing from the name.
    pub format: Option<ImportFormat>,
    /// Decode with this encoding (a WHATWG label such as `windows-1252`)
    /// instead of UTF-8.
    pub encoding: Option<String>,
    /// Label Studio: the `data` field that holds the text (default: `text`,
    /// else the only string field).
    pub text_key: Option<String>,
}

fn read(path: &Path) -> Result<Vec<u8>, FormatError> {
    std::fs::read(path).map_err(|source| FormatError::Io {
        path: path.to_owned(),
        source,
    })
}

fn decode_with(bytes: &[u8], path: &Path, options: &ImportOptions) -> Result<String, FormatError> {
    match &options.encoding {
        None => decode(bytes, path),
        Some(label) => {
            let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                FormatError::malformed(path, 0, format!("unknown encoding {label:?}"))
            })?;
            if bytes.is_empty() {
                return Err(FormatError::malformed(path, 0, "the file is empty"));
            }
            enc.decode_without_bom_handling_and_without_replacement(bytes)
                .map(|s| s.into_owned())
                .ok_or_else(|| FormatError::malformed(path, 0, format!("not valid {}", enc.name())))
        }
    }
}

/// A document id from a file name: its stem, made safe for file names.
pub(super) fn doc_id(path: &Path) -> String {
    super::safe_name(
        path.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document"),
    )
}

/// Normalise a document's text (BOM, CRLF, CR) and shift its spans so they
/// cover the same characters.
pub(super) fn normalize_doc(mut doc: Document, path: &Path) -> Result<Document, FormatError> {
    let n = normalize(&doc.text);
    if n.text == doc.text {
        return Ok(doc);
    }
    let shift = |(a, b): (usize, usize)| (n.map(a), n.map(b));
    if let Some(span) = doc.spans.iter().find(|s| n.map(s.start) >= n.map(s.end)) {
        return Err(FormatError::malformed(
            path,
            0,
            format!("span {} covers only a line break", span.id),
        ));
    }
    doc.spans = std::mem::take(&mut doc.spans).map(|mut span| {
        span.start = n.map(span.start);
        span.end = n.map(span.end);
        let pieces: Vec<(usize, usize)> = span
            .fragments()
            .iter()
            .map(|f| shift(*f))
            .filter(|(a, b)| a < b)
            .collect();
        span.set_fragments(if pieces.len() > 1 { pieces } else { Vec::new() });
        span
    });
    doc.text = n.text;
    Ok(doc)
}

/// What reading files gave: documents, and what could not be carried.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    /// The documents read.
    pub docs: Vec<Document>,
    /// What the files held that the documents do not (per kind).
    pub notices: Notices,
}

impl Imported {
    /// Give every span and relation that names no annotator `name`.
    pub fn sign(&mut self, name: &str) {
        for doc in &mut self.docs {
            if doc.spans.iter().any(|s| s.annotator.is_none()) {
                doc.spans = std::mem::take(&mut doc.spans).map(|mut s| {
                    s.annotator.get_or_insert_with(|| name.to_owned());
                    s
                });
            }
            if doc.relations.iter().any(|r| r.annotator.is_none()) {
                doc.relations = std::mem::take(&mut doc.relations).map(|mut r| {
                    r.annotator.get_or_insert_with(|| name.to_owned());
                    r
                });
            }
        }
    }
}

/// The document an article makes (`None` when it has no text): its
/// headline (else its first line) as the title; its byline, date, site and
/// canonical address (as `url`) as metadata; where it was read as source.
pub(super) fn article_document(
    id: String,
    article: Article,
    source: Option<String>,
) -> Option<Document> {
    if article.text.trim().is_empty() {
        return None;
    }
    let title = article
        .title
        .unwrap_or_else(|| super::text::first_line(&article.text));
    let mut doc = Document::new(id, title, article.text);
    doc.meta = article.meta;
    if let Some(url) = article.url {
        doc.meta
            .extra
            .insert("url".to_owned(), crate::model::MetaValue::Text(url));
    }
    doc.source = source;
    Some(doc)
}

/// Read one file into documents.
pub fn import_file(
    path: &Path,
    format: ImportFormat,
    options: &ImportOptions,
) -> Result<Imported, FormatError> {
    import_as(path, format, options, doc_id(path))
}

/// Read one file into documents, the first named `id`.
pub(super) fn import_as(
    path: &Path,
    format: ImportFormat,
    options: &ImportOptions,
    id: String,
) -> Result<Imported, FormatError> {
    let mut notices = Notices::default();
    let bytes = read(path)?;
    // A PDF is not text: its text layer is read from the bytes. brat writes
    // an empty .txt beside nothing to annotate, and an empty .ann for every
    // document without annotations.
    let content = if format == ImportFormat::Pdf {
        String::new()
    } else {
        decode_with(&bytes, path, options)?
    };
    // brat counts a byte order mark in its offsets: kept until the spans
    // are read, then dropped with them shifted (see `normalize_doc`).
    let content = if format == ImportFormat::Brat && bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        notices.add(
            "brat texts with a byte order mark (counted in its offsets), dropped",
            1,
        );
        format!("\u{feff}{content}")
    } else {
        content
    };
    let source = Some(path.display().to_string());
    let docs = match format {
        ImportFormat::Text | ImportFormat::Markdown | ImportFormat::Html => {
            let content = normalize(&content).text;
            let article = match format {
                ImportFormat::Markdown => {
                    let (title, text) = markdown_to_text(&content);
                    Article {
                        title,
                        text,
                        ..Article::default()
                    }
                }
                ImportFormat::Html => extract_article(&content, None),
                _ => Article {
                    text: content,
                    ..Article::default()
                },
            };
            let doc = article_document(id, article, source)
                .ok_or_else(|| FormatError::malformed(path, 0, "the file has no text"))?;
            // Already normalised before parsing: no spans to shift.
            return Ok(Imported {
                docs: vec![doc],
                notices,
            });
        }
        ImportFormat::Pdf => vec![super::pdf::import_pdf(path, &bytes, id)?],
        ImportFormat::Jsonl => import_jsonl(&content, path, &id, &mut notices)?,
        ImportFormat::LabelStudio => import_label_studio(
            &content,
            path,
            &id,
            options.text_key.as_deref(),
            &mut notices,
        )?,
        ImportFormat::Brat => {
            let files = brat_annotations(path);
            let Some(ann_path) = files.first() else {
                return Err(FormatError::malformed(
                    path,
                    0,
                    format!(
                        "brat text without its annotations: {} is missing (and no shared task's .a1/.a2 is there)",
                        path.with_extension("ann").display()
                    ),
                ));
            };
            // An empty .ann is a document without annotations. brat reads
            // .ann files with universal newlines: CR and CRLF end lines too;
            // a shared task's .a1 and .a2 are read as one.
            let mut ann = String::new();
            for file in &files {
                let ann_bytes = read(file)?;
                if !ann_bytes.is_empty() {
                    ann.push_str(&normalize(&decode_with(&ann_bytes, file, options)?).text);
                    if !ann.ends_with('\n') {
                        ann.push('\n');
                    }
                }
            }
            let mut doc = import_brat(&id, &content, &ann, ann_path, &mut notices)?;
            doc.source = source;
            vec![doc]
        }
    };
    let docs = docs
        .into_iter()
        .map(|mut d| {
            d.source.get_or_insert_with(|| path.display().to_string());
            normalize_doc(d, path)
        })
        .collect::<Result<_, _>>()?;
    Ok(Imported { docs, notices })
}

/// Read every planned file; `progress(done, total)` is called after each.
/// Fails on the first error, so nothing half-read is ever added.
pub fn import_plan(
    plan: &Plan,
    options: &ImportOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<Imported, FormatError> {
    let mut all = Imported::default();
    let total = plan.len();
    for (i, (path, format)) in plan.files.iter().enumerate() {
        let id = plan.ids.get(path).cloned().unwrap_or_else(|| doc_id(path));
        let one = import_as(path, *format, options, id)?;
        all.docs.extend(one.docs);
        all.notices.merge(one.notices);
        progress(i + 1, total);
    }
    for (i, url) in plan.urls.iter().enumerate() {
        all.docs
            .push(super::fetch_article(url, super::Limits::default())?);
        progress(plan.files.len() + i + 1, total);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_of_only_whitespace_is_an_error() -> Result<(), std::io::Error> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("blank.txt");
        std::fs::write(&path, "  \n ")?;
        let err = import_file(&path, ImportFormat::Text, &ImportOptions::default());
        let msg = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            msg.contains("blank.txt") && msg.contains("has no text"),
            "{msg}"
        );
        Ok(())
    }
}
