"""Text for what wtcheck writes: values made safe to show, cut short, and places written ``file:line:col``.

Pure functions with no imports from wtcheck, so every layer (renderers included) may use them.
File names, descriptions and configuration come from outside wtcheck, and any of them may hold
characters that hide, reorder or take over what a reader sees: terminal escape sequences,
carriage returns, line breaks (a new line in a GitHub workflow command is a new command),
bidirectional overrides, zero-width characters, and the bytes of a file name that are not
UTF-8 (lone surrogates, which no UTF-8 output can hold). :func:`visible` writes each of them as
an escape; every output uses it, or :func:`flowing` for prose, before its own escaping (XML,
HTML, Markdown, CSV, JSON) on top.
"""

from __future__ import annotations

import re

HIDDEN = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 and C1 controls and DEL: escape sequences, CR, line breaks, tabs, NUL
    "\u2028\u2029"  # line and paragraph separators
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"  # invisible format characters
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"  # zero-width, bidirectional marks and overrides
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"  # tag characters
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters that show nothing
    "\ud800-\udfff"  # lone surrogates: the bytes of a file name that are not UTF-8
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters (XML cannot hold the last two)
    "]")
"""Every character :func:`visible` escapes: Unicode's controls (Cc), format characters (Cf),
line and paragraph separators (Zl, Zp) and surrogates (Cs), and a few more that show nothing."""


_WHITE_SPACE = re.compile(r"\s+")


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def visible(text: str) -> str:
    """``text`` with every :data:`HIDDEN` character written as its escape (``\\x1b``, ``\\n``,
    ``\\u202e``, ``\\udce9``): one line of printable text, safe on a terminal and in every format."""
    if text.isascii() and text.isprintable():  # the common case, at C speed: nothing in it is hidden
        return text
    return text if HIDDEN.search(text) is None else HIDDEN.sub(_escape, text)


def flowing(text: str) -> str:
    """``text`` as prose on one line: each run of white space (line breaks included) one space,
    then :func:`visible` (for table cells and paragraphs, where a YAML block scalar's line breaks
    mean nothing; a separator such as ``"; "`` keeps its space)."""
    return visible(_WHITE_SPACE.sub(" ", text))


def brief(text: str, limit: int = 40) -> str:
    """``text`` fit for a one-line message: cut to ``limit`` characters, made :func:`visible`."""
    return visible(text if len(text) <= limit else text[:limit] + "...")


def located(message: str, file: str | None, line: int | None, column: int | None) -> str:
    """``file:line:col: message``, leaving out the parts that are not known; one :func:`visible` line."""
    place = ":".join(str(part) for part in (file, line, column) if part is not None)
    return visible(f"{place}: {message}" if place else message)
