#!/usr/bin/env python3
"""Load Spanmark's Hugging Face JSONL export with `datasets` (from PyPI).
CI runs it with datasets 2.x and with the current version.

    python scripts/check_datasets.py target/debug/spanmark projects/sample.ron ...
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import datasets

passed = 0


def check(cond, message):
    global passed
    if not cond:
        print(f"FAIL: {message}", file=sys.stderr)
        print(f"{passed} passed, 1 failed")
        sys.exit(1)
    passed += 1


def main():
    binary, projects = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, project in enumerate(projects):
            out = Path(tmp) / f"p{i}.jsonl"
            r = subprocess.run([binary, "export", project, "-f", "hf-jsonl", "-o", str(out)],
                               capture_output=True, text=True)
            check(r.returncode == 0, f"export {project}: {r.stderr}")
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
    print(f"datasets {datasets.__version__}: {passed} passed, 0 failed")


if __name__ == "__main__":
    main()
