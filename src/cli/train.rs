//! `spanmark train`: learn a model from the documents marked done (and
//! curated gold spans) and write it beside the project; and the model
//! `spanmark suggest --model` uses (trained first when its file is
//! missing or of another format).

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::Context as _;

use crate::analysis::learn::{self, LearnError, Model, Options};
use crate::model::Project;

/// Train on `project` (read from `path`), save the model beside it, and
/// say what it learnt from.
pub fn train_and_save(
    project: &Project,
    path: &Path,
    opts: &Options,
    out: &mut dyn Write,
) -> anyhow::Result<Model> {
    let lessons = learn::lessons(project);
    let started = Instant::now();
    let model = learn::train(
        &lessons,
        &project.labels,
        opts,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .with_context(|| format!("cannot train on {}", path.display()))?;
    let took = started.elapsed();
    let file = learn::model_path(path);
    learn::save(&model, &file).context("cannot write the model")?;
    let spans: Vec<String> = model
        .classes
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c.name,
                model.spans.get(&c.name).copied().unwrap_or(0)
            )
        })
        .collect();
    let gold = lessons.iter().filter(|l| l.gold_only).count();
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    writeln!(
        out,
        "learnt from {} documents ({} marked done, {gold} curated: gold spans only) in {:.2} s: {}",
        model.documents,
        model.documents - gold,
        took.as_secs_f64(),
        spans.join(", ")
    )?;
    writeln!(
        out,
        "wrote {} ({} KB, {} features); suggest with: spanmark suggest {} --model",
        file.display(),
        size.div_ceil(1024),
        model.features.len(),
        path.display()
    )?;
    Ok(model)
}

/// `spanmark train P`.
pub fn train(path: &Path, joint: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let project = super::load(path)?;
    let opts = Options {
        joint,
        ..Options::default()
    };
    train_and_save(&project, path, &opts, out)?;
    Ok(())
}

/// The model beside the project at `path`: read, or trained (and saved)
/// when its file is missing or cannot be read.
pub fn model_for(project: &Project, path: &Path, out: &mut dyn Write) -> anyhow::Result<Model> {
    let file = learn::model_path(path);
    match learn::load(&file) {
        Ok(model) => Ok(model),
        Err(e) => {
            let why = match &e {
                LearnError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                    "no model yet".to_owned()
                }
                other => other.to_string(),
            };
            writeln!(out, "{}: {why}; training one", file.display())?;
            train_and_save(project, path, &Options::default(), out)
        }
    }
}
