"""``wtcheck validate``: check files and list every gap, one line each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtcheck.commands.common import colour, deliver, named, show
from wtcheck.core.runner import Source
from wtcheck.formats import registry
from wtcheck.models.report import ReportStream
from wtcheck.shell.inputs import YAML_SUFFIXES, is_arrangements, plan, staged_files
from wtcheck.shell.output import result, say
from wtcheck.shell.settings import COMMAND_LINE, Settings, resolve


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
    quiet: bool = False
    """List only the gaps that fail the run (and files that cannot be checked); say nothing when clean."""
    arrangements_only: bool = False
    """Of the files named, check only arrangements files (as ``--staged`` picks them) and say which
    were passed over, and why (what the pre-commit hook runs)."""


def run(request: Validate) -> int:
    """Check the files the settings name (or the staged ones) and list every gap; the exit code."""
    settings = request.settings
    requested = settings.format if settings.source("format") == COMMAND_LINE else None
    chosen = registry.choose("validate", requested, request.output, settings.configured("format"))
    passed_over: list[str] = []
    sources: list[Source]
    configured: list[str] | None = None
    if request.staged:
        sources, passed_over = staged_files(settings, Path.cwd())
    else:
        sources = named(settings, "validate", request.show_settings)
    if request.arrangements_only:
        configured = resolve({}).configured("paths")  # the configuration's, not the files named
        kept = [source for source in sources if is_arrangements(Path(source[0]), configured)]
        checked_names = {name for name, _ in kept}
        passed_over += [name for name, _ in sources
                        if name not in checked_names and name.lower().endswith(YAML_SUFFIXES)]
        sources = kept
    checking = plan(settings, sources)
    if request.show_settings:
        return show(checking.settings)
    if passed_over and not request.quiet:
        say(_passed_over(configured if request.arrangements_only else settings.configured("paths"), passed_over,
                         checked=bool(sources)))
    if (request.staged or request.arrangements_only) and not sources:
        return 0
    checking = checking.load()
    stream = ReportStream(checking.results(), settings.fail_on, departures=checking.departures,
                          baseline=checking.baseline, as_of=settings.as_of, include_coming=settings.include_coming)
    shown: dict[str, Any] = {"colour": colour(), "quiet": request.quiet}
    if request.output is None:
        deliver("validate", chosen, stream, omit_suppressed=request.omit_suppressed, **shown)
        return stream.exit_code
    report = deliver("validate", chosen, stream, output=request.output, inputs=checking.inputs(),
                     omit_suppressed=request.omit_suppressed)
    if not request.quiet:
        say(f"wrote the report to {request.output}")
    result(registry.render("validate", "text", report, **shown))
    return stream.exit_code


def _passed_over(paths: list[str] | None, passed_over: list[str], *, checked: bool) -> str:
    """One line saying which YAML files were not checked, and why (``paths``: the configured ones)."""
    names = ", ".join(passed_over[:3]) + (f" and {len(passed_over) - 3} more" if len(passed_over) > 3 else "")
    start = f"{names} passed over" if checked else f"no arrangements files were staged: {names} passed over"
    if paths:
        return (f"{start}, as {'they are' if len(passed_over) > 1 else 'it is'} not among the configured "
                f"paths ({', '.join(paths)}); change paths in the configuration to check them")
    return (f"{start}, as wtcheck checks staged YAML files whose names contain 'arrangements'; to check "
            "others, set paths in wtcheck.toml (e.g. paths = [\"partnership/*.yaml\"])")
