//! `annotation.conf`: every entity type, relation, event and attribute the
//! exported `.ann` files use, so brat shows them (attributes with their
//! values, so brat offers them in its attribute menus).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{AttrKind, LabelSet};

use super::super::ExportDoc;
use super::{token, type_token};

/// The configuration text.
pub fn annotation_conf(
    labels: &LabelSet,
    relation_kinds: &[String],
    docs: &[ExportDoc<'_>],
    flags: &BTreeSet<String>,
) -> String {
    // Event types and their roles, with what each role takes.
    let mut events: BTreeMap<String, BTreeMap<String, Targets>> = BTreeMap::new();
    for d in docs {
        for e in &d.events {
            let roles = events.entry(type_token(&e.kind)).or_default();
            for (i, (r, _)) in e.args.iter().enumerate() {
                roles
                    .entry(type_token(r))
                    .or_default()
                    .add(e.arg_event(i).is_some());
            }
        }
    }
    let mut out = String::from("[entities]\n");
    for l in labels.iter().filter(|l| !events.contains_key(&l.id)) {
        // The label's guidance as a comment brat skips, for whoever reads
        // the configuration.
        if let Some(g) = crate::model::guidelines::label_summary(l) {
            out.push_str(&format!("# {}: {}\n", l.id, one_line(&g)));
        }
        out.push_str(&l.id);
        out.push('\n');
    }
    out.push_str("\n[relations]\n");
    relations_section(&mut out, relation_kinds, docs);
    out.push_str("\n[events]\n");
    for (kind, roles) in &events {
        let roles: Vec<String> = roles
            .iter()
            .map(|(r, t)| format!("{r}*:{}", t.conf()))
            .collect();
        out.push_str(&format!("{kind}\t{}\n", roles.join(", ")));
    }
    out.push_str("\n[attributes]\n");
    attributes_section(&mut out, labels, docs, flags);
    out
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

fn relations_section(out: &mut String, relation_kinds: &[String], docs: &[ExportDoc<'_>]) {
    let plain = || -> KindConf {
        (
            ("Arg1".to_owned(), "Arg2".to_owned()),
            [Targets::default(); 2],
            false,
        )
    };
    let mut kinds: BTreeMap<String, KindConf> = relation_kinds
        .iter()
        .map(|k| (type_token(k), plain()))
        .collect();
    for d in docs {
        for r in &d.relations {
            let entry = kinds.entry(type_token(&r.kind)).or_insert_with(plain);
            if let Some((a, b)) = &r.roles {
                entry.0 = (type_token(a), type_token(b));
            }
            entry.1[0].add(r.from_event.is_some());
            entry.1[1].add(r.to_event.is_some());
            entry.2 |= r.symmetric;
        }
    }
    for (kind, ((a, b), [from, to], symmetric)) in kinds {
        out.push_str(&format!("{kind}\t{a}:{}, {b}:{}", from.conf(), to.conf()));
        if symmetric {
            out.push_str(", <REL-TYPE>:symmetric-transitive");
        }
        out.push('\n');
    }
}

fn attributes_section(
    out: &mut String,
    labels: &LabelSet,
    docs: &[ExportDoc<'_>],
    flags: &BTreeSet<String>,
) {
    // name -> (targets, values)
    let mut attrs: BTreeMap<String, (BTreeSet<&str>, BTreeSet<String>)> = BTreeMap::new();
    let token_value = |v: &str| !v.is_empty() && !v.contains(char::is_whitespace);
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
    let mut note = |name: &str, target: &'static str, value: &str| {
        let entry = attrs.entry(token(name)).or_default();
        entry.0.insert(target);
        if token_value(value) {
            entry.1.insert(value.to_owned());
        }
    };
    for d in docs {
        for s in &d.spans {
            s.attrs.iter().for_each(|(k, v)| note(k, "<ENTITY>", v));
        }
        for r in &d.relations {
            r.attrs.iter().for_each(|(k, v)| note(k, "<RELATION>", v));
        }
        for e in &d.events {
            e.attrs.iter().for_each(|(k, v)| note(k, "<EVENT>", v));
        }
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
