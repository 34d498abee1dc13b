//! Annotation guidelines, kept in the project: general guidelines and one
//! per relation kind here, one per label in its [`LabelDef`] (a short
//! description, shown on hover, and a longer guideline in Markdown). They
//! travel as one Markdown file: text before the first level-two heading is
//! the general guidelines, and each `## heading` names a label (by id or
//! name) or a relation kind.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::label::{LabelDef, LabelSet};

/// The guidelines that belong to no label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guidelines {
    /// For the whole project, in Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub general: String,
    /// Per relation kind, in Markdown.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub relations: BTreeMap<String, String>,
}

impl Guidelines {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.general.is_empty() && self.relations.is_empty()
    }
}

/// Why a guidelines file cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: the heading “{heading}” names no label or relation kind (labels: {known})")]
pub struct UnknownHeading {
    /// 1-based line of the heading.
    pub line: usize,
    /// The heading's text.
    pub heading: String,
    /// The labels there are, for the message.
    pub known: String,
}

/// What a guidelines file says, sorted out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// General and relation guidelines.
    pub guidelines: Guidelines,
    /// The guideline of each label named (by id).
    pub labels: BTreeMap<String, String>,
}

/// Sort a Markdown file into the project's guidelines: the text before the
/// first `## ` heading is general; each `## heading` is a label (its id or
/// name, in any case) or a relation kind. A heading that names neither is
/// an error naming it.
pub fn parse(
    markdown: &str,
    labels: &LabelSet,
    relation_kinds: &[String],
) -> Result<Parsed, UnknownHeading> {
    let mut parsed = Parsed::default();
    let mut general = String::new();
    // (what the section is about, its text)
    let mut section: Option<(Target, String)> = None;
    let finish = |section: Option<(Target, String)>, parsed: &mut Parsed| {
        if let Some((target, text)) = section {
            let text = text.trim().to_owned();
            match target {
                Target::Label(id) => {
                    parsed.labels.insert(id, text);
                }
                Target::Relation(kind) => {
                    parsed.guidelines.relations.insert(kind, text);
                }
            }
        }
    };
    for (i, line) in markdown.lines().enumerate() {
        if let Some(heading) = line.strip_prefix("## ") {
            finish(section.take(), &mut parsed);
            let heading = heading.trim().trim_end_matches('#').trim();
            let wanted = heading.to_lowercase();
            let target = labels
                .iter()
                .find(|l| l.id.to_lowercase() == wanted || l.name.to_lowercase() == wanted)
                .map(|l| Target::Label(l.id.clone()))
                .or_else(|| {
                    relation_kinds
                        .iter()
                        .find(|k| k.to_lowercase() == wanted)
                        .map(|k| Target::Relation(k.clone()))
                });
            let Some(target) = target else {
                let known: Vec<&str> = labels.iter().map(|l| l.id.as_str()).collect();
                return Err(UnknownHeading {
                    line: i + 1,
                    heading: crate::model::text::snippet_of(heading, 80),
                    known: known.join(", "),
                });
            };
            section = Some((target, String::new()));
            continue;
        }
        let text = match &mut section {
            Some((_, text)) => text,
            None => &mut general,
        };
        text.push_str(line);
        text.push('\n');
    }
    finish(section.take(), &mut parsed);
    parsed.guidelines.general = general.trim().to_owned();
    Ok(parsed)
}

#[derive(Debug, Clone)]
enum Target {
    Label(String),
    Relation(String),
}

/// The guidelines as one Markdown file, as [`parse`] reads it back: the
/// general text, then a section per label with a guideline or a
/// description, then one per relation kind.
pub fn to_markdown(guidelines: &Guidelines, labels: &LabelSet) -> String {
    let mut out = String::new();
    if !guidelines.general.is_empty() {
        out.push_str(guidelines.general.trim_end());
        out.push_str("\n\n");
    }
    for label in labels.iter() {
        let text = label_text(label);
        if text.is_empty() {
            continue;
        }
        out.push_str(&format!("## {}\n\n{}\n\n", label.id, text.trim_end()));
    }
    for (kind, text) in &guidelines.relations {
        out.push_str(&format!("## {kind}\n\n{}\n\n", text.trim_end()));
    }
    out.trim_end().to_owned() + "\n"
}

