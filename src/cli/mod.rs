//! Command-line interface: argument parsing and the headless commands,
//! one file per command family.

mod agree;
mod args;
mod export;
mod guidelines;
mod import;
mod journal;
mod merge;
mod stats;
mod suggest;
mod team;
mod train;

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

pub use args::{Cli, Command, SplitBy, StatusArg};
pub use stats::Stats;

use crate::formats::ExportOptions;
use crate::model::{DocStatus, Project};
use crate::store;

/// Run a headless command, writing its output to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::Import {
            files,
            into,
            format,
            encoding,
            text_key,
            annotator,
            as_suggestions,
        } => import::import(
            files,
            into,
            import::Options {
                format: *format,
                encoding: encoding.clone(),
                text_key: text_key.clone(),
                annotator: annotator.clone(),
                as_suggestions: *as_suggestions,
            },
            out,
        ),
        Command::Export {
            project,
            format,
            output,
            status,
            labels,
            label,
            conll_comments,
            force,
        } => {
            let options = ExportOptions {
                status: status.map(DocStatus::from),
                labels: labels.clone(),
                conll_label: label.clone(),
                conll_comments: *conll_comments,
            };
            export::export(project, *format, &options, output, *force, out)
        }
        Command::Validate { project } => {
            let p = load(project)?;
            let s = Stats::of(&p);
            writeln!(
                out,
                "{}: valid ({} documents, {} spans, {} relations)",
                project.display(),
                s.documents,
                s.spans,
                s.relations
            )?;
            Ok(())
        }
        Command::Stats { project, json } => stats::print(&stats::of_path(project)?, *json, out),
        Command::Convert { from, to, force } => convert(from, to, *force, out),
        Command::Agree { projects, json } => agree::agree(projects, *json, out),
        Command::Assign {
            project,
            annotators,
            overlap,
            seed,
        } => team::assign(project, annotators, *overlap, *seed, out),
        Command::Split {
            project,
            by: SplitBy::Annotator,
            output,
            force,
        } => team::split(project, output, *force, out),
        Command::Guidelines { project, file } => match file {
            Some(file) => guidelines::set(project, file, out),
            None => guidelines::print(project, out),
        },
        Command::Merge {
            projects,
            output,
            force,
        } => merge::merge(projects, output, *force, out),
        Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        } => {
            let name = path.as_deref().unwrap_or(ours).display().to_string();
            match merge::merge_driver(base, ours, theirs)? {
                merge::Driven::Clean => Ok(()),
                merge::Driven::Conflicts(n) => anyhow::bail!(
                    "{name}: merged, {n} conflicts marked (documents in the category \"merge conflict\"): open the project, resolve them, then git add"
                ),
            }
        }
        Command::Suggest {
            project,
            rules,
            with,
            timeout,
            output,
            force,
            model,
        } => {
            let rules = match (rules, with) {
                (Some(r), _) => r.clone(),
                (None, None) if !*model => crate::analysis::suggest::Rule::ALL.to_vec(),
                (None, _) => Vec::new(),
            };
            let opts = suggest::Options {
                rules,
                with: with.clone(),
                timeout: *timeout,
                output: output.clone(),
                force: *force,
                model: *model,
            };
            suggest::suggest(project, &opts, out)
        }
        Command::Train { project, joint } => train::train(project, *joint, out),
        Command::Recover { project } => journal::recover(project, out),
        Command::Apply { project, changes } => journal::apply(project, changes, out),
    }
}

/// An error as one line: each cause once (a cause already part of the
/// message before it is not repeated).
pub fn error_line(err: &anyhow::Error) -> String {
    // (Each cause on one line, cut to 400 characters.)
    let mut line = String::new();
    for cause in err.chain() {
        // One short line, whatever a cause quotes from its input.
        let text = crate::model::text::snippet_of(&cause.to_string(), 400);
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// `spanmark convert`: the same project in the other form.
fn convert(from: &Path, to: &Path, force: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let (from, to) = (store::project_root(from), store::project_root(to));
    let (from, to) = (from.as_path(), to.as_path());
    if store::real_path(from) == store::real_path(to) {
        anyhow::bail!("{}: the output is the project itself", to.display());
    }
    if to.exists() {
        if store::is_folder_project(to) {
            anyhow::bail!(
                "{}: a folder is there already; remove it or choose another name",
                to.display()
            );
        }
        if !force {
            anyhow::bail!("{}: the file exists; --force replaces it", to.display());
        }
    }
    let project = load(from)?;
    store::save(&project, to).with_context(|| format!("cannot write {}", to.display()))?;
    let form = if store::is_folder_project(to) {
        "a folder project"
    } else {
        "a single-file project"
    };
    writeln!(
        out,
        "converted {} ({} documents) to {form}: {}",
        from.display(),
        project.documents.len(),
        to.display()
    )?;
    Ok(())
}

fn load(path: &Path) -> anyhow::Result<Project> {
    store::load(path).context("cannot load project")
}

/// How long a command waits for a window (or another command) that holds
/// the project, saying so on standard error before it waits.
pub(crate) const fn patience(secs: u64) -> crate::store::Patience {
    crate::store::Patience {
        wait: std::time::Duration::from_secs(secs),
        tell: Some(say_waiting),
    }
}

fn say_waiting(
    project: &std::path::Path,
    holder: &crate::store::Holder,
    wait: std::time::Duration,
) {
    eprintln!(
        "waiting up to {} s for {}: it is open in {holder}",
        wait.as_secs(),
        project.display()
    );
}
