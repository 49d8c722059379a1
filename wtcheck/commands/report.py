"""``wtcheck report``: the gap report, every rule and its outcome."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wtcheck.commands.common import deliver, named, on_terminal, refused, show
from wtcheck.formats import registry
from wtcheck.formats.text import departure_lines
from wtcheck.models.report import build
from wtcheck.shell.inputs import plan
from wtcheck.shell.output import problems, say
from wtcheck.shell.settings import Settings

SHOWN_SETTINGS = ("edition", "fail_on", "paths", "departures", "include_unconfirmed", "include_coming", "as_of")
"""The settings ``report`` reads, for ``--show-settings``."""


@dataclass(frozen=True)
class Report:
    """What ``report`` was asked to do."""

    settings: Settings
    output_format: str | None = None
    output: Path | None = None
    show_settings: bool = False


def run(request: Report) -> int:
    """Write the gap report of the files the settings name; the exit code."""
    settings = request.settings
    chosen = registry.choose("report", request.output_format, request.output)
    checking = plan(settings, named(settings, "report", request.show_settings))
    if request.show_settings:
        return show(checking.settings, SHOWN_SETTINGS)
    checking = checking.load(baseline=False)
    model = build(checking.results(), settings.fail_on, departures=checking.departures, as_of=settings.as_of,
                  include_coming=settings.include_coming)
    if refused(model):
        return 2
    problems(departure_lines(model["departures"]))
    deliver("report", chosen, model, output=request.output, inputs=checking.inputs(),
            terminal=request.output is None and chosen == "text" and on_terminal())
    if request.output is not None:
        say(f"wrote the gap report to {request.output}")
    return model["exit_code"]
