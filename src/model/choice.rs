//! Document-level categories chosen by a named annotator: Label Studio's
//! document `choices`, one annotation per person, kept apart from the
//! document's own [`crate::model::Document::categories`] so that who chose
//! what is never merged into one set.

use serde::{Deserialize, Serialize};

/// A category one annotator chose for a document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Choice {
    /// Who chose it (a name, an email or a Label Studio user id).
    pub annotator: String,
    /// The category, `group/value` as in [`crate::model::Document::categories`].
    pub category: String,
}

impl Choice {
    /// `annotator` chose `category`.
    pub fn new(annotator: impl Into<String>, category: impl Into<String>) -> Self {
        Self {
            annotator: annotator.into(),
            category: category.into(),
        }
    }
}

/// A category a model proposed for a document (a Label Studio prediction),
/// waiting for a person, never taken for one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySuggestion {
    /// The category proposed.
    pub category: String,
    /// The model that proposed it (`model:<version>`).
    pub source: String,
    /// Its confidence, when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<super::Score>,
}

/// Sort and deduplicate a list of choices (the order documents keep).
pub fn normalize(choices: &mut Vec<Choice>) {
    choices.sort();
    choices.dedup();
}
