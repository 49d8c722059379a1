"""What each command does, given its effective settings.

Each function takes the settings (:mod:`wtcheck.shell.settings`: defaults, the
configuration file, the command line), gets what the run reads from
:mod:`wtcheck.shell.inputs`, runs the pipeline, writes its result the one way every
command does (:mod:`wtcheck.shell.output`) and returns the exit code. The command
line (:mod:`wtcheck.cli`) only gathers options.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from wtcheck.core.errors import WtcheckError, located
from wtcheck.formats import registry
from wtcheck.shell.inputs import SET_PATHS, Run, Source, expand, named_files, plan, staged_files
from wtcheck.shell.output import problems, result, say, write_atomic
from wtcheck.shell.settings import COMMAND_LINE, DEFAULT_DEPARTURES, Settings

SHOWN_SETTINGS = {
    "report": ("edition", "fail_on", "paths", "departures", "include_unconfirmed"),
    "survey": ("edition", "paths", "departures", "include_unconfirmed"),
    "baseline": ("edition", "paths", "departures", "baseline", "include_unconfirmed"),
    "diff": ("fail_on", "departures", "include_unconfirmed"),
    "departures": ("departures",),
}
"""The settings each command reads, for ``--show-settings`` (``validate`` reads them all)."""


def validate(settings: Settings, *, staged: bool = False, output: Path | None = None,
             omit_suppressed: bool = False, show_settings: bool = False) -> int:
    """Check the files the settings name (or the staged ones) and list every gap; the exit code."""
    from wtcheck.models.report import build

    requested = settings["format"] if settings.source("format") == COMMAND_LINE else None
    chosen = registry.choose("validate", requested, output, settings.configured("format"))
    passed_over: list[str] = []
    if staged:
        sources, passed_over = staged_files(settings, Path.cwd())
    else:
        sources = _named(settings, "validate", show_settings)
    run = plan(settings, sources)
    if show_settings:
        return _show(run.settings)
    if staged and not sources:
        if passed_over:
            say(_nothing_staged(settings, passed_over))
        return 0
    run = run.load()
    model = build(run.results(), settings["fail_on"], departures=run.departures, baseline=run.baseline)
    text = registry.render("validate", chosen, model, omit_suppressed=omit_suppressed)
    if output is not None:
        write_atomic(output, text, inputs=run.inputs())
        say(f"wrote the report to {output}")
        text = registry.render("validate", "text", model)
    result(text)
    if chosen == "github":
        _step_summary(model)
    return model["exit_code"]


def report(settings: Settings, *, output_format: str | None = None, output: Path | None = None,
           show_settings: bool = False) -> int:
    """Write the gap report of the files the settings name; the exit code."""
    from wtcheck.formats.text import departure_lines
    from wtcheck.models.report import build

    chosen = registry.choose("report", output_format, output)
    run = plan(settings, _named(settings, "report", show_settings))
    if show_settings:
        return _show(run.settings, SHOWN_SETTINGS["report"])
    run = run.load(baseline=False)
    model = build(run.results(), settings["fail_on"], departures=run.departures)
    if _refused(model):
        return 2
    problems(departure_lines(model["departures"]))
    _deliver("report", chosen, model, output, run)
    if output is not None:
        say(f"wrote the gap report to {output}")
    return model["exit_code"]


def survey(settings: Settings, *, output_format: str | None = None, output: Path | None = None,
           strict: bool = False, show_settings: bool = False) -> int:
    """Survey the files under the folders the settings name; 0 if any file was checked (with
    ``strict``: if every file was), else 2."""
    from wtcheck.models import survey as surveying

    chosen = registry.choose("survey", output_format, output)
    named = settings.configured("paths")
    if named is None:
        raise WtcheckError(f"name the folders or files to survey (wtcheck survey FOLDER...), or {SET_PATHS}")
    files = surveying.find_files([Path(path) for path in expand(named)])
    run = plan(settings, [(str(path), None) for path in files])
    if show_settings:
        return _show(run.settings, SHOWN_SETTINGS["survey"])
    run = run.load(baseline=False)
    if run.departures is not None:
        problems(str(problem) for problem in run.departures.problems)
    rows = surveying.check_all(files, settings["edition"], progress=sys.stderr.isatty(), departures=run.departures,
                               include_unconfirmed=settings["include_unconfirmed"])
    model = surveying.build(rows, settings["edition"])
    _deliver("survey", chosen, model, output, run)
    if output is not None:
        counts = model["counts"]
        say(f"wrote the survey of {counts['files']} file(s) ({counts['checked']} checked, "
            f"{counts['not_checked']} not checked) to {output}")
    if strict and model["counts"]["not_checked"]:
        return 2
    return surveying.exit_code(model)


def write_baseline(settings: Settings, *, output: Path | None = None, show_settings: bool = False) -> int:
    """Write the current gaps of the files the settings name to a baseline file; the exit code."""
    from wtcheck.core import baseline as baseline_file
    from wtcheck.models.report import build

    target = output or Path(settings["baseline"] or baseline_file.DEFAULT_FILE)
    run = plan(settings, _named(settings, "baseline", show_settings))
    if show_settings:
        return _show(run.settings, SHOWN_SETTINGS["baseline"])
    run = run.load(baseline=False)
    model = build(run.results(), "none", departures=run.departures)
    if _refused(model):
        return 2
    write_atomic(target, baseline_file.render(model, target.resolve().parent), inputs=run.inputs())
    gaps = sum(finding["outcome"] in baseline_file.RECORDED for entry in model["files"]
               for finding in entry["findings"])
    say(f"wrote {gaps} known gap(s) in {len(run.files)} file(s) to {target}")
    return 0


def check_departures(settings: Settings, files: list[str] | None, *, show_settings: bool = False) -> int:
    """Lint departures files (those named, else the configured or default one): list their
    problems; 0 all valid, 1 invalid entries, 2 unreadable."""
    from wtcheck.core import departures as departures_file

    run = plan(settings, [])
    if show_settings:
        return _show(run.settings, SHOWN_SETTINGS["departures"])
    code = 0
    for path in files or [run.settings["departures"] or DEFAULT_DEPARTURES]:
        departures = departures_file.load(path)
        result("".join(f"{problem}\n" for problem in departures.problems))
        if not departures.readable:
            result(f"{path}: not checked ({len(departures.problems)} error(s) to fix first)\n")
            code = 2
            continue
        warnings = len(departures.problems) - len(departures.errors)
        invalid = len({problem.rule_id for problem in departures.errors})
        result(f"{path}: {len(departures.entries)} departure(s): {len(departures.valid)} valid, "
               f"{invalid} invalid, {warnings} warning(s)\n")
        code = max(code, 1 if invalid else 0)
    return code


def diff(old: str, new: str, settings: Settings, path: Path | None, *, output_format: str = "text",
         show_settings: bool = False) -> int:
    """The rules that changed between two editions; with a file, what it must add; the exit code."""
    from wtcheck.models import diff as edition_diff

    as_json = output_format == "json"
    if path is None:
        changes = edition_diff.compare(old, new)
        result(edition_diff.as_json(edition_diff.editions_json(changes)) if as_json
               else edition_diff.editions_text(changes))
        return 0
    run = plan(settings, [(str(path), None)])
    if show_settings:
        return _show(run.settings, SHOWN_SETTINGS["diff"])
    run = run.load(baseline=False)
    compared = edition_diff.compare_file(path, old, new, include_unconfirmed=settings["include_unconfirmed"],
                                         departures=run.departures)
    fail_on = settings["fail_on"]
    result(edition_diff.as_json(edition_diff.file_json(compared, fail_on)) if as_json
           else edition_diff.file_text(compared))
    return compared.exit_code(fail_on)


def rules(edition: str | None, output_format: str = "text") -> int:
    """List the rules of one edition, or of all."""
    from wtcheck.models.rules import rules_json, rules_text, rulesets_for

    chosen = rulesets_for(edition)
    result(rules_json(chosen) if output_format == "json" else rules_text(chosen))
    return 0


def explain(name: str, edition: str | None, output_format: str = "text") -> int:
    """Explain one rule, named by its id or its slug."""
    from wtcheck.models.rules import explain_json, explain_text, find_rule

    ruleset, rule = find_rule(name, edition)
    result(explain_json(ruleset, rule) if output_format == "json" else explain_text(ruleset, rule))
    return 0


def _named(settings: Settings, command: str, show_settings: bool) -> list[Source]:
    """The files the settings name; for ``--show-settings``, without requiring that they exist."""
    if show_settings:
        return [(name, None) for name in expand(settings["paths"])]
    return named_files(settings, command)


def _show(settings: Settings, names: tuple[str, ...] | None = None) -> int:
    result(settings.show(names))
    return 0


def _refused(model: dict[str, Any]) -> bool:
    """Whether a file could not be checked, so no document can be made; if so, its error lines
    go to standard error."""
    unchecked = [entry for entry in model["files"] if entry["status"] != "checked"]
    problems(located(f"error: {error['message']}", entry["file"], error["line"], error["column"])
             for entry in unchecked for error in entry["errors"])
    return bool(unchecked)


def _deliver(command: str, name: str, model: dict[str, Any], output: Path | None, run: Run) -> None:
    """Render ``model`` and write it to ``output`` (never over an input of ``run``), or show it."""
    if output is None:
        result(registry.render(command, name, model, terminal=name == "text" and sys.stdout.isatty()))
        return
    write_atomic(output, registry.render(command, name, model), inputs=run.inputs())


def _nothing_staged(settings: Settings, passed_over: list[str]) -> str:
    names = ", ".join(passed_over[:3]) + (f" and {len(passed_over) - 3} more" if len(passed_over) > 3 else "")
    paths = settings.configured("paths")
    if paths:
        return (f"no arrangements files were staged: {names} passed over, as none is among the configured "
                f"paths ({', '.join(paths)}); change paths in the configuration to check them")
    return (f"no arrangements files were staged: {names} passed over, as wtcheck checks staged YAML files "
            "whose names contain 'arrangements'; to check others, set paths in wtcheck.toml "
            "(e.g. paths = [\"partnership/*.yaml\"])")


def _step_summary(model: dict[str, Any]) -> None:
    """Append the job summary when GitHub Actions asks for one; failing to never changes the exit code."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from wtcheck.formats import github

    try:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(github.summary(model))
    except OSError as exc:
        say(f"warning: could not write the job summary to {target}: {exc.strerror or exc}")
