#!/usr/bin/env python3
"""Run the example spaCy suggester (scripts/suggest_spacy.py) through
`spanmark suggest --with`, with this Python (spaCy from PyPI), and check
what comes back: entities and quotes at the right characters, and quotes
linked to who said them.

    python scripts/check_suggester.py target/debug/spanmark projects/sample.ron
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import checks
from checks import check


def main():
    binary, project = sys.argv[1], sys.argv[2]
    here = Path(__file__).parent
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "suggestions.jsonl"
        command = f"{sys.executable} {here / 'suggest_spacy.py'}"
        r = subprocess.run([binary, "suggest", project, "--with", command, "-o", str(out)],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"spanmark suggest --with: {r.stdout}{r.stderr}")
        lines = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    check(len(lines) >= 1, "one line per document")
    texts = set()
    for line in lines:
        ents = {e["id"]: e for e in line["entities"]}
        for e in line["entities"]:
            span = line["text"][e["start_offset"]:e["end_offset"]]
            check(span.strip() == span and span, f"suggestion {span!r} is a clean slice")
            check(e["source"].startswith("model:"), "the source names the model")
            texts.add((e["label"], span))
        for r in line["relations"]:
            check(r["type"] == "said_by", "only said_by links")
            check(ents[r["from_id"]]["label"] == "quote", "a quote is linked")
            check(ents[r["to_id"]]["label"] == "entity", "to an entity")
    check(("entity", "Dmitry Peskov") in texts, f"Dmitry Peskov is suggested: {sorted(texts)[:10]}")
    check(("entity", "Kremlin") in texts, "Kremlin is suggested")
    check(any(l == "quote" for l, _ in texts), "quotes are suggested")
    check(any(line["relations"] for line in lines), "a quote is linked to its speaker")
    checks.summary("spaCy suggester: ")


if __name__ == "__main__":
    main()
