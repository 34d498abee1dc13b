//! UI state that is not part of the project: selection, messages, dialogs.

use std::path::PathBuf;

use crate::model::SpanId;

use super::reader::ReaderState;

/// What is selected in the reader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// A text range `[start, end)` waiting to be tagged.
    pub range: Option<(usize, usize)>,
    /// The span that is selected (outlined, shown in the inspector).
    pub span: Option<SpanId>,
}

/// Whether a status message reports success or a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// Something worked.
    Info,
    /// Something failed; shown in the error colour.
    Error,
}

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Text shown.
    pub text: String,
    /// Info or error.
    pub kind: MessageKind,
}

/// Which file the user is being asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// A project to open.
    Open,
    /// Where to save the project.
    SaveAs,
}

/// The in-window path prompt, used when no native file dialog is available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: FilePurpose,
    /// The path typed so far.
    pub text: String,
}

/// An action waiting for the user to decide about unsaved changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Close the window.
    Quit,
    /// Open another project (`None`: ask for a path).
    Open(Option<PathBuf>),
}

/// Everything the window remembers between frames, apart from the project.
#[derive(Debug, Default)]
pub struct UiState {
    /// The reader's selection.
    pub selection: Selection,
    /// Last status message.
    pub message: Option<Message>,
    /// The reader's paragraph geometry.
    pub reader: ReaderState,
    /// Open path prompt, if any.
    pub prompt: Option<PathPrompt>,
    /// Action waiting on the unsaved-changes question.
    pub pending: Option<Pending>,
    /// The user agreed to close with unsaved changes.
    pub allow_close: bool,
    /// Title last sent to the window.
    pub last_title: String,
    /// Whether the shortcut help is shown.
    pub show_help: bool,
}

impl UiState {
    /// Show an informational message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Info,
        });
    }

    /// Show an error message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Error,
        });
    }
}
