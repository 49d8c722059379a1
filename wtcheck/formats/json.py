"""JSON: the report model itself, as ``schemas/report.schema.json`` describes it."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    """``data`` as the JSON wtcheck writes: indented, UTF-8 text kept as it is, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(report: dict[str, Any]) -> str:
    """The report as indented JSON."""
    return dumps(report)


def render_survey(survey: dict[str, Any]) -> str:
    """The survey as indented JSON (``schemas/survey.schema.json``)."""
    return dumps(survey)
