"""The model of ``departures check``: each departures file, its entries, and what is wrong with them."""

from __future__ import annotations

from typing import Any

from wtcheck.core.departures import Departures


def check_model(loaded: list[Departures]) -> dict[str, Any]:
    """Each departures file: whether it could be read, its entries, how many are valid and
    invalid, its warnings, and every problem."""
    files = []
    for departures in loaded:
        invalid = len({problem.rule_id for problem in departures.errors})
        files.append({"file": departures.file, "readable": departures.readable, "entries": len(departures.entries),
                      "valid": len(departures.valid), "invalid": invalid,
                      "warnings": len(departures.problems) - len(departures.errors),
                      "problems": [problem.as_dict() for problem in departures.problems]})
    return {"files": files}
