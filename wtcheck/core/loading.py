"""Safe YAML loading with a source map.

Only a regular file is read (a pipe or device is refused before it is read,
so nothing can block), as bytes, never more than ``MAX_BYTES``; binary content
(NUL bytes, a PDF or Word file) is named as such; the text is decoded as UTF-8
(a BOM is dropped, CRLF is fine) and parsed into YAML *events*, from which the
data is built with an explicit stack, so no input can exhaust Python's
recursion limit. Along the way it records, for every value, where it stands in
the file, and it refuses what would give a wrong or dangerous result:
duplicate keys, keys that are not text, dates that do not exist, numbers that
are not finite, tags that would construct objects, merge keys, aliases that
expand past ``MAX_NODES`` values, nesting deeper than ``MAX_DEPTH``, and more
than one document. Every refusal is a :class:`LoadError` naming the file, and
the line and column where there is one, and saying what to do; YAML syntax
errors get a hint too (``_SYNTAX_HINTS``).

The data it returns is plain JSON data (dict, list, str, int, float, bool,
None); YAML dates and times become ISO 8601 text, so the schema decides where
a date belongs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wtcheck.core.errors import WtcheckError, brief

try:  # libyaml's parser when PyYAML was built with it: same events, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
"""Largest file wtcheck reads (5 MiB; real arrangements are a few KiB)."""
MAX_NODES = 50_000
"""Most values a file may hold once aliases are expanded."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists."""

YamlPath = tuple[str | int, ...]

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_STR = f"{_TAG}str"
_IMPLICIT_FIRST = frozenset(_RESOLVER.yaml_implicit_resolvers)
"""First characters of the values YAML may read as something other than text (digits, y/n/t/f/o, ~, ...)."""
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}map", f"{_TAG}seq"}


class LoadError(WtcheckError):
    """The file cannot be read as a wtcheck YAML document."""


