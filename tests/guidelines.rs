//! Guidelines (issue 26): set from a Markdown file and printed on the
//! command line, in both project forms; carried by the brat and Label
//! Studio exports; shown in the window where the decision is made (a label
//! button's hover, the inspector of a selected span, the Guidelines panel
//! with examples from the project).

use std::path::Path;

use egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project};
use spanmark::session::Session;

use crate::cli_support::run_said;
use crate::common::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const GUIDE: &str = "# Desk guidelines\n\nTag what is said, as written.\n\n\
                     ## Quote\n\nWords a source said, marks included.\n\n\
                     Partial quotes count: *called the report “subdued”*.\n\n\
                     ## entity\n\nThe speaker as written, pronoun included.\n\n\
                     ## said_by\n\nFrom the quote to who said it.\n";

fn said(
    args: &[&dyn AsRef<std::ffi::OsStr>],
) -> Result<(bool, String), Box<dyn std::error::Error>> {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run_said(&args)
}

fn project_at(path: &Path) -> TestResult {
    let mut p = Project::new("desk");
    p.documents.push(Document::new("d", "Doc", PESKOV));
    spanmark::store::save(&p, path)?;
    Ok(())
}

#[test]
fn guidelines_are_set_from_markdown_printed_and_kept_in_both_forms() -> TestResult {
    for name in ["desk.ron", "desk.spanmark"] {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(name);
        project_at(&path)?;
        let file = dir.path().join("guide.md");
        std::fs::write(&file, GUIDE)?;
        let (ok, out) = said(&[&"guidelines", &path, &file])?;
        assert!(ok, "{name}: {out}");
        let p = spanmark::store::load(&path)?;
        assert_eq!(
            p.guidelines.general, "# Desk guidelines\n\nTag what is said, as written.",
            "{name}"
        );
        let quote = p.labels.get("quote").and_then(|l| l.guideline.clone());
        assert!(
            quote.is_some_and(|q| q.starts_with("Words a source said")),
            "{name}"
        );
        assert_eq!(
            p.guidelines.relations.get("said_by").map(String::as_str),
            Some("From the quote to who said it."),
            "{name}"
        );
        // Printed back, it reads as the same guidelines.
        let (ok, printed) = said(&[&"guidelines", &path])?;
        assert!(ok, "{printed}");
        assert!(
            printed.contains("## quote\n\nWords a source said"),
            "{printed}"
        );
        let again = dir.path().join("again.md");
        std::fs::write(&again, &printed)?;
        let (ok, out) = said(&[&"guidelines", &path, &again])?;
        assert!(ok, "{out}");
        assert_eq!(
            spanmark::store::load(&path)?.guidelines,
            p.guidelines,
            "{name}"
        );
    }
    Ok(())
}

#[test]
fn a_heading_that_names_no_label_is_refused_naming_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.ron");
    project_at(&path)?;
    let before = std::fs::read(&path)?;
    let file = dir.path().join("guide.md");
    std::fs::write(&file, "Intro.\n\n## Quotations\n\ntext\n")?;
    let (ok, out) = said(&[&"guidelines", &path, &file])?;
    assert!(!ok);
    assert!(
        out.contains("guide.md:line 3") && out.contains("“Quotations”"),
        "{out}"
    );
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    assert_eq!(std::fs::read(&path)?, before, "nothing written");
    Ok(())
}

#[test]
fn brat_and_label_studio_exports_carry_the_guidelines() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.ron");
    project_at(&path)?;
    let file = dir.path().join("guide.md");
    std::fs::write(&file, GUIDE)?;
    let (ok, out) = said(&[&"guidelines", &path, &file])?;
    assert!(ok, "{out}");
    let brat = dir.path().join("brat");
    let (ok, out) = said(&[&"export", &path, &"-f", &"brat", &"-o", &brat])?;
    assert!(ok, "{out}");
    let conf = std::fs::read_to_string(brat.join("annotation.conf"))?;
    assert!(
        conf.contains("# quote: Words a source said, marks included."),
        "{conf}"
    );
    let ls = dir.path().join("tasks.json");
    let (ok, out) = said(&[&"export", &path, &"-f", &"label-studio", &"-o", &ls])?;
    assert!(ok, "{out}");
    let config = std::fs::read_to_string(dir.path().join("tasks.label-config.xml"))?;
    assert!(
        config.contains("hint=\"The speaker as written, pronoun included.\""),
        "no hint in the Label Studio configuration: {config}"
    );
    Ok(())
}

#[test]
fn the_window_shows_guidance_where_the_decision_is_made() -> TestResult {
    let mut p = Project::new("desk");
    p.documents.push(Document::new("d", "Doc", PESKOV));
    let parsed = spanmark::model::guidelines::parse(GUIDE, &p.labels, &p.relation_kinds)?;
    p.guidelines = parsed.guidelines;
    for l in &mut p.labels.0 {
        l.guideline = parsed.labels.get(&l.id).cloned();
    }
    p.labels.0[2].description = Some("People, organisations, places".into());
    let mut h = harness(SpanmarkApp::new(Session::new(p, None)));
    // The label button says what the label is for.
    h.get_by_label_contains("Entity").hover();
    h.run();
    assert!(
        h.query_all_by_label_contains("People, organisations, places")
            .next()
            .is_some(),
        "no guidance on hover"
    );
    // The inspector of a selected span: description and guideline.
    let (s, e) = at("Dmitry Peskov");
    tag_chars(&mut h, s, e, Key::Num3);
    assert!(h.query_by_label("Guideline").is_some());
    h.get_by_label("Guideline").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("pronoun included")
            .next()
            .is_some(),
        "the guideline, rendered"
    );
    // The Guidelines panel: F2, the general text, an example from here.
    h.key_press(Key::F2);
    h.run();
    assert!(
        h.query_all_by_label_contains("Tag what is said")
            .next()
            .is_some()
    );
    let example = h
        .query_all_by_label_contains("Dmitry Peskov")
        .filter_map(|n| n.accesskit_node().label().or_else(|| n.value()))
        .any(|l| l.contains("said Dmitry Peskov on Monday"));
    assert!(example, "the span in its sentence, as an example");
    Ok(())
}
