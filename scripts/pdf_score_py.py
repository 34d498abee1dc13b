#!/usr/bin/env python3
"""The Python rows of the PDF table (README, "PDF articles"): pypdf and
pdfminer.six scored against poppler's `pdftotext` with the definitions of
examples/pdf_score (the same tokens, word F1 and 4-token shingle F1).

Run it from a virtualenv that has the two (never a dependency of Spanmark):

    python3 -m venv /tmp/venv-pdf
    /tmp/venv-pdf/bin/pip install pypdf pdfminer.six
    /tmp/venv-pdf/bin/python scripts/pdf_score_py.py /work/data/pdfs

Each tool runs in a worker process with a time limit per PDF (a PDF over it
counts as refused); the peak memory is the workers' largest resident set.
"""

import argparse
import collections
import multiprocessing as mp
import pathlib
import resource
import statistics
import subprocess
import sys
import time

# Separators: what Rust's char::is_whitespace accepts, and control characters.
SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000")
SPACE.update(chr(c) for c in range(0x2000, 0x200B))
SPACE.update(chr(c) for c in range(0x20))
SPACE.add("\x7f")
# Trimmed from both ends of a token.
PUNCT = set(".,;:!?\"'()[]{}<>«»“”‘’—–-‐…*/\\•·|_")
CJK = [(0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
       (0xAC00, 0xD7AF), (0xFF66, 0xFF9F)]
MIN_WORDS = 20


def is_cjk(c):
    o = ord(c)
    return any(a <= o <= b for a, b in CJK)


def tokens(text):
    """Lowercased words split at whitespace, punctuation trimmed from their
    ends, and each CJK character a token of its own."""
    out, word = [], []

    def flush():
        w = "".join(word).strip("".join(PUNCT))
        if w:
            out.append(w)
        word.clear()

    for c in text.lower():
        if c in SPACE:
            flush()
        elif is_cjk(c):
            flush()
            out.append(c)
        else:
            word.append(c)
    flush()
    return out


def f1(ref, got):
    """F1 of two multisets (Counters)."""
    if not ref and not got:
        return 1.0
    common = sum((ref & got).values())
    if common == 0:
        return 0.0
    p, r = common / sum(got.values()), common / sum(ref.values())
    return 2 * p * r / (p + r)


def shingles(toks):
    return collections.Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def pdftotext(path):
    try:
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None


def extract(tool, path):
    if tool == "pypdf":
        import pypdf
        reader = pypdf.PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    from pdfminer.high_level import extract_text
    return extract_text(str(path))


def worker(tool, jobs, results):
    import logging
    import warnings
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    while True:
        path = jobs.get()
        if path is None:
            return
        start = time.perf_counter()
        try:
            text, ok = extract(tool, path), True
        except Exception as e:  # noqa: BLE001 - any failure is a refusal
            text, ok = f"{type(e).__name__}: {e}", False
        took = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        results.put((path, ok, text, took, rss))


def run_tool(tool, paths, limit):
    """(ok, text, seconds) per path, and the workers' peak memory in KiB."""
    ctx = mp.get_context("spawn")
    out, peak = {}, 0
    pending = list(paths)
    while pending:
        jobs, results = ctx.Queue(), ctx.Queue()
        proc = ctx.Process(target=worker, args=(tool, jobs, results), daemon=True)
        proc.start()
        for p in pending:
            jobs.put(p)
        jobs.put(None)
        while pending:
            try:
                path, ok, text, took, rss = results.get(timeout=limit)
            except Exception:  # noqa: BLE001 - the worker is stuck on pending[0]
                proc.kill()
                out[pending.pop(0)] = (False, "timed out", limit)
                break
            peak = max(peak, rss)
            out[path] = (ok, text, took)
            pending.remove(path)
        proc.join(timeout=1)
    return out, peak


def row(name, refs, got, peak_kib):
    """A table row: read, refused, returns text where pdftotext finds text,
    mean word F1, mean shingle F1, median time, peak memory."""
    read = sum(1 for ok, _, _ in got.values() if ok)
    refused = len(got) - read
    with_text = [p for p, r in refs.items() if r is not None and tokens(r)]
    returns = sum(1 for p in with_text if got[p][0] and tokens(got[p][1]))
    words, shing = [], []
    for p, ref in refs.items():
        if ref is None:
            continue
        rt = tokens(ref)
        if len(rt) < MIN_WORDS:
            continue
        ok, text, _ = got[p]
        gt = tokens(text) if ok else []
        words.append(f1(collections.Counter(rt), collections.Counter(gt)) if ok else 0.0)
        shing.append(f1(shingles(rt), shingles(gt)) if ok else 0.0)
    times = [t for _, _, t in got.values()]
    return (f"| {name} | {read} | {refused} | {returns} of {len(with_text)} | "
            f"{statistics.fmean(words):.3f} | {statistics.fmean(shing):.3f} | "
            f"{statistics.median(times) * 1000:.1f} ms | {peak_kib / 1024:.0f} MB |"), len(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=pathlib.Path)
    ap.add_argument("--tools", default="pypdf,pdfminer")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per PDF")
    args = ap.parse_args()
    paths = sorted(str(p) for p in args.folder.rglob("*") if p.suffix.lower() == ".pdf")
    refs = {p: pdftotext(p) for p in paths}
    for tool in args.tools.split(","):
        got, peak = run_tool(tool, paths, args.limit)
        line, scored = row({"pypdf": "pypdf", "pdfminer": "pdfminer.six"}[tool], refs, got, peak)
        print(line, flush=True)
    print(f"({len(paths)} PDFs; scores over the {scored} where pdftotext finds at least "
          f"{MIN_WORDS} words)", file=sys.stderr)


if __name__ == "__main__":
    main()
