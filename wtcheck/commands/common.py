"""What the commands share: delivering a model in a format, and the settings and files they name."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wtcheck.core.errors import WtcheckError, located
from wtcheck.core.runner import Source
from wtcheck.formats import registry
from wtcheck.models.report import Report, ReportStream
from wtcheck.shell.inputs import expand, named_files
from wtcheck.shell.output import append, problems, result, say, write_atomic, write_new
from wtcheck.shell.settings import Settings


def deliver(kind: str, name: str, model: Any, *, output: Path | None = None, inputs: Iterable[str] = (),
            **context: Any) -> Any:
    """Render ``model`` (or a :class:`ReportStream`, file by file where the format can) in format
    ``name`` and write it to ``output`` (never over an input) or to standard output, in pieces as it
    is rendered where the format can; append the format's second output where it asks for one.
    Returns the whole model when it was built."""
    if "root" in registry.options(kind, name) and "root" not in context:
        from wtcheck.shell.repository import top_level

        context["root"] = top_level(Path.cwd()) or Path.cwd()
    streamed = isinstance(model, ReportStream)
    if registry.streams(kind, name) and not (streamed and output is not None):
        pieces = registry.render_stream(kind, name, model, **context)
        if output is None:
            for piece in pieces:
                result(piece)
        else:
            write_atomic(output, pieces, inputs=inputs)
        return None if streamed else model
    whole = model.whole() if streamed else model
    text = registry.render(kind, name, whole, **context)
    if output is None:
        result(text)
    else:
        write_atomic(output, text, inputs=inputs)
    side = registry.side_output(kind, name, whole)
    if side is not None:
        _append_side(*side)
    return whole


def _append_side(variable: str, what: str, text: str) -> None:
    """Append a second output to the file an environment variable names (GitHub's job summary);
    failing to never changes the exit code."""
    target = os.environ.get(variable)
    if target:
        try:
            append(target, text)
        except OSError as exc:
            say(f"warning: could not write {what} to {target}: {exc.strerror or exc}")


def named(settings: Settings, command: str, show_settings: bool) -> list[Source]:
    """The files the settings name; for ``--show-settings``, without requiring that they exist."""
    if show_settings:
        return [(name, None) for name in expand(settings.paths)]
    return named_files(settings, command)


def show(settings: Settings, names: tuple[str, ...] | None = None) -> int:
    """Print the effective settings (``--show-settings``)."""
    result(settings.show(names))
    return 0


def refused(report: Report) -> bool:
    """Whether a file could not be checked, so no document can be made; if so, its error lines
    go to standard error."""
    unchecked = [entry for entry in report["files"] if entry["status"] != "checked"]
    problems(located(f"error: {error['message']}", entry["file"], error["line"], error["column"])
             for entry in unchecked for error in entry["errors"])
    return bool(unchecked)


SCHEMA_FILE = "arrangements.schema.json"
"""The schema's name beside a description wtcheck writes (its first line points at it)."""


def write_description(target: Path, text: str) -> None:
    """Write a new description to ``target``; never over a file that is there (exit 2 if one is)."""
    if not write_new(target, text):
        raise WtcheckError(f"{target} already exists; wtcheck never writes over a description: choose another "
                           "name with -o, or move the file first")


def save_schema_beside(target: Path) -> Path:
    """Save the arrangements schema (as ``wtcheck schema`` prints it) beside ``target``, so the
    description's first line finds it; a file of that name already there is left as it is."""
    from wtcheck.core.schema import schema

    path = target.parent / SCHEMA_FILE
    text = registry.render_text("schema", "json", schema("arrangements"))
    if not write_new(path, text):
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            say(f"left {path} as it is (it is not this version's schema; to update it: wtcheck schema > {path})")
    return path


def on_terminal() -> bool:
    """Whether standard output is a terminal (colour, its width)."""
    return sys.stdout.isatty()


def colour() -> bool:
    """Whether to colour standard output: on a terminal, unless ``NO_COLOR`` is set (no-color.org)."""
    return on_terminal() and not os.environ.get("NO_COLOR")
