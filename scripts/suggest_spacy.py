#!/usr/bin/env python3
"""An external suggester for `spanmark suggest --with`, built on spaCy with a
rule-based EntityRuler (no model download): people, organisations and
places from a small gazetteer and patterns, plus `said_by` links from a
quote to the person named right after it.

    spanmark suggest project.ron --with "python scripts/suggest_spacy.py" -o suggestions.jsonl

Protocol: one JSON line per document on stdin, {"id", "text"}; one line
back per document, {"id", "spans": [{"start", "end", "label", "score"}],
"relations": [{"from", "to", "type": "said_by"}]}, offsets in code points
(Python's str indexes are code points, so spaCy's char offsets are too).
"""

import json
import re
import sys

import spacy

nlp = spacy.blank("en")
ruler = nlp.add_pipe("entity_ruler")
ruler.add_patterns([
    {"label": "person", "pattern": [{"TEXT": {"IN": ["President", "Minister", "Mr", "Ms", "Dr"]}},
                                    {"IS_TITLE": True, "OP": "+"}]},
    {"label": "person", "pattern": "Dmitry Peskov"},
    {"label": "person", "pattern": "Peskov"},
    {"label": "person", "pattern": "Vladimir Putin"},
    {"label": "organisation", "pattern": "Kremlin"},
    {"label": "location", "pattern": [{"TEXT": {"IN": ["Russia", "Ukraine", "Geneva", "Moscow", "Kyiv"]}}]},
])
QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]")


def answer(doc_id, text):
    doc = nlp(text)
    spans = [{"start": e.start_char, "end": e.end_char, "label": "entity", "score": 0.9,
              "kind": e.label_} for e in doc.ents]
    relations = []
    for m in QUOTE.finditer(text):
        spans.append({"start": m.start(), "end": m.end(), "label": "quote", "score": 0.7})
        q = len(spans) - 1
        # The first person named within 40 characters after the quote.
        for i, s in enumerate(spans[:-1]):
            if s.get("kind") == "person" and 0 <= s["start"] - m.end() <= 40:
                relations.append({"from": q, "to": i, "type": "said_by"})
                break
    for s in spans:
        s.pop("kind", None)
    return {"id": doc_id, "spans": spans, "relations": relations}


for line in sys.stdin:
    request = json.loads(line)
    print(json.dumps(answer(request["id"], request["text"]), ensure_ascii=False), flush=True)
