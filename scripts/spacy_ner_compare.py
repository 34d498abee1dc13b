#!/usr/bin/env python3
"""The peer comparison of Spanmark's learned model (issue 24): spaCy's NER,
trained from a blank English pipeline on the same PolNeAR train documents,
scored on dev with the same definition of a match.

spaCy is used here only, never by Spanmark. The documents and their gold
spans come from Spanmark's own reading of PolNeAR, exported by

    cargo run --release --no-default-features --example learn_curve -- \
        polnear /path/to/PolNeAR/data --export /tmp/learn-export

(train.jsonl in the learning curve's order, dev.jsonl), so both learners
see the same texts, the same gold quotes and speakers, and the same first
N training documents. Then:

    python3 -m venv /tmp/spacy-venv && /tmp/spacy-venv/bin/pip install spacy
    /tmp/spacy-venv/bin/python scripts/spacy_ner_compare.py /tmp/learn-export --sizes 10,50,200

Quotes and speakers are two entity labels. spaCy's NER cannot hold
overlapping entities, so where two overlap the earlier (then the longer)
is kept, as Spanmark's joint layer does; spans are widened to spaCy's
token edges. A prediction matches one gold item at most and the reverse:
exact (same start and end, code points) or overlap (a character in
common); precision, recall and F1 per kind.
"""
import argparse
import json
import random
import sys
import time


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def matched(pred, gold, same):
    used = [False] * len(gold)
    n = 0
    for p in pred:
        for j, g in enumerate(gold):
            if not used[j] and same(p, g):
                used[j] = True
                n += 1
                break
    return n


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def prf(hit, pred, gold):
    p = hit / max(pred, 1)
    r = hit / max(gold, 1)
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f


def examples(nlp, docs):
    from spacy.training import Example

    out = []
    for d in docs:
        doc = nlp.make_doc(d["text"])
        spans = sorted(d["spans"], key=lambda s: (s[0], -(s[1] - s[0])))
        ents, taken = [], set()
        for a, b, label in spans:
            span = doc.char_span(a, b, label=label, alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            # A span that is only white space at its edges is trimmed by spaCy.
            taken.update(range(span.start, span.end))
            ents.append((span.start_char, span.end_char, label))
        out.append(Example.from_dict(doc, {"entities": ents}))
    return out


def train(docs, epochs, seed):
    import spacy
    from spacy.util import minibatch

    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in ("quote", "speaker"):
        ner.add_label(label)
    exs = examples(nlp, docs)
    optimizer = nlp.initialize(lambda: exs)
    for _ in range(epochs):
        random.shuffle(exs)
        losses = {}
        for batch in minibatch(exs, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
    return nlp


def score(nlp, dev):
    counts = {}
    for d in dev:
        doc = nlp(d["text"])
        pred = {}
        for e in doc.ents:
            pred.setdefault(e.label_, []).append((e.start_char, e.end_char))
        gold = {}
        for a, b, label in d["spans"]:
            gold.setdefault(label, []).append((a, b))
        for kind in set(pred) | set(gold):
            p, g = pred.get(kind, []), gold.get(kind, [])
            c = counts.setdefault(kind, [0, 0, 0, 0])
            c[0] += matched(p, g, lambda x, y: x == y)
            c[1] += matched(p, g, overlaps)
            c[2] += len(p)
            c[3] += len(g)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("export", help="the folder learn_curve --export wrote")
    ap.add_argument("--sizes", default="10,50,200")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    train_docs = read(f"{args.export}/train.jsonl")
    dev = read(f"{args.export}/dev.jsonl")
    print(f"spaCy NER, blank English, {args.epochs} epochs; {len(dev)} dev documents\n")
    print("| Learner | Docs | Kind | exact P / R / F1 | overlap P / R / F1 | train s |")
    print("|---|---:|---|---|---|---:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        t0 = time.perf_counter()
        nlp = train(train_docs[:size], args.epochs, args.seed)
        took = time.perf_counter() - t0
        counts = score(nlp, dev)
        for kind in sorted(counts):
            ex, ov, pred, gold = counts[kind]
            e = "%.2f / %.2f / **%.2f**" % prf(ex, pred, gold)
            o = "%.2f / %.2f / **%.2f**" % prf(ov, pred, gold)
            print(f"| spaCy NER | {size} | {kind} | {e} | {o} | {took:.1f} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
