//! What a label is for, in the label editor: its role (what the
//! suggesters and the speaker picker read), the line that says what it is
//! for (shown on hover over its button), its guideline in Markdown (the
//! Guidelines panel, the inspector), and a line for each attribute.

use egui::Ui;

use crate::model::{LabelDef, Role};

/// Pick the role of the label being edited (its draft).
pub fn role_ui(ui: &mut Ui, label: &LabelDef, draft: &mut LabelDef) {
    ui.horizontal(|ui| {
        let name = ui.weak("used as");
        let mut role = draft.role();
        egui::ComboBox::from_id_salt("role")
            .selected_text(role.name())
            .show_ui(ui, |ui| {
                for r in Role::ALL {
                    ui.selectable_value(&mut role, r, r.name());
                }
            })
            .response
            .labelled_by(name.id)
            .on_hover_text(format!(
                "What {} is for: the suggestions and the speaker picker read this, never the label's name",
                label.name
            ));
        if role != draft.role() {
            draft.role = Some(role);
        }
    });
}

/// Edit the description and guideline of the label being edited (its
/// draft; Apply makes them one undoable change with the rest).
pub fn guidance_ui(ui: &mut Ui, label: &LabelDef, draft: &mut LabelDef) {
    egui::CollapsingHeader::new(format!("Guidance for {}", label.name))
        .id_salt("guidance")
        .default_open(draft.description.is_some() || draft.guideline.is_some())
        .show(ui, |ui| {
            let text = |field: &mut Option<String>| field.take().unwrap_or_default();
            let mut description = text(&mut draft.description);
            let label_d = ui.label("What it is for, in a line:");
            ui.add(
                egui::TextEdit::singleline(&mut description)
                    .hint_text("e.g. words a source said, in quotation marks")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label_d.id);
            draft.description = some(description);
            let mut guideline = text(&mut draft.guideline);
            let label_g = ui.label("Guideline (Markdown):");
            ui.add(
                egui::TextEdit::multiline(&mut guideline)
                    .hint_text("How to apply it: what to include, what not, examples…")
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label_g.id);
            draft.guideline = some(guideline);
            for attr in &mut draft.attributes {
                ui.horizontal(|ui| {
                    ui.weak(&attr.name);
                    let mut d = attr.description.take().unwrap_or_default();
                    ui.add(
                        egui::TextEdit::singleline(&mut d)
                            .hint_text("what this attribute means")
                            .desired_width(f32::INFINITY),
                    );
                    attr.description = some(d);
                });
            }
        });
}

/// `None` for text that says nothing.
fn some(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}
