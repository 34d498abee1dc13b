//! Interop tests on real-shaped files (`tests/data/interop/`, written from
//! each format's specification or from the consumers' own examples): what
//! Label Studio, brat, doccano and Hugging Face files hold comes in, and
//! goes out, whole or counted. Helpers here; the tests per format beside.

mod brat;
mod doccano;
mod exports;
mod label_studio;
mod merged;

use std::path::{Path, PathBuf};

use spanmark::formats::{self, ExportOptions, ExportReport, Format, ImportOptions, Notices};
use spanmark::model::Project;
use spanmark::session::Session;

/// A file or folder of `tests/data/interop/`.
fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/interop")
        .join(rel)
}

/// Import files as the command line does (through the session's gate).
fn import(paths: &[PathBuf]) -> Result<(Project, Notices), String> {
    let options = ImportOptions::default();
    let plan = formats::plan(paths, &options).map_err(|e| e.to_string())?;
    let imported = formats::import_plan(&plan, &options, |_, _| {}).map_err(|e| e.to_string())?;
    let mut session = Session::new(Project::new("interop"), None);
    let report = session.import(imported).map_err(|e| e.to_string())?;
    session.project().validate().map_err(|e| e.to_string())?;
    Ok((session.project().clone(), report.notices))
}

/// Import, or fail the test naming why.
fn imported(paths: &[PathBuf]) -> (Project, Notices) {
    import(paths).unwrap_or_else(|e| panic!("{e}"))
}

/// Export `p` to `out` (replacing it).
fn export(p: &Project, format: Format, out: &Path) -> ExportReport {
    formats::export(p, format, &ExportOptions::default(), out, true)
        .unwrap_or_else(|e| panic!("{format:?}: {e}"))
}

/// A temporary folder.
fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Write `content` to `dir/name`.
fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&path, content).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// Read a file as text.
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A JSON file's value.
fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The JSON lines of a file.
fn json_lines(path: &Path) -> Vec<serde_json::Value> {
    read(path)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The report's warnings, one line each.
fn warnings(report: &ExportReport) -> String {
    let lines: Vec<String> = report
        .left_out
        .iter()
        .map(|(n, why)| format!("{n} {why}"))
        .collect();
    lines.join("\n")
}
