"""``wtcheck validate``: check files and list every gap, one line each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wtcheck.commands.common import deliver, named, show
from wtcheck.formats import registry
from wtcheck.models.report import ReportStream
from wtcheck.shell.inputs import plan, staged_files
from wtcheck.shell.output import result, say
from wtcheck.shell.settings import COMMAND_LINE, Settings


@dataclass(frozen=True)
class Validate:
    """What ``validate`` was asked to do."""

    settings: Settings
    staged: bool = False
    """Check the staged version of each staged arrangements file (for git hooks)."""
    output: Path | None = None
    """Also write the report here (its extension chooses the format); the terminal still gets the lines."""
    omit_suppressed: bool = False
    show_settings: bool = False


def run(request: Validate) -> int:
    """Check the files the settings name (or the staged ones) and list every gap; the exit code."""
    settings = request.settings
    requested = settings.format if settings.source("format") == COMMAND_LINE else None
    chosen = registry.choose("validate", requested, request.output, settings.configured("format"))
    passed_over: list[str] = []
    if request.staged:
        sources, passed_over = staged_files(settings, Path.cwd())
    else:
        sources = named(settings, "validate", request.show_settings)
    checking = plan(settings, sources)
    if request.show_settings:
        return show(checking.settings)
    if request.staged and not sources:
        if passed_over:
            say(_nothing_staged(settings, passed_over))
        return 0
    checking = checking.load()
    stream = ReportStream(checking.results(), settings.fail_on, departures=checking.departures,
                          baseline=checking.baseline, as_of=settings.as_of, include_coming=settings.include_coming)
    if request.output is None:
        deliver("validate", chosen, stream, omit_suppressed=request.omit_suppressed)
        return stream.exit_code
    report = deliver("validate", chosen, stream, output=request.output, inputs=checking.inputs(),
                     omit_suppressed=request.omit_suppressed)
    say(f"wrote the report to {request.output}")
    result(registry.render("validate", "text", report))
    return stream.exit_code


def _nothing_staged(settings: Settings, passed_over: list[str]) -> str:
    names = ", ".join(passed_over[:3]) + (f" and {len(passed_over) - 3} more" if len(passed_over) > 3 else "")
    paths = settings.configured("paths")
    if paths:
        return (f"no arrangements files were staged: {names} passed over, as none is among the configured "
                f"paths ({', '.join(paths)}); change paths in the configuration to check them")
    return (f"no arrangements files were staged: {names} passed over, as wtcheck checks staged YAML files "
            "whose names contain 'arrangements'; to check others, set paths in wtcheck.toml "
            "(e.g. paths = [\"partnership/*.yaml\"])")
