"""Which format a command writes, chosen by ``--format`` or by the ``-o`` file's extension,
and where the rendered text goes.

A format is a module in ``wtcheck.formats`` with ``render(report)`` for the gap
report and ``render_survey(survey)`` for the survey; modules are imported only
when used, so a command pays only for the format it writes.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wtcheck.errors import WtcheckError
from wtcheck.output import write_atomic

MODULES = {"html": "html", "md": "markdown", "text": "terminal", "json": "json", "csv": "csv"}
REPORT_FORMATS = ("html", "md", "text", "json")
SURVEY_FORMATS = ("html", "md", "text", "json", "csv")
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "text",
              ".json": "json", ".csv": "csv"}


def choose(requested: str | None, output: Path | None, allowed: tuple[str, ...]) -> str:
    """``--format`` if given, else the format the ``-o`` file's extension names, else ``text``."""
    if requested is not None:
        return requested
    if output is None:
        return "text"
    inferred = EXTENSIONS.get(output.suffix.lower())
    if inferred not in allowed:
        known = ", ".join(ext for ext, name in EXTENSIONS.items() if name in allowed)
        raise WtcheckError(f"cannot tell the output format from the name {str(output)!r}; "
                           f"end it with {known}, or pass --format ({'|'.join(allowed)})")
    return inferred


def render(kind: str, name: str, model: dict[str, Any], *, terminal: bool = False) -> str:
    """Render ``model`` (``kind`` is ``report`` or ``survey``) in format ``name``; ``terminal``
    asks the text format for colour at the terminal's width."""
    module = importlib.import_module(f"wtcheck.formats.{MODULES[name]}")
    function = getattr(module, "render" if kind == "report" else "render_survey")
    if name == "text":
        return function(model, terminal=terminal)
    return function(model)


def deliver(kind: str, name: str, model: dict[str, Any], output: Path | None, inputs: Iterable[str]) -> None:
    """Render and write to ``output`` atomically (never over an input), or to standard output."""
    if output is None:
        sys.stdout.write(render(kind, name, model, terminal=name == "text" and sys.stdout.isatty()))
        return
    write_atomic(output, render(kind, name, model), inputs=inputs)
