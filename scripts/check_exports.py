#!/usr/bin/env python3
"""Read Spanmark's exports with the tools that consume them.

Run by .ci/run after the Rust tests, inside a virtualenv with spaCy and
seqeval from PyPI:

    python scripts/check_exports.py target/debug/spanmark projects/sample.ron tests/data/multilingual.ron

For every project it exports each format with the real binary, then:
- JSONL: every span's text[start:end] (Python slicing: code points) is its
  text; spaCy's Doc.char_span finds every span; a DocBin holding every span
  (in a span group, and the outermost ones as doc.ents) survives
  to_bytes/from_bytes intact.
- CoNLL: seqeval reads the tags in strict IOB2 mode; its entities are
  exactly the B- runs, and each covers the tokens of an exported span;
  `spacy convert --converter ner` reads it with one document per
  -DOCSTART- and no false tokens.
- CSV: Python's csv module reads every row; the text column is the slice.
- Label Studio: every region's value.text is data.text[start:end], in every
  annotation. (label-studio-converter reads it in check_label_studio.py.)
- brat: every T line's text is its fragments' text joined by a space.
Exits non-zero on the first mismatch. Prints "N passed, 0 failed".
"""

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import spacy
from seqeval.metrics import f1_score
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities
from spacy.tokens import DocBin
from spacy.util import filter_spans

import checks
from checks import check, export



def check_jsonl(path, nlp):
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = rec["text"]
        spans = {s["id"]: s for s in rec["spans"]}
        check(len(spans) == len(rec["label"]), "label and spans agree")
        doc = nlp.make_doc(text)
        group = []
        for start, end, label in rec["label"]:
            check(0 <= start < end <= len(text), f"{start}..{end} inside the text")
            span = doc.char_span(start, end, label=label)
            check(span is not None, f"spaCy char_span finds {text[start:end]!r} [{start}, {end})")
            check(span.text == text[start:end], f"spaCy span text {span.text!r}")
            group.append(span)
        for rel in rec["relations"]:
            check(rel["from_id"] in spans and rel["to_id"] in spans, f"relation {rel} has both ends")
        doc.spans["sc"] = group
        doc.ents = filter_spans(group)
        docs.append((doc, [(s.start_char, s.end_char, s.label_) for s in group]))
    bin_ = DocBin(store_user_data=True)
    for doc, _ in docs:
        bin_.add(doc)
    back = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))
    check(len(back) == len(docs), "DocBin keeps every document")
    for (doc, expected), got in zip(docs, back):
        got_spans = [(s.start_char, s.end_char, s.label_) for s in got.spans["sc"]]
        check(got_spans == expected, "DocBin keeps every span")
        check(len(got.ents) == len(doc.ents), "DocBin keeps the entities")


def read_conll(path):
    sentences, tokens, cur, cur_tok = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") or line.startswith("-DOCSTART-"):
            continue
        if not line:
            if cur:
                sentences.append(cur)
                tokens.append(cur_tok)
                cur, cur_tok = [], []
            continue
        tok, tag = line.split("\t")
        cur.append(tag)
        cur_tok.append(tok)
    if cur:
        sentences.append(cur)
        tokens.append(cur_tok)
    return sentences, tokens


def check_conll(path, jsonl_path):
    sentences, tokens = read_conll(path)
    # Strict IOB2: seqeval raises on a tag that breaks the scheme.
    entities = Entities(sentences, IOB2)
    strict = [e for sent in entities.entities for e in sent]
    loose = get_entities(sentences)
    check(len(strict) == len(loose), f"strict IOB2 and seqeval's reader agree ({len(strict)} entities)")
    check(f1_score(sentences, sentences, mode="strict", scheme=IOB2) == 1.0 or not strict,
          "seqeval scores the tags against themselves")
    b_tags = sum(t.startswith("B-") for s in sentences for t in s)
    check(b_tags == len(strict), "every B- starts one entity")
    texts = set()
    for line in jsonl_path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for start, end, label in rec["label"]:
            texts.add(("_".join(label.split()), "".join(rec["text"][start:end].split())))
        # A discontinuous span is one CoNLL entity per piece.
        for span in rec.get("spans", []):
            for start, end in span.get("fragments", []):
                texts.add(("_".join(span["label"].split()), "".join(rec["text"][start:end].split())))
    for e in strict:
        toks = "".join(tokens[e.sent_id][e.start:e.end])
        check((e.tag, toks) in texts, f"CoNLL entity {e.tag} {toks!r} is an exported span")


