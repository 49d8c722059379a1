"""Every output format, the commands that write it, and how one is chosen: by ``--format``,
else by the ``-o`` file's extension, else by the configuration, else ``text``.

A format is a module in ``wtcheck.formats`` with a function that renders the
model of a command (``render`` for the report of ``validate`` and ``report``,
``render_survey`` for the survey). "text" is each command's own text:
``validate``'s lines, ``report``'s and ``survey``'s terminal tables. Modules are
imported only when used, so a command pays only for the format it writes.
``rules``, ``explain`` and ``diff`` print wtcheck's own data, as text or JSON.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtcheck.core.errors import WtcheckError


@dataclass(frozen=True)
class Format:
    """One output format of one command: the module and function that render it, the file
    extensions that name it, and the keyword options its renderer takes."""

    module: str
    extensions: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    """``terminal`` (colour at the terminal's width), ``root`` (paths relative to the
    repository's top folder), ``omit_suppressed`` (SARIF without departures)."""
    function: str = "render"


_JSON = Format("json", (".json",))
_HTML = Format("html", (".html", ".htm"))
_MARKDOWN = Format("markdown", (".md", ".markdown"))

FORMATS: dict[str, dict[str, Format]] = {
    "validate": {
        "text": Format("text", (".txt",)),
        "json": _JSON,
        "sarif": Format("sarif", (".sarif",), ("root", "omit_suppressed")),
        "junit": Format("junit", (".xml",)),
        "github": Format("github", (), ("root",)),
    },
    "report": {
        "text": Format("terminal", (".txt",), ("terminal",)),
        "html": _HTML,
        "md": _MARKDOWN,
        "json": _JSON,
    },
    "survey": {
        "text": Format("terminal", (".txt",), ("terminal",), "render_survey"),
        "html": Format("html", _HTML.extensions, function="render_survey"),
        "md": Format("markdown", _MARKDOWN.extensions, function="render_survey"),
        "json": Format("json", _JSON.extensions, function="render_survey"),
        "csv": Format("csv", (".csv",), function="render_survey"),
    },
}
"""The formats each command that renders a model writes."""

TEXT_OR_JSON = ("text", "json")
"""The formats of ``rules``, ``explain`` and ``diff``."""


def names(command: str) -> tuple[str, ...]:
    """The formats ``command`` can write."""
    return tuple(FORMATS[command]) if command in FORMATS else TEXT_OR_JSON


def choose(command: str, requested: str | None, output: Path | None, configured: str | None = None) -> str:
    """The format ``command`` writes: ``--format`` (``requested``) if given, which must not
    contradict ``-o``'s extension; else the format the extension names; else ``configured``;
    else ``text``. An ``-o`` name that says no format is an error unless one is given or
    configured."""
    inferred = _by_extension(command, output)
    if requested is not None:
        if inferred is not None and inferred != requested:
            raise WtcheckError(f"--format {requested} does not match the output file {str(output)!r}, whose name "
                               f"says {inferred}; give one of them only, or make them agree")
        return requested
    if inferred is not None:
        return inferred
    if output is not None and configured is None:
        known = ", ".join(ext for fmt in FORMATS[command].values() for ext in fmt.extensions)
        raise WtcheckError(f"cannot tell the output format from the name {str(output)!r}; "
                           f"end it with {known}, or pass --format ({'|'.join(names(command))})")
    return configured or "text"


def render(command: str, name: str, model: dict[str, Any], **context: Any) -> str:
    """``model`` rendered in format ``name`` of ``command``; ``context`` holds the options a
    renderer may take (``terminal``, ``omit_suppressed``); ``root`` is found when needed."""
    fmt = FORMATS[command][name]
    if "root" in fmt.options:
        from wtcheck.shell.repository import top_level

        context["root"] = top_level(Path.cwd()) or Path.cwd()
    module = importlib.import_module(f"wtcheck.formats.{fmt.module}")
    return getattr(module, fmt.function)(model, **{key: context[key] for key in fmt.options if key in context})


def _by_extension(command: str, output: Path | None) -> str | None:
    if output is None:
        return None
    suffix = output.suffix.lower()
    return next((name for name, fmt in FORMATS[command].items() if suffix in fmt.extensions), None)
