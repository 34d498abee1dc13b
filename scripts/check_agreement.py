#!/usr/bin/env python3
"""Cross-check `spanmark agree` with scikit-learn's `cohen_kappa_score` and
the `krippendorff` package (both from PyPI) on generated annotators'
projects: units are the non-whitespace code points of the documents every
pair shares, values the set of labels covering them (docs/agreement.md).

    python scripts/check_agreement.py target/debug/spanmark alice.ron bob.ron carol.ron
"""

import importlib.metadata
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

import checks
from checks import check, export


def documents(binary, project, tmp):
    """text -> list of (start, end, label), from the doccano JSONL export."""
    out = Path(tmp) / (Path(project).stem + ".jsonl")
    export(binary, project, "jsonl", out)
    docs = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        docs.setdefault(row["text"], [tuple(x) for x in row["label"]])
    return docs


def unit_values(text, spans):
    """The label set covering each non-whitespace code point, as a string."""
    cover = [set() for _ in text]
    for start, end, label in spans:
        for i in range(start, end):
            cover[i].add(label)
    return ["|".join(sorted(c)) for ch, c in zip(text, cover) if not ch.isspace()]


def same(ours, theirs, what):
    if theirs is None or (isinstance(theirs, float) and math.isnan(theirs)):
        check(ours is None, f"{what}: spanmark {ours}, reference undefined")
    else:
        check(ours is not None and abs(ours - theirs) < 1e-6, f"{what}: spanmark {ours}, reference {theirs}")


def main():
    binary, projects = sys.argv[1], sys.argv[2:]
    r = subprocess.run([binary, "agree", *projects, "--json"], capture_output=True, text=True)
    check(r.returncode == 0, r.stderr)
    ours = json.loads(r.stdout)
    with tempfile.TemporaryDirectory() as tmp:
        annotated = [documents(binary, p, tmp) for p in projects]
    names = ours["annotators"]
    texts = list(dict.fromkeys(t for a in annotated for t in a))
    shared = [t for t in texts if sum(t in a for a in annotated) >= 2]
    check(ours["documents"] == len(shared), f"{ours['documents']} documents, {len(shared)} shared")
    values = [{t: unit_values(t, a[t]) for t in shared if t in a} for a in annotated]

    for pair in ours["pairs"]:
        i, j = names.index(pair["a"]), names.index(pair["b"])
        both = [t for t in shared if t in values[i] and t in values[j]]
        ya = [v for t in both for v in values[i][t]]
        yb = [v for t in both for v in values[j][t]]
        same(pair["overall"]["kappa"], cohen_kappa_score(ya, yb), f"{pair['a']}/{pair['b']} kappa")
        for label, agreement in pair["labels"].items():
            la = [label in v.split("|") for v in ya]
            lb = [label in v.split("|") for v in yb]
            with np.errstate(all="ignore"):
                reference = cohen_kappa_score(la, lb) if (any(la) or any(lb)) else None
            same(agreement["kappa"], reference, f"{pair['a']}/{pair['b']} {label} kappa")

    # Krippendorff: one row per annotator, one column per unit, NaN where
    # the annotator does not have the document.
    codes = {}
    rows = [[] for _ in annotated]
    for t in shared:
        width = sum(not ch.isspace() for ch in t)
        for k, v in enumerate(values):
            if t in v:
                rows[k].extend(codes.setdefault(x, len(codes)) for x in v[t])
            else:
                rows[k].extend([np.nan] * width)
    data = np.array(rows, dtype=float)
    same(ours["alpha"], krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"), "alpha")
    version = importlib.metadata.version
    checks.summary(f"agreement vs scikit-learn {version('scikit-learn')} "
                   f"and krippendorff {version('krippendorff')}: ")


if __name__ == "__main__":
    main()
