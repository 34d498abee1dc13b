//! Window state that is not part of the project: the selection, the status
//! message, the one open modal, and each panel's own state.

use std::path::PathBuf;

use crate::model::SpanId;

use super::panels::doc_list::DocListState;
use super::panels::export_dialog::ExportDialog;
use super::panels::inspector::InspectorState;
use super::panels::label_editor::LabelEditorState;
use super::panels::search_bar::SearchState;
use super::panels::span_list::SpanListState;
use super::reader::ReaderState;

/// What is selected in the reader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// A text range `[start, end)` waiting to be tagged.
    pub range: Option<(usize, usize)>,
    /// The span that is selected (outlined, shown in the inspector).
    pub span: Option<SpanId>,
    /// The text caret, a char boundary: set by a click, moved by the arrow
    /// keys; Shift+arrows start a selection from it. Shown only while
    /// nothing is selected.
    pub caret: Option<usize>,
}

impl Selection {
    /// A selection of one span.
    pub fn span(id: SpanId) -> Self {
        Self {
            range: None,
            span: Some(id),
            caret: None,
        }
    }
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

/// Which file the person is being asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// A project to open.
    Open,
    /// Where to save the project.
    SaveAs,
    /// A file or folder to import.
    Import,
    /// A web address whose article to import.
    Url,
}

/// The in-window path prompt, used when no native file dialog exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: FilePurpose,
    /// The path typed so far.
    pub text: String,
}

/// An action waiting for the person to decide about unsaved changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Close the window.
    Quit,
    /// Open another project (`None`: ask for a path).
    Open(Option<PathBuf>),
    /// Start a new project.
    New,
}

/// The one modal dialog open, if any.
#[derive(Debug)]
pub enum Modal {
    /// Unsaved changes: save, discard or cancel before `Pending` goes ahead.
    Unsaved(Pending),
    /// Asking for a path inside the window.
    PathPrompt(PathPrompt),
    /// The keyboard shortcuts.
    Help,
    /// Confirm removing a label that spans use (label id).
    ConfirmRemoveLabel(String),
    /// The export dialog.
    Export(ExportDialog),
    /// Changes a session that ended unexpectedly left in a journal.
    Recover(RecoverOffer),
    /// A save failed: say why, offer Save as.
    SaveFailed(String),
    /// The file changed on disk since it was opened.
    ChangedOnDisk(PathBuf),
    /// Save as would replace this existing file: ask first.
    ConfirmOverwrite(PathBuf),
    /// Who is annotating: the name being typed.
    YourName(String),
    /// The agreement of the open project's annotators.
    Agreement(Box<crate::analysis::agree::Agreement>),
}

/// Changes found in a journal, waiting for Keep or Discard.
#[derive(Debug)]
pub struct RecoverOffer {
    /// The changes, in order.
    pub changes: Vec<crate::model::Change>,
    /// A torn last record was left out.
    pub torn: bool,
    /// Records after a damaged one are lost (the journal is kept aside).
    pub damaged: bool,
    /// When the crashed session's journal began (seconds since 1970).
    pub started: u64,
    /// Where they come from.
    pub source: RecoverSource,
}

/// Where recovered changes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecoverSource {
    /// The journal beside the open project.
    Project,
    /// An untitled project's journal (the file), whose project it began
    /// from is then opened; or that of a window that could not write its
    /// project (named), which held a copy of it.
    Untitled(PathBuf, Box<crate::model::Project>, Option<PathBuf>),
    /// The journal (the file) of a window that changed one document of the
    /// folder project `project` while it was being read: a copy of that
    /// document (`base`) and the changes. They go back into the project
    /// when it is being read again with that document unchanged, else
    /// open as an untitled copy.
    Reading {
        /// The journal file.
        file: PathBuf,
        /// A project holding the document as it was read.
        base: Box<crate::model::Project>,
        /// The folder project.
        project: PathBuf,
    },
    /// The journal (the file) of a window that could not write `project`,
    /// for its version `version`: replayed onto it if it is still that.
    ReadOnly {
        /// The journal file.
        file: PathBuf,
        /// The project.
        project: PathBuf,
        /// Length and CRC-32 of the project's file the changes apply to.
        version: Option<(u64, u32)>,
    },
    /// The journal of a project whose backup is open.
    Backup,
}

