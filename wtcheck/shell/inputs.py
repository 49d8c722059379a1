"""What a run reads: the files to check, the recorded departures and the baseline.

Every command that checks files gets them here, from its settings
(:mod:`wtcheck.shell.settings`): the files named (glob patterns expanded), the
YAML files under the folders a survey names, or the staged ones; the
departures file (named, else the ``wtcheck-departures.yaml`` beside the files
checked, else in the working folder, else beside the configuration file) and
the baseline. :meth:`Run.inputs` lists them all, with the configuration file:
no output is ever written over one of them. :meth:`Run.results` hands them to
the runner (:func:`wtcheck.core.runner.run`), the one loop that checks files.

What the command line names is read wherever it is. What wtcheck finds itself,
or a configuration file names, is read only inside the repository it was found
in (a link or ``..`` out of it is refused, without reading it), and under a
folder nothing leads out of it (see :func:`folder_sources`).
"""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from wtcheck.core.errors import WtcheckError
from wtcheck.core.reading import MAX_BYTES, LoadError, inside, outside
from wtcheck.core.runner import FileResult, Request, Source, run
from wtcheck.core.text import visible
from wtcheck.shell.output import progress
from wtcheck.shell.settings import DEFAULT_DEPARTURES, DEFAULTS, Settings, repository_of, shown_path

if TYPE_CHECKING:  # read only when a run names them, so a plain run does not import them
    from wtcheck.core import baseline as baseline_file
    from wtcheck.core import departures as departures_file

ARRANGEMENTS_NAME = re.compile(r"(^|/)[^/]*arrangements[^/]*\.ya?ml$")
"""Which staged files are arrangements descriptions when no ``paths`` are configured:
YAML files whose name contains ``arrangements``. The pre-commit hook uses the same pattern."""

SET_PATHS = "set paths in wtcheck.toml or [tool.wtcheck] in pyproject.toml"
"""What to do when no file to check is named."""

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"
"""The file name that stands for standard input."""
STDIN_NAME = "<stdin>"
"""How standard input is named in messages."""


@dataclass(frozen=True)
class Run:
    """The files one run checks, and the departures and baseline it applies, from its settings."""

    settings: Settings
    sources: list[Source]
    departures: departures_file.Departures | None = None
    baseline: baseline_file.Baseline | None = None

    @property
    def files(self) -> list[str]:
        """The names of the files checked."""
        return [name for name, _ in self.sources]

    def inputs(self) -> list[str]:
        """Every file the run reads, none of which an output may replace: the files checked,
        the departures file, the baseline (when it is read) and the configuration file."""
        named = [self.settings.departures, self.baseline.file if self.baseline else None, self.settings.config_file]
        return self.files + [str(path) for path in named if path]

    def load(self, *, baseline: bool = True) -> Run:
        """This run with its departures file (and, if asked, its baseline) read; raise
        :class:`WtcheckError` if one cannot be used, before anything is checked."""
        settings = self.settings
        departures = _load_departures(settings.departures, settings) if settings.departures else None
        known = None
        if baseline and settings.baseline:
            from wtcheck.core import baseline as baseline_file

            known = baseline_file.load(settings.baseline, within=settings.within("baseline"))
        return replace(self, departures=departures, baseline=known)

    def request(self, editions: tuple[str | None, ...] | None = None, *, isolate: bool = False) -> Request:
        """How the runner checks this run's files: against ``editions`` (default: the edition in the
        settings, else each file's own), as of the day the settings give, with the run's departures
        and baseline."""
        return Request(editions or (self.settings.edition,), self.settings.include_unconfirmed, self.departures,
                       self.baseline, isolate, self.settings.as_of, self.settings.include_coming)

    def results(self, editions: tuple[str | None, ...] | None = None, *, survey: bool = False) -> Iterator[FileResult]:
        """Each file checked by the runner, one at a time (a batch keeps none of them); for a
        ``survey``, a progress bar on a terminal and an internal error kept to its file."""
        results = run(self.sources, self.request(editions, isolate=survey))
        return progress(results, len(self.sources), "checking") if survey else results


def plan(settings: Settings, sources: list[Source]) -> Run:
    """The run over ``sources``, with the departures file found for them when none is named."""
    if settings.departures is None:
        found = find_departures([name for name, raw in sources if not isinstance(raw, WtcheckError)],
                                settings.config_file)
        if found is not None:
            settings = settings.with_value("departures", *found)
    return Run(settings, sources)


