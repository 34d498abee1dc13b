#!/usr/bin/env python3
"""Read Spanmark's Label Studio export with label-studio-converter (from
PyPI), using the labeling configuration Spanmark writes beside it.

    python scripts/check_label_studio.py target/debug/spanmark projects/sample.ron ...

For every project: export `label-studio`, then convert to CSV and JSON_MIN
with the converter and check that every annotation became a row, and that
every region and attribute control came through under its own name; that
every relation has both its regions in its own annotation (Label Studio
resolves a relation there: a merged project's relations included); and that
Spanmark imports its own export (and the converter's JSON_MIN) again.
"""

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from label_studio_converter import Converter

import checks
from checks import check, export



def main():
    binary, projects = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i, project in enumerate(projects):
            out = tmp / f"p{i}.json"
            export(binary, project, "label-studio", out)
            config = tmp / f"p{i}.label-config.xml"
            check(config.is_file(), "the labeling configuration is written beside")
            tasks = json.loads(out.read_text(encoding="utf-8"))
            # The converter writes one row per annotation, and one for a task
            # without any.
            annotations = sum(max(1, len(t["annotations"])) for t in tasks)
            regions = sum(1 for t in tasks for a in t["annotations"] for r in a["result"]
                          if r["type"] == "labels")
            converter = Converter(str(config), project_dir=str(tmp))
            for fmt in ["CSV", "JSON_MIN"]:
                dest = tmp / f"p{i}-{fmt}"
                if fmt == "CSV":
                    converter.convert_to_csv(str(out), str(dest), is_dir=False, sep=",", header=True)
                else:
                    converter.convert_to_json_min(str(out), str(dest), is_dir=False)
                if fmt == "CSV":
                    files = list(dest.glob("*.csv"))
                    check(len(files) == 1, "one CSV file")
                    with files[0].open(newline="", encoding="utf-8") as f:
                        rows = list(csv.DictReader(f))
                    check(len(rows) == annotations, f"one CSV row per annotation ({len(rows)})")
                    if regions:
                        check("label" in rows[0], "the label column is there")
                else:
                    records = json.loads((dest / "result.json").read_text(encoding="utf-8"))
                    check(len(records) == annotations, "one JSON_MIN record per annotation")
                    got = sum(len(r.get("label", [])) for r in records)
                    check(got == regions, f"every region converted ({got} of {regions})")
                    controls = {r["from_name"] for t in tasks for a in t["annotations"]
                                for r in a["result"] if r["type"] in ("choices", "textarea")}
                    keys = {k for r in records for k in r}
                    for control in controls:
                        check(control in keys, f"the control {control} is read under its own name")
                    reimport(binary, dest / "result.json", tmp / f"p{i}-min.ron")
            for t in tasks:
                for a in t["annotations"]:
                    ids = {r["id"] for r in a["result"] if r["type"] == "labels"}
                    for r in a["result"]:
                        if r["type"] == "relation":
                            check(r["from_id"] in ids and r["to_id"] in ids,
                                  f"relation {r['from_id']} -> {r['to_id']} has its regions in its annotation")
            reimport(binary, out, tmp / f"p{i}-back.ron")
    checks.summary()


def reimport(binary, path, into):
    """`spanmark import PATH --into INTO`, which must succeed."""
    args = [str(binary), "import", str(path), "--into", str(into), "--format", "label-studio"]
    r = subprocess.run(args, capture_output=True, text=True)
    check(r.returncode == 0, f"{' '.join(args)}: {r.stdout}{r.stderr}")


if __name__ == "__main__":
    main()
