"""What ``validate``, ``baseline`` and ``departures check`` do, given their settings.

Each function takes the effective settings (:mod:`wtcheck.settings`), runs the
pipeline, writes its output and returns the exit code; the command line only
gathers options.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from wtcheck import baseline as baseline_file, departures as departures_file
from wtcheck.errors import Problem, WtcheckError
from wtcheck.output import write_atomic
from wtcheck.pipeline import FileResult, check_file
from wtcheck.report import build
from wtcheck.settings import DEFAULT_SOURCE, Settings

ARRANGEMENTS_NAME = re.compile(r"(^|/)[^/]*arrangements[^/]*\.ya?ml$")
"""Which staged files are arrangements descriptions when no ``paths`` are configured:
YAML files whose name contains ``arrangements``. The pre-commit hook uses the same pattern."""

Source = tuple[str, bytes | WtcheckError | None]
"""A file to check: its name, and its content when not read from disk (or why it could not be had)."""


def validate(settings: Settings, *, staged: bool = False, output: Path | None = None,
             omit_suppressed: bool = False) -> int:
    """Check the files the settings name (or the staged ones) and write the report; the exit code."""
    cwd = Path.cwd()
    sources: list[Source] = (_staged_sources(settings, cwd) if staged
                             else [(name, None) for name in expand(settings["paths"])])
    if staged and not sources:
        return 0
    departures = load_departures(settings)
    baseline = baseline_file.load(settings["baseline"]) if settings["baseline"] else None
    results = (_check(name, raw, settings, departures, baseline) for name, raw in sources)
    report = build(results, settings["fail_on"], departures=departures, baseline=baseline)
    text = render(report, settings["format"], cwd, omit_suppressed=omit_suppressed)
    if output is not None:
        inputs = [name for name, _ in sources]
        inputs += [file for file in (settings["departures"], settings["baseline"]) if file]
        write_atomic(output, text, inputs=inputs)
        text = render(report, "text", cwd)
    sys.stdout.write(text)
    if settings["format"] == "github":
        _step_summary(report)
    return report["exit_code"]


def write_baseline(settings: Settings, target: Path) -> int:
    """Write the current gaps of the configured files to ``target``; the exit code."""
    names = expand(settings["paths"])
    departures = load_departures(settings)
    results = (_check(name, None, settings, departures, None) for name in names)
    report = build(results, "none", departures=departures)
    if report["exit_code"] == 2:
        sys.stdout.write(render(report, "text", Path.cwd()))
        sys.stderr.write("wtcheck: no baseline written: fix what could not be checked first\n")
        return 2
    write_atomic(target, baseline_file.render(report, Path(target).resolve().parent), inputs=names)
    gaps = sum(finding["outcome"] in baseline_file.RECORDED for entry in report["files"]
               for finding in entry["findings"])
    sys.stdout.write(f"wrote {gaps} known gap(s) in {len(names)} file(s) to {target}\n")
    return 0


def check_departures(path: str) -> int:
    """Lint a departures file: print its problems; 0 all valid, 1 invalid entries, 2 unreadable."""
    departures = departures_file.load(path)
    for problem in departures.problems:
        sys.stdout.write(f"{problem}\n")
    if not departures.readable:
        sys.stdout.write(f"{path}: not checked ({len(departures.problems)} error(s) to fix first)\n")
        return 2
    warnings = len(departures.problems) - len(departures.errors)
    invalid = len({problem.rule_id for problem in departures.errors})
    sys.stdout.write(f"{path}: {len(departures.entries)} departure(s): {len(departures.valid)} valid, "
                     f"{invalid} invalid, {warnings} warning(s)\n")
    return 1 if invalid else 0


def render(report: dict[str, Any], name: str, cwd: Path, *, omit_suppressed: bool = False) -> str:
    """The report in the format ``name``; SARIF and GitHub paths are relative to the repository's top."""
    from wtcheck.repository import top_level

    if name in ("sarif", "github"):
        root = top_level(cwd) or cwd
        if name == "sarif":
            from wtcheck.formats import sarif
            return sarif.render(report, root=root, omit_suppressed=omit_suppressed)
        from wtcheck.formats import github
        return github.render(report, root=root)
    from wtcheck.formats import json as json_format, junit, text
    return {"json": json_format, "junit": junit, "text": text}[name].render(report)


def expand(paths: list[str]) -> list[str]:
    """``paths`` with glob patterns expanded (a pattern matching nothing is kept, to be reported)."""
    names = []
    for path in paths:
        matches = sorted(glob.glob(path, recursive=True)) if glob.has_magic(path) else []
        names.extend(matches or [path])
    return names


def _check(name: str, raw: bytes | WtcheckError | None, settings: Settings,
           departures: departures_file.Departures | None, baseline: baseline_file.Baseline | None) -> FileResult:
    if isinstance(raw, WtcheckError):
        return FileResult(name, problems=[Problem(raw.message, name)])
    return check_file(name, edition=settings["edition"], include_unconfirmed=settings["include_unconfirmed"],
                      departures=departures, baseline=baseline, raw=raw)


def load_departures(settings: Settings) -> departures_file.Departures | None:
    """The departures file the settings name (or the default one found), loaded and checked; None if none."""
    path = settings["departures"]
    return departures_file.load(path) if path else None


def _staged_sources(settings: Settings, cwd: Path) -> list[Source]:
    """The staged arrangements files, named relative to ``cwd``, with their staged content."""
    from wtcheck.repository import require_top_level, staged_bytes, staged_files

    root = require_top_level(cwd, "--staged")
    configured = settings.values["paths"].source != DEFAULT_SOURCE
    patterns = [str(Path(path).resolve()) for path in settings["paths"]] if configured else []
    sources: list[Source] = []
    for name in staged_files(root):
        absolute = root / name
        if not (any(fnmatch(str(absolute), pattern) for pattern in patterns) if configured
                else ARRANGEMENTS_NAME.search(name)):
            continue
        try:
            content: bytes | WtcheckError = staged_bytes(root, name)
        except WtcheckError as exc:
            content = exc
        sources.append((os.path.relpath(absolute, cwd), content))
    return sources


def _step_summary(report: dict[str, Any]) -> None:
    """Append the job summary when GitHub Actions asks for one; failing to never changes the exit code."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from wtcheck.formats import github

    try:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(github.summary(report))
    except OSError as exc:
        sys.stderr.write(f"wtcheck: warning: could not write the job summary to {target}: {exc.strerror or exc}\n")

