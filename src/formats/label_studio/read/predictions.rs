//! A task's predictions: a model's regions and document choices, kept as
//! suggestions of `model:<model_version>`, never a person's work.

use serde_json::Value;

use crate::model::{CategorySuggestion, Score, Suggestion};

use super::super::super::Notices;
use super::regions::TaskReader;
use super::values::category;

impl TaskReader<'_> {
    /// A prediction: its regions and document choices as suggestions of
    /// `model:<model_version>`, never a person's work.
    pub(super) fn prediction(&mut self, p: &Value, notices: &mut Notices) -> Result<(), String> {
        let version = p["model_version"].as_str().unwrap_or("unknown");
        // A version naming its kind (`rule:quotes`) is the source as it is.
        let source = if version.contains(':') {
            version.to_owned()
        } else {
            format!("model:{version}")
        };
        notices.add(
            format!("Label Studio predictions kept as suggestions of {source}"),
            1,
        );
        let whole = p["score"].as_f64();
        // Region id -> its suggestions, for relations between them.
        let mut regions: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        let results = p["result"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for r in results {
            let score = r["score"].as_f64().or(whole).map(|s| Score(s as f32));
            match r["type"].as_str().unwrap_or("") {
                "labels" => {
                    let (s, e) = self.range(r, notices)?;
                    for label in r["value"]["labels"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        let mut suggestion = Suggestion::new(s, e, label, source.clone());
                        suggestion.score = score;
                        let rid = r["id"].as_str().unwrap_or("");
                        regions
                            .entry(rid)
                            .or_default()
                            .push(self.doc.suggestions.pending.len());
                        self.doc.suggestions.pending.push(suggestion);
                    }
                }
                "choices" if r["value"]["start"].is_null() => {
                    let from = r["from_name"].as_str().unwrap_or("category");
                    for c in r["value"]["choices"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        self.doc.suggestions.categories.push(CategorySuggestion {
                            category: category(from, c),
                            source: source.clone(),
                            score,
                        });
                    }
                }
                "relation" => {}
                other => notices.add(
                    format!("Label Studio prediction results of type {other}, left out"),
                    1,
                ),
            }
        }
        // A predicted `said_by` links a quote to who said it (what a
        // suggestion holds); other predicted relations have no place.
        for r in results.iter().filter(|r| r["type"] == "relation") {
            let ends = |k: &str| r[k].as_str().and_then(|id| regions.get(id));
            let (mut from, mut to) = (ends("from_id"), ends("to_id"));
            if r["direction"] == "left" {
                std::mem::swap(&mut from, &mut to);
            }
            let said_by = r["labels"]
                .as_array()
                .is_some_and(|l| l.iter().any(|k| k == "said_by"));
            match (from, to.and_then(|t| t.first())) {
                (Some(from), Some(&to)) if said_by => {
                    let p = &self.doc.suggestions.pending;
                    let at = (p[to].start, p[to].end);
                    for &i in from {
                        self.doc.suggestions.pending[i].said_by = Some(at);
                    }
                }
                _ => notices.add(
                    "Label Studio predicted relations other than said_by, left out",
                    1,
                ),
            }
        }
        Ok(())
    }
}
