//! The table of everything a person can ask for by name: menus,
//! shortcuts and the F1 help all read it, in the manner of rerun's
//! `UICommand`. Each command's name, its help line and its shortcut.

use egui::os::OperatingSystem;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Every named command, in the order the help lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum UiCommand {
    /// Start a new project.
    NewProject,
    /// Open a project.
    Open,
    /// Save.
    Save,
    /// Save to a new file.
    SaveAs,
    /// Import articles or annotated files.
    Import,
    /// Import the article at a web address.
    OpenUrl,
    /// Export a dataset.
    Export,
    /// Close the window.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Open the search bar.
    Find,
    /// Next search match.
    FindNext,
    /// Previous search match.
    FindPrevious,
    /// Show the label set editor.
    Labels,
    /// Delete the selected span.
    DeleteSpan,
    /// Move the document's status on.
    CycleStatus,
    /// Select the next span.
    NextSpan,
    /// Select the previous span.
    PreviousSpan,
    /// Move the text caret a character left.
    CaretLeft,
    /// Move the text caret a character right.
    CaretRight,
    /// Move the text caret to the start of a word.
    CaretWordLeft,
    /// Move the text caret to the end of a word.
    CaretWordRight,
    /// Move the selected span's end left.
    EndLeft,
    /// Move the selected span's end right.
    EndRight,
    /// Move the selected span's start left.
    StartLeft,
    /// Move the selected span's start right.
    StartRight,
    /// Move the selected span's end left by a word.
    EndWordLeft,
    /// Move the selected span's end right by a word.
    EndWordRight,
    /// Move the selected span's start left by a word.
    StartWordLeft,
    /// Move the selected span's start right by a word.
    StartWordRight,
    /// Edit the selected span's note.
    EditNote,
    /// Link the selected span to another.
    Link,
    /// Cancel linking, clear the selection, close the search bar.
    Escape,
    /// Show or hide the documents and spans panel.
    ToggleLeftPanel,
    /// Show every relation as an arc between the lines, or only the
    /// selected span's.
    ToggleRelations,
    /// Select the next sentence that holds no span yet.
    NextUntagged,
    /// Select the previous sentence that holds no span yet.
    PreviousUntagged,
    /// Show the next document.
    NextDocument,
    /// Show the previous document.
    PreviousDocument,
    /// Scroll down a page.
    PageDown,
    /// Scroll up a page.
    PageUp,
    /// Go to the start of the document.
    GoToStart,
    /// Go to the end of the document.
    GoToEnd,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Back to 100 %.
    ZoomReset,
    /// Accept the selected span into the gold standard (curation).
    AcceptSpan,
    /// Reject the selected span (curation): it is removed.
    RejectSpan,
    /// Accept every span all the document's annotators made.
    AcceptAgreed,
    /// Show the curation panel.
    ShowCuration,
    /// Show the agreement between the project's annotators.
    Agreement,
    /// Run the built-in suggestion rules on this document.
    Suggest,
    /// Set the name recorded on new spans and relations.
    YourName,
    /// Show or hide the annotation guidelines.
    Guidelines,
    /// Show or hide the project's statistics.
    Statistics,
    /// Show the keyboard shortcuts.
    Help,
}

