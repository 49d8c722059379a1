"""The small path language rules use to point into a document.

A path is dotted keys from the top level, where a key may select one item of
a list by a field's value: ``safeguarding_partners[partner=police].lead.name``
is the lead's name in the list item whose ``partner`` is ``police``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from wtcheck.core.loading import YamlPath

_SEGMENT = re.compile(r"^(?P<key>[a-z0-9_]+)(?:\[(?P<field>[a-z0-9_]+)=(?P<value>[A-Za-z0-9_.-]+)\])?$")

Step = tuple[str, str | None, str | None]
"""One segment: a key, and optionally the field and value selecting a list item under it."""

MISSING = object()
"""What :func:`resolve` returns for a path that is not in the document."""


@cache
def parse(path: str) -> tuple[Step, ...]:
    """Split a rule path into steps; raise ValueError if it is not well formed."""
    steps = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if not match:
            raise ValueError(f"bad path segment {segment!r} in {path!r}")
        steps.append((match["key"], match["field"], match["value"]))
    return tuple(steps)


def resolve(data: Any, path: str) -> tuple[Any, YamlPath]:
    """The value at ``path`` and the concrete path reached.

    When the path is not in the document the value is :data:`MISSING` and the
    concrete path is as far as the document goes, so a finding can point at
    the parent of what is missing.
    """
    current = data
    reached: YamlPath = ()
    for key, field, wanted in parse(path):
        if not isinstance(current, dict) or key not in current:
            return MISSING, reached
        current = current[key]
        reached += (key,)
        if field is not None:
            if not isinstance(current, list):
                return MISSING, reached
            for index, item in enumerate(current):
                if isinstance(item, dict) and str(item.get(field)) == wanted:
                    current = item
                    reached += (index,)
                    break
            else:
                return MISSING, reached
    return current, reached
