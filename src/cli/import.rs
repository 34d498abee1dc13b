//! `spanmark import`: files and folders into a project, through the same
//! gate as the window, one writer at a time.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::formats::{self, ImportFormat, ImportOptions};
use crate::session::Session;

/// How long an import waits for another Spanmark writing the same project.
const PATIENCE: crate::store::Patience = super::patience(60);

/// How to read the files of an import.
pub struct Options {
    /// Read every file as this format.
    pub format: Option<ImportFormat>,
    /// Decode with this encoding.
    pub encoding: Option<String>,
    /// Label Studio's text field.
    pub text_key: Option<String>,
    /// Who made the spans and relations that do not say.
    pub annotator: Option<String>,
    /// Add the files' spans to the project's documents with the same text
    /// as pending suggestions, instead of adding documents.
    pub as_suggestions: bool,
}

/// Import `files` into the project at `into` (created if absent).
pub fn import(
    files: &[PathBuf],
    into: &Path,
    opts: Options,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let options = ImportOptions {
        format: opts.format,
        encoding: opts.encoding,
        text_key: opts.text_key,
    };
    // Web addresses are fetched (after the files).
    let plan = formats::plan(files, &options)?;
    for (path, why) in &plan.skipped {
        eprintln!("note: skipped {}: {why}", path.display());
    }
    if plan.is_empty() {
        anyhow::bail!("nothing to import: no file of a known type");
    }
    let annotator = opts
        .annotator
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let root = crate::store::project_root(into);
    let manifest = root.join(crate::store::folder::MANIFEST);
    let new_folder = !root.exists() && crate::store::folder::is_folder_project(&root);
    let report = if !opts.as_suggestions && (manifest.is_file() || new_folder) {
        // A folder project takes new documents without reading the
        // others, a chunk at a time: memory stays that of one chunk. A new
        // one is made empty first and taken away again if the import fails.
        if new_folder {
            let name = root.file_stem().map_or_else(
                || "Project".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            crate::store::save(&crate::model::Project::new(name), &root)
                .context("cannot make the project")?;
        }
        let added = into_folder(&root, &plan, &options, annotator);
        if added.is_err() && new_folder {
            let _ = std::fs::remove_dir_all(&root);
        }
        added?
    } else {
        let bar = bar(
            plan.len() as u64,
            "importing {bar:30} {pos}/{len} files and pages",
        );
        let docs = formats::import_plan(&plan, &options, |done, _| bar.set_position(done as u64));
        bar.finish_and_clear();
        let mut imported = docs?;
        if let Some(name) = annotator {
            imported.sign(name);
        }
        // Taken only now, so a long read does not keep others waiting; the
        // project is read after the lock, so another import's documents are in.
        if opts.as_suggestions {
            return as_suggestions(into, imported, out);
        }
        let mut session = Session::open_for_writing(into, PATIENCE)?;
        let report = session.import(imported)?;
        session.save().context("cannot save the project")?;
        report
    };
    writeln!(
        out,
        "imported {} documents ({} spans) into {}",
        report.documents,
        report.spans,
        into.display()
    )?;
    if !report.added_labels.is_empty() {
        writeln!(out, "added labels: {}", report.added_labels_line())?;
    }
    for line in report.notices.lines() {
        eprintln!("note: {line}");
    }
    Ok(())
}

/// A progress bar on stderr with this template.
fn bar(len: u64, template: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Import into the folder project `root` a chunk of documents at a time,
/// inside one save transaction: all or nothing, as a whole import is.
fn into_folder(
    root: &Path,
    plan: &formats::Plan,
    options: &ImportOptions,
    annotator: Option<&str>,
) -> anyhow::Result<crate::session::ImportReport> {
    let mut import =
        crate::session::FolderImport::begin(root, PATIENCE).context("cannot add the documents")?;
    let bar = bar(0, "importing {bar:30} {bytes}/{total_bytes}");
    let read = formats::import_stream(
        plan,
        options,
        |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
        |mut chunk| -> anyhow::Result<()> {
            if let Some(name) = annotator {
                chunk.sign(name);
            }
            import.add(chunk).context("cannot add the documents")
        },
    );
    bar.finish_and_clear();
    read?;
    import.commit().context("cannot add the documents")
}

/// A model's predictions (the files' spans) as suggestions on the
/// project's documents with the same text; documents that match none are
/// counted and left out.
fn as_suggestions(
    into: &Path,
    imported: crate::formats::Imported,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use crate::model::{Change, Edit, Score, Suggestion};
    let mut session = Session::open_for_writing(into, PATIENCE)?;
    let project = session.project();
    let by_text: std::collections::HashMap<&str, usize> = project
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.text.as_str(), i))
        .collect();
    let mut pending: std::collections::BTreeMap<usize, crate::model::Suggestions> =
        std::collections::BTreeMap::new();
    let (mut added, mut unmatched, mut relations) = (0, 0, 0);
    for doc in imported.docs {
        let Some(&i) = by_text.get(doc.text.as_str()) else {
            unmatched += 1;
            continue;
        };
        let target = &project.documents[i];
        let source = |s: &crate::model::Span| {
            s.annotator
                .clone()
                .filter(|a| a.starts_with("model:"))
                .or_else(|| doc.source.as_ref().map(|f| format!("import:{f}")))
                .unwrap_or_else(|| "import".to_owned())
        };
        let mut new: Vec<Suggestion> = doc
            .spans
            .iter()
            .map(|s| {
                let mut sug = Suggestion::new(s.start, s.end, s.label.clone(), source(s));
                sug.attrs = s.attrs.clone();
                sug.score = sug
                    .attrs
                    .remove("score")
                    .and_then(|x| x.parse::<f32>().ok())
                    .map(Score);
                sug
            })
            .collect();
        // Predictions a file holds as suggestions already (Label Studio's).
        new.extend(doc.suggestions.pending.iter().cloned());
        for r in doc.relations.iter() {
            let (Some(from), Some(to)) = (doc.spans.get(r.from), doc.spans.get(r.to)) else {
                continue;
            };
            match new
                .iter_mut()
                .find(|s| (s.start, s.end, &s.label) == (from.start, from.end, &from.label))
            {
                Some(s) if r.kind == project.labels.link_kind_of(&from.label) => {
                    s.said_by = Some((to.start, to.end))
                }
                _ => relations += 1,
            }
        }
        let entry = pending
            .entry(i)
            .or_insert_with(|| target.suggestions.clone());
        added += entry.offer(new, |a, b, l| target.covered(a, b, l));
    }
    let changes: Vec<Change> = pending
        .into_iter()
        .map(|(doc, s)| Change::Doc {
            doc,
            edit: Edit::SetSuggestions(s),
        })
        .collect();
    if !changes.is_empty() {
        session.apply(Change::Batch(changes))?;
        session.save().context("cannot save the project")?;
    }
    writeln!(out, "{added} suggestions added to {}", into.display())?;
    if unmatched > 0 {
        eprintln!(
            "note: left out: {unmatched} documents whose text is in no document of the project"
        );
    }
    if relations > 0 {
        eprintln!("note: left out: {relations} relations that are not said_by");
    }
    for line in imported.notices.lines() {
        eprintln!("note: {line}");
    }
    Ok(())
}
