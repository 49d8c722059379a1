"""The one way wtcheck reads a file: arrangements and departures (YAML), the baseline (JSON),
configuration (TOML), the hook it replaces, and any document read later.

Every file goes through the same guards, whoever named it:

- only a regular file is read: a folder, a named pipe, a device or a socket is refused before it
  is read (it is opened without blocking, and checked again once open), so nothing can hang;
- never more than the kind's limit (:class:`Kind`), so ``/dev/zero`` or a huge file cannot fill memory;
- a file wtcheck found itself, or that a configuration file names, is read only when it lies inside
  the folder it was found in or the configuration's repository (``within``): a link out of it, or a
  path with ``..``, is refused without being read;
- the text is UTF-8 (a BOM is dropped); UTF-16, UTF-32, binary files and common documents
  (PDF, Word) are named as such, and a byte that is not UTF-8 is located;
- JSON and TOML are parsed with the nesting limit YAML has (:data:`MAX_DEPTH`), so deep nesting is
  one line, never Python's recursion error, and never minutes of work.

Every refusal is a :class:`LoadError`: the file, its line and column where there is one, and what to do.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtcheck.core.errors import WtcheckError
from wtcheck.core.text import visible

MIB = 1024 * 1024
MAX_BYTES = 5 * MIB
"""Largest arrangements or departures file wtcheck reads (5 MiB; real ones are a few KiB)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists (tables and arrays) in any file wtcheck reads."""


class LoadError(WtcheckError):
    """The file cannot be read, or read as what it should be."""


@dataclass(frozen=True)
class Kind:
    """What a file should be: its language, the most wtcheck reads of it, what is usual, and what
    to give instead of something else."""

    language: str
    limit: int
    usual: str
    instead: str
    article: str = "a"
    """The article the language takes (``an HTML ... file``)."""


YAML = Kind("YAML", MAX_BYTES, "an arrangements file is a few KiB",
            "describe the arrangements in a YAML file (the samples show how)")
JSON = Kind("JSON", 20 * MIB, "a baseline is a few hundred KiB", "give the baseline file 'wtcheck baseline' wrote")
TOML = Kind("TOML", MIB, "a configuration file is a few lines", "give the configuration as TOML text")
SCRIPT = Kind("shell", MIB, "a git hook is a short script", "give a hook script")


def read_bytes(path: str | Path, kind: Kind, name: str | None = None, *, within: Path | None = None) -> bytes:
    """At most ``kind.limit`` bytes of the regular file ``path`` (named ``name`` in messages; by
    default its path, made visible), which must lie inside ``within`` when that is given."""
    shown = visible(str(path)) if name is None else name
    if within is not None and not inside(path, within):
        raise outside(shown, within)
    try:
        _refuse_if_not_a_file(os.stat(path).st_mode, shown, kind)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as handle:
            _refuse_if_not_a_file(os.fstat(descriptor).st_mode, shown, kind)  # it may have changed since os.stat
            raw = handle.read(kind.limit + 1)
    except FileNotFoundError:
        if os.path.islink(path):
            raise LoadError("is a link to a file that does not exist; fix the link or remove it", shown) from None
        raise LoadError("no such file; check the name and the folder", shown) from None
    except PermissionError:
        raise LoadError("cannot be read (permission denied); check the file's permissions", shown) from None
    except OSError as exc:
        raise LoadError(f"cannot be read ({exc.strerror or exc}); check the name and that the file is "
                        f"{kind.article} {kind.language} file you can open", shown) from None
    if len(raw) > kind.limit:
        raise LoadError(f"is larger than wtcheck's limit of {kind.limit // MIB} MiB; {kind.usual}, "
                        "so check this is the right file", shown)
    return raw


def outside(name: str, within: Path) -> LoadError:
    """Why the file ``name`` is not read: it lies outside ``within``, the folder it was found in."""
    return LoadError(f"is outside {visible(str(within))} (through a link, or '..'), and wtcheck reads a file it "
                     "finds, or that a configuration file names, only inside the repository it is in; name the "
                     "file on the command line to read it anyway", name)


def inside(path: str | Path, folder: Path) -> bool:
    """Whether ``path``, its links followed, is ``folder`` or lies under it."""
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


_NOT_FILES = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
              (stat.S_ISSOCK, "a socket"))


def _refuse_if_not_a_file(mode: int, name: str, kind: Kind) -> None:
    if stat.S_ISDIR(mode):
        raise LoadError(f"is a folder, not {kind.article} {kind.language} file; name the {kind.language} file inside it", name)
    for test, what in _NOT_FILES:
        if test(mode):
            raise LoadError(f"is {what}, not a regular file; give the path of {kind.article} {kind.language} file", name)


_SIGNATURES = ((b"%PDF-", "a PDF document"),
               (b"PK\x03\x04", "a zip archive (a Word .docx, Excel .xlsx or OpenDocument file is one)"),
               (b"\xd0\xcf\x11\xe0", "an old-style Office document (.doc or .xls)"),
               (b"{\\rtf", "a rich text (.rtf) document"),
               (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"))
"""How common files that are not text begin, and what they are."""
_BYTE_ORDER_MARKS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
                     (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
"""How text in the encodings wtcheck does not read begins (UTF-32's marks before UTF-16's, which they start with)."""
_WIDE = ((re.compile(b"[^\x00]\x00\x00\x00|\x00\x00\x00[^\x00]"), "UTF-32"),
         (re.compile(b"[^\x00]\x00[^\x00]\x00|\x00[^\x00]\x00[^\x00]"), "UTF-16"))
"""How the first four bytes of UTF-32 and UTF-16 text without a mark look (a NUL beside each ASCII letter)."""


def decode(raw: bytes, name: str, kind: Kind) -> str:
    """``raw`` as UTF-8 text (a BOM dropped, CRLF kept); raise :class:`LoadError` naming what it is
    when it is not UTF-8 text, at the place of the first byte that is not."""
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise LoadError(f"is {what}, not {kind.language} text; {kind.instead}", name)
    encoding = next((encoding for mark, encoding in _BYTE_ORDER_MARKS if raw.startswith(mark)), None)
    encoding = encoding or next((encoding for pattern, encoding in _WIDE if pattern.fullmatch(raw[:4])), None)
    if encoding is not None:
        raise LoadError(f"is {encoding} text; save it as UTF-8", name)
    if b"\x00" in raw:
        raise LoadError(f"contains NUL bytes, so it is a binary file, not {kind.language} text; give the "
                        f"{kind.language} file, saved as plain UTF-8 text", name, *place(raw, raw.index(b"\x00")))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded); "
                        "save it as UTF-8", name, *place(raw, exc.start)) from None


def place(text: str | bytes, index: int) -> tuple[int, int]:
    """Line and column (1-based) of position ``index`` in ``text``."""
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, index) + 1, index - (text.rfind(newline, 0, index) + 1) + 1  # type: ignore[arg-type]


def read_text(path: str | Path, kind: Kind, name: str | None = None, *, within: Path | None = None) -> str:
    """The regular file ``path`` as UTF-8 text, with every guard of :func:`read_bytes` and :func:`decode`."""
    shown = visible(str(path)) if name is None else name
    return decode(read_bytes(path, kind, shown, within=within), shown, kind)


def read_json(path: str | Path, name: str | None = None, *, within: Path | None = None) -> Any:
    """The JSON file ``path``, parsed; nested no deeper than :data:`MAX_DEPTH`."""
    shown = visible(str(path)) if name is None else name
    text = read_text(path, JSON, shown, within=within)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"not valid JSON: {exc.msg}", shown, exc.lineno, exc.colno) from None
    except RecursionError:
        raise _too_deep(shown) from None
    except ValueError as exc:  # a number of thousands of digits
        raise LoadError(f"not valid JSON: {visible(str(exc))[:120]}", shown) from None
    if deeper_than(data, MAX_DEPTH):
        raise _too_deep(shown)
    return data


_TOML_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """TOML ``text`` (read with :func:`read_text`) parsed; nested no deeper than :data:`MAX_DEPTH`."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    for number, line in enumerate(text.splitlines(), 1):
        if _nesting_marks(line) > MAX_DEPTH and _nesting_marks(_TOML_STRING.sub("", line)) > MAX_DEPTH:
            raise _too_deep(name, number)  # a dotted key thousands of parts long takes tomllib minutes
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_PLACE.search(str(exc))
        if found is None:
            raise LoadError(f"not valid TOML: {visible(str(exc))}", name) from None
        raise LoadError(f"not valid TOML: {visible(str(exc)[:found.start()])}", name,
                        int(found[1]), int(found[2])) from None
    except RecursionError:
        raise _too_deep(name) from None
    except ValueError as exc:  # a number of thousands of digits
        raise LoadError(f"not valid TOML: {visible(str(exc))[:120]}", name) from None
    if deeper_than(data, MAX_DEPTH):
        raise _too_deep(name)
    return data


def _nesting_marks(line: str) -> int:
    return line.count(".") + line.count("[") + line.count("{")


def _too_deep(name: str, line: int | None = None) -> LoadError:
    return LoadError(f"is nested more than wtcheck's limit of {MAX_DEPTH} levels deep; check this is the right file",
                     name, line)


def deeper_than(data: Any, limit: int) -> bool:
    """Whether ``data`` nests mappings and lists more than ``limit`` levels deep (without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (value.values() if isinstance(value, dict) else value))
    return False
