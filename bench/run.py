"""Benchmark wtcheck against its targets: check-jsonschema's cold start, the YAML parse floor, memory.

    pip install -r bench/requirements.txt && python bench/run.py [--runs 7] [--skip-10000]

Each figure is a whole process, timed from outside (wall seconds, and the operating system's own
peak resident memory of the process and its workers), with the median of several runs. A time is
only ever compared with another taken in turn with it on the same machine (A B A B ...), as the
median of the ratios pair by pair, so the noise of a shared machine cancels out as far as it can;
a run on a busy machine reads high: run it again when the machine is quiet. It prints each target
beside its figure and never asserts one.

- cold start: ``wtcheck validate`` of one sample against ``check-jsonschema`` on the same file;
- batches of 1,000 and 10,000 generated files: ``wtcheck validate`` (every core) against the
  floor of parsing the same files with PyYAML's C loader in one process, and the same batch in
  one process (``WTCHECK_JOBS=1``) to show what the workers give;
- peak memory of ``validate`` and ``survey --format json`` at 10,000 files;
- the size of the survey's HTML page at 1,000 files.

wtcheck and check-jsonschema are the ones installed beside this Python (install wtcheck with
``pip install .`` to measure what users get; an editable install adds its import hook to every
start). Compiled bytecode is allowed to be written (``PYTHONDONTWRITEBYTECODE`` is dropped for the
commands), as an installed package has it, and the rulesets are built into wtcheck's cache by the
first, uncounted run, as by any first run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "2023-complete.yaml"
SCHEMA = ROOT / "schemas" / "arrangements.schema.json"
BIN = Path(sys.executable).parent
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
PARSE = ("import sys, yaml\n"
         "for name in open(sys.argv[1]).read().split():\n"
         "    yaml.load(open(name, 'rb'), Loader=yaml.CSafeLoader)\n")
"""The floor: parse every file with PyYAML's C loader, in one process."""


def tool(name: str) -> str:
    """The path of a console script installed beside this Python."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        sys.exit(f"bench: {name} is not installed; run: pip install -r bench/requirements.txt")
    return found


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time (seconds) and peak resident memory (MiB, the largest of the process and the workers
    it waited for) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV)
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024


def generate(folder: Path, count: int) -> list[str]:
    """``count`` varied partnership files made from the bundled samples."""
    rng = random.Random(2026)
    bases = [yaml.safe_load(path.read_text()) for path in sorted((ROOT / "samples").glob("20[12][38]-*.yaml"))]
    sections = ["links", "escalation", "ways_of_working", "thresholds", "reviews", "chair", "funding"]
    paths = []
    for index in range(count):
        data = yaml.safe_load(yaml.safe_dump(rng.choice(bases)))
        data.setdefault("partnership", {})["name"] = f"Bench Partnership {index:04d}"
        for section in rng.sample(sections, rng.randint(0, 3)):
            data.pop(section, None)
        path = folder / f"partnership-{index:05d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        paths.append(str(path))
    return paths


def paired(first: list[str], second: list[str], runs: int, first_env: dict[str, str] | None = None,
           ) -> tuple[float, float, float, float]:
    """Medians of ``first``'s wall time, ``second``'s, their ratio pair by pair, and ``first``'s peak
    memory, after one uncounted run of each."""
    measure(first, first_env)
    measure(second)
    pairs = [(measure(first, first_env), measure(second)) for _ in range(runs)]
    ratios = [a[0] / b[0] for a, b in pairs]
    return (statistics.median(a[0] for a, _ in pairs), statistics.median(b[0] for _, b in pairs),
            statistics.median(ratios), max(a[1] for a, _ in pairs))


def row(what: str, figure: str, target: str = "") -> None:
    print(f"  {what:<58} {figure:>22}   {'target ' + target if target else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each timed pair (median reported)")
    parser.add_argument("--skip-10000", action="store_true", help="leave out the batch of 10,000 files")
    options = parser.parse_args()
    wtcheck, checker = tool("wtcheck"), tool("check-jsonschema")
    single = {**ENV, "WTCHECK_JOBS": "1"}
    print(f"wtcheck: {wtcheck}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the start")

    ours, theirs, ratio, _ = paired([wtcheck, "validate", "--fail-on", "none", str(SAMPLE)],
                                    [checker, "--schemafile", str(SCHEMA), str(SAMPLE)], options.runs)
    print("Cold start, one file (median wall seconds; ratio pair by pair)")
    row(f"wtcheck validate {ours:.3f} s / check-jsonschema {theirs:.3f} s", f"{ratio:.2f}x", "<= 0.30x")

    with tempfile.TemporaryDirectory(prefix="wtcheck-bench-") as folder:
        sizes = (1000,) if options.skip_10000 else (1000, 10000)
        for count in sizes:
            batch = Path(folder) / str(count)
            batch.mkdir()
            files = generate(batch, count)
            listing = batch.with_suffix(".txt")
            listing.write_text("\n".join(files))
            floor = [sys.executable, "-c", PARSE, str(listing)]
            validate = [wtcheck, "validate", "--fail-on", "none", *files]
            runs = options.runs if count <= 1000 else max(3, options.runs // 2)
            ours, base, ratio, peak = paired(validate, floor, runs)
            alone, _, alone_ratio, alone_peak = paired(validate, floor, runs, single)
            print(f"Batch of {count:,} files (median wall seconds; ratio pair by pair)")
            row(f"wtcheck validate {ours:.2f} s / C-loader parse floor {base:.2f} s", f"{ratio:.2f}x", "<= 1.5x")
            row(f"  the same in one process (WTCHECK_JOBS=1): {alone:.2f} s", f"{alone_ratio:.2f}x")
            if count == 10000:
                row("peak memory, wtcheck validate", f"{peak:.0f} MiB", "< 100 MB")
                row("peak memory, wtcheck validate in one process", f"{alone_peak:.0f} MiB", "< 100 MB")
                _, survey_peak = measure([wtcheck, "survey", "--format", "json", str(batch)])
                row("peak memory, wtcheck survey --format json", f"{survey_peak:.0f} MiB", "< 100 MB")
            if count == 1000:
                page = Path(folder) / "survey.html"
                subprocess.run([wtcheck, "survey", str(batch), "-o", str(page)], env=ENV, capture_output=True,
                               check=False)
                size = page.stat().st_size / 1_000_000 if page.exists() else float("nan")
                row("survey HTML of 1,000 partnerships", f"{size:.2f} MB", "< 1 MB")
    print(f"load average {os.getloadavg()[0]:.2f} at the end (a busy machine reads high: run again when quiet)")


if __name__ == "__main__":
    main()
