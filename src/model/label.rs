//! Labels: what a span can be tagged as, with colours, hotkeys and attributes.

use serde::{Deserialize, Serialize};

/// An sRGB colour, stored as `(r, g, b)` so it reads well in RON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Colours for labels added after the four defaults, in turn.
pub const EXTRA_COLORS: [Rgb; 6] = [
    Rgb(0x9B, 0x6B, 0xD6),
    Rgb(0x2F, 0xB5, 0xB0),
    Rgb(0xE0, 0x7B, 0x39),
    Rgb(0x8A, 0x9A, 0x3C),
    Rgb(0xC9, 0x4F, 0xB4),
    Rgb(0x6C, 0x8E, 0xBF),
];

/// The kind of value an attribute holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttrKind {
    /// One of a fixed list of values.
    Choice(Vec<String>),
    /// Free text.
    Text,
    /// A link to another span (stored as a relation of the attribute's name).
    Link,
    /// Present or not (brat's binary attributes): the value is `true`.
    Flag,
}

/// An attribute that spans of a label may carry, e.g. an entity's `kind`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttrDef {
    /// Attribute name, the key in [`crate::model::Span::attrs`].
    pub name: String,
    /// What values it takes.
    pub kind: AttrKind,
    /// What it means, in a line (shown beside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl AttrDef {
    /// An attribute with no description.
    pub fn new(name: impl Into<String>, kind: AttrKind) -> Self {
        Self {
            name: name.into(),
            kind,
            description: None,
        }
    }
}

/// One label of the label set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    /// Stable identifier used in spans and exports, e.g. `"quote"`.
    pub id: String,
    /// Human-readable name shown in the window.
    pub name: String,
    /// Highlight colour.
    pub color: Rgb,
    /// Hotkey: a single character, e.g. `'1'`.
    #[serde(default)]
    pub hotkey: Option<char>,
    /// Attributes spans with this label may carry.
    #[serde(default)]
    pub attributes: Vec<AttrDef>,
    /// The name the label had in the file it was imported from, when that
    /// name is not a token (`Named Entity`): formats that allow any name
    /// write it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// What the label is for, in a line (shown on hover over its button).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How to apply it, in Markdown (the Guidelines panel, the inspector).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guideline: Option<String>,
    /// What it is for (see [`crate::model::Role`]); without one, the
    /// default for its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::model::Role>,
    /// The relation kind its spans make when linked to their source, when
    /// not the role's (`said_by` for a quote).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl LabelDef {
    /// A label with no hotkey, attributes or origin.
    pub fn new(id: impl Into<String>, name: impl Into<String>, color: Rgb) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            color,
            hotkey: None,
            attributes: Vec::new(),
            origin: None,
            description: None,
            guideline: None,
            role: None,
            link: None,
        }
    }

    /// How formats that allow any name write the label.
    pub fn export_name(&self) -> &str {
        self.origin.as_deref().unwrap_or(&self.id)
    }
}

/// The labels a project uses, in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LabelSet(pub Vec<LabelDef>);

impl LabelSet {
    /// Add the labels of `other` whose ids this set lacks, in their order
    /// (a label both have keeps this set's definition).
    pub fn add_missing(&mut self, other: &LabelSet) {
        for label in other.iter() {
            if self.get(&label.id).is_none() {
                self.0.push(label.clone());
            }
        }
    }

    /// Look a label up by id.
    pub fn get(&self, id: &str) -> Option<&LabelDef> {
        self.0.iter().find(|l| l.id == id)
    }

    /// Whether a label with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// The label bound to a hotkey character.
    pub fn by_hotkey(&self, key: char) -> Option<&LabelDef> {
        self.0.iter().find(|l| l.hotkey == Some(key))
    }

    /// The label hotkeys as a person reads them in a hint: "1–4" for a run
    /// of digits, else the keys one by one ("1, 2, q"); `None` without any.
    pub fn hotkeys_hint(&self) -> Option<String> {
        let keys: Vec<char> = self.0.iter().filter_map(|l| l.hotkey).collect();
        let (first, last) = (*keys.first()?, *keys.last()?);
        let run = keys.len() > 2
            && keys.iter().all(char::is_ascii_digit)
            && keys.windows(2).all(|w| w[1] as u32 == w[0] as u32 + 1);
        Some(if run {
            format!("{first}–{last}")
        } else {
            let keys: Vec<String> = keys.iter().map(char::to_string).collect();
            keys.join(", ")
        })
    }

    /// Iterate over the labels in display order.
    pub fn iter(&self) -> impl Iterator<Item = &LabelDef> {
        self.0.iter()
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Default for LabelSet {
    /// The four default labels: quote (1), claim (2), entity (3), event (4).
    fn default() -> Self {
        let choice = |v: &[&str]| AttrKind::Choice(v.iter().map(|s| (*s).to_owned()).collect());
        Self(vec![
            LabelDef {
                id: "quote".into(),
                name: "Quote".into(),
                color: Rgb(0xE8, 0xA3, 0x3D),
                hotkey: Some('1'),
                attributes: vec![AttrDef::new("speaker", AttrKind::Link)],
                origin: None,
                description: None,
                guideline: None,
                role: None,
                link: None,
            },
            LabelDef {
                id: "claim".into(),
                name: "Claim".into(),
                color: Rgb(0xD6, 0x5D, 0x7A),
                hotkey: Some('2'),
                attributes: vec![AttrDef::new("checkworthy", choice(&["yes", "no"]))],
                origin: None,
                description: None,
                guideline: None,
                role: None,
                link: None,
            },
            LabelDef {
                id: "entity".into(),
                name: "Entity".into(),
                color: Rgb(0x3D, 0x8E, 0xE8),
                hotkey: Some('3'),
                attributes: vec![AttrDef::new(
                    "kind",
                    choice(&["person", "organisation", "location", "other"]),
                )],
                origin: None,
                description: None,
                guideline: None,
                role: None,
                link: None,
            },
            LabelDef {
                id: "event".into(),
                name: "Event".into(),
                color: Rgb(0x4C, 0xB0, 0x6A),
                hotkey: Some('4'),
                attributes: vec![AttrDef::new("kind", AttrKind::Text)],
                origin: None,
                description: None,
                guideline: None,
                role: None,
                link: None,
            },
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hotkey_hint_follows_the_labels() {
        let mut labels = LabelSet::default();
        assert_eq!(labels.hotkeys_hint().as_deref(), Some("1–4"));
        labels.0[3].hotkey = Some('q');
        assert_eq!(labels.hotkeys_hint().as_deref(), Some("1, 2, 3, q"));
        labels.0.iter_mut().for_each(|l| l.hotkey = None);
        assert_eq!(labels.hotkeys_hint(), None);
    }

    #[test]
    fn default_labels_have_hotkeys_one_to_four() {
        let set = LabelSet::default();
        let ids: Vec<_> = ['1', '2', '3', '4']
            .iter()
            .map(|k| set.by_hotkey(*k).map(|l| l.id.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![Some("quote"), Some("claim"), Some("entity"), Some("event")]
        );
    }
}
