"""Text for one-line messages: values cut short and made printable, places written ``file:line:col``.

Pure functions with no imports from wtcheck, so every layer (renderers included) may use them.
"""

from __future__ import annotations

import unicodedata

_UNPRINTABLE = ("Cc", "Cs", "Zl", "Zp")
"""Unicode categories escaped in messages: controls, lone surrogates, line and paragraph separators."""


def brief(text: str, limit: int = 40) -> str:
    """``text`` fit for a one-line message: cut to ``limit`` characters, with line
    breaks and other control characters shown as escapes (``\\n``, ``\\x1b``)."""
    cut = text if len(text) <= limit else text[:limit] + "..."
    return "".join(repr(char)[1:-1] if unicodedata.category(char) in _UNPRINTABLE else char for char in cut)


def located(message: str, file: str | None, line: int | None, column: int | None) -> str:
    """``file:line:col: message``, leaving out the parts that are not known."""
    place = ":".join(str(part) for part in (file, line, column) if part is not None)
    return f"{place}: {message}" if place else message