def check_spacy_convert(path, nlp):
    """spaCy's own CoNLL-2003 reader: one Doc per -DOCSTART-, every B- tag an
    entity, and no token that is really a separator or a comment."""
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([sys.executable, "-m", "spacy", "convert", str(path), out,
                            "--converter", "ner", "--file-type", "spacy"],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"spacy convert: {r.stderr}")
        spacy_files = list(Path(out).glob("*.spacy"))
        check(len(spacy_files) == 1, "spacy convert wrote a .spacy file")
        docs = list(DocBin().from_disk(spacy_files[0]).get_docs(nlp.vocab))
    text = path.read_text(encoding="utf-8")
    check(len(docs) == text.count("-DOCSTART-"), "one document per -DOCSTART-")
    tokens = [t.text for d in docs for t in d]
    check("-DOCSTART-" not in tokens and "#" not in tokens, "no false tokens")
    b_tags = sum(line.split("\t")[-1].startswith("B-") for line in text.splitlines() if "\t" in line)
    check(sum(len(d.ents) for d in docs) == b_tags, "every B- tag is one spaCy entity")


def check_csv(path, jsonl_path):
    texts = {}
    for line in jsonl_path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        texts[rec["id"]] = rec["text"]
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        text = texts[row["document"]]
        check(row["text"] == text[int(row["start"]):int(row["end"])], f"CSV row {row['span_id']}")
        check(isinstance(json.loads(row["attributes"]), dict), "attributes are a JSON object")


def check_label_studio(path):
    tasks = json.loads(path.read_text(encoding="utf-8"))
    # The data key of the text, as the labeling configuration names it.
    config = path.with_name(path.stem + ".label-config.xml").read_text(encoding="utf-8")
    key = config.split('<Text name="', 1)[1].split('value="$', 1)[1].split('"', 1)[0]
    for task in tasks:
        text = task["data"][key]
        for annotation in task["annotations"]:
            ids = set()
            for r in annotation["result"]:
                if r["type"] == "labels":
                    v = r["value"]
                    check(v["text"] == text[v["start"]:v["end"]], f"Label Studio region {r['id']}")
                    ids.add(r["id"])
            for r in annotation["result"]:
                if r["type"] == "relation":
                    check(r["from_id"] in ids and r["to_id"] in ids, "relation between regions")


def check_brat(folder):
    for ann in folder.glob("*.ann"):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, spec, shown = line.split("\t")
            _, offsets = spec.split(" ", 1)
            frags = [tuple(map(int, f.split())) for f in offsets.split(";")]
            check(shown == " ".join(text[a:b] for a, b in frags), f"brat {line!r}")
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    check("[entities]" in conf and "[relations]" in conf, "annotation.conf has its sections")


def main():
    binary, projects = sys.argv[1], sys.argv[2:]
    nlp = spacy.blank("xx")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i, project in enumerate(projects):
            out = tmp / str(i)
            out.mkdir()
            export(binary, project, "jsonl", out / "a.jsonl")
            export(binary, project, "conll", out / "a.conll")
            export(binary, project, "csv", out / "a.csv")
            export(binary, project, "label-studio", out / "a.json")
            export(binary, project, "brat", out / "brat")
            check_jsonl(out / "a.jsonl", nlp)
            check_conll(out / "a.conll", out / "a.jsonl")
            check_spacy_convert(out / "a.conll", nlp)
            check_csv(out / "a.csv", out / "a.jsonl")
            check_label_studio(out / "a.json")
            check_brat(out / "brat")
    checks.summary()


if __name__ == "__main__":
    main()