def named_files(settings: Settings, command: str) -> list[Source]:
    """The files the settings name, glob patterns expanded (a pattern matching nothing is kept,
    to be reported). wtcheck's own default, ``arrangements.yaml``, when it is not there, stops
    ``command`` with what to do instead."""
    if settings.configured("paths") is None and not Path(DEFAULTS["paths"][0]).exists():
        raise WtcheckError(f"no {DEFAULTS['paths'][0]} here to check: name the files (wtcheck {command} FILE...), "
                           f"or {SET_PATHS}")
    within = settings.within("paths")
    sources: list[Source] = []
    for name in expand(settings.paths):
        if name == STDIN:
            if any(source == STDIN_NAME for source, _ in sources):
                raise WtcheckError("standard input ('-') can be read only once")
            sources.append((STDIN_NAME, _standard_input()))
        elif Path(name).is_dir() and (within is None or inside(name, within)):
            found = [source for _, source in folder_sources(Path(name))]
            sources.extend(found or [(name, WtcheckError(_EMPTY_FOLDER))])
        else:
            sources.extend(confined([name], within))
    return sources


def confined(names: Iterable[str], within: Path | None) -> list[Source]:
    """``names`` to check; with ``within`` (they come from a configuration file), each that lies
    outside it is refused, unread."""
    return [(name, None) if within is None or inside(name, within) else (name, outside(visible(name), within))
            for name in names]


def _standard_input() -> bytes | WtcheckError:
    """What standard input holds (at most the loader's limit, so a stream without end cannot fill memory)."""
    try:
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    except (OSError, AttributeError, ValueError) as exc:
        return WtcheckError(f"cannot read standard input ({exc})")
    if len(raw) > MAX_BYTES:
        return WtcheckError(f"is larger than wtcheck's limit of {MAX_BYTES // (1024 * 1024)} MiB; an arrangements "
                            "file is a few KiB, so check this is the right input")
    return raw


def expand(paths: list[str]) -> list[str]:
    """``paths`` with glob patterns expanded (a pattern matching nothing is kept, to be reported)."""
    names = []
    for path in paths:
        matches = sorted(glob.glob(path, recursive=True)) if glob.has_magic(path) else []
        names.extend(matches or [path])
    return names


def survey_files(paths: list[Path], within: Path | None = None) -> list[Source]:
    """What a survey checks: the files named, and every YAML file under the folders named
    (:func:`folder_sources`), each once. A named file that does not exist is kept, to be listed as
    not checked; with ``within`` (the paths come from a configuration file), what lies outside it
    is refused."""
    found: dict[str, Source] = {}
    for path in paths:
        if within is not None and not inside(path, within):
            found.setdefault(str(path), (str(path), outside(visible(str(path)), within)))
        elif path.is_dir():
            for key, source in folder_sources(path):
                found.setdefault(key, source)
        else:
            found.setdefault(os.path.realpath(path), (str(path), None))
    if not found:
        raise WtcheckError("no .yaml or .yml files found in " + ", ".join(str(path) for path in paths))
    return list(found.values())


_EMPTY_FOLDER = "is a folder, not a YAML file; name the YAML file inside it (this folder has no .yaml or .yml file)"


def folder_sources(folder: Path) -> list[tuple[str, Source]]:
    """What a survey, or ``validate FOLDER``, checks under ``folder``, in name order, each with the
    key that makes it one (a file and a link to it inside the folder are one file). Nothing leads
    out of the folder: a link out of it (or into a folder) is never followed, and hidden files and
    folders and wtcheck's own departures files are skipped. Every other entry with a YAML name that
    is not a file it can read (a link out, a link to nothing, a named pipe, a folder named
    ``.yaml``, an unreadable file or folder) is kept, to be listed as not checked with why, and is
    never read."""
    unreadable: list[Path] = []
    entries: list[Path] = []
    for parent, folders, files in os.walk(folder, onerror=lambda error: unreadable.append(Path(error.filename))):
        folders[:] = [name for name in folders if not name.startswith(".")]
        entries += [Path(parent, name) for name in (*folders, *files) if not name.startswith(".")
                    and name.lower().endswith(YAML_SUFFIXES) and name != DEFAULT_DEPARTURES]
    found: list[tuple[str, Source]] = []
    for path in sorted(entries + unreadable):
        shown = visible(str(path))
        if path in unreadable:
            found.append((str(path), (str(path), LoadError(
                "is a folder that cannot be read (permission denied), so the files in it were not checked; "
                "check its permissions", shown))))
        elif path.is_symlink() and not _stays_in(path, folder):
            found.append((str(path), (str(path), LoadError(
                f"is a link to somewhere outside {visible(str(folder))} or to something not checked there (a "
                "folder, a hidden file, a file not named .yaml or .yml); wtcheck never leaves the folders it "
                "is given, so it was not read (name the file itself to check it)", shown))))
        else:
            found.append((os.path.realpath(path), (str(path), None)))
    return found


