//! Never losing work in the window: a failed save at quit, prompts before
//! anything is replaced, a corrupt project shown as an error, changes of a
//! crashed session offered back, a project open elsewhere, a file another
//! program changed.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[cfg(unix)]
#[test]
fn a_save_that_fails_at_quit_keeps_the_window_and_the_changes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = project_file(dir.path(), "p.ron");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut h = start(Some(&path), dir.path());
    let (s, e) = at("Kremlin");
    tag_chars(&mut h, s, e, Key::Num3);
    key(&mut h, Modifiers::COMMAND, Key::Q);
    click_label(&mut h, "Save");
    assert!(
        h.query_by_label("Not saved").is_some(),
        "the failure is shown"
    );
    assert!(h.query_all_by_label_contains("read-only").count() >= 1);
    let app = h.state();
    assert!(app.session.is_dirty(), "the changes stay");
    assert!(!app.state.allow_close, "the window stays");
    assert_eq!(spans(&h).len(), 1);
}

#[test]
fn discarding_then_cancelling_the_open_keeps_guarding_the_changes() {
    let mut h = harness(text_app(PESKOV));
    let (s, e) = at("Kremlin");
    tag_chars(&mut h, s, e, Key::Num3);
    key(&mut h, Modifiers::COMMAND, Key::O);
    click_label(&mut h, "Discard changes");
    assert!(h.state().state.prompt().is_some(), "asks which project");
    click_label(&mut h, "Cancel");
    key(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "quitting asks again: nothing was discarded"
    );
}

#[test]
fn save_as_asks_before_replacing_a_file_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let other = dir.path().join("other.ron");
    std::fs::write(&other, "precious").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(text_app(PESKOV));
    let (s, e) = at("Kremlin");
    tag_chars(&mut h, s, e, Key::Num3);
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    answer_path_box(&mut h, &other);
    assert!(
        h.query_by_label("Replace the file?").is_some(),
        "asks first"
    );
    click_label(&mut h, "Cancel");
    assert_eq!(
        std::fs::read_to_string(&other).unwrap_or_default(),
        "precious"
    );
    assert!(h.state().session.is_dirty());

    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    answer_path_box(&mut h, &other);
    click_label(&mut h, "Replace it");
    assert!(!h.state().session.is_dirty(), "{}", message(&h));
    let backup = dir.path().join("other.ron.bak");
    assert_eq!(
        std::fs::read_to_string(backup).unwrap_or_default(),
        "precious"
    );
    assert_eq!(
        spanmark::store::load(&other)
            .map(|p| p.documents.len())
            .ok(),
        Some(1)
    );
}

#[test]
fn export_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    let out = dir.path().join("data.csv");
    std::fs::write(&out, "keep").unwrap_or_else(|e| panic!("{e}"));
    key(&mut h, Modifiers::COMMAND, Key::E);
    click_label(&mut h, "Format");
    click_label(&mut h, "CSV");
    set_field(&mut h, "Destination file", &out.display().to_string());
    click_label(&mut h, "Export");
    assert!(
        h.query_by_label_contains("exists already. Replace it?")
            .is_some()
    );
    click_label(&mut h, "Keep it");
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "keep");
    click_label(&mut h, "Export");
    // The export runs in the background: step until it has finished.
    h.get_by_label("Replace it").click();
    step_until(&mut h, |app| app.state.modal.is_none());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .starts_with("document,")
    );
}

#[test]
fn a_corrupt_project_is_shown_as_an_error_never_swapped_for_the_sample() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = project_file(dir.path(), "p.ron");
    let text = std::fs::read_to_string(&good).unwrap_or_default();
    std::fs::write(&good, &text[..text.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&good).unwrap_or_default();
    let mut h = start(Some(&good), dir.path());
    assert!(
        h.query_by_label("This project could not be opened")
            .is_some()
    );
    assert!(h.query_by_label_contains("ends early").is_some());
    let app = h.state();
    assert!(app.session.project().documents.is_empty(), "not the sample");
    assert_eq!(
        app.session.path(),
        None,
        "nothing points at the broken file"
    );
    // Save as onto it asks first.
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    answer_path_box(&mut h, &good);
    assert!(h.query_by_label("Replace the file?").is_some());
    click_label(&mut h, "Cancel");
    assert_eq!(std::fs::read(&good).unwrap_or_default(), before);
}

