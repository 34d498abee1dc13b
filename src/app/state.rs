//! UI state that is not part of the project: selection, messages, dialogs.

use std::path::PathBuf;

use crate::analysis::search::SearchOptions;
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
    /// A file or folder to import.
    Import,
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
    /// Start a new project.
    New,
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
    /// Linking: the source span waiting for a click on its target.
    pub linking: Option<SpanId>,
    /// The search bar.
    pub search: SearchState,
    /// The left panel, when shown, and which list it shows.
    pub left: Option<LeftTab>,
    /// Document list filter.
    pub doc_filter: String,
    /// Span list rows (positions in `doc.spans`), cached for
    /// (session revision, document, label filter).
    pub span_rows: Option<(SpanRowsKey, Vec<usize>)>,
    /// The import in progress.
    pub import: Option<ImportJob>,
    /// Span list: show only this label (`None`: all).
    pub span_filter: Option<String>,
    /// Whether the label set editor is shown.
    pub show_label_editor: bool,
    /// A label removal waiting for confirmation (spans use the label).
    pub confirm_remove_label: Option<String>,
    /// Give the note field keyboard focus next frame.
    pub focus_note: bool,
    /// The note being typed for a span, saved when the field loses focus.
    pub note_draft: Option<(SpanId, String)>,
    /// A free-text attribute being typed: (span, key, value).
    pub attr_draft: Option<(SpanId, String, String)>,
    /// The label set editor's unsaved drafts.
    pub label_drafts: LabelDrafts,
    /// The export dialog, when open.
    pub export: Option<super::export_dialog::ExportDialog>,
}

/// Drafts in the label set editor, applied with its Apply buttons so that
/// dragging a colour or typing a name makes one undo step, not hundreds.
#[derive(Debug, Default)]
pub struct LabelDrafts {
    /// Edited copies of labels, by id.
    pub labels: std::collections::BTreeMap<String, crate::model::LabelDef>,
    /// Name typed for a new label.
    pub new_name: String,
}

/// What the span list rows were computed for: (session revision, document
/// index, label filter).
pub type SpanRowsKey = (u64, usize, Option<String>);

/// What the left panel lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    /// The project's documents.
    Documents,
    /// The current document's spans.
    Spans,
}

/// Messages from an import running on another thread.
#[derive(Debug)]
pub enum ImportMsg {
    /// Files read so far, of how many.
    Progress(usize, usize),
    /// The documents read, or why the import failed.
    Finished(Result<Vec<crate::model::Document>, String>),
}

/// An import running off the UI thread.
#[derive(Debug)]
pub struct ImportJob {
    /// Where progress and the result arrive.
    pub rx: std::sync::mpsc::Receiver<ImportMsg>,
    /// Files read so far.
    pub done: usize,
    /// Files to read.
    pub total: usize,
}

/// The search bar's state.
#[derive(Debug, Default)]
pub struct SearchState {
    /// Whether the bar is shown.
    pub open: bool,
    /// The query typed.
    pub query: String,
    /// Case and whole-word options.
    pub options: SearchOptions,
    /// Matches of the query in the current document, sorted.
    pub matches: Vec<(usize, usize)>,
    /// Index of the current match.
    pub current: Option<usize>,
    /// (document index, query, options) the matches were computed for.
    pub computed_for: Option<(usize, String, SearchOptions)>,
    /// Give the query field focus next frame.
    pub focus: bool,
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
