//! `annotation.conf`: every entity type, relation, event and attribute the
//! exported `.ann` files use, so brat shows them (attributes with their
//! values, so brat offers them in its attribute menus).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{AttrKind, LabelSet};

use super::super::{DocSurvey, ExportDoc};
use super::{token, type_token};

/// What `annotation.conf` and the flag attributes need to know of the
/// documents exported, gathered a chunk of documents at a time (a folder
/// project is surveyed, then written, without being in memory at once).
#[derive(Debug, Default)]
pub struct Survey {
    /// Event types and their roles, with what each role takes.
    events: BTreeMap<String, BTreeMap<String, Targets>>,
    /// Relation kinds seen: their roles (the last given), what their ends
    /// take, whether symmetric.
    relations: BTreeMap<String, KindSeen>,
    /// Attributes seen: what they were on, and their one-word values.
    attrs: BTreeMap<String, (BTreeSet<&'static str>, BTreeSet<String>)>,
    /// Attribute names, and whether every value seen was `true`.
    all_true: BTreeMap<String, bool>,
}

impl DocSurvey for Survey {
    /// Take in these documents.
    fn add(&mut self, docs: &[ExportDoc<'_>]) {
        for d in docs {
            for e in &d.events {
                let roles = self.events.entry(type_token(&e.kind)).or_default();
                for (i, (r, _)) in e.args.iter().enumerate() {
                    roles
                        .entry(type_token(r))
                        .or_default()
                        .add(e.arg_event(i).is_some());
                }
                e.attrs.iter().for_each(|(k, v)| self.attr(k, "<EVENT>", v));
            }
            for r in &d.relations {
                let entry = self.relations.entry(type_token(&r.kind)).or_default();
                if let Some((a, b)) = &r.roles {
                    entry.0 = Some((type_token(a), type_token(b)));
                }
                entry.1[0].add(r.from_event.is_some());
                entry.1[1].add(r.to_event.is_some());
                entry.2 |= r.symmetric;
                r.attrs
                    .iter()
                    .for_each(|(k, v)| self.attr(k, "<RELATION>", v));
            }
            for s in &d.spans {
                s.attrs
                    .iter()
                    .for_each(|(k, v)| self.attr(k, "<ENTITY>", v));
            }
        }
    }
}

impl Survey {
    fn attr(&mut self, name: &str, target: &'static str, value: &str) {
        *self.all_true.entry(name.to_owned()).or_insert(true) &= value == "true";
        let entry = self.attrs.entry(token(name)).or_default();
        entry.0.insert(target);
        if token_value(value) {
            entry.1.insert(value.to_owned());
        }
    }

    /// Attribute names written as yes/no (no value): declared as flags, or
    /// whose every value is `true`.
    pub fn flags(&self, labels: &LabelSet) -> BTreeSet<String> {
        let declared = labels
            .iter()
            .flat_map(|l| &l.attributes)
            .filter(|a| a.kind == AttrKind::Flag)
            .map(|a| a.name.clone());
        (self.all_true.iter())
            .filter(|(_, all_true)| **all_true)
            .map(|(k, _)| k.clone())
            .chain(declared)
            .collect()
    }

    /// The configuration text.
    pub fn annotation_conf(
        &self,
        labels: &LabelSet,
        relation_kinds: &[String],
        flags: &BTreeSet<String>,
    ) -> String {
        let mut out = String::from("[entities]\n");
        for l in labels.iter().filter(|l| !self.events.contains_key(&l.id)) {
            // The label's guidance as a comment brat skips, for whoever
            // reads the configuration.
            if let Some(g) = crate::model::guidelines::label_summary(l) {
                out.push_str(&format!("# {}: {}\n", l.id, one_line(&g)));
            }
            out.push_str(&l.id);
            out.push('\n');
        }
        out.push_str("\n[relations]\n");
        self.relations_section(&mut out, relation_kinds);
        out.push_str("\n[events]\n");
        for (kind, roles) in &self.events {
            let roles: Vec<String> = roles
                .iter()
                .map(|(r, t)| format!("{r}*:{}", t.conf()))
                .collect();
            out.push_str(&format!("{kind}\t{}\n", roles.join(", ")));
        }
        out.push_str("\n[attributes]\n");
        self.attributes_section(&mut out, labels, flags);
        out
    }

