"""``wtcheck diff``: what changed between two editions, and what a description must add."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wtcheck.commands.common import deliver, show
from wtcheck.models import diff as edition_diff
from wtcheck.shell.inputs import plan
from wtcheck.shell.settings import Settings

SHOWN_SETTINGS = ("fail_on", "departures", "include_unconfirmed", "include_coming", "as_of")
"""The settings ``diff`` reads, for ``--show-settings``."""


@dataclass(frozen=True)
class Diff:
    """What ``diff`` was asked to do."""

    old: str
    new: str
    settings: Settings
    path: Path | None = None
    """A description: list what it must add to meet the newer edition."""
    output_format: str = "text"
    show_settings: bool = False


def run(request: Diff) -> int:
    """The rules that changed between two editions; with a file, what it must add; the exit code."""
    editions = edition_diff.compare(request.old, request.new)
    as_of = request.settings.as_of
    if request.path is None:
        deliver("diff", request.output_format, edition_diff.editions_model(editions, as_of))
        return 0
    checking = plan(request.settings, [(str(request.path), None)])
    if request.show_settings:
        return show(checking.settings, SHOWN_SETTINGS)
    checking = checking.load(baseline=False)
    result = next(checking.results((request.old, request.new)))
    compared = edition_diff.file_diff(result, editions, checking.departures)
    deliver("diff_file", request.output_format, edition_diff.file_model(compared, request.settings.fail_on, as_of))
    return compared.exit_code(request.settings.fail_on)
