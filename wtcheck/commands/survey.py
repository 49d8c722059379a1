"""``wtcheck survey``: many partnerships checked at once, most-missed requirements first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wtcheck.commands.common import deliver, on_terminal, show
from wtcheck.core.errors import WtcheckError
from wtcheck.core.vocabulary import EXIT_CANNOT_CHECK
from wtcheck.formats import registry
from wtcheck.models import survey as surveying
from wtcheck.shell.inputs import SET_PATHS, expand, plan, survey_files
from wtcheck.shell.output import problems, say
from wtcheck.shell.settings import Settings

SHOWN_SETTINGS = ("edition", "paths", "departures", "include_unconfirmed", "include_coming", "as_of")
"""The settings ``survey`` reads, for ``--show-settings``."""


@dataclass(frozen=True)
class Survey:
    """What ``survey`` was asked to do."""

    settings: Settings
    output_format: str | None = None
    output: Path | None = None
    strict: bool = False
    """Exit 2 if any file could not be checked (default: only if none could)."""
    show_settings: bool = False


def run(request: Survey) -> int:
    """Survey the files under the folders the settings name; 0 if any file was checked (with
    ``strict``: if every file was), else 2."""
    settings = request.settings
    chosen = registry.choose("survey", request.output_format, request.output)
    named = settings.configured("paths")
    if named is None:
        raise WtcheckError(f"name the folders or files to survey (wtcheck survey FOLDER...), or {SET_PATHS}")
    checking = plan(settings, survey_files([Path(path) for path in expand(named)], settings.within("paths")))
    if request.show_settings:
        return show(checking.settings, SHOWN_SETTINGS)
    checking = checking.load(baseline=False)
    if checking.departures is not None:
        problems(str(problem) for problem in checking.departures.problems)
    rows = surveying.survey_rows(checking.results(survey=True))
    model = surveying.build(list(rows), settings.edition, as_of=settings.as_of, include_coming=settings.include_coming)
    deliver("survey", chosen, model, output=request.output, inputs=checking.inputs(),
            terminal=request.output is None and chosen == "text" and on_terminal())
    if request.output is not None:
        counts = model["counts"]
        say(f"wrote the survey of {counts['files']} file(s) ({counts['checked']} checked, "
            f"{counts['not_checked']} not checked) to {request.output}")
    if request.strict and model["counts"]["not_checked"]:
        return EXIT_CANNOT_CHECK
    return surveying.exit_code(model)
