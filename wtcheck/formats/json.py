"""JSON: any model itself (report, survey, rules, explain, diff, schema, baseline), each as its schema in
``schemas/`` describes it."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    """``data`` as the JSON wtcheck writes: indented, UTF-8 text kept as it is, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(model: Any) -> str:
    """The model as indented JSON."""
    return dumps(model)
