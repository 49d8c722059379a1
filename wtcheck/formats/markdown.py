"""Markdown: the gap report and the survey for pasting into documents and wikis (templates/*.md.j2)."""

from __future__ import annotations

from typing import Any

from wtcheck.formats import templating


def render(report: dict[str, Any]) -> str:
    """The gap report: summary, most important gaps, coverage matrix, provenance."""
    return templating.render("report.md.j2", report=report)


def render_survey(survey: dict[str, Any]) -> str:
    """The survey: requirements most-missed first, the partnership matrix, files not checked."""
    return templating.render("survey.md.j2", survey=survey)
