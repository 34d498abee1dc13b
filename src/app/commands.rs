//! Commands: what the UI asks for during a frame, applied at its end.

use std::path::PathBuf;

use crate::model::SpanId;

/// One thing the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Tag the selected text with this label, or relabel the selected span.
    Tag(String),
    /// Delete the selected span.
    DeleteSpan,
    /// Select a span (or none).
    SelectSpan(Option<SpanId>),
    /// Clear the text selection and the selected span.
    ClearSelection,
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
    /// Scroll the reader by this many pages (negative: up).
    ScrollPages(i32),
    /// Scroll the reader to the start of the document.
    ScrollToStart,
    /// Scroll the reader to the end of the document.
    ScrollToEnd,
}
