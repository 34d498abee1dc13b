//! brat: the BioNLP shared-task corpora's shapes (events whose arguments
//! are events, Negation and Speculation on them, equivalences) come back
//! line for line; files brat reads are read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{export, fixture, imported, read, tmp, write};
use spanmark::formats::Format;

/// An `.ann` file's lines with every id replaced by what it names (a
/// span by its type, offsets and text; an event by its line, recursively),
/// so two files that say the same thing give the same lines whatever their
/// numbering. `M` lines are attribute lines (brat reads them alike); an
/// equivalence's members are a set.
pub(super) fn canonical(ann: &str) -> Vec<String> {
    let lines: Vec<(&str, &str)> = ann
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_once('\t').unwrap_or((l, "")))
        .collect();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (id, body) in &lines {
        if id.starts_with('T') {
            names.insert((*id).to_owned(), format!("[{}]", body.replace('\t', " ")));
        }
    }
    // Events after the events they name: a round per level of nesting.
    let events: Vec<(&str, &str)> = lines
        .iter()
        .copied()
        .filter(|(id, _)| id.starts_with('E'))
        .collect();
    for _ in 0..=events.len() {
        for (id, body) in &events {
            let parts: Option<Vec<String>> = body
                .split_whitespace()
                .map(|part| {
                    let (role, target) = part.rsplit_once(':')?;
                    Some(format!("{role}:{}", names.get(target)?))
                })
                .collect();
            if let Some(parts) = parts {
                names.insert((*id).to_owned(), format!("{{{}}}", parts.join(" ")));
            }
        }
    }
    let name = |t: &str| names.get(t).cloned().unwrap_or_else(|| format!("?{t}"));
    let mut out: Vec<String> = Vec::new();
    for (id, body) in &lines {
        let mut fields = body.split('\t');
        let head = fields.next().unwrap_or("");
        let words: Vec<&str> = head.split_whitespace().collect();
        let line = match id.chars().next() {
            Some('T') => format!("T {}", name(id)),
            Some('E') => format!("E {}", name(id)),
            Some('A' | 'M') => format!(
                "A {} {} {}",
                words[0],
                name(words.get(1).copied().unwrap_or("")),
                words.get(2).copied().unwrap_or("")
            ),
            Some('R') => {
                let args: Vec<String> = words[1..]
                    .iter()
                    .map(|a| {
                        a.split_once(':')
                            .map_or((*a).to_owned(), |(r, t)| format!("{r}:{}", name(t)))
                    })
                    .collect();
                format!("R {} {}", words[0], args.join(" "))
            }
            Some('*') => {
                let members: BTreeSet<String> = words[1..].iter().map(|t| name(t)).collect();
                format!("* {} {members:?}", words[0])
            }
            Some('#') => format!(
                "# {} {} {}",
                words[0],
                name(words.get(1).copied().unwrap_or("")),
                fields.next().unwrap_or("")
            ),
            Some('N') => format!(
                "N {} {} {}",
                name(words.get(1).copied().unwrap_or("")),
                words.get(2).copied().unwrap_or(""),
                fields.next().unwrap_or("")
            ),
            _ => format!("{id}\t{body}"),
        };
        out.push(line);
    }
    out.sort();
    out
}

/// Import a folder of brat files, export it, and compare every `.ann`
/// line for line with what came in.
pub(super) fn round_trip_line_for_line(folder: &Path) {
    let (p, notices) = imported(&[folder.to_owned()]);
    assert!(notices.is_empty(), "{:?}", notices.lines());
    let dir = tmp();
    let out = dir.path().join("brat");
    let report = export(&p, Format::Brat, &out);
    assert!(report.left_out.is_empty(), "{report:?}");
    let mut files = 0;
    for entry in std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "ann") {
            continue;
        }
        files += 1;
        let name = path.file_name().unwrap_or_default();
        let (before, after) = (read(&path), read(&out.join(name)));
        assert_eq!(canonical(&after), canonical(&before), "{}", path.display());
        assert_eq!(
            after.lines().count(),
            before.lines().count(),
            "{}",
            path.display()
        );
        let text = path.with_extension("txt");
        assert_eq!(read(&out.join(name).with_extension("txt")), read(&text));
    }
    assert!(files > 0, "no .ann files in {}", folder.display());
    // And back again: the export is read as it was written.
    let (again, _) = imported(&[out]);
    assert_eq!(again.documents.len(), p.documents.len());
}

#[test]
fn bionlp_ge_epi_id_shaped_corpora_come_back_line_for_line() {
    for task in ["GE", "EPI", "ID"] {
        round_trip_line_for_line(&fixture(&format!("bionlp/{task}")));
    }
}

