//! What the window remembers between runs (eframe's storage): the choices
//! of the export dialog, whether every relation is drawn, the left panel,
//! the name the person chose, the external suggester; recent projects and
//! reading places keep their own keys.

use super::SpanmarkApp;
use super::panels::export_dialog::ExportChoices;
use super::state::LeftTab;

/// Storage key: whether all relations are shown.
pub(super) const SHOW_RELATIONS: &str = "show_relations";
/// Storage key: who is annotating (absent: the person never chose).
pub(super) const ANNOTATOR: &str = "annotator";
/// Storage key: the external suggester's command.
pub(super) const SUGGESTER: &str = "suggester";
/// Storage key: whether a model learns from the person's work.
const LEARN: &str = "learn";

/// Storage key: the left panel shown (absent or `None`: hidden).
const LEFT_PANEL: &str = "left_panel";

impl SpanmarkApp {
    /// Take the settings remembered from the last run.
    pub fn load_settings(&mut self, storage: Option<&dyn eframe::Storage>) {
        self.export_choices = ExportChoices::load(storage);
        let Some(storage) = storage else {
            self.restore_annotator(None);
            return;
        };
        self.state.reader.show_relations =
            eframe::get_value(storage, SHOW_RELATIONS).unwrap_or(false);
        self.restore_annotator(eframe::get_value(storage, ANNOTATOR));
        self.suggester = eframe::get_value(storage, SUGGESTER).unwrap_or_default();
        self.learn = eframe::get_value(storage, LEARN).unwrap_or(true);
        self.state.left = eframe::get_value::<Option<LeftTab>>(storage, LEFT_PANEL).flatten();
    }

    /// Remember the settings for the next run.
    pub fn save_settings(&mut self, storage: &mut dyn eframe::Storage) {
        self.recent.save(storage);
        self.export_choices.save(storage);
        self.note_place();
        self.places.save(storage);
        eframe::set_value(storage, SHOW_RELATIONS, &self.state.reader.show_relations);
        if self.annotator_chosen {
            eframe::set_value(storage, ANNOTATOR, &self.annotator);
        }
        eframe::set_value(storage, SUGGESTER, &self.suggester);
        eframe::set_value(storage, LEARN, &self.learn);
        eframe::set_value(storage, LEFT_PANEL, &self.state.left);
    }
}
