//! The Label Studio labeling configuration matching an export: labels with
//! their colours, one control per label and attribute (shown when a region
//! of that label is selected), the note, relations and categories.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{AttrKind, LabelSet};

use super::super::{DocSurvey, ExportDoc};
use super::origin::Origin;
use super::xml_escape;

/// What the labelling configuration and the tasks' shared names need of
/// the documents exported, gathered a chunk of documents at a time (a
/// folder project is surveyed, then written, without being in memory).
#[derive(Debug, Default)]
pub struct Survey {
    /// The names every document so far came with (see [`Origin::fold`]).
    origin: Option<Origin>,
    /// Attributes the spans carry, by (label, attribute) in the order first
    /// seen, with their values.
    span_attrs: Vec<((String, String), BTreeSet<String>)>,
    /// Where each (label, attribute) is in `span_attrs`.
    at: HashMap<(String, String), usize>,
    /// Relation kinds the relations use.
    kinds: BTreeSet<String>,
    /// Category control -> values, from the documents' categories.
    categories: BTreeMap<String, BTreeSet<String>>,
}

impl DocSurvey for Survey {
    /// Take in these documents.
    fn add(&mut self, docs: &[ExportDoc<'_>]) {
        for d in docs {
            Origin::fold(&mut self.origin, d.doc);
            for s in &d.spans {
                for (name, value) in &s.attrs {
                    let key = (s.label.clone(), name.clone());
                    let i = *self.at.entry(key.clone()).or_insert_with(|| {
                        self.span_attrs.push((key, BTreeSet::new()));
                        self.span_attrs.len() - 1
                    });
                    self.span_attrs[i].1.insert(value.clone());
                }
            }
            self.kinds
                .extend(d.relations.iter().map(|r| r.kind.clone()));
            let chosen = d.doc.choices.iter().map(|c| &c.category);
            let suggested = d.doc.suggestions.categories.iter().map(|c| &c.category);
            for c in d.doc.categories.iter().chain(chosen).chain(suggested) {
                let (group, value) = c.split_once('/').unwrap_or(("category", c));
                self.categories
                    .entry(group.to_owned())
                    .or_default()
                    .insert(value.to_owned());
            }
        }
    }
}

impl Survey {
    /// The names an export of the documents surveyed uses (see
    /// [`Origin::fold`]).
    pub fn origin(&self) -> Origin {
        self.origin.clone().unwrap_or_default()
    }

    /// The `<View>` configuration for the documents surveyed and `labels`.
    pub fn label_config(&self, labels: &LabelSet, relation_kinds: &[String]) -> String {
        // The names the documents came with, so the configuration fits the
        // project they came from.
        let origin = self.origin();
        let to = xml_escape(origin.to_name());
        let mut controls: BTreeMap<&str, Vec<&crate::model::LabelDef>> = BTreeMap::new();
        for l in labels.iter() {
            controls
                .entry(origin.labels_control(l.export_name()))
                .or_default()
                .push(l);
        }
        let mut out = String::from("<View>\n");
        for (control, group) in controls {
            out.push_str(&format!(
                "  <Labels name=\"{}\" toName=\"{to}\">\n",
                xml_escape(control)
            ));
            labels_block(&mut out, &group);
            out.push_str("  </Labels>\n");
        }
        out.push_str(&format!(
            "  <Text name=\"{to}\" value=\"${}\"/>\n",
            xml_escape(origin.text_key())
        ));
        self.attributes_block(&mut out, labels, &origin);
        out.push_str(&format!(
            "  <TextArea name=\"note\" toName=\"{to}\" perRegion=\"true\" visibleWhen=\"region-selected\" editable=\"true\" maxSubmissions=\"1\"/>\n",
        ));
        let mut kinds: BTreeSet<&str> = relation_kinds.iter().map(String::as_str).collect();
        kinds.extend(self.kinds.iter().map(String::as_str));
        out.push_str("  <Relations>\n");
        for k in kinds {
            out.push_str(&format!("    <Relation value=\"{}\"/>\n", xml_escape(k)));
        }
        out.push_str("  </Relations>\n");
        for (group, values) in &self.categories {
            out.push_str(&format!(
                "  <Choices name=\"{}\" toName=\"{to}\" choice=\"multiple\">\n",
                xml_escape(group)
            ));
            for v in values {
                out.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_escape(v)));
            }
            out.push_str("  </Choices>\n");
        }
        out.push_str("</View>\n");
        out
    }

    /// One control per label and attribute, shown when a region of that
    /// label is selected.
    fn attributes_block(&self, out: &mut String, labels: &LabelSet, origin: &Origin) {
        let to = xml_escape(origin.to_name());
        for (control, (label, choices)) in self.attribute_controls(labels, origin) {
            let when = xml_escape(labels.get(&label).map_or(&label, |l| l.export_name()));
            let common = format!(
                "name=\"{}\" toName=\"{to}\" perRegion=\"true\" visibleWhen=\"region-selected\" whenLabelValue=\"{when}\"",
                xml_escape(&control)
            );
            match choices {
                Some(values) => {
                    out.push_str(&format!("  <Choices {common} choice=\"single\">\n"));
                    for v in values {
                        out.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_escape(&v)));
                    }
                    out.push_str("  </Choices>\n");
                }
                None => out.push_str(&format!(
                    "  <TextArea {common} editable=\"true\" maxSubmissions=\"1\"/>\n"
                )),
            }
        }
    }

    /// Control name -> (label, the choices when it is a choice).
    fn attribute_controls(
        &self,
        labels: &LabelSet,
        origin: &Origin,
    ) -> BTreeMap<String, (String, Option<BTreeSet<String>>)> {
        let mut controls: BTreeMap<String, (String, Option<BTreeSet<String>>)> = BTreeMap::new();
        for l in labels.iter() {
            for a in &l.attributes {
                let choices = match &a.kind {
                    AttrKind::Choice(values) => Some(values.iter().cloned().collect()),
                    AttrKind::Flag => Some(BTreeSet::from(["true".to_owned()])),
                    AttrKind::Text => None,
                    AttrKind::Link => continue,
                };
                controls.insert(origin.attr_control(&l.id, &a.name), (l.id.clone(), choices));
            }
        }
        // Attributes the spans carry that the label set does not declare.
        for ((label, name), values) in &self.span_attrs {
            let entry = controls
                .entry(origin.attr_control(label, name))
                .or_insert_with(|| (label.clone(), None));
            if let Some(choices) = &mut entry.1 {
                choices.extend(values.iter().cloned());
            }
        }
        controls
    }
}

/// The `<Label>` lines of one Labels control.
fn labels_block(out: &mut String, group: &[&crate::model::LabelDef]) {
    for l in group {
        // The label's guidance, which Label Studio shows on hover.
        let hint = crate::model::guidelines::label_summary(l).map_or(String::new(), |g| {
            format!(
                " hint=\"{}\"",
                xml_escape(&crate::model::text::snippet_of(&g, 300))
            )
        });
        out.push_str(&format!(
            "    <Label value=\"{}\" background=\"#{:02x}{:02x}{:02x}\"{hint}/>\n",
            xml_escape(l.export_name()),
            l.color.0,
            l.color.1,
            l.color.2
        ));
    }
}