/// The real corpora of brat's repository (`example-data/corpora`), when
/// `SPANMARK_BRAT_CORPORA` names a copy: nothing is fetched here.
#[test]
fn brats_own_bionlp_corpora_come_back_line_for_line_when_given() {
    let Some(root) = std::env::var_os("SPANMARK_BRAT_CORPORA") else {
        return;
    };
    for task in ["GE", "EPI", "ID"] {
        round_trip_line_for_line(
            &Path::new(&root).join(format!("BioNLP-ST_2011/BioNLP-ST_2011_{task}")),
        );
    }
}

#[test]
fn files_brat_reads_are_read() {
    let dir = tmp();
    // A relation between events.
    let events = dir.path().join("events");
    write(&events, "a.txt", "Troops arrived, then fighting began.");
    write(
        &events,
        "a.ann",
        "T1\tMovement 7 14\tarrived\nT2\tConflict 21 29\tfighting\nE1\tMovement:T1\nE2\tConflict:T2\nR1\tBefore Arg1:E1 Arg2:E2\n",
    );
    round_trip_line_for_line(&events);
    // A text with a byte order mark, which brat counts in its offsets.
    let bom = dir.path().join("bom");
    write(&bom, "b.txt", "\u{feff}Ada met Bob.");
    write(&bom, "b.ann", "T1\tPerson 1 4\tAda\nT2\tPerson 9 12\tBob\n");
    let (p, notices) = imported(&[bom.join("b.txt")]);
    let d = &p.documents[0];
    let texts: Vec<&str> = d.spans.iter().map(|s| d.span_text(s)).collect();
    assert_eq!(texts, ["Ada", "Bob"]);
    assert!(
        notices.lines().join("\n").contains("byte order mark"),
        "{:?}",
        notices.lines()
    );
    // A shared task's .a1 (given entities) and .a2 (events), read as one,
    // with --format brat too.
    let st = dir.path().join("st");
    write(&st, "PMID-1.txt", "IL-2 expression rose.");
    write(&st, "PMID-1.a1", "T1\tProtein 0 4\tIL-2\n");
    write(
        &st,
        "PMID-1.a2",
        "T2\tGene_expression 5 15\texpression\nE1\tGene_expression:T2 Theme:T1\n",
    );
    let (p, _) = imported(std::slice::from_ref(&st));
    assert_eq!(p.documents.len(), 1, "the .a1 and .a2 go with their text");
    assert_eq!(
        (p.documents[0].spans.len(), p.documents[0].events.len()),
        (2, 1)
    );
    let options = spanmark::formats::ImportOptions {
        format: Some(spanmark::formats::ImportFormat::Brat),
        ..Default::default()
    };
    let one = spanmark::formats::import_file(
        &st.join("PMID-1.txt"),
        spanmark::formats::ImportFormat::Brat,
        &options,
    );
    assert_eq!(one.map(|i| i.docs[0].events.len()).ok(), Some(1));
}

#[test]
fn an_ace_style_event_type_is_written_as_brat_parses_it() {
    let dir = tmp();
    let ace = dir.path().join("ace");
    write(&ace, "c.txt", "She was born in Paris.");
    write(
        &ace,
        "c.ann",
        "T1\tPerson 0 3\tShe\nT2\tLife_Be-Born 8 12\tborn\nE1\tLife:Be-Born:T2 Person-Arg:T1\n",
    );
    let (p, _) = imported(&[ace]);
    assert_eq!(p.documents[0].events[0].kind, "Life:Be-Born");
    let out = dir.path().join("out");
    let report = export(&p, Format::Brat, &out);
    let ann = read(&out.join("c.ann"));
    // brat: `type, trigger = head.split(':')` and `role:id` pairs.
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let body = line.split('\t').nth(1).unwrap_or("");
        for part in body.split_whitespace() {
            assert_eq!(
                part.split(':').count(),
                2,
                "brat cannot split {part:?} in {line:?}"
            );
        }
    }
    assert!(super::warnings(&report).contains("with _"), "{report:?}");
    let (back, _) = imported(&[out]);
    assert_eq!(back.documents[0].events.len(), 1);
}

#[test]
fn an_equivalence_of_a_span_with_itself_comes_back() {
    let dir = tmp();
    let same = dir.path().join("same");
    write(&same, "d.txt", "Ada and Ada.");
    write(
        &same,
        "d.ann",
        "T1\tPerson 0 3\tAda\nT2\tPerson 8 11\tAda\n*\tEquiv T1 T1\n*\tEquiv T1 T2\n",
    );
    round_trip_line_for_line(&same);
}
