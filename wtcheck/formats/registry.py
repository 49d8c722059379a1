"""Every output wtcheck writes: what is rendered (the model), in which format, by which module.

A format is a module in ``wtcheck.formats`` with a function per model it renders;
this table is the only place that pairs them. For each model the format is
chosen by ``--format``, else by the ``-o`` file's extension, else by the
configuration, else ``text``. "text" is each command's own text: ``validate``'s
lines, ``report``'s and ``survey``'s terminal tables, the listings of ``rules``,
``explain``, ``diff`` and ``departures check``. A format may render its model in
pieces as it goes (``stream``: a report file by file, a survey as it is encoded),
so a large run is never held as text, and may write a second output beside the first
(``side``: the GitHub job summary). Modules are imported only when used, so a
command pays only for the format it writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtcheck.core.errors import WtcheckError


@dataclass(frozen=True)
class Format:
    """One output format of one model: the module and function that render it, the file
    extensions that name it, and the keyword options its renderer takes."""

    module: str
    function: str = "render"
    extensions: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    """``terminal`` (colour at the terminal's width), ``colour`` (colour only), ``quiet`` (only what
    fails the run), ``root`` (paths relative to the repository's top folder), ``omit_suppressed``
    (SARIF without departures)."""
    stream: str | None = None
    """The function that renders the model in pieces as it goes (a report file by file, as the results
    come), if the format has one."""
    side: tuple[str, str, str] | None = None
    """A second output: the environment variable naming a file to append it to, the function rendering
    it, and what it is, in words."""


_JSON = Format("json", extensions=(".json",))
_TEXT = (".txt",)
_HTML = (".html", ".htm")
_MARKDOWN = (".md", ".markdown")

FORMATS: dict[str, dict[str, Format]] = {
    "validate": {
        "text": Format("text", extensions=_TEXT, options=("colour", "quiet"), stream="render_stream"),
        "json": _JSON,
        "sarif": Format("sarif", extensions=(".sarif",), options=("root", "omit_suppressed")),
        "junit": Format("junit", extensions=(".xml",)),
        "github": Format("github", options=("root",), side=("GITHUB_STEP_SUMMARY", "render_summary", "the job summary")),
    },
    "report": {
        "text": Format("terminal", extensions=_TEXT, options=("terminal",)),
        "html": Format("html", extensions=_HTML),
        "md": Format("markdown", extensions=_MARKDOWN),
        "json": _JSON,
    },
    "survey": {
        "text": Format("terminal", "render_survey", _TEXT, ("terminal",)),
        "html": Format("html", "render_survey", _HTML),
        "md": Format("markdown", "render_survey", _MARKDOWN),
        "json": Format("json", extensions=(".json",), stream="render_stream"),
        "csv": Format("csv", "render_survey", (".csv",)),
        "xlsx": Format("xlsx", "render_survey", (".xlsx",)),
    },
    "rules": {"text": Format("text", "render_rules"), "json": _JSON},
    "explain": {"text": Format("text", "render_explain"), "json": _JSON},
    "diff": {"text": Format("text", "render_diff"), "json": _JSON},
    "diff_file": {"text": Format("text", "render_diff_file"), "json": _JSON},
    "departures": {"text": Format("text", "render_departures_check")},
    "schema": {"json": _JSON},
    "starter": {"yaml": Format("yaml", "render_starter", (".yaml", ".yml"))},
    "draft": {"yaml": Format("yaml", "render_draft", (".yaml", ".yml"))},
    "baseline": {"json": _JSON},
}
"""For each model, the formats it is written in."""


def names(kind: str) -> tuple[str, ...]:
    """The formats a model can be written in."""
    return tuple(FORMATS[kind])


def choose(kind: str, requested: str | None, output: Path | None, configured: str | None = None) -> str:
    """The format to write: ``--format`` (``requested``) if given, which must not contradict
    ``-o``'s extension; else the format the extension names; else ``configured``; else ``text``
    (or the model's only format). An ``-o`` name that says no format is an error unless one is
    given or configured."""
    if requested is not None and requested not in FORMATS[kind]:
        raise WtcheckError(f"unknown format {requested!r}; choose one of {', '.join(names(kind))}")
    inferred = _by_extension(kind, output)
    if requested is not None:
        if inferred is not None and inferred != requested:
            raise WtcheckError(f"--format {requested} does not match the output file {str(output)!r}, whose name "
                               f"says {inferred}; give one of them only, or make them agree")
        return requested
    if inferred is not None:
        return inferred
    if output is not None and configured is None:
        known = ", ".join(ext for fmt in FORMATS[kind].values() for ext in fmt.extensions)
        raise WtcheckError(f"cannot tell the output format from the name {str(output)!r}; "
                           f"end it with {known}, or pass --format ({'|'.join(names(kind))})")
    return configured or ("text" if "text" in FORMATS[kind] else names(kind)[0])


def render(kind: str, name: str, model: Any, **context: Any) -> str | bytes:
    """``model`` rendered in format ``name`` (text, or bytes for a binary format such as ``xlsx``);
    ``context`` holds the options a renderer may take (``terminal``, ``omit_suppressed``, ``root``)."""
    fmt = FORMATS[kind][name]
    rendered = _function(fmt, fmt.function)(model, **_options(fmt, context))
    return rendered if isinstance(rendered, bytes) else str(rendered)


def render_text(kind: str, name: str, model: Any, **context: Any) -> str:
    """:func:`render` for a format that is text (all but the spreadsheet)."""
    rendered = render(kind, name, model, **context)
    if isinstance(rendered, bytes):
        raise TypeError(f"the {name} format of {kind} is not text")
    return rendered


def render_stream(kind: str, name: str, model: Any, **context: Any) -> Iterator[str]:
    """``model`` (or a :class:`ReportStream`, as its files come) rendered in pieces where the format
    can, else whole."""
    fmt = FORMATS[kind][name]
    if fmt.stream is not None:
        yield from _function(fmt, fmt.stream)(model, **_options(fmt, context))
    else:
        yield str(render(kind, name, model.whole() if hasattr(model, "whole") else model, **context))


def side_output(kind: str, name: str, model: Any) -> tuple[str, str, str] | None:
    """The second output of format ``name``, if it has one: the environment variable naming where it
    goes, what it is, and its text."""
    fmt = FORMATS[kind][name]
    if fmt.side is None:
        return None
    variable, function, what = fmt.side
    return variable, what, _function(fmt, function)(model)


def streams(kind: str, name: str) -> bool:
    """Whether format ``name`` renders its model in pieces as it goes."""
    return FORMATS[kind][name].stream is not None


def _function(fmt: Format, function: str) -> Any:
    return getattr(importlib.import_module(f"wtcheck.formats.{fmt.module}"), function)


def options(kind: str, name: str) -> tuple[str, ...]:
    """The keyword options format ``name``'s renderer takes (the caller supplies ``root``)."""
    return FORMATS[kind][name].options


def _options(fmt: Format, context: dict[str, Any]) -> dict[str, Any]:
    return {key: context[key] for key in fmt.options if key in context}


def _by_extension(kind: str, output: Path | None) -> str | None:
    if output is None:
        return None
    suffix = output.suffix.lower()
    return next((name for name, fmt in FORMATS[kind].items() if suffix in fmt.extensions), None)
