"""Benchmark wtcheck against check-jsonschema and the YAML parse floor, as ratios in one run.

    pip install -r bench/requirements.txt && python bench/run.py [--runs 7] [--files 1000]

Measures, on this machine and in one run (so machine noise cancels out in the ratios):
- cold start: ``wtcheck validate samples/2023-complete.yaml`` against
  ``check-jsonschema --schemafile schemas/arrangements.schema.json`` on the same file, and
  against the floor ``python -c "import yaml"``;
- batch: wtcheck over N generated partnership files (one process) against check-jsonschema on
  the same files, and against the floor of parsing them with PyYAML's C loader in one process;
- peak memory (maximum resident set size) of each batch run.
Reports medians of several runs, interleaved. It never asserts a time.
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


def tool(name: str) -> str:
    """The path of a console script installed beside this Python."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        sys.exit(f"bench: {name} is not installed; run: pip install -r bench/requirements.txt")
    return found


def measure(command: list[str]) -> tuple[float, int]:
    """Wall time (seconds) and peak resident memory (MiB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024


def generate(folder: Path, count: int) -> list[Path]:
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
        path = folder / f"partnership-{index:04d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        paths.append(path)
    return paths


def median_runs(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Median wall time and the largest peak memory per command, runs interleaved."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = {name: 0 for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, peak = measure(command)
            times[name].append(elapsed)
            memory[name] = max(memory[name], peak)
    return {name: (statistics.median(times[name]), memory[name]) for name in commands}


def table(title: str, results: dict[str, tuple[float, int]], base: str) -> str:
    """A plain-text table of times, ratios to ``base`` and peak memory."""
    lines = [title, f"  {'command':<46} {'median s':>9} {'x ' + base:>22} {'peak MiB':>9}"]
    for name, (seconds, peak) in results.items():
        ratio = seconds / results[base][0]
        lines.append(f"  {name:<46} {seconds:>9.3f} {ratio:>22.2f} {peak:>9}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median reported)")
    parser.add_argument("--files", type=int, default=1000, help="generated files in the batch")
    options = parser.parse_args()
    wtcheck, checker = tool("wtcheck"), tool("check-jsonschema")
    python = sys.executable

    ours, theirs, floor = "wtcheck validate (1 file)", "check-jsonschema (1 file)", "floor: python -c 'import yaml'"
    cold = median_runs({
        ours: [wtcheck, "validate", "--fail-on", "none", str(SAMPLE)],
        theirs: [checker, "--schemafile", str(SCHEMA), str(SAMPLE)],
        floor: [python, "-c", "import yaml"],
    }, options.runs)
    print(table("Cold start", cold, theirs))
    print(f"  wtcheck / floor: {cold[ours][0] / cold[floor][0]:.2f}x")

    with tempfile.TemporaryDirectory(prefix="wtcheck-bench-") as folder:
        files = [str(path) for path in generate(Path(folder), options.files)]
        size = sum(os.path.getsize(path) for path in files) / len(files) / 1024
        listing = Path(folder) / "files.txt"
        listing.write_text("\n".join(files))
        parse = ("import sys, yaml\n"
                 "for name in open(sys.argv[1]).read().split():\n"
                 "    yaml.load(open(name, 'rb'), Loader=yaml.CSafeLoader)\n")
        batch = median_runs({
            f"wtcheck validate ({len(files)} files)": [wtcheck, "validate", "--fail-on", "none", *files],
            f"check-jsonschema ({len(files)} files)": [checker, "--schemafile", str(SCHEMA), *files],
            "floor: C-loader parse, one process": [python, "-c", parse, str(listing)],
        }, max(3, options.runs // 2))
    print()
    print(table(f"Batch of {len(files)} files (mean {size:.1f} KiB each)", batch,
                "floor: C-loader parse, one process"))
    ours = batch[f"wtcheck validate ({len(files)} files)"][0]
    theirs = batch[f"check-jsonschema ({len(files)} files)"][0]
    print(f"  wtcheck throughput / check-jsonschema throughput: {theirs / ours:.2f}x")


if __name__ == "__main__":
    main()
