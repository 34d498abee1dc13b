//! `spanmark agree`: agreement between annotators' projects, as a table or
//! JSON (definitions in docs/agreement.md).

use std::io::Write;
use std::path::PathBuf;

use crate::analysis::agree::{self, Agreement, LabelAgreement, Prf};
use crate::model::Project;

/// Load each project (on all cores) and name its annotator.
pub fn load_annotators(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, Project)>> {
    let loaded: Vec<anyhow::Result<Project>> = std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .iter()
            .map(|p| scope.spawn(move || super::load(p)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a thread loading a project failed")))
            })
            .collect()
    });
    let mut projects = Vec::with_capacity(paths.len());
    for project in loaded {
        // The error names the file.
        projects.push(project?);
    }
    let names = paths
        .iter()
        .zip(&projects)
        .map(|(path, p)| agree::annotator_name(p, path))
        .collect();
    Ok(agree::unique_names(names)
        .into_iter()
        .zip(projects)
        .collect())
}

/// Print the agreement of the projects at `paths`.
pub fn agree(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let annotators = match paths {
        // One project: its annotators (a merged project).
        [one] => {
            let split = agree::split_by_annotator(&super::load(one)?);
            if split.len() < 2 {
                anyhow::bail!(
                    "{}: its spans are by fewer than two annotators; give two projects or more",
                    one.display()
                );
            }
            split
        }
        _ => load_annotators(paths)?,
    };
    let refs: Vec<(String, &Project)> = annotators.iter().map(|(n, p)| (n.clone(), p)).collect();
    let agreement = agree::agree(&refs);
    if json {
        serde_json::to_writer_pretty(&mut *out, &agreement)?;
        writeln!(out)?;
    } else {
        print_table(&agreement, out)?;
    }
    Ok(())
}

/// "1 document", "2 documents".
fn documents(n: usize) -> String {
    format!("{n} document{}", if n == 1 { "" } else { "s" })
}

fn number(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{x:.3}"))
}

fn prf(p: &Prf) -> String {
    format!(
        "{:>6} {:>6} {:>6}",
        number(p.precision),
        number(p.recall),
        number(p.f1)
    )
}

fn row(out: &mut dyn Write, name: &str, a: &LabelAgreement) -> std::io::Result<()> {
    writeln!(
        out,
        "  {name:<14} {}   {}   {:>6}",
        prf(&a.exact),
        prf(&a.overlap),
        number(a.kappa)
    )
}

/// The agreement as a table per pair of annotators.
fn print_table(a: &Agreement, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{} annotated by two or more of: {}",
        documents(a.documents),
        a.annotators.join(", ")
    )?;
    if a.single > 0 {
        writeln!(
            out,
            "left out: {} only one annotator has",
            documents(a.single)
        )?;
    }
    if a.repeated > 0 {
        writeln!(
            out,
            "left out: {} a project has twice (the first is used)",
            documents(a.repeated)
        )?;
    }
    writeln!(
        out,
        "Krippendorff's alpha (nominal, label sets of non-space characters): {}",
        number(a.alpha)
    )?;
    for pair in &a.pairs {
        writeln!(out)?;
        writeln!(
            out,
            "{} (recall's reference) vs {} (precision's), {}",
            pair.a,
            pair.b,
            documents(pair.documents)
        )?;
        writeln!(
            out,
            "  {:<14} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}   {:>6}",
            "label", "ex.P", "ex.R", "ex.F1", "ov.P", "ov.R", "ov.F1", "kappa"
        )?;
        for (label, agreement) in &pair.labels {
            row(out, label, agreement)?;
        }
        row(out, "all (micro)", &pair.overall)?;
    }
    writeln!(
        out,
        "\nex. = exact match (start, end, label); ov. = overlap (same label, one-to-one); – = undefined"
    )?;
    Ok(())
}
