"""The cues ``wtcheck draft`` reads documents with, loaded from ``cues/draft.yaml``.

The file is data (see its header): patterns, heading words and word lists, each
pattern with the examples it must find. It is read with wtcheck's own YAML loader,
checked against ``schemas/cues.schema.json``, its ``{tokens}`` replaced, and every
pattern compiled once. Nothing here knows a document: :mod:`wtcheck.draft.extract`
applies the cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import LoadError, load_file
from wtcheck.core.resources import cached, data_dir
from wtcheck.core.schema import describe_errors

_TOKEN = re.compile(r"\{([a-z_]+)\}")
MAX_TEXT = 2000
"""Longest text a pattern is run on (a sentence, a table row); longer text is cut, so no pattern
can take long on a document written to be hard to read."""


@dataclass(frozen=True)
class Cue:
    """One compiled pattern, with what the data says about it."""

    pattern: re.Pattern[str]
    source: str
    examples: tuple[Any, ...] = ()
    counterexamples: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    role_as: str = ""


@dataclass(frozen=True)
class Cues:
    """A list of cues: the text matches when one of them does."""

    cues: tuple[Cue, ...]

    def search(self, text: str) -> re.Match[str] | None:
        """The first cue's match in ``text`` (in the order the data lists them), or None."""
        text = text[:MAX_TEXT]
        for cue in self.cues:
            found = cue.pattern.search(text)
            if found:
                return found
        return None

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Every match of every cue in ``text``, in order of where they start."""
        text = text[:MAX_TEXT]
        found = [match for cue in self.cues for match in cue.pattern.finditer(text)]
        return sorted(found, key=lambda match: (match.start(), -match.end()))

    def __bool__(self) -> bool:
        return bool(self.cues)


class CueBook:
    """Every cue of the data file, by the name the file gives it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        tokens = dict(data["tokens"])
        tokens["post"] = "(?:" + "|".join(f"(?:{post['pattern']})" for post in data["posts"]) + ")"
        self.tokens = {name: _expand(value, tokens, name) for name, value in tokens.items()}
        self.name_stop_words = frozenset(data["name_stop_words"])
        self.person_not_words = frozenset(data["person_not_words"]) | self.name_stop_words
        self.post_words = frozenset(data["post_words"])
        self.posts = self.cues(data["posts"], "posts")
        self._lists: dict[tuple[str, ...], Cues] = {}
        self._groups: dict[tuple[str, ...], dict[str, Cues]] = {}
        self._compile_all(data, ())

    def _compile_all(self, data: Any, path: tuple[str, ...]) -> None:
        """Compile every list of cues now, so a broken pattern stops wtcheck before any document is read."""
        if isinstance(data, list) and data and isinstance(data[0], dict) and "pattern" in data[0]:
            self.list(*path)
        elif isinstance(data, dict):
            for key, item in data.items():
                if path or key != "tokens":
                    self._compile_all(item, (*path, key))

    def cues(self, entries: list[dict[str, Any]], where: str = "") -> Cues:
        """Compile a list of cue entries."""
        return Cues(tuple(self._cue(entry, where) for entry in entries))

    def list(self, *path: str) -> Cues:
        """The list of cues at ``path`` in the data (``chair``; ``recipients``, ``send``), compiled once."""
        if path not in self._lists:
            self._lists[path] = self.cues(self._at(path), ".".join(path))
        return self._lists[path]

    def group(self, *path: str) -> dict[str, Cues]:
        """A mapping of cue lists at ``path`` (``sections``, ``organisations``, ...), each compiled once."""
        if path not in self._groups:
            self._groups[path] = {key: self.cues(entries, ".".join((*path, key)))
                                  for key, entries in self._at(path).items()}
        return self._groups[path]

    def _at(self, path: tuple[str, ...]) -> Any:
        data: Any = self.data
        for part in path:
            data = data[part]
        return data

    def _cue(self, entry: dict[str, Any], where: str) -> Cue:
        source = _expand(entry["pattern"], self.tokens, where)
        flags = 0 if entry.get("case") else re.IGNORECASE
        try:
            pattern = re.compile(source, flags)
        except re.error as exc:
            raise WtcheckError(f"bundled cues are broken: {where}: {entry['pattern'][:60]!r} is not a pattern ({exc})") from None
        return Cue(pattern, entry["pattern"], tuple(entry["examples"]), tuple(entry.get("not", ())),
                   tuple(entry.get("roles", ())), entry.get("as", ""))


def _expand(pattern: str, tokens: dict[str, str], where: str, depth: int = 0) -> str:
    """``pattern`` with every ``{token}`` replaced (tokens may use tokens, a few levels deep)."""
    if depth > 5:
        raise WtcheckError(f"bundled cues are broken: {where}: tokens nest too deeply")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in tokens:
            return match.group(0)  # a repetition such as {2}, or a literal brace
        return "(?:" + _expand(tokens[name], tokens, where, depth + 1) + ")"

    return _TOKEN.sub(replace, pattern)


@cached
def cue_book() -> CueBook:
    """The bundled cues, read and checked once."""
    path = data_dir("cues") / "draft.yaml"
    try:
        document = load_file(path, "cues/draft.yaml")
    except LoadError as exc:
        raise WtcheckError(f"bundled cues are broken: {exc}") from None
    problems = describe_errors("cues", document)
    if problems:
        raise WtcheckError(f"bundled cues are broken: {problems[0]}")
    return CueBook(document.data)