impl UiCommand {
    /// The command's name as menus show it.
    pub fn text(self) -> &'static str {
        self.text_and_help().0
    }

    /// One line saying what it does (help overlay, tooltips).
    pub fn help(self) -> &'static str {
        self.text_and_help().1
    }

    /// (name, help line).
    pub fn text_and_help(self) -> (&'static str, &'static str) {
        use UiCommand as C;
        match self {
            C::NewProject => ("New project", "Start a new, empty project"),
            C::Open => ("Open…", "Open a project"),
            C::Save => ("Save", "Save the project"),
            C::SaveAs => ("Save as…", "Save the project to a new file"),
            C::Import => ("Import…", "Import articles or annotated files"),
            C::OpenUrl => ("Open URL…", "Import the article at a web address"),
            C::Export => ("Export…", "Export a labelled dataset"),
            C::Quit => ("Quit", "Close the window (asks about unsaved changes)"),
            C::Undo => ("Undo", "Undo the last change"),
            C::Redo => ("Redo", "Redo the last undone change"),
            C::Find => ("Find…", "Find in the document"),
            C::FindNext => ("Find next", "Go to the next search match"),
            C::FindPrevious => ("Find previous", "Go to the previous search match"),
            C::Labels => ("Labels…", "Edit the label set"),
            C::DeleteSpan => ("Delete span", "Delete the selected span and its relations"),
            C::CycleStatus => (
                "Next document status",
                "Set the document's status: to do, in progress, done",
            ),
            C::NextSpan => ("Next span", "Select the next span"),
            C::PreviousSpan => ("Previous span", "Select the previous span"),
            C::CaretLeft => ("Caret left", "Move the text caret a character left"),
            C::CaretRight => ("Caret right", "Move the text caret a character right"),
            C::CaretWordLeft => (
                "Caret a word left",
                "Move the text caret to the start of a word",
            ),
            C::CaretWordRight => (
                "Caret a word right",
                "Move the text caret to the end of a word",
            ),
            C::EndLeft => (
                "Shrink end",
                "Move the end of the selected span or text left",
            ),
            C::EndRight => (
                "Grow end",
                "Move the end of the selected span or text right",
            ),
            C::StartLeft => (
                "Grow start",
                "Move the start of the selected span or text left",
            ),
            C::StartRight => (
                "Shrink start",
                "Move the start of the selected span or text right",
            ),
            C::EndWordLeft => (
                "Shrink end by a word",
                "Move the end of the selected span or text a word left",
            ),
            C::EndWordRight => (
                "Grow end by a word",
                "Move the end of the selected span or text a word right",
            ),
            C::StartWordLeft => (
                "Grow start by a word",
                "Move the start of the selected span or text a word left",
            ),
            C::StartWordRight => (
                "Shrink start by a word",
                "Move the start of the selected span or text a word right",
            ),
            C::EditNote => ("Edit note", "Edit the selected span's note"),
            C::Link => (
                "Link…",
                "Link the selected span: then click its speaker or target",
            ),
            C::Escape => (
                "Cancel",
                "Cancel linking, clear the selection, close the search bar",
            ),
            C::ToggleLeftPanel => (
                "Documents and spans",
                "Show or hide the documents and spans panel",
            ),
            C::ToggleRelations => (
                "Show all relations",
                "Draw every relation as an arc between the lines, labelled with its kind",
            ),
            C::NextUntagged => (
                "Next untagged sentence",
                "Select the next sentence with no span in it, ready to tag",
            ),
            C::PreviousUntagged => (
                "Previous untagged sentence",
                "Select the previous sentence with no span in it",
            ),
            C::NextDocument => ("Next document", "Show the next document"),
            C::PreviousDocument => ("Previous document", "Show the previous document"),
            C::PageDown => ("Page down", "Scroll down a page"),
            C::PageUp => ("Page up", "Scroll up a page"),
            C::GoToStart => ("Go to start", "Go to the start of the document"),
            C::GoToEnd => ("Go to end", "Go to the end of the document"),
            C::ZoomIn => ("Zoom in", "Make everything larger"),
            C::ZoomOut => ("Zoom out", "Make everything smaller"),
            C::ZoomReset => ("Actual size", "Back to 100 % zoom"),
            C::AcceptSpan => (
                "Accept span",
                "Curation: accept the selected span into the gold standard",
            ),
            C::RejectSpan => ("Reject span", "Curation: reject (remove) the selected span"),
            C::AcceptAgreed => (
                "Accept all agreed",
                "Curation: accept every span all annotators of the document made",
            ),
            C::ShowCuration => (
                "Curation",
                "Show the annotators' differences in this document, to accept or reject",
            ),
            C::Agreement => (
                "Agreement…",
                "Compare the annotators of this project: F1, kappa, alpha",
            ),
            C::Suggest => (
                "Suggest",
                "Suggest quotes, speakers, names and dates in this document (rules for news)",
            ),
            C::YourName => (
                "Your name…",
                "The name recorded on the spans and relations you make",
            ),
            C::Guidelines => (
                "Guidelines",
                "Show or hide the annotation guidelines, with examples from this project",
            ),
            C::Statistics => (
                "Statistics",
                "Charts of the project: statuses, labels, annotators, progress, time, agreement",
            ),
            C::Help => ("Keyboard shortcuts", "Show or hide the keyboard shortcuts"),
        }
    }

    /// Whether the command's shortcut works while a text field has the
    /// keyboard (as rerun's command dispatch does): commands whose keys
    /// edit no text, so Ctrl+S while typing a note saves (the note too).
    pub fn works_in_text_fields(self) -> bool {
        use UiCommand as C;
        matches!(
            self,
            C::NewProject
                | C::Open
                | C::Save
                | C::SaveAs
                | C::Import
                | C::OpenUrl
                | C::Export
                | C::Quit
                | C::Find
                | C::FindNext
                | C::FindPrevious
                | C::NextDocument
                | C::PreviousDocument
                | C::Help
        )
    }

    /// The command's shortcuts, the one menus show first.
    pub fn shortcuts(self, os: OperatingSystem) -> Vec<KeyboardShortcut> {
        use UiCommand as C;
        let key = |k| KeyboardShortcut::new(Modifiers::NONE, k);
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let shift = |k| KeyboardShortcut::new(Modifiers::SHIFT, k);
        let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        let alt_shift = |k| KeyboardShortcut::new(Modifiers::ALT | Modifiers::SHIFT, k);
        let cmd_alt_shift =
            |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::ALT | Modifiers::SHIFT, k);
        let alt = |k| KeyboardShortcut::new(Modifiers::ALT, k);
        match self {
            C::NewProject => vec![cmd(Key::N)],
            C::Open => vec![cmd(Key::O)],
            C::Save => vec![cmd(Key::S)],
            C::SaveAs => vec![cmd_shift(Key::S)],
            C::Import => vec![cmd(Key::I)],
            C::OpenUrl => vec![cmd(Key::L)],
            C::Export => vec![cmd(Key::E)],
            // Windows closes windows with Alt+F4; Ctrl+Q works everywhere.
            C::Quit if os == OperatingSystem::Windows => vec![cmd(Key::Q), alt(Key::F4)],
            C::Quit => vec![cmd(Key::Q)],
            C::Undo => vec![cmd(Key::Z)],
            C::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            C::Find => vec![cmd(Key::F)],
            C::FindNext => vec![key(Key::F3)],
            C::FindPrevious => vec![shift(Key::F3)],
            C::Labels => vec![],
            C::DeleteSpan => vec![key(Key::Delete), key(Key::Backspace)],
            C::CycleStatus => vec![cmd(Key::D)],
            C::NextSpan => vec![key(Key::Tab)],
            C::PreviousSpan => vec![shift(Key::Tab)],
            C::CaretLeft => vec![key(Key::ArrowLeft)],
            C::CaretRight => vec![key(Key::ArrowRight)],
            C::CaretWordLeft => vec![cmd(Key::ArrowLeft)],
            C::CaretWordRight => vec![cmd(Key::ArrowRight)],
            C::EndLeft => vec![shift(Key::ArrowLeft)],
            C::EndRight => vec![shift(Key::ArrowRight)],
            C::StartLeft => vec![alt_shift(Key::ArrowLeft)],
            C::StartRight => vec![alt_shift(Key::ArrowRight)],
            C::EndWordLeft => vec![cmd_shift(Key::ArrowLeft)],
            C::EndWordRight => vec![cmd_shift(Key::ArrowRight)],
            C::StartWordLeft => vec![cmd_alt_shift(Key::ArrowLeft)],
            C::StartWordRight => vec![cmd_alt_shift(Key::ArrowRight)],
            C::EditNote => vec![key(Key::Enter)],
            C::Link => vec![key(Key::L)],
            C::Escape => vec![key(Key::Escape)],
            C::ToggleLeftPanel => vec![cmd(Key::B)],
            C::ToggleRelations => vec![cmd(Key::R)],
            C::NextUntagged => vec![alt(Key::ArrowDown)],
            C::PreviousUntagged => vec![alt(Key::ArrowUp)],
            C::NextDocument => vec![cmd(Key::PageDown)],
            C::PreviousDocument => vec![cmd(Key::PageUp)],
            C::PageDown => vec![key(Key::PageDown)],
            C::PageUp => vec![key(Key::PageUp)],
            C::GoToStart => vec![cmd(Key::Home)],
            C::GoToEnd => vec![cmd(Key::End)],
            C::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
            C::ZoomOut => vec![cmd(Key::Minus)],
            C::ZoomReset => vec![cmd(Key::Num0)],
            C::AcceptSpan => vec![key(Key::A)],
            C::RejectSpan => vec![key(Key::X)],
            C::AcceptAgreed => vec![shift(Key::A)],
            C::ShowCuration => vec![],
            C::Agreement => vec![],
            C::Suggest => vec![],
            C::YourName => vec![],
            C::Guidelines => vec![key(Key::F2)],
            C::Statistics => vec![key(Key::F4)],
            C::Help => vec![key(Key::F1), key(Key::Questionmark)],
        }
    }

    /// Every command.
    pub fn all() -> impl Iterator<Item = UiCommand> {
        <UiCommand as strum::IntoEnumIterator>::iter()
    }
}
