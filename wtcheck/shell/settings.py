"""Settings: built-in defaults, then a configuration file, then the command line.

The configuration file is the closest ``wtcheck.toml`` (top-level keys) or
``pyproject.toml`` with a ``[tool.wtcheck]`` table, searched from the working
directory upwards, but never above the top folder of the git work tree (a
``wtcheck.toml`` above the repository cannot switch its checks off) and,
outside a work tree, never in or above a folder anyone may write to (such as
``/tmp``). In one folder ``wtcheck.toml`` wins, and a ``pyproject.toml``
without ``[tool.wtcheck]`` is passed over, even one that is not valid TOML.
Configuration is read through the guarded reader like every file, and is
untrusted: the files it names (``paths``, ``departures``, ``baseline``) are
relative to its folder and read only inside its repository. An unknown key or
a wrong value stops wtcheck (exit 2) with the file, the line and, where it can
guess, the key that was meant. Every setting remembers where its value came
from, for ``--show-settings``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from wtcheck.core.editions import edition_names
from wtcheck.core.errors import WtcheckError
from wtcheck.core.reading import TOML, LoadError, parse_toml, read_text
from wtcheck.core.text import visible
from wtcheck.core.vocabulary import FAIL_LEVEL_NAMES
from wtcheck.formats.registry import names as format_names
from wtcheck.shell.repository import work_tree_top

FAIL_LEVELS = FAIL_LEVEL_NAMES
"""The levels a run can fail at, lowest first: should, must, none (never)."""
FORMATS = format_names("validate")

DEFAULTS: dict[str, Any] = {
    "edition": None,
    "fail_on": "must",
    "paths": ["arrangements.yaml"],
    "departures": None,
    "baseline": None,
    "include_unconfirmed": False,
    "include_coming": False,
    "as_of": None,
    "format": "text",
}
"""Every setting and its built-in value (``edition`` None: chosen per file; ``departures``
None: the ``wtcheck-departures.yaml`` found for the files checked, see :mod:`wtcheck.shell.inputs`;
``as_of`` None: today)."""

PATH_KEYS = ("paths", "departures", "baseline")
DEFAULT_DEPARTURES = "wtcheck-departures.yaml"
DEFAULT_SOURCE = "default"
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Setting:
    """One setting's value and where it came from."""

    value: Any
    source: str
    within: Path | None = None
    """For a setting naming files that the command line did not name: the folder they must lie in
    (the repository of the configuration file, or of the folder a default was found in)."""


@dataclass(frozen=True)
class Settings:
    """The effective settings of a run: each value, and where it came from."""

    values: dict[str, Setting]
    config_file: Path | None

    @property
    def edition(self) -> str | None:
        """The edition every file is checked against (None: each file's own)."""
        value = self.values["edition"].value
        return None if value is None else str(value)

    @property
    def fail_on(self) -> str:
        """The lowest level of gap that fails the run: should, must or none."""
        return str(self.values["fail_on"].value)

    @property
    def paths(self) -> list[str]:
        """The files (or folders, or glob patterns) to check."""
        return list(self.values["paths"].value)

    @property
    def departures(self) -> str | None:
        """The recorded departures file (None: none found)."""
        value = self.values["departures"].value
        return None if value is None else str(value)

    @property
    def baseline(self) -> str | None:
        """The baseline file (None: none)."""
        value = self.values["baseline"].value
        return None if value is None else str(value)

    @property
    def include_unconfirmed(self) -> bool:
        """Whether gaps against unconfirmed requirements fail the run."""
        return bool(self.values["include_unconfirmed"].value)

    @property
    def include_coming(self) -> bool:
        """Whether duties enacted but not yet in force are checked as if they were (for planning)."""
        return bool(self.values["include_coming"].value)

    @property
    def as_of(self) -> dt.date | None:
        """The day to check as of (None: today)."""
        value = self.values["as_of"].value
        return None if value is None else dt.date.fromisoformat(str(value))

    @property
    def format(self) -> str:
        """``validate``'s output format."""
        return str(self.values["format"].value)

    def source(self, name: str) -> str:
        """Where a setting's value came from: ``default``, ``command line`` or the configuration file."""
        return self.values[name].source

    def configured(self, name: str) -> Any:
        """A setting's value if the command line or the configuration gave it, else None."""
        return None if self.source(name).startswith(DEFAULT_SOURCE) else self.values[name].value

    def within(self, name: str) -> Path | None:
        """The folder the files a setting names must lie in (None: anywhere, as the command line named them)."""
        return self.values[name].within

    def with_value(self, name: str, value: Any, source: str, within: Path | None = None) -> Settings:
        """These settings with one value replaced (a default found for the files checked, say)."""
        return replace(self, values={**self.values, name: Setting(value, source, within)})

    def show(self, names: tuple[str, ...] | None = None) -> str:
        """The settings (those ``names``, else all), one ``name = value  # source`` line each, as
        ``--show-settings`` prints them."""
        where = f"# configuration file: {self.config_file}" if self.config_file else "# no configuration file found"
        lines = [where]
        for name, setting in self.values.items():
            if names is not None and name not in names:
                continue
            shown = {"edition": "(chosen per file)", "as_of": "(today)"}.get(name, "(none)") if setting.value is None \
                else _toml(setting.value)
            lines.append(f"{name} = {shown}  # {setting.source}")
        return "".join(visible(line) + "\n" for line in lines)


