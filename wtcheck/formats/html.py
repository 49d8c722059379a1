"""HTML: the gap report and the survey as self-contained pages (templates/*.html.j2)."""

from __future__ import annotations

from typing import Any

from wtcheck.formats import templating


def render(report: dict[str, Any]) -> str:
    """The gap report: summary, most important gaps, coverage matrix, provenance."""
    return templating.render("report.html.j2", report=report)


MATRIX_CELLS = 5000
"""The most partnership-by-requirement cells the survey page shows one by one (100 partnerships of 50
requirements); past it, each partnership's gaps are listed by number, so the page stays small and quick."""


def render_survey(survey: dict[str, Any]) -> str:
    """The survey: per edition the requirements most-missed first, the heat map, and (on demand,
    in ``<details>``) each partnership's outcomes; files not checked."""
    return templating.render("survey.html.j2", survey=survey, matrix_cells=MATRIX_CELLS)