/// A project that could not be opened, shown instead of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadFailure {
    /// The file.
    pub path: PathBuf,
    /// What is wrong, in one line.
    pub message: String,
    /// Its backup, if there is one.
    pub backup: Option<PathBuf>,
}

/// What the left panel lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LeftTab {
    /// The project's documents.
    Documents,
    /// The current document's spans.
    Spans,
    /// The annotators' differences in the current document (a merged
    /// project), to accept or reject.
    Curation,
    /// The current document's pending suggestions.
    Suggestions,
}

/// Messages from an import running on another thread.
#[derive(Debug)]
pub enum ImportMsg {
    /// Files read so far, of how many.
    Progress(usize, usize),
    /// The documents read, or why the import failed.
    Finished(Result<crate::formats::Imported, String>),
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

/// Everything the window remembers between frames, apart from the project.
#[derive(Debug, Default)]
pub struct UiState {
    /// The reader's selection.
    pub selection: Selection,
    /// Last status message.
    pub message: Option<Message>,
    /// The reader's paragraph geometry.
    pub reader: ReaderState,
    /// The open modal, if any.
    pub modal: Option<Modal>,
    /// The person agreed to close with unsaved changes.
    pub allow_close: bool,
    /// What to do once the save under way has succeeded (quit, open, new).
    pub after_save: Option<Pending>,
    /// Title last sent to the window.
    pub last_title: String,
    /// Linking: the source span waiting for a click on its target.
    pub linking: Option<SpanId>,
    /// The search bar.
    pub search: SearchState,
    /// The left panel, when shown, and which list it shows.
    pub left: Option<LeftTab>,
    /// The document list.
    pub doc_list: DocListState,
    /// The span list.
    pub span_list: SpanListState,
    /// The curation panel.
    pub curation: super::panels::curation::CurationState,
    /// The suggestions panel.
    pub suggestions: super::panels::suggestions::SuggestionsState,
    /// The inspector's drafts.
    pub inspector: InspectorState,
    /// The Guidelines panel.
    pub guidelines: super::panels::guidelines::GuidelinesState,
    /// The Statistics panel.
    pub statistics: super::panels::statistics::StatisticsState,
    /// The label set editor, when open.
    pub label_editor: Option<LabelEditorState>,
    /// The import in progress.
    pub import: Option<ImportJob>,
    /// The document whose characters were last checked against the fonts.
    pub fonts_checked: Option<String>,
    /// The external suggester, running.
    pub suggest_job: Option<super::suggester::SuggestJob>,
    /// The model that learns from the person.
    pub learner: super::learner::Learner,
    /// The annotators being compared (Curate > Agreement).
    pub agreement_job: Option<super::agreement::AgreementJob>,
    /// The project being opened off the UI thread.
    pub opening: Option<super::opening::OpenJob>,
    /// The project asked for could not be opened: the error screen.
    pub load_failure: Option<LoadFailure>,
    /// The reader's area last frame: where windows over the text open
    /// (never over the menu, label and search bars).
    pub text_area: Option<egui::Rect>,
    /// How many journal failures the person dismissed the banner of (it
    /// comes back at the next failure).
    pub journal_dismissed: u64,
    /// The article this unsaved project was opened from: Save as suggests
    /// a project beside it.
    pub article: Option<std::path::PathBuf>,
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

    /// Whether a modal dialog (or the import progress, or a project being
    /// read with nothing to change yet) blocks the window.
    pub fn blocked(&self) -> bool {
        let reading = self.opening.as_ref().is_some_and(|j| j.editing.is_none());
        self.modal.is_some() || self.import.is_some() || reading
    }

    /// The path prompt, if it is the open modal.
    pub fn prompt(&self) -> Option<&PathPrompt> {
        match &self.modal {
            Some(Modal::PathPrompt(p)) => Some(p),
            _ => None,
        }
    }
}
