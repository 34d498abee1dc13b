//! The agreement table in the window (Curate > Agreement): the open
//! project's annotators compared as `spanmark agree` compares them (the
//! definitions are in docs/agreement.md).

use egui::{Id, Modal as EguiModal, RichText, Ui};

use crate::analysis::agree::{Agreement, LabelAgreement};
use crate::model::LabelSet;

fn number(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{x:.3}"))
}

fn row(ui: &mut Ui, name: &str, a: &LabelAgreement) {
    ui.label(name);
    for value in [
        a.exact.precision,
        a.exact.recall,
        a.exact.f1,
        a.overlap.f1,
        a.kappa,
    ] {
        ui.label(number(value));
    }
    ui.end_row();
}

/// Show the agreement; `true` when closed.
pub fn agreement_ui(ui: &mut Ui, agreement: &Agreement, labels: &LabelSet) -> bool {
    let mut close = false;
    EguiModal::new(Id::unique("agreement")).show(ui.ctx(), |ui| {
        ui.set_width(560.0);
        ui.heading("Agreement between annotators");
        ui.label(format!(
            "{} documents annotated by two or more of: {}",
            agreement.documents,
            agreement.annotators.join(", ")
        ));
        ui.label(
            RichText::new(format!("Krippendorff's alpha: {}", number(agreement.alpha))).strong(),
        );
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .show(ui, |ui| {
                for (i, pair) in agreement.pairs.iter().enumerate() {
                    ui.add_space(4.0);
                    ui.label(
                        RichText::new(format!(
                            "{} vs {} ({} documents)",
                            pair.a, pair.b, pair.documents
                        ))
                        .strong(),
                    );
                    egui::Grid::new(("agreement_pair", i))
                        .striped(true)
                        .num_columns(6)
                        .show(ui, |ui| {
                            for h in [
                                "label",
                                "exact P",
                                "exact R",
                                "exact F1",
                                "overlap F1",
                                "kappa",
                            ] {
                                ui.label(RichText::new(h).weak());
                            }
                            ui.end_row();
                            for (label, a) in &pair.labels {
                                let name = labels
                                    .get(label)
                                    .map_or(label.as_str(), |l| l.name.as_str());
                                row(ui, name, a);
                            }
                            row(ui, "all labels", &pair.overall);
                        });
                }
            });
        ui.add_space(6.0);
        ui.weak(
            "P = matched / spans of the second; R = matched / spans of the first; \
             exact: same start, end and label; overlap: same label, intersecting; \
             kappa over non-space characters; – undefined (docs/agreement.md).",
        );
        ui.add_space(6.0);
        if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close = true;
        }
    });
    close
}
