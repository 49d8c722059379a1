"""``wtcheck baseline``: record today's gaps, so that only new ones fail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wtcheck.commands.common import deliver, named, refused, show
from wtcheck.core.baseline import DEFAULT_FILE
from wtcheck.models.baseline import baseline_model
from wtcheck.models.report import build
from wtcheck.shell.inputs import plan
from wtcheck.shell.output import say
from wtcheck.shell.settings import Settings

SHOWN_SETTINGS = ("edition", "paths", "departures", "baseline", "include_unconfirmed", "include_coming", "as_of")
"""The settings ``baseline`` reads, for ``--show-settings``."""


@dataclass(frozen=True)
class Baseline:
    """What ``baseline`` was asked to do."""

    settings: Settings
    output: Path | None = None
    show_settings: bool = False


def run(request: Baseline) -> int:
    """Write the current gaps of the files the settings name to a baseline file; the exit code."""
    settings = request.settings
    target = request.output or Path(settings.baseline or DEFAULT_FILE)
    checking = plan(settings, named(settings, "baseline", request.show_settings))
    if request.show_settings:
        return show(checking.settings, SHOWN_SETTINGS)
    checking = checking.load(baseline=False)
    report = build(checking.results(), "none", departures=checking.departures, as_of=settings.as_of,
                   include_coming=settings.include_coming)
    if refused(report):
        return 2
    model = baseline_model(report, target.resolve().parent)
    deliver("baseline", "json", model, output=target, inputs=checking.inputs())
    say(f"wrote {len(model['gaps'])} known gap(s) in {len(checking.files)} file(s) to {target}")
    return 0