/// What to show of a label's guidance in a line (a tooltip's first line):
/// its description, else the first paragraph of its guideline.
pub fn label_summary(label: &LabelDef) -> Option<String> {
    if let Some(d) = label
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        return Some(d.trim().to_owned());
    }
    let guideline = label.guideline.as_deref()?.trim();
    let first = guideline.split("\n\n").next()?.trim();
    (!first.is_empty()).then(|| first.replace('\n', " "))
}

/// A label's description and guideline as one Markdown text.
fn label_text(label: &LabelDef) -> String {
    match (label.description.as_deref(), label.guideline.as_deref()) {
        (Some(d), Some(g)) if !g.trim_start().starts_with(d.trim()) => format!("{d}\n\n{g}"),
        (_, Some(g)) => g.to_owned(),
        (Some(d), None) => d.to_owned(),
        (None, None) => String::new(),
    }
}

/// Three ways: ours, unless only theirs changed it from the base (then
/// theirs); ours when both changed it differently.
fn pick<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> T {
    if base == Some(ours) && ours != theirs {
        theirs.clone()
    } else {
        ours.clone()
    }
}

/// The label sets of two sides merged against their base: a label only
/// one side changed (its name, colour, key, attributes, description or
/// guideline) takes that side's definition; labels only theirs has are
/// added after ours.
pub fn merge_labels(base: Option<&LabelSet>, ours: &LabelSet, theirs: &LabelSet) -> LabelSet {
    let mut merged = LabelSet(
        ours.iter()
            .map(|l| match theirs.get(&l.id) {
                Some(t) => pick(base.and_then(|b| b.get(&l.id)), l, t),
                None => l.clone(),
            })
            .collect(),
    );
    merged.add_missing(theirs);
    merged
}

/// Two sides' guidelines merged against their base, each text three ways.
pub fn merge_guidelines(
    base: Option<&Guidelines>,
    ours: &Guidelines,
    theirs: &Guidelines,
) -> Guidelines {
    let mut merged = Guidelines {
        general: pick(base.map(|b| &b.general), &ours.general, &theirs.general),
        relations: ours.relations.clone(),
    };
    for (kind, text) in &theirs.relations {
        let b = base.and_then(|b| b.relations.get(kind));
        match ours.relations.get(kind) {
            Some(o) => {
                merged.relations.insert(kind.clone(), pick(b, o, text));
            }
            None if b.is_none() => {
                merged.relations.insert(kind.clone(), text.clone());
            }
            None => {}
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Guidelines for the desk\n\nTag what is said, as written.\n\n\
                        ## quote\n\nA quote includes its marks.\n\n\
                        ## Entity\n\nTag the speaker as written, pronoun included.\n\n\
                        ## said_by\n\nFrom the quote to who said it.\n";

    #[test]
    fn sections_go_to_their_labels_and_relation_kinds_and_back() {
        let labels = LabelSet::default();
        let kinds = vec!["said_by".to_owned()];
        let parsed = parse(FILE, &labels, &kinds).unwrap_or_default();
        assert_eq!(
            parsed.guidelines.general,
            "# Guidelines for the desk\n\nTag what is said, as written."
        );
        assert_eq!(parsed.labels["quote"], "A quote includes its marks.");
        assert_eq!(
            parsed.labels["entity"],
            "Tag the speaker as written, pronoun included."
        );
        assert_eq!(
            parsed.guidelines.relations["said_by"],
            "From the quote to who said it."
        );
        let mut labels = labels;
        for l in &mut labels.0 {
            l.guideline = parsed.labels.get(&l.id).cloned();
        }
        let again = parse(&to_markdown(&parsed.guidelines, &labels), &labels, &kinds);
        assert_eq!(again, Ok(parsed));
    }

    #[test]
    fn guidelines_merge_three_ways() {
        let base = LabelSet::default();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        theirs.0[0].guideline = Some("Marks included.".into());
        ours.0[2].description = Some("People, places".into());
        let merged = merge_labels(Some(&base), &ours, &theirs);
        assert_eq!(merged.0[0].guideline.as_deref(), Some("Marks included."));
        assert_eq!(merged.0[2].description.as_deref(), Some("People, places"));
        let g0 = Guidelines::default();
        let g1 = Guidelines {
            general: "Be exact.".into(),
            ..Guidelines::default()
        };
        assert_eq!(merge_guidelines(Some(&g0), &g0, &g1), g1);
    }

    #[test]
    fn a_heading_that_names_nothing_is_an_error_naming_it() {
        let e = parse("## Quotes\n\ntext\n", &LabelSet::default(), &[]);
        let e = e.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("line 1") && e.contains("“Quotes”"), "{e}");
    }
}
