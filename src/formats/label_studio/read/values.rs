//! An annotation's results other than its regions: per-region attributes
//! and notes, document choices (each under its annotator) and text areas,
//! and relations.

use serde_json::Value;

use crate::model::{Choice, MetaValue, Relation, RelationId, SpanId};

use super::super::super::Notices;
use super::super::control_name;
use super::super::origin::Origin;
use super::regions::{Annotation, TaskReader};

impl<'t> TaskReader<'t> {
    /// An annotation's per-region values, document choices and text
    /// areas, and relations.
    pub(super) fn values(
        &mut self,
        a: &Annotation<'t>,
        origin: &mut Origin,
        notices: &mut Notices,
    ) -> Result<(), String> {
        for r in &a.results {
            let kind = r["type"].as_str().unwrap_or("");
            let rid = r["id"].as_str().unwrap_or("");
            match (kind, a.regions.get(rid)) {
                ("labels", _) => {}
                ("choices" | "textarea", Some(spans)) => self.region_value(r, kind, spans, origin),
                ("choices" | "textarea", None) => self.document_value(r, kind, a.who.as_deref()),
                ("relation", _) => self.relation(r, a, notices)?,
                (other, _) => {
                    notices.add(format!("Label Studio results of type {other}, left out"), 1);
                }
            }
        }
        Ok(())
    }

    /// An attribute or the note of a region's spans.
    fn region_value(&mut self, r: &Value, kind: &str, spans: &[usize], origin: &mut Origin) {
        let key = if kind == "choices" { "choices" } else { "text" };
        let values: Vec<&str> = r["value"][key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let from = r["from_name"].as_str().unwrap_or("note");
        for &i in spans {
            let span = &mut self.spans[i];
            if from == "note" {
                span.set_note(Some(values.join("\n")));
                continue;
            }
            // Spanmark's exports name controls `<label>_<attribute>`;
            // another project's control is the attribute, its name kept.
            let prefix = control_name(&span.label, "");
            let name = match from.strip_prefix(&prefix).filter(|n| !n.is_empty()) {
                Some(name) => name,
                None => {
                    origin.controls.insert(from.to_owned(), from.to_owned());
                    from
                }
            };
            span.attrs.insert(name.to_owned(), values.join("|"));
        }
    }

    /// Document-level choices (categories, each under its annotator) and
    /// text areas (metadata).
    fn document_value(&mut self, r: &Value, kind: &str, who: Option<&str>) {
        let from = r["from_name"].as_str().unwrap_or("category");
        if kind == "choices" {
            for c in r["value"]["choices"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let category = category(from, c);
                match who {
                    Some(who) => self.doc.choices.push(Choice::new(who, category)),
                    None if !self.doc.categories.contains(&category) => {
                        self.doc.categories.push(category);
                    }
                    None => {}
                }
            }
        } else {
            let texts: Vec<&str> = r["value"]["text"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            self.doc
                .meta
                .extra
                .insert(from.to_owned(), MetaValue::Text(texts.join("\n")));
        }
    }

    fn relation(
        &mut self,
        r: &Value,
        a: &Annotation<'t>,
        notices: &mut Notices,
    ) -> Result<(), String> {
        // Label Studio resolves a relation inside its annotation; files
        // Spanmark wrote before may name a region of another annotation.
        let mut elsewhere = false;
        let mut find = |k: &str| -> Option<SpanId> {
            let id = r[k].as_str()?;
            if let Some(&i) = a.regions.get(id).and_then(|s| s.first()) {
                return Some(self.spans[i].id);
            }
            elsewhere = true;
            self.spans
                .iter()
                .find(|s| s.origin() == Some(id))
                .map(|s| s.id)
        };
        let (Some(mut from), Some(mut to)) = (find("from_id"), find("to_id")) else {
            return Err(format!(
                "a relation between unknown regions {} and {}",
                r["from_id"], r["to_id"]
            ));
        };
        if elsewhere {
            notices.add(
                "Label Studio relations to regions of another annotation, linked to them",
                1,
            );
        }
        let direction = r["direction"].as_str().unwrap_or("right");
        if direction == "left" {
            std::mem::swap(&mut from, &mut to);
        }
        let labels: Vec<&str> = r["labels"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let kinds = if labels.is_empty() {
            vec!["related"]
        } else {
            labels
        };
        for kind in kinds {
            let mut relation =
                Relation::new(RelationId(self.relations.len() as u64 + 1), kind, from, to);
            relation.symmetric = direction == "bi";
            relation.annotator.clone_from(&a.who);
            self.relations.push(relation);
        }
        Ok(())
    }
}

/// A document choice as a category: `group/value`, plain for `category`.
pub(super) fn category(from: &str, choice: &str) -> String {
    if from == "category" {
        choice.to_owned()
    } else {
        format!("{from}/{choice}")
    }
}