def resolve(command_line: dict[str, Any], cwd: Path | None = None) -> Settings:
    """Merge defaults, the configuration file found from ``cwd`` and ``command_line`` (None = not given)."""
    folder = (cwd or Path.cwd()).resolve()
    config_file = find_config(folder)
    from_file = read_config(config_file) if config_file else {}
    values = {name: Setting(value, DEFAULT_SOURCE) for name, value in DEFAULTS.items()}
    if config_file is not None:
        table = " [tool.wtcheck]" if config_file.name == "pyproject.toml" else ""
        label = f"{shown_path(config_file, folder)}{table}"
        root = repository_of(config_file.parent)
        for name, value in from_file.items():
            if name in PATH_KEYS:
                value = _relative_to(config_file.parent, value, folder)
            values[name] = Setting(value, label, root if name in PATH_KEYS else None)
    for name, value in command_line.items():
        if value is not None:
            values[name] = Setting(value, COMMAND_LINE)
    return Settings(values, config_file)


def find_config(start: Path) -> Path | None:
    """The closest ``wtcheck.toml``, or ``pyproject.toml`` with ``[tool.wtcheck]``, from ``start``
    upwards (see :func:`search_folders`); raise :class:`WtcheckError` if one cannot be read."""
    for folder in search_folders(start):
        candidate = folder / "wtcheck.toml"
        if os.path.lexists(candidate):
            return candidate
        pyproject = folder / "pyproject.toml"
        if os.path.lexists(pyproject) and _has_table(pyproject, repository_of(folder)):
            return pyproject
    return None


def search_folders(start: Path) -> Iterator[Path]:
    """``start`` and the folders above it where configuration is looked for: up to the top folder
    of the git work tree holding ``start``; outside one, up to (not into) the first folder anyone
    may write to, where another user could have left a configuration."""
    top = work_tree_top(start)
    for folder in (start, *start.parents):
        if top is None and _others_may_write(folder):
            return
        yield folder
        if folder == top:
            return


def repository_of(folder: Path) -> Path:
    """The folder the files found from ``folder``, or named by a configuration file there, must lie
    in: the top of its git work tree, or the folder itself outside one."""
    return work_tree_top(folder) or folder


def _others_may_write(folder: Path) -> bool:
    try:
        return bool(os.stat(folder).st_mode & stat.S_IWOTH)
    except OSError:
        return True


