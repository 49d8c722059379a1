"""``wtcheck departures check``: lint recorded departures files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wtcheck.commands.common import deliver, show
from wtcheck.core import departures as departures_file
from wtcheck.core.vocabulary import EXIT_CANNOT_CHECK, EXIT_CLEAN, EXIT_GAPS
from wtcheck.models.departures import check_model
from wtcheck.shell.inputs import plan
from wtcheck.shell.settings import DEFAULT_DEPARTURES, Settings

SHOWN_SETTINGS = ("departures", "as_of")
"""The settings ``departures check`` reads, for ``--show-settings``."""


@dataclass(frozen=True)
class CheckDepartures:
    """What ``departures check`` was asked to do."""

    settings: Settings
    files: list[str] = field(default_factory=list)
    """The departures files to lint (default: the configured one, else wtcheck-departures.yaml)."""
    show_settings: bool = False


def run(request: CheckDepartures) -> int:
    """Lint departures files and list their problems; 0 all valid, 1 invalid entries, 2 unreadable."""
    checking = plan(request.settings, [])
    if request.show_settings:
        return show(checking.settings, SHOWN_SETTINGS)
    settings = checking.settings
    named: list[tuple[str, Path | None]] = [(path, None) for path in request.files]  # read wherever they are
    loaded = [departures_file.load(path, today=settings.as_of, within=within) for path, within in named or [
        (settings.departures or DEFAULT_DEPARTURES, settings.within("departures"))]]
    model = check_model(loaded)
    deliver("departures", "text", model)
    if any(not checked["readable"] for checked in model["files"]):
        return EXIT_CANNOT_CHECK
    return EXIT_GAPS if any(checked["invalid"] for checked in model["files"]) else EXIT_CLEAN
