"""JSON: any model itself (report, survey, rules, explain, diff, schema, baseline), each as its schema in
``schemas/`` describes it.

Text is kept as it is (UTF-8, not ``\\u`` escapes), except the characters
:data:`~wtcheck.core.text.HIDDEN` names (controls, bidirectional and zero-width characters, lone
surrogates), which are written as JSON escapes: a reader of the JSON gets the same value, and
nothing in the file can take over a terminal or fail to be UTF-8.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from wtcheck.core.text import HIDDEN

_PIECES = 4096
"""How many of the encoder's small pieces make one piece of a streamed document."""
_UNESCAPED = re.compile(f"(?!\n){HIDDEN.pattern}")
"""What the encoder leaves as it is and :data:`HIDDEN` names: all but the line breaks of the indentation
(inside its strings, it escapes every control character below U+0020 itself)."""


def _mapping(value: Any) -> dict[str, Any]:
    """A read-only mapping of a model (a survey's partnership, read from its row) as the object it stands for."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_ENCODER = json.JSONEncoder(indent=2, ensure_ascii=False, default=_mapping)


def dumps(data: Any) -> str:
    """``data`` as the JSON wtcheck writes: indented, UTF-8 text kept as it is, a final newline."""
    return _escaped(_ENCODER.encode(data)) + "\n"


def _escaped(text: str) -> str:
    return _UNESCAPED.sub(_escape, text)


def _escape(match: Any) -> str:
    """A character JSON leaves as it is (outside its strings there are none), as JSON's escapes."""
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


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
            yield _escaped("".join(pieces))
            pieces.clear()
    pieces.append("\n")
    yield _escaped("".join(pieces))