_TABLE = re.compile(r"""tool\s*\.\s*["']?wtcheck["']?\s*[].=]|^\s*wtcheck\s*=\s*\{""", re.MULTILINE)
"""How a ``[tool.wtcheck]`` table (or ``tool.wtcheck.key``, or ``wtcheck = {...}`` under ``[tool]``) looks."""


def _has_table(pyproject: Path, root: Path) -> bool:
    """Whether ``pyproject`` has a ``[tool.wtcheck]`` table. It is another tool's file: one that
    cannot be read (a named pipe, not UTF-8, a link out of the repository), or that is not valid
    TOML but shows no sign of the table, is passed over."""
    try:
        text = _text(pyproject, root)
    except LoadError:
        return False
    if not _TABLE.search(text):
        return False
    return "wtcheck" in _parse(text, pyproject).get("tool", {})


def read_config(path: Path) -> dict[str, Any]:
    """The wtcheck settings in ``path``, checked; raise :class:`WtcheckError` on anything wrong."""
    text = _text(path, repository_of(path.parent))
    data = _parse(text, path)
    table = data.get("tool", {}).get("wtcheck") if path.name == "pyproject.toml" else data
    where = "[tool.wtcheck]" if path.name == "pyproject.toml" else str(path.name)
    if not isinstance(table, dict):
        raise WtcheckError("[tool.wtcheck] must be a table", str(path))
    header = re.search(r"^\s*\[\s*tool\.wtcheck\s*\]", text, re.MULTILINE) if path.name == "pyproject.toml" else None
    start = header.end() if header else 0
    for key, value in table.items():
        line = _line_of(text, key, start)
        if key not in DEFAULTS:
            import difflib

            close = difflib.get_close_matches(key, list(DEFAULTS), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(DEFAULTS)}"
            raise WtcheckError(f"unknown key '{key}' in {where}; {hint}", str(path), line)
        problem = _check_value(key, value)
        if problem:
            raise WtcheckError(f"{where} {key}: {problem}", str(path), line)
    settings = dict(table)
    if isinstance(settings.get("paths"), str):
        settings["paths"] = [settings["paths"]]
    if "edition" in settings:
        settings["edition"] = str(settings["edition"])
    if "as_of" in settings:
        settings["as_of"] = str(settings["as_of"])
    return settings


def _text(path: Path, root: Path) -> str:
    """A configuration file's text, read through the guarded reader: a regular file inside ``root``."""
    return read_text(path, TOML, within=root)


def _parse(text: str, path: Path) -> dict[str, Any]:
    return parse_toml(text, visible(str(path)))


def _check_value(key: str, value: Any) -> str | None:
    choices = {"edition": edition_names(), "fail_on": FAIL_LEVELS, "format": FORMATS}.get(key)
    if choices is not None:
        if str(value) in choices and (key != "edition" or isinstance(value, (str, int))):
            return None
        import difflib

        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"{value!r} is not allowed; {hint}choose one of: {', '.join(choices)}"
    if key in ("include_unconfirmed", "include_coming"):
        return None if isinstance(value, bool) else f"expected true or false, not {value!r}"
    if key == "as_of":
        return date_problem(value)
    if key == "paths":
        ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))
        return None if ok and value else "expected a file name or a list of file names"
    return None if isinstance(value, str) and value else "expected a file name"


def date_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a day to check as of (a TOML date, or text YYYY-MM-DD), or None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            if len(value) == 10:
                return None
        except ValueError:
            pass
    return f"{value!r} is not a date; write it as YYYY-MM-DD (e.g. 2027-01-01)"


def _line_of(text: str, key: str, start: int) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _relative_to(base: Path, value: Any, cwd: Path) -> Any:
    """A path (or list of paths) from a configuration file, as it should be opened from ``cwd``."""
    if isinstance(value, list):
        return [_relative_to(base, item, cwd) for item in value]
    return shown_path(base / value, cwd)


def shown_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` (with ``..`` when it is above it)."""
    return Path(os.path.relpath(os.path.abspath(path), cwd)).as_posix()


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if value is None:
        return "(none)"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