def _stays_in(link: Path, folder: Path) -> bool:
    """Whether ``link`` leads to what is checked under ``folder`` anyway: a file (or nothing, which
    the reader reports) inside it, not in a hidden folder, with a YAML name."""
    target = Path(os.path.realpath(link))
    top = Path(os.path.realpath(folder))
    if not inside(target, top) or target.is_dir():
        return False
    parts = target.relative_to(top).parts
    return not any(part.startswith(".") for part in parts) and target.name.lower().endswith(YAML_SUFFIXES)


def staged_files(settings: Settings, cwd: Path) -> tuple[list[Source], list[str]]:
    """The staged arrangements files, named relative to ``cwd``, with their staged content; and
    the staged YAML files passed over because they are not arrangements files by name or paths."""
    from wtcheck.shell.repository import require_top_level, staged_bytes
    from wtcheck.shell.repository import staged_files as staged_names

    root = require_top_level(cwd, "--staged")
    sources: list[Source] = []
    passed_over: list[str] = []
    for name in staged_names(root):
        absolute = root / name
        shown = os.path.relpath(absolute, cwd)
        if not is_arrangements(absolute, settings.configured("paths")):
            if name.lower().endswith(YAML_SUFFIXES):
                passed_over.append(shown)
            continue
        try:
            content: bytes | WtcheckError = staged_bytes(root, name)
        except WtcheckError as exc:
            content = exc
        sources.append((shown, content))
    return sources, passed_over


def is_arrangements(path: Path, paths: list[str] | None) -> bool:
    """Whether ``path`` is an arrangements file to check when files are picked for wtcheck (staged, or
    handed over by pre-commit): among the configured ``paths`` if there are any, else a YAML file
    whose name contains ``arrangements``."""
    patterns = [str(Path(pattern).resolve()) for pattern in paths or []]
    absolute = Path(os.path.abspath(path))
    if patterns:
        return any(fnmatch(str(absolute), pattern) for pattern in patterns)
    return ARRANGEMENTS_NAME.search(absolute.as_posix()) is not None


def find_departures(files: list[str], config_file: Path | None) -> tuple[str, str, Path] | None:
    """The ``wtcheck-departures.yaml`` for ``files``, why it was chosen, and the repository it must
    lie in: the one beside them, else the working folder's, else the one beside the configuration
    file; None if there is none. Files that have different ones (or some one and some none) cannot
    share a run: that raises :class:`WtcheckError`. Anything by that name counts (a named pipe, a
    link to nothing): the reader then says why it cannot be used."""
    cwd = Path.cwd()
    fallback = next(((folder / DEFAULT_DEPARTURES, f"default ({where})") for folder, where in (
        (cwd, "in the working folder"), (config_file.parent if config_file else None, "beside the configuration"))
        if folder is not None and os.path.lexists(folder / DEFAULT_DEPARTURES)), None)
    chosen: dict[Path | None, tuple[str, tuple[Path, str] | None]] = {}
    for name in files:
        if not Path(name).is_file():
            continue  # a missing file is reported as such, never as a departures conflict
        beside = Path(name).parent / DEFAULT_DEPARTURES
        found = (beside, f"default (beside {name})") if os.path.lexists(beside) else fallback
        chosen.setdefault(found[0].resolve() if found else None, (name, found))
    if len(chosen) > 1:
        (first, one), (second, other) = list(chosen.values())[:2]
        raise WtcheckError(f"the files checked have different departures files ({first}: {_shown(one, cwd)}; "
                           f"{second}: {_shown(other, cwd)}); check each folder on its own, or name one "
                           "departures file for all of them with --departures")
    found = next(iter(chosen.values()))[1] if chosen else fallback
    return (shown_path(found[0], cwd), found[1], repository_of(found[0].parent.resolve())) if found else None


def _shown(found: tuple[Path, str] | None, cwd: Path) -> str:
    return shown_path(found[0], cwd) if found else "none"


def _load_departures(path: str, settings: Settings) -> departures_file.Departures:
    """The departures file, read (inside the folder the settings say it must lie in, unless the
    command line named it) and checked as of the day the settings give (expiry and review dates);
    raise :class:`WtcheckError` (one line) if it is not a valid departures file, so nothing is
    checked with it unread."""
    from wtcheck.core import departures as departures_file

    loaded = departures_file.load(path, today=settings.as_of, within=settings.within("departures"))
    if loaded.readable:
        return loaded
    first = loaded.problems[0]
    more = len(loaded.problems) - 1
    rest = f"; {more} more problem(s): 'wtcheck departures check {path}' lists them" if more else ""
    raise WtcheckError(f"{first.message} (nothing was checked: fix the departures file first{rest})",
                       first.file, first.line, first.column)
