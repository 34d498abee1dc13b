//! Commands: what the UI asks for during a frame, applied at its end.

use std::path::PathBuf;

use crate::model::{Edit, LabelEdit, SpanId};

/// Which end of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The first code point.
    Start,
    /// One past the last code point.
    End,
}

/// One thing the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Tag the selected text with this label, or relabel the selected span.
    Tag(String),
    /// Apply an edit to the current document; `done` is the status message.
    Apply {
        /// The edit.
        edit: Edit,
        /// What to report when it worked.
        done: &'static str,
    },
    /// Delete the selected span.
    DeleteSpan,
    /// A click on these spans (innermost first): select the innermost, or
    /// the next one outward if one of them is already selected.
    ClickSpans(Vec<SpanId>),
    /// Select a span and scroll it into view.
    GoToSpan(SpanId),
    /// Select the next span in document order.
    NextSpan,
    /// Select the previous span in document order.
    PrevSpan,
    /// Clear the text selection and the selected span (and cancel linking).
    ClearSelection,
    /// Move an edge of the selected span by this many characters.
    Nudge(Edge, i32),
    /// Start linking the selected span: the next clicked span is its target.
    StartLink,
    /// Complete the link started with [`Command::StartLink`].
    LinkTo(SpanId),
    /// Link two spans with a relation of this kind (replacing an existing
    /// relation of the same kind from `from`).
    Link {
        /// Source span (the quote or claim).
        from: SpanId,
        /// Target span (the entity).
        to: SpanId,
        /// Relation kind.
        kind: String,
    },
    /// Stop linking.
    CancelLink,
    /// Focus the note field of the selected span in the inspector.
    FocusInspector,
    /// Open the search bar.
    OpenSearch,
    /// Close the search bar.
    CloseSearch,
    /// Go to the next search match.
    SearchNext,
    /// Go to the previous search match.
    SearchPrev,
    /// Tag every search match not yet tagged with this label, as one edit.
    TagAllMatches(String),
    /// Show or hide the left panel (documents and spans).
    ToggleLeftPanel,
    /// Show this list in the left panel.
    ShowLeft(super::state::LeftTab),
    /// Show document `i`.
    OpenDocument(usize),
    /// Show the next (`1`) or previous (`-1`) document.
    StepDocument(i32),
    /// Set the current document's status to the next one (to do, in progress, done).
    CycleStatus,
    /// Start a new, empty project (asks about unsaved changes).
    NewProject,
    /// Import files (asks for them).
    Import,
    /// Import these files or folders into the project.
    ImportPaths(Vec<PathBuf>),
    /// Set the colour theme.
    SetTheme(egui::ThemePreference),
    /// Zoom in (`1`), out (`-1`) or back to 100% (`0`).
    Zoom(i32),
    /// Show or hide the label set editor.
    ToggleLabelEditor,
    /// Change the label set.
    EditLabels(LabelEdit),
    /// Ask before removing a label that spans use.
    ConfirmRemoveLabel(String),
    /// Undo the last label set change.
    UndoLabels,
    /// Redo the last undone label set change.
    RedoLabels,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Save to the project's file (asks for one if there is none).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Save to this file.
    SaveTo(PathBuf),
    /// Open a project (asks for a path).
    Open,
    /// Open this project file.
    OpenPath(PathBuf),
    /// Close the window (asks about unsaved changes).
    Quit,
    /// Show or hide the shortcut help.
    ToggleHelp,
    /// Open the export dialog.
    OpenExport,
    /// Pick the export destination with a native dialog.
    BrowseExport,
    /// Scroll the reader by this many pages (negative: up).
    ScrollPages(i32),
    /// Scroll the reader to the start of the document.
    ScrollToStart,
    /// Scroll the reader to the end of the document.
    ScrollToEnd,
}
