"""Where the bundled schemas, rulesets and templates live.

An installed wtcheck carries them as package data under ``wtcheck/data/``;
a source checkout (or an editable install) reads them from the top-level
``schemas/``, ``rulesets/`` and ``templates/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder holding the bundled ``schemas``, ``rulesets`` or ``templates``."""
    installed = _PACKAGE / "data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name