#[test]
fn the_backup_of_a_broken_project_opens_from_the_error_screen() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = project_file(dir.path(), "p.ron");
    // Save twice so a backup exists, then break the file.
    let p = spanmark::store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let backup = spanmark::store::WriteOptions { backup: true };
    spanmark::store::save_with(&p, &path, backup).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, "(format_version: 1, name: ").unwrap_or_else(|e| panic!("{e}"));
    let mut h = start(Some(&path), dir.path());
    click_label(&mut h, "Open the backup (p.ron.bak)");
    assert_eq!(h.state().session.project().documents.len(), 1);
    assert!(h.state().state.load_failure.is_none());
}

#[test]
fn changes_of_a_crashed_session_are_offered_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = project_file(dir.path(), "p.ron");
    for keep in [true, false] {
        let mut h = start(Some(&path), dir.path());
        let (s, e) = at("Kremlin");
        tag_chars(&mut h, s, e, Key::Num3);
        let (s, e) = at("Geneva");
        tag_chars(&mut h, s, e, Key::Num3);
        h.state().session.flush_journal();
        // The window goes without closing: as after a crash or kill -9.
        drop(h);
        let mut h = start(Some(&path), dir.path());
        assert!(h.query_by_label("Unsaved changes recovered").is_some());
        assert!(h.query_by_label_contains("Recovered 2 changes").is_some());
        if keep {
            click_label(&mut h, "Keep them");
            assert_eq!(spans(&h).len(), 2, "both spans are back");
            assert!(h.state().session.is_dirty());
            key(&mut h, Modifiers::COMMAND, Key::S);
            assert!(!h.state().session.is_dirty(), "{}", message(&h));
            assert_eq!(
                spanmark::store::load(&path)
                    .map(|p| p.documents[0].spans.len())
                    .ok(),
                Some(2)
            );
            // Remove them again for the second round.
            key(&mut h, Modifiers::COMMAND, Key::Z);
            key(&mut h, Modifiers::COMMAND, Key::Z);
            key(&mut h, Modifiers::COMMAND, Key::S);
        } else {
            click_label(&mut h, "Discard them");
            assert!(spans(&h).is_empty());
            assert!(
                dir.path().join(".p.ron.journal.discarded").is_file(),
                "set aside"
            );
        }
    }
}

#[test]
fn an_untitled_project_of_a_crashed_session_comes_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let journals = dir.path().join("journals");
    let article = dir.path().join("article.txt");
    std::fs::write(&article, PESKOV).unwrap_or_else(|e| panic!("{e}"));
    let mut h = start(Some(&article), &journals);
    let (s, e) = at("Kremlin");
    tag_chars(&mut h, s, e, Key::Num3);
    h.state().session.flush_journal();
    drop(h);
    // The journal names the process that wrote it; this test process is
    // alive, so hand it to a pid that is not.
    let file = std::fs::read_dir(&journals)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(Result::ok)
        .map(|e| e.path())
        .unwrap_or_else(|| panic!("no untitled journal"));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id().to_string();
    let orphan = journals.join(name.replacen(&pid, "4999999", 1));
    std::fs::rename(&file, &orphan).unwrap_or_else(|e| panic!("{e}"));

    let mut h = start(None, &journals);
    assert!(h.query_by_label_contains("untitled project").is_some());
    click_label(&mut h, "Keep them");
    let app = h.state();
    assert_eq!(app.session.path(), None);
    assert_eq!(app.session.project().documents.len(), 1);
    assert_eq!(spans(&h).len(), 1);
}

#[test]
fn a_project_open_in_another_window_is_read_only_here() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = project_file(dir.path(), "p.ron");
    let first = spanmark::session::Session::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = start(Some(&path), dir.path());
    assert!(message(&h).contains("is open in"), "{}", message(&h));
    let (s, e) = at("Kremlin");
    tag_chars(&mut h, s, e, Key::Num3);
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("Not saved").is_some());
    assert!(h.state().session.is_dirty());
    drop(first);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = project_file(dir.path(), "p.ron");
    let mut h = start(Some(&path), dir.path());
    // Another program (a git pull) writes the file.
    let mut theirs = spanmark::store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    theirs.name = "theirs".into();
    spanmark::store::save(&theirs, &path).unwrap_or_else(|e| panic!("{e}"));
    let (s, e) = at("Kremlin");
    tag_chars(&mut h, s, e, Key::Num3);
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("The file changed on disk").is_some());
    assert_eq!(
        spanmark::store::load(&path).map(|p| p.name).ok().as_deref(),
        Some("theirs")
    );
    click_label(&mut h, "Keep mine (replace theirs)");
    assert!(!h.state().session.is_dirty());
    let backup = spanmark::store::load(&dir.path().join("p.ron.bak"))
        .map(|p| p.name)
        .ok();
    assert_eq!(
        backup.as_deref(),
        Some("theirs"),
        "theirs is kept as the backup"
    );
}
