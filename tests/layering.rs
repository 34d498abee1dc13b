//! The layering of `src/lib.rs` as a fact the test suite checks (issue 25):
//! each room of `src/` may use only the rooms below it, only `app` knows
//! egui, and `model` touches no file. A lower room importing a higher one
//! fails here, naming the file and line.
//!
//! (A workspace of crates would make the compiler check it; on two cores
//! it would also rebuild less after a change to the window, but it splits
//! one crate into six with their own manifests and public APIs. This test
//! gives the same guarantee for the cost of reading the sources.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each room and the rooms it may use (besides itself).
const ROOMS: [(&str, &[&str]); 7] = [
    ("model", &[]),
    ("store", &["model"]),
    ("analysis", &["model", "store"]),
    ("formats", &["model", "store", "analysis"]),
    ("session", &["model", "store", "analysis", "formats"]),
    ("cli", &["model", "store", "analysis", "formats", "session"]),
    ("app", &["model", "store", "analysis", "formats", "session"]),
];

/// Crates only some rooms may name.
const ONLY: [(&str, &[&str]); 3] = [
    ("egui", &["app"]),
    ("eframe", &["app"]),
    (
        "std::fs",
        &["store", "formats", "session", "cli", "app", "analysis"],
    ),
];

/// The code of a line, without its `//` comment (string contents holding
/// `//` are rare in `use` lines, and a false cut only hides an import).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// The top-level modules a piece of Rust names through `crate::`:
/// `crate::model::X` and `use crate::{model, store::Y}` alike.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (n, line) in text.lines().enumerate() {
        let mut line = code(line);
        if in_block {
            match line.find("*/") {
                Some(i) => {
                    line = &line[i + 2..];
                    in_block = false;
                }
                None => continue,
            }
        }
        if let Some(i) = line.find("/*") {
            in_block = !line[i..].contains("*/");
            line = &line[..i];
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(inner) = rest.strip_prefix('{') {
                // Names at the top of the braces.
                let mut depth = 0;
                let mut name = String::new();
                for c in inner.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.push((n + 1, head(&name)));
                            name.clear();
                        }
                        c => name.push(c),
                    }
                }
                out.push((n + 1, head(&name)));
            } else {
                out.push((n + 1, head(rest)));
            }
        }
    }
    out.retain(|(_, m)| !m.is_empty());
    out
}

fn head(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every breach of the layering under `src`: "file:line: what".
fn breaches(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (room, allowed) in ROOMS {
        let mut files = Vec::new();
        rust_files(&src.join(room), &mut files);
        let own = src.join(format!("{room}.rs"));
        if own.exists() {
            files.push(own);
        }
        let allowed: BTreeSet<&str> = allowed.iter().copied().chain([room]).collect();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let shown = file
                .strip_prefix(src)
                .unwrap_or(&file)
                .display()
                .to_string();
            for (line, module) in crate_paths(&text) {
                let known = ROOMS.iter().any(|(r, _)| *r == module);
                if known && !allowed.contains(module.as_str()) {
                    found.push(format!("src/{shown}:{line}: {room} uses {module}"));
                }
            }
            for (name, rooms) in ONLY {
                if rooms.contains(&room) {
                    continue;
                }
                for (n, l) in text.lines().enumerate() {
                    let c = code(l);
                    let named =
                        c.contains(&format!("{name}::")) || c.contains(&format!("use {name};"));
                    if named && !c.trim_start().starts_with("#[") {
                        found.push(format!("src/{shown}:{}: {room} uses {name}", n + 1));
                    }
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn no_room_uses_a_room_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = breaches(&src);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

/// The check sees an import of a higher room, in every way one is written.
#[test]
fn the_check_finds_a_breach_however_it_is_written() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let src = dir.path();
    std::fs::create_dir_all(src.join("model/deep"))?;
    std::fs::write(
        src.join("model/a.rs"),
        "use crate::session::Session;\n// crate::app in a comment is fine\n",
    )?;
    std::fs::write(
        src.join("model/deep/b.rs"),
        "use crate::{model::Span, store::{load, save}};\nfn f() { let _ = std::fs::read(\"x\"); }\n",
    )?;
    std::fs::create_dir_all(src.join("store"))?;
    std::fs::write(src.join("store/c.rs"), "fn g(_: &egui::Context) {}\n")?;
    let found = breaches(src);
    assert_eq!(
        found,
        [
            "src/model/a.rs:1: model uses session",
            "src/model/deep/b.rs:1: model uses store",
            "src/model/deep/b.rs:2: model uses std::fs",
            "src/store/c.rs:1: store uses egui",
        ]
    );
    Ok(())
}