@dataclass
class Document:
    """A loaded YAML file: its data and where each value came from.

    ``positions`` maps a path (keys and list indexes from the root) to
    ``(key_line, key_column, value_line, value_column)``, 1-based; for a list
    item the key position is the item's own. ``plain_text`` keeps the source
    text of unquoted scalars that YAML read as something other than text
    (``no``, ``0755``, ``2023-01-01``), so messages can quote what was written.
    """

    file: str
    data: dict[str, Any]
    sha256: str
    positions: dict[YamlPath, tuple[int, int, int, int]] = field(default_factory=dict)
    plain_text: dict[YamlPath, str] = field(default_factory=dict)

    def locate(self, path: YamlPath, *, value: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that is in the file."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return (found[2], found[3]) if value and end == len(path) else (found[0], found[1])
        return (1, 1)


def format_path(path: YamlPath) -> str:
    """``('a', 0, 'b')`` -> ``a[0].b``; the root is ``(top level)``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def load_file(path: str | Path, display: str | None = None) -> Document:
    """Read and load one YAML file; raise :class:`LoadError` on anything wrong with it."""
    name = display if display is not None else str(path)
    raw = _read_bytes(Path(path), name)
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Document:
    """Load YAML from bytes already read; ``name`` is used in messages."""
    text = _decode(raw, name)
    builder = _Builder(name)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, name) from None
    except yaml.reader.ReaderError as exc:
        raise _character_error(exc, text, name) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports every other error with a mark
        raise LoadError(f"is not valid YAML ({brief(str(exc), 200)}); check the file", name) from None
    return builder.document(hashlib.sha256(raw).hexdigest())


_NOT_FILES = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
              (stat.S_ISSOCK, "a socket"))


def _read_bytes(path: Path, name: str) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes of a regular file; never blocks on a pipe or device."""
    return read_regular_file(path, name, MAX_BYTES, "a YAML file",
                             "an arrangements file is a few KiB, so check this is the right file")


def read_regular_file(path: Path, name: str, limit: int, kind: str, too_large: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes (never more are
    read, and a pipe or device is refused before it is opened, so nothing blocks); ``kind`` says
    what it should be (``a YAML file``), ``too_large`` what to do when it is larger. Every file
    wtcheck reads comes through here; raise :class:`LoadError` naming the file otherwise."""
    try:
        _refuse_if_not_a_file(os.stat(path).st_mode, name, kind)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            _refuse_if_not_a_file(os.fstat(descriptor).st_mode, name, kind)  # it may have changed since os.stat
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise LoadError("no such file; check the name and the folder", name) from None
    except PermissionError:
        raise LoadError("cannot be read (permission denied); check the file's permissions", name) from None
    except OSError as exc:
        raise LoadError(f"cannot be read ({exc.strerror or exc}); check the name and that the file is "
                        f"{kind} you can open", name) from None
    if len(raw) > limit:
        raise LoadError(f"is larger than wtcheck's limit of {limit // (1024 * 1024)} MiB; {too_large}", name)
    return raw


def _refuse_if_not_a_file(mode: int, name: str, kind: str) -> None:
    if stat.S_ISDIR(mode):
        raise LoadError(f"is a folder, not {kind}; name the {kind.split(' ', 1)[1]} inside it", name)
    for test, what in _NOT_FILES:
        if test(mode):
            raise LoadError(f"is {what}, not a regular file; give the path of {kind}", name)


_SIGNATURES = ((b"%PDF-", "a PDF document"),
               (b"PK\x03\x04", "a zip archive (a Word .docx, Excel .xlsx or OpenDocument file is one)"),
               (b"\xd0\xcf\x11\xe0", "an old-style Office document (.doc or .xls)"),
               (b"{\\rtf", "a rich text (.rtf) document"),
               (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"))
"""How common files that are not YAML begin, and what they are."""


def _decode(raw: bytes, name: str) -> str:
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            raise LoadError(f"is {kind}, not YAML text; describe the arrangements in a YAML file "
                            "(the samples show how)", name)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("is UTF-16 text; save it as UTF-8", name)
    if b"\x00" in raw:
        raise LoadError("contains NUL bytes, so it is a binary file, not YAML text; "
                        "give the YAML file, saved as plain UTF-8 text", name, *_place(raw, raw.index(b"\x00")))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded); "
                        "save it as UTF-8", name, *_place(raw, exc.start)) from None
    if not text.strip():
        raise LoadError("is empty: there is nothing to check; describe the partnership in it, "
                        "starting 'partnership:'", name)
    return text


def _place(text: str | bytes, index: int) -> tuple[int, int]:
    """Line and column (1-based) of position ``index`` in ``text``."""
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, index) + 1, index - (text.rfind(newline, 0, index) + 1) + 1  # type: ignore[arg-type]


def _character_error(exc: yaml.reader.ReaderError, text: str, name: str) -> LoadError:
    """A character YAML does not allow (a control character), at its place in ``text``."""
    character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    index = text.find(character)
    return LoadError(f"contains the control character {brief(character)} (U+{ord(character[0]):04X}), which YAML "
                     "does not allow; delete it (it often comes from copying text out of another program)",
                     name, *(_place(text, index) if index >= 0 else (None, None)))


_SYNTAX_HINTS = (
    ("cannot start any token", "a value cannot start with @, ` or %; put it in quotes"),
    ("while scanning a quoted scalar", "the quote that opens here is never closed; add the closing quote"),
    ("while parsing a flow sequence", "the [ at line {context} is never closed, or its items are not "
                                      "separated by commas; close it with ]"),
    ("while parsing a flow mapping", "the {{ at line {context} is never closed, or its items are not "
                                     "separated by commas; close it with }}"),
    ("mapping values are not allowed", "a value holds ': ' (put the value in quotes), or this line is "
                                       "indented too far"),
    ("did not find expected key", "check this line's indentation (keys at the same level must line up) "
                                  "and put text holding quotes or ': ' in quotes"),
    ("expected '-' indicator", "a list and keys are mixed at the same indentation; check this line's indentation"),
    ("could not find expected ':'", "line {context} has no ': ' after its key; write 'key: value', "
                                    "or indent a line that continues the text above"),
    ("unknown escape character", "in double quotes a backslash starts an escape; use single quotes, "
                                 "or write \\\\ for a backslash"),
    ("invalid Unicode character escape", "in double quotes \\u must give a real character; use single quotes"),
    ("while scanning an anchor", "& starts an anchor; put the value in quotes"),
    ("while scanning an alias", "* starts an alias; put the value in quotes"),
    ("maximum nesting depth", f"wtcheck reads at most {MAX_DEPTH} levels; check the brackets"),
    ("incompatible YAML document", "remove the %YAML line; wtcheck reads YAML 1.1"),
    ("expected <document start>", "remove what follows the end-of-document marker '...'"),
)
"""What to do about libyaml's syntax errors, by a phrase of its problem or context."""


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, name: str) -> LoadError:
    problem = (exc.problem or "syntax error").strip()
    said = f"{problem} {exc.context or ''}"
    hint = next((hint for phrase, hint in _SYNTAX_HINTS if phrase in said), "check this line and the one above it")
    mark = exc.problem_mark or exc.context_mark
    if "while scanning a quoted scalar" in said and exc.context_mark:
        mark = exc.context_mark  # where the quote opens, not where the scanner gave up (often the end)
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        hint = "indent with spaces, not tabs"
    context_line = exc.context_mark.line + 1 if exc.context_mark else "?"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return LoadError(f"YAML syntax error: {problem}; {hint.format(context=context_line)}", name, line, column)


@dataclass
class _Frame:
    """A mapping or list being built."""

    value: dict[str, Any] | list[Any]
    path: YamlPath
    anchor: str | None
    nodes_before: int
    key: str | None = None
    key_mark: tuple[int, int] | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Builds data from YAML events with an explicit stack, checking as it goes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.aliases = 0
        self.documents = 0
        self.root: Any = None
        self.positions: dict[YamlPath, tuple[int, int, int, int]] = {}
        self.plain_text: dict[YamlPath, str] = {}

    def error(self, message: str, mark: Any) -> LoadError:
        return LoadError(message, self.name, mark.line + 1, mark.column + 1)

    def tag_error(self, tag: str, mark: Any) -> LoadError:
        return self.error(f"the tag {_short_tag(tag)} is not allowed (wtcheck never builds objects from tags); "
                          "remove it", mark)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):  # the commonest event first
            self._scalar(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.error("holds more than one YAML document (a second starts here); "
                                 "keep one partnership per file", event.start_mark)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._start_collection(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.value, self.nodes - frame.nodes_before)
            self._add(frame.value)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)

    def _child_path(self, mark: Any) -> YamlPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return frame.path + (len(frame.value),)
        if frame.key is None:
            raise self.error("a key must be plain text, not a mapping or list; write 'key: value'", mark)
        return frame.path + (frame.key,)

    def _count(self, amount: int, mark: Any) -> None:
        self.nodes += amount
        if self.nodes > MAX_NODES:
            advice = ("an alias here repeats a large block: write the values out instead" if self.aliases
                      else "an arrangements file has a few hundred, so check this is the right file")
            raise self.error(f"holds more than wtcheck's limit of {MAX_NODES:,} values"
                             f"{' (counting each use of an alias in full)' if self.aliases else ''}; {advice}",
                             mark)

    def _start_collection(self, event: yaml.CollectionStartEvent) -> None:
        tag = event.tag
        if tag not in (None, "!") and tag not in _COLLECTION_TAGS:
            raise self.tag_error(tag, event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise self.error(f"is nested more than wtcheck's limit of {MAX_DEPTH} levels deep; an arrangements "
                             "file needs a few, so check the indentation and brackets", event.start_mark)
        path = self._child_path(event.start_mark)
        self._count(1, event.start_mark)
        self._place(path, event.start_mark)
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, path, event.anchor, self.nodes))

    def _place(self, path: YamlPath, mark: Any) -> None:
        frame = self.stack[-1] if self.stack else None
        key_mark = frame.key_mark if frame and isinstance(frame.value, dict) and frame.key_mark else None
        line, column = mark.line + 1, mark.column + 1
        self.positions[path] = (*(key_mark or (line, column)), line, column)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        frame = self.stack[-1] if self.stack else None
        awaiting_key = frame is not None and isinstance(frame.value, dict) and frame.key is None
        value, tag = self._construct(event, awaiting_key)
        self._count(1, event.start_mark)
        if awaiting_key and frame is not None:
            self._take_key(frame, value, event)
            return
        path = self._child_path(event.start_mark)
        self._place(path, event.start_mark)
        if not event.style and tag not in (_STR, f"{_TAG}null"):
            self.plain_text[path] = event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._add(value)

    def _take_key(self, frame: _Frame, key: Any, event: yaml.ScalarEvent) -> None:
        mark: Any = event.start_mark
        if not isinstance(key, str):
            shown = brief(event.value)
            raise self.error(f"the key '{shown}' was read as {describe_value(key)}, but keys must be text; "
                             f"put it in quotes: '{shown}':", mark)
        if key in frame.key_lines:
            raise self.error(f"duplicate key '{brief(key)}' (first at line {frame.key_lines[key]}, again at line "
                             f"{mark.line + 1}); a repeated key would silently replace the first value, so keep one",
                             mark)
        frame.key_lines[key] = mark.line + 1
        frame.key = key
        frame.key_mark = (mark.line + 1, mark.column + 1)

    def _construct(self, event: yaml.ScalarEvent, is_key: bool) -> tuple[Any, str]:
        """The scalar's value as JSON data (dates as ISO text), and its resolved tag."""
        tag = _resolve(event)
        if tag == _STR:
            return event.value, tag
        if tag == f"{_TAG}merge" and is_key:
            raise self.error("merge keys (<<) are not supported; write the keys out in full",
                             event.start_mark)
        if tag not in _SCALAR_TAGS:
            raise self.tag_error(tag, event.start_mark)
        try:
            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))
        except (ValueError, OverflowError) as exc:
            if tag == f"{_TAG}timestamp":
                raise self.error(f"'{brief(event.value)}' is not a real date ({exc}); "
                                 "write dates as YYYY-MM-DD", event.start_mark) from None
            raise self.error(f"'{brief(event.value)}' cannot be read as a number; "
                             "give an ordinary number or put the text in quotes", event.start_mark) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self.error(f"'{brief(event.value)}' is not a finite number; give an ordinary number "
                             "or put the text in quotes", event.start_mark)
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat(), tag
        return value, tag

    def _alias(self, event: yaml.AliasEvent) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.key is None:
            raise self.error("an alias cannot be used as a key; write the key out", event.start_mark)
        if event.anchor not in self.anchors:
            if any(open_frame.anchor == event.anchor for open_frame in self.stack):
                raise self.error(f"the alias *{brief(str(event.anchor))} refers to a block that contains it; "
                                 "write the values out instead", event.start_mark)
            raise self.error(f"the alias *{brief(str(event.anchor))} has no anchor &{brief(str(event.anchor))} before it; "
                             "add the anchor or write the value out", event.start_mark)
        value, size = self.anchors[event.anchor]
        self.aliases += 1
        self._count(size, event.start_mark)
        path = self._child_path(event.start_mark)
        self._place(path, event.start_mark)
        self._add(value)

    def _add(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            frame.value.append(value)
        else:
            frame.value[frame.key] = value  # type: ignore[index]
            frame.key = None
            frame.key_mark = None

    def document(self, sha256: str) -> Document:
        if self.documents == 0 or self.root is None:
            raise LoadError("has no content (only comments or an empty document): there is nothing to check; "
                            "describe the partnership in it, starting 'partnership:'", self.name)
        if not isinstance(self.root, dict):
            line, column = self.positions[()][2:]
            raise LoadError(f"the top level is {describe_value(self.root)}, but it must be a mapping of "
                            "keys such as 'partnership:'", self.name, line, column)
        return Document(self.name, self.root, sha256, self.positions, self.plain_text)


def _resolve(event: yaml.ScalarEvent) -> str:
    if event.tag is None or event.tag == "!":
        value = event.value
        if not event.implicit[0] or (value and value[0] not in _IMPLICIT_FIRST):
            return _STR  # quoted, or starting with a character no implicit type starts with
        return str(_RESOLVER.resolve(yaml.ScalarNode, value, event.implicit))  # type: ignore[no-untyped-call]
    return event.tag


def _short_tag(tag: str) -> str:
    return brief("!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag, 60)


def describe_value(value: Any) -> str:
    """What kind of value this is, in words for a message: ``a yes/no value (false)``."""
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"text ('{brief(value)}')"
