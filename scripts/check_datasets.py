#!/usr/bin/env python3
"""Load Spanmark's Hugging Face JSONL export with `datasets` (from PyPI).
CI runs it with datasets 2.x and with the current version.

    python scripts/check_datasets.py target/debug/spanmark projects/sample.ron ...
"""

import json
import sys
import tempfile
from pathlib import Path

import datasets

import checks
from checks import check, export



def main():
    binary, projects = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, project in enumerate(projects):
            out = Path(tmp) / f"p{i}.jsonl"
            export(binary, project, "hf-jsonl", out)
            files.append(str(out))
        for n, f in enumerate(files):
            ds = datasets.load_dataset("json", data_files=f, split="train",
                                       cache_dir=str(Path(tmp) / f"cache{n}"))
            lines = [json.loads(l) for l in Path(f).read_text(encoding="utf-8").splitlines()]
            check(ds.num_rows == len(lines), f"{ds.num_rows} rows")
            for row, line in zip(ds, lines):
                check(len(row["spans"]) == len(line["spans"]), "every span loads")
                for span in row["spans"]:
                    text = row["text"][span["start"]:span["end"]]
                    check(text == span["text"], f"span text {span['text']!r} is the slice")
                    check(isinstance(json.loads(span["attrs"]), dict), "attrs is a JSON object")
    checks.summary(f"datasets {datasets.__version__}: ")


if __name__ == "__main__":
    main()
