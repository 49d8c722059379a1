"""What wtcheck builds from its bundled data, kept between runs in the user's cache folder.

Resolving the rulesets (reading their YAML with positions, checking them against
their schema, inheriting and reciting rules) takes longer than checking a file,
so a run keeps what it built as plain JSON in ``$XDG_CACHE_HOME/wtcheck`` (else
``~/.cache/wtcheck``), never beside the files checked. Every entry carries the
bundle's key: the SHA-256 of wtcheck's version, the bundled rulesets,
schemas and registers, and the code in ``wtcheck/core`` that builds from them. An entry with
another key, or one that cannot be read (through the guarded reader,
:mod:`wtcheck.core.reading`), parsed or trusted (a link, not owned by this
user, or writable by others), is ignored and built again, so an entry is never
stale and a broken one costs only a rebuild. Data read from a folder other than
the bundled one (:func:`wtcheck.core.resources.use`) is never cached. Entries
are written whole (a temporary file renamed over the old one), readable only by
their owner.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from wtcheck import __version__
from wtcheck.core.reading import LoadError, read_json
from wtcheck.core.resources import cached, data_dir, is_bundled

Built = TypeVar("Built")

_FOLDER = "wtcheck"
_DATA = ("rulesets", "schemas", "registers")
"""The bundled data whose files key the cache."""


def folder() -> Path | None:
    """The user's cache folder for wtcheck (None when there is no home to put it in)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / _FOLDER


@cached
def bundle_key() -> str | None:
    """The key of the bundled data and the code that builds from it; None when some data is read
    from elsewhere (nothing is cached then)."""
    if not all(is_bundled(name) for name in _DATA):
        return None
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    code = Path(__file__).parent
    for base in (*(data_dir(name) for name in _DATA), code):
        for path in sorted(base.iterdir()):
            if path.is_file() and (base != code or path.suffix == ".py"):
                content = path.read_bytes()
                digest.update(f"{path.name}\0{len(content)}\0".encode())
                digest.update(content)
    return digest.hexdigest()


def kept(name: str, bundled: bool, build: Callable[[], Built], plain: Callable[[Built], Any],
         restore: Callable[[Any], Built]) -> Built:
    """What ``build`` makes, as the cache keeps it under ``name`` (as ``plain`` data, made whole
    again by ``restore``) when it is built from bundled data; else built, and kept for next time.
    An entry ``restore`` cannot read is not what this wtcheck keeps: it is built again."""
    found = read(name) if bundled else None
    if found is not None:
        try:
            return restore(found)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            pass
    made = build()
    write(name, plain(made))
    return made


def read(name: str) -> Any:
    """The value cached under ``name`` for this bundle, or None (none kept, another bundle's,
    unreadable, or not to be trusted)."""
    key, where = bundle_key(), folder()
    if key is None or where is None:
        return None
    path = where / f"{name}.json"
    try:
        if not _trusted(os.lstat(path)) or not _trusted(os.stat(where)):  # a link is not trusted either
            return None
        entry = read_json(path)  # the guarded reader: a regular file, not too big or too deep
    except (OSError, LoadError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    return entry.get("value")


def write(name: str, value: Any) -> None:
    """Keep ``value`` (plain JSON data) under ``name`` for this bundle; a cache that cannot be
    written is passed over (the next run builds again)."""
    key, where = bundle_key(), folder()
    if key is None or where is None:
        return
    import tempfile

    temporary = None
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=where)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"key": key, "value": value}, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, where / f"{name}.json")
    except BaseException as exc:  # an interrupted run (Ctrl-C, SIGTERM) leaves no temporary file either
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise


def _trusted(status: os.stat_result) -> bool:
    """Whether a cache file or folder can only have been written by this user."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - no owners to compare where there is no geteuid
        return True
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
