"""Where the bundled schemas, rulesets and templates live.

An installed wtcheck carries them as package data (``wtcheck.data.schemas``,
``wtcheck.data.rulesets``, ``wtcheck.data.templates``), read through
:mod:`importlib.resources`; a source checkout that is not installed reads them
from the top-level ``schemas/``, ``rulesets/`` and ``templates/`` folders.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent.parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """The folder holding the bundled ``schemas``, ``rulesets`` or ``templates``."""
    try:
        folder = resources.files(f"wtcheck.data.{name}")
    except ModuleNotFoundError:
        return _CHECKOUT / name
    return Path(str(folder))
