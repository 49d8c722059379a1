"""JSON: any model itself (report, survey, rules, explain, diff, schema, baseline), each as its schema in
``schemas/`` describes it."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

_PIECES = 4096
"""How many of the encoder's small pieces make one piece of a streamed document."""


def _mapping(value: Any) -> dict[str, Any]:
    """A read-only mapping of a model (a survey's partnership, read from its row) as the object it stands for."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_ENCODER = json.JSONEncoder(indent=2, ensure_ascii=False, default=_mapping)


def dumps(data: Any) -> str:
    """``data`` as the JSON wtcheck writes: indented, UTF-8 text kept as it is, a final newline."""
    return _ENCODER.encode(data) + "\n"


def render(model: Any) -> str:
    """The model as indented JSON."""
    return dumps(model)


def render_stream(model: Any) -> Iterator[str]:
    """:func:`render` in pieces, as it is encoded, so a large model is never held as text (a survey of
    thousands of files)."""
    pieces: list[str] = []
    for piece in _ENCODER.iterencode(model):
        pieces.append(piece)
        if len(pieces) >= _PIECES:
            yield "".join(pieces)
            pieces.clear()
    pieces.append("\n")
    yield "".join(pieces)
