"""JSON: the report model itself, as ``schemas/report.schema.json`` describes it."""

from __future__ import annotations

import json
from typing import Any


def render(report: dict[str, Any]) -> str:
    """The report as indented JSON."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def render_survey(survey: dict[str, Any]) -> str:
    """The survey as indented JSON (``schemas/survey.schema.json``)."""
    return render(survey)
