//! Commands: [`Command`] is what panels push during a frame, with the
//! data some commands carry, applied at the end of the frame; the named
//! ones come from the table, [`UiCommand`] (`ui_command.rs`).

use std::path::PathBuf;

use crate::model::{LabelEdit, SpanId};
use crate::session::Edge;

use super::state::{FilePurpose, LeftTab, Pending};
pub use super::ui_command::UiCommand;

/// One thing the person asked for, applied at the end of the frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// A named command from the table.
    Ui(UiCommand),
    /// Tag the selected text with this label, or relabel the selected span.
    Tag(String),
    /// Apply an edit to the current document; `done` is the status message.
    Edit {
        /// The edit.
        edit: crate::model::Edit,
        /// What to report when it worked.
        done: &'static str,
    },
    /// A click on these spans (innermost first): select the innermost, or
    /// the next one outward if one of them is already selected.
    ClickSpans(Vec<SpanId>),
    /// Select a span and scroll it into view.
    GoToSpan(SpanId),
    /// Complete a link started with [`UiCommand::Link`].
    LinkTo(SpanId),
    /// Link two spans with a relation of this kind (replacing the quote's
    /// speaker or the claim's claimant).
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
    /// Resize a span to `[start, end)` (a handle was dragged).
    Resize {
        /// The span.
        id: SpanId,
        /// New start.
        start: usize,
        /// New end.
        end: usize,
    },
    /// Move an edge of the selected span by this many characters.
    Nudge(Edge, i32),
    /// Move an edge of the selected span to the next word edge (`true`:
    /// rightwards).
    NudgeWord(Edge, bool),
    /// Tag every search match not yet tagged with this label, as one step.
    TagAllMatches(String),
    /// Show this list in the left panel.
    ShowLeft(LeftTab),
    /// Show document `i`.
    OpenDocument(usize),
    /// Import these files or folders into the project.
    ImportPaths(Vec<PathBuf>),
    /// Set the colour theme.
    SetTheme(egui::ThemePreference),
    /// Change the label set.
    EditLabels(LabelEdit),
    /// Ask before removing a label that spans use.
    ConfirmRemoveLabel(String),
    /// Save to this file.
    SaveTo(PathBuf),
    /// Open this project file.
    OpenPath(PathBuf),
    /// Pick the export destination with a native dialog.
    BrowseExport,
    /// Save, and go ahead with the pending action only if the save worked.
    SaveThen(Pending),
    /// Drop the unsaved changes and go ahead with the pending action.
    Discard(Pending),
    /// The in-window path prompt was cancelled.
    PromptCancelled(FilePurpose),
    /// Save as to a file that exists, after the person agreed to replace it.
    SaveToConfirmed(PathBuf),
    /// Keep the changes a crashed session left (replay them).
    KeepRecovered,
    /// Drop the changes a crashed session left.
    DiscardRecovered,
    /// Save over a file another program changed (the person chose "mine").
    OverwriteMine,
    /// Read the project again from disk, dropping the unsaved changes.
    ReloadFromDisk,
    /// Open a project's backup (the project itself cannot be read).
    OpenBackup(PathBuf),
    /// Set who is annotating (`None`: nobody named; the person was asked).
    SetAnnotator(Option<String>),
    /// Run the built-in suggestion rules on the document shown.
    SuggestRules,
    /// Focus pending suggestion `i` (and scroll to it).
    FocusSuggestion(usize),
    /// Accept pending suggestion `i`.
    AcceptSuggestion(usize),
    /// Reject pending suggestion `i`.
    RejectSuggestion(usize),
    /// Accept every pending suggestion the panel's filter picks.
    AcceptSuggestionsPicked,
    /// Run the external suggester on the document shown.
    RunSuggester,
    /// Train the learned model again now.
    LearnNow,
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Command::Ui(c)
    }
}
