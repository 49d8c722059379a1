"""Where the bundled schemas, rulesets and templates live, and the caches built from them.

An installed wtcheck carries them as package data (``wtcheck/data/schemas``,
``wtcheck/data/rulesets``, ``wtcheck/data/templates``, beside its code); a source
checkout that is not installed (or is installed in editable mode) reads them
from the top-level ``schemas/``, ``rulesets/`` and ``templates/`` folders.
Everything built from them is cached with :func:`cached`, so :func:`use`
(pointing a kind of data at another folder, for tests and for checking a
ruleset being written) and :func:`reset` keep every cache in step.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT = _PACKAGE.parent
_FOLDERS: dict[str, Path] = {}
_CACHES: list[Any] = []

F = TypeVar("F", bound=Callable[..., Any])


def cached(function: F) -> F:
    """``function`` with its results cached until :func:`reset` (for what is built from bundled data)."""
    wrapped = lru_cache(maxsize=None)(function)
    _CACHES.append(wrapped)
    return wrapped  # type: ignore[return-value]


def reset() -> None:
    """Forget everything built from the bundled data (after :func:`use`, or a change to the files)."""
    for built in _CACHES:
        built.cache_clear()


def use(name: str, folder: Path | None) -> None:
    """Read the data ``name`` (``rulesets``, ``schemas``, ``templates``) from ``folder`` from now on
    (None: the bundled folder again), forgetting what was built from it."""
    if folder is None:
        _FOLDERS.pop(name, None)
    else:
        _FOLDERS[name] = folder
    reset()


RULESET_PREFIX = "wt"
"""A ruleset is named ``wt`` and its edition's name (``wt`` and the year), in a file of the same name."""


def ruleset_names() -> list[str]:
    """The names of the rulesets in use, oldest edition first (from the file names alone)."""
    return sorted(path.stem for path in data_dir("rulesets").glob(f"{RULESET_PREFIX}[0-9]*.yaml"))


def edition_names() -> tuple[str, ...]:
    """The names of the editions there is a ruleset for, oldest first (from the file names alone)."""
    return tuple(name[len(RULESET_PREFIX):] for name in ruleset_names())


def data_dir(name: str) -> Path:
    """The folder holding the ``schemas``, ``rulesets`` or ``templates`` in use."""
    return _FOLDERS.get(name) or _bundled(name)


def is_bundled(name: str) -> bool:
    """Whether the data ``name`` is read from the bundled folder (no :func:`use` points it elsewhere)."""
    return name not in _FOLDERS


@cache
def _bundled(name: str) -> Path:
    installed = _PACKAGE / "data" / name
    return installed if installed.is_dir() else _CHECKOUT / name
