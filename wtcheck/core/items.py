"""What each item of a description is called by the people who write one, from the schema's titles.

A check reports the item it is about by its rule path (``annual_report.sent_to[recipient=foundations].sent``);
a reader knows it as "the date the report was sent". The words come from the ``title`` of each
property in ``schemas/arrangements.schema.json`` (also what editors show), never from a table in
code. A title starting with "the", "who", "how", ... names an item on its own; a shorter one
(``name``, ``first day``) names a part and reads "the name of the independent scrutineer". A step
that picks one item of a list (``[recipient=foundations]``) adds which one.
"""

from __future__ import annotations

from typing import Any

from wtcheck.core.paths import parse
from wtcheck.core.resources import cached

_WHOLE = ("the ", "a ", "an ", "who ", "how ", "what ", "why ", "whether ", "independent ", "reviews",
          "escalation", "child ", "ways ", "co-operation ")
"""How a title that names an item on its own begins (any other title names a part of its parent)."""


def words(path: str, within: str = "") -> str | None:
    """The reader's words for the item at rule ``path`` (inside the list at ``within``, for the
    fields a check looks for in each list item), or None if the schema gives it no title."""
    return _words(within, path)


def item(path: str, within: str = "") -> str:
    """The item as a reader knows it, with its YAML path after it: ``the web address of the
    threshold document (thresholds.url)``; just the path when the schema has no words for it."""
    said = words(path, within)
    return f"{said} ({path})" if said else path


@cached
def _words(within: str, path: str) -> str | None:
    from wtcheck.core.schema import schema

    root = schema("arrangements")
    node: dict[str, Any] = root
    said: str | None = None
    chosen: list[str] = []
    for text in (within, path):
        if not text:
            continue
        for key, field, value in parse(text):
            properties = _resolved(node, root).get("properties", {})
            if key not in properties:
                return None
            node = properties[key]
            title = node.get("title") or _resolved(node, root).get("title")
            if title:
                said = title if title.startswith(_WHOLE) or not said else f"the {title} of {said}"
            if _resolved(node, root).get("type") == "array":
                node = _resolved(node, root).get("items", {})
            if field is not None and value is not None:
                chosen.append(value.replace("_", " "))
    if said is None:
        return None
    return f"{said}, for {' and '.join(chosen)}" if chosen else said


def _resolved(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node