    fn relations_section(&self, out: &mut String, relation_kinds: &[String]) {
        let mut kinds: BTreeMap<String, KindConf> = relation_kinds
            .iter()
            .map(|k| (type_token(k), plain()))
            .collect();
        for (kind, (roles, ends, symmetric)) in &self.relations {
            let entry = kinds.entry(kind.clone()).or_insert_with(plain);
            if let Some(roles) = roles {
                entry.0 = roles.clone();
            }
            entry.1 = *ends;
            entry.2 = *symmetric;
        }
        for (kind, ((a, b), [from, to], symmetric)) in kinds {
            out.push_str(&format!("{kind}\t{a}:{}, {b}:{}", from.conf(), to.conf()));
            if symmetric {
                out.push_str(", <REL-TYPE>:symmetric-transitive");
            }
            out.push('\n');
        }
    }

    fn attributes_section(&self, out: &mut String, labels: &LabelSet, flags: &BTreeSet<String>) {
        // name -> (targets, values): declared by the labels, then seen.
        let mut attrs: BTreeMap<String, (BTreeSet<&str>, BTreeSet<String>)> = BTreeMap::new();
        for l in labels.iter() {
            for a in &l.attributes {
                let entry = attrs.entry(token(&a.name)).or_default();
                entry.0.insert("<ENTITY>");
                if let AttrKind::Choice(values) = &a.kind {
                    entry
                        .1
                        .extend(values.iter().filter(|v| token_value(v)).cloned());
                }
            }
        }
        for (name, (targets, values)) in &self.attrs {
            let entry = attrs.entry(name.clone()).or_default();
            entry.0.extend(targets.iter().copied());
            entry.1.extend(values.iter().cloned());
        }
        for (name, (targets, values)) in attrs {
            let targets: Vec<&str> = targets.into_iter().collect();
            out.push_str(&format!("{name}\tArg:{}", targets.join("|")));
            if !flags.contains(&name) && !values.is_empty() {
                let values: Vec<String> = values.into_iter().collect();
                out.push_str(&format!(", Value:{}", values.join("|")));
            }
            out.push('\n');
        }
    }
}

/// A value brat can hold: one word.
fn token_value(v: &str) -> bool {
    !v.is_empty() && !v.contains(char::is_whitespace)
}

/// A relation kind no relation gave roles to.
fn plain() -> KindConf {
    (
        ("Arg1".to_owned(), "Arg2".to_owned()),
        [Targets::default(); 2],
        false,
    )
}

/// Text on one line, for a comment.
fn one_line(text: &str) -> String {
    crate::model::text::snippet_of(text, 200)
}

/// What a role or relation end takes: entities, events, or both.
#[derive(Clone, Copy, Debug, Default)]
struct Targets {
    entity: bool,
    event: bool,
}

impl Targets {
    fn add(&mut self, event: bool) {
        if event {
            self.event = true;
        } else {
            self.entity = true;
        }
    }

    /// As `annotation.conf` writes it.
    fn conf(self) -> &'static str {
        match (self.entity, self.event) {
            (true, true) => "<ENTITY>|<EVENT>",
            (false, true) => "<EVENT>",
            _ => "<ENTITY>",
        }
    }
}

/// A relation kind's roles, what its ends take, and whether it is symmetric.
type KindConf = ((String, String), [Targets; 2], bool);

/// A relation kind as the relations exported use it: the roles last given
/// (if any), what its ends take, and whether it is symmetric.
type KindSeen = (Option<(String, String)>, [Targets; 2], bool);
