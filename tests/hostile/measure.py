"""Measure wall time and peak memory of wtcheck on every hostile case; print a table.

    python tests/hostile/measure.py [COMMAND ...]     (default: validate)
    python tests/hostile/measure.py --inputs           (the other files a run reads)

Runs the installed ``wtcheck`` (next to this Python) once per case and command,
as the tests do, and exits 1 if any run takes 2 s or more, uses 200 MB or more
(peak resident memory, from the child's resource usage), or does not exit 2.
A complete sample, the same sample with a BOM and CRLF line endings, and the
stress files near the limits (which need not exit 2) are measured too. With
``--inputs``, each hostile baseline, departures and configuration file
(``INPUTS``: ``/dev/zero``, a named pipe, 40 MiB, nested 100,000 deep, ...) is
measured in its place instead. Linux and macOS only (``resource``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hostile.corpus import CASES, INPUTS, LANGUAGES, SAMPLE, STRESS, can_make, can_make_input, prefix_for

WTCHECK = Path(sys.executable).parent / "wtcheck"
LIMIT_SECONDS, LIMIT_MB = 2.0, 200.0


TIMED_RUN = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps([done.returncode, seconds, peak, done.stdout.decode("utf-8", "replace")]))
"""
"""Runs a command and reports its exit code, wall time, peak memory and output. It runs in a
small process of its own because a child's peak memory counts what it shared with its parent
before it started the command, and this script grows large making the big cases."""


def measure(command: list[str], cwd: Path) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak memory in MB and first output line of one run."""
    done = subprocess.run([sys.executable, "-c", TIMED_RUN, *command], cwd=cwd, capture_output=True, check=True)
    code, seconds, peak, output = json.loads(done.stdout)
    megabytes = peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # macOS reports bytes, Linux KiB
    return code, seconds, megabytes, output.splitlines()[0] if output else ""


def _bom_crlf(folder: Path) -> Path:
    path = folder / "2023-complete-bom-crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    return path


def main(commands: list[str]) -> int:
    failures = 0
    print("| command | case | exit | time (s) | peak memory (MB) | first line |\n|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        runs: list[tuple[str, Path, tuple[str, ...], bool]] = [
            (SAMPLE.name, SAMPLE, (), False), ("bom-crlf", _bom_crlf(folder), (), False)]
        for case in CASES:
            prefix = prefix_for(case)
            if can_make(case) and prefix is not None:
                runs.append((case.name, case.path(folder), prefix, True))
        runs += [(name, make(folder / name), (), False) for name, make in STRESS]
        for command in commands:
            for name, path, prefix, hostile in runs:
                code, seconds, megabytes, first = measure([*prefix, str(WTCHECK), command, path.name], path.parent)
                bad = seconds >= LIMIT_SECONDS or megabytes >= LIMIT_MB or (hostile and code != 2)
                failures += bad
                shown = first.split(": error: ", 1)[-1][:70]
                print(f"| {command} | {name} | {code} | {seconds:.2f} | {megabytes:.0f} | {shown} |{' OVER' if bad else ''}")
    print(f"\n{failures} run(s) over {LIMIT_SECONDS:g} s or {LIMIT_MB:g} MB or not exiting 2")
    return 1 if failures else 0


def inputs() -> int:
    """Each hostile input in the place of a baseline (named), a departures file (named) and a
    configuration file (found): one run each, which must exit 2 quickly, in little memory."""
    failures = 0
    print("| input | case | exit | time (s) | peak memory (MB) | first line |\n|---|---|---|---|---|---|")
    for kind, language in LANGUAGES.items():
        for case in INPUTS:
            if language not in case.languages or not can_make_input(case) or not (case.named or kind == "configuration"):
                continue
            with tempfile.TemporaryDirectory() as scratch:
                repository = Path(scratch) / "repository"
                (repository / ".git").mkdir(parents=True)
                (repository / "arrangements.yaml").write_bytes(SAMPLE.read_bytes())
                place = repository / "wtcheck.toml" if kind == "configuration" else Path(scratch) / f"{kind}.input"
                case.make(place, language)
                option = {"baseline": ["--baseline", str(place)], "departures": ["--departures", str(place)]}
                command = [str(WTCHECK), "validate", *option.get(kind, []), "arrangements.yaml"]
                code, seconds, megabytes, first = measure(command, repository)
            bad = seconds >= LIMIT_SECONDS or megabytes >= LIMIT_MB or code != 2
            failures += bad
            shown = first.removeprefix("wtcheck: ").split(": ", 1)[-1][:70]
            print(f"| {kind} | {case.name} | {code} | {seconds:.2f} | {megabytes:.0f} | {shown} |{' OVER' if bad else ''}")
    print(f"\n{failures} run(s) over {LIMIT_SECONDS:g} s or {LIMIT_MB:g} MB or not exiting 2")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(inputs() if sys.argv[1:] == ["--inputs"] else main(sys.argv[1:] or ["validate"]))
