//! `annotation.conf`: every entity type, relation, event and attribute the
//! exported `.ann` files use, so brat shows them (attributes with their
//! values, so brat offers them in its attribute menus).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{AttrKind, LabelSet};

use super::super::ExportDoc;
use super::token;

/// The configuration text.
pub fn annotation_conf(
    labels: &LabelSet,
    relation_kinds: &[String],
    docs: &[ExportDoc<'_>],
    flags: &BTreeSet<String>,
) -> String {
    // Event types and their roles.
    let mut events: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in docs {
        for e in &d.events {
            let roles = events.entry(token(&e.kind)).or_default();
            roles.extend(e.args.iter().map(|(r, _)| token(r)));
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
        let roles: Vec<String> = roles.iter().map(|r| format!("{r}*:<ENTITY>")).collect();
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

fn relations_section(out: &mut String, relation_kinds: &[String], docs: &[ExportDoc<'_>]) {
    // kind -> (roles, symmetric)
    let mut kinds: BTreeMap<String, ((String, String), bool)> = relation_kinds
        .iter()
        .map(|k| (token(k), (("Arg1".to_owned(), "Arg2".to_owned()), false)))
        .collect();
    for d in docs {
        for r in &d.relations {
            let entry = kinds
                .entry(token(&r.kind))
                .or_insert_with(|| (("Arg1".to_owned(), "Arg2".to_owned()), false));
            if let Some((a, b)) = &r.roles {
                entry.0 = (token(a), token(b));
            }
            entry.1 |= r.symmetric;
        }
    }
    for (kind, ((a, b), symmetric)) in kinds {
        out.push_str(&format!("{kind}\t{a}:<ENTITY>, {b}:<ENTITY>"));
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
