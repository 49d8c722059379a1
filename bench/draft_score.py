"""How well ``wtcheck draft`` reads the corpus, per format, and how long a 60-page PDF takes.

    python bench/draft_score.py [--runs 5] [--pages 60]

Generates the corpus (tests/draft_corpus: fictional partnerships' documents, written as
HTML and made into PDF and Word) into a temporary folder, drafts each document and prints,
per format, field-level precision (of the fields drafted, how many are right) and recall
(of the fields the document gives, how many were drafted), against the targets (precision
at least 98%, recall at least 90%); then the time to draft a PDF of at least --pages dense
pages, in-process and as the whole command. It never asserts: a number is for reading.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from wtcheck.draft.assemble import assemble  # noqa: E402
from wtcheck.draft.extract import extract  # noqa: E402
from wtcheck.draft.reading import read_document  # noqa: E402

from draft_corpus.build import FORMATS, build, expected, long_pdf, score, sources  # noqa: E402

PRECISION, RECALL = 0.98, 0.90


def scores(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Per format: fields right, drafted but wrong or not in the document, and missed."""
    made = build(folder)
    totals: dict[str, list[int]] = {fmt: [0, 0, 0] for fmt in FORMATS}
    for source in sources():
        for fmt in FORMATS:
            model = assemble([extract(read_document(made[(source.stem, fmt)]))])
            true, false, missed, mistakes = score(model.description, expected(source))
            for index, count in enumerate((true, false, missed)):
                totals[fmt][index] += count
            for line in mistakes:
                print(f"  {source.stem}.{fmt}: {line}")
    return {fmt: (found[0], found[1], found[2]) for fmt, found in totals.items()}


def timed(function, runs: int) -> tuple[float, float]:
    """Median wall time and median processor time (this process and its children) of ``runs`` runs:
    on a machine shared with others the second says what the run itself costs."""
    walls, processors = [], []
    for _ in range(runs):
        start, before = time.perf_counter(), _processor()
        function()
        walls.append(time.perf_counter() - start)
        processors.append(_processor() - before)
    return statistics.median(walls), statistics.median(processors)


def _processor() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=60)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        results = scores(folder / "corpus")
        print(f"wtcheck draft on the corpus ({len(sources())} documents, each in {len(FORMATS)} formats):")
        print(f"  {'format':8}{'right':>7}{'wrong':>7}{'missed':>8}{'precision':>11}{'recall':>8}")
        for fmt, (true, false, missed) in results.items():
            precision = true / (true + false) if true + false else 1.0
            recall = true / (true + missed) if true + missed else 1.0
            verdict = "meets" if precision >= PRECISION and recall >= RECALL else "MISSES"
            print(f"  {fmt:8}{true:>7}{false:>7}{missed:>8}{precision:>10.1%}{recall:>8.1%}  {verdict} the targets "
                  f"(precision >= {PRECISION:.0%}, recall >= {RECALL:.0%})")
        source = next(path for path in sources() if path.stem == "kestrelford-yearly-report")
        long = folder / "long.pdf"
        pages = long_pdf(source, long, options.pages)
        size = long.stat().st_size / 1024
        inside = timed(lambda: assemble([extract(read_document(long))]), options.runs)
        wtcheck = str(Path(sys.executable).parent / "wtcheck")

        def command() -> None:
            target = folder / "long.yaml"
            target.unlink(missing_ok=True)
            subprocess.run([wtcheck, "draft", str(long), "-o", str(target)], check=True, capture_output=True)

        whole = timed(command, options.runs)
        print(f"a {pages}-page PDF ({size:.0f} KiB), median of {options.runs} runs (target: under 3 s):")
        print(f"  read and drafted in-process:   {inside[0]:.2f} s ({inside[1]:.2f} s of processor time)")
        print(f"  'wtcheck draft' (start-up and writing included): {whole[0]:.2f} s ({whole[1]:.2f} s of processor time)")
        print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")


if __name__ == "__main__":
    main()
