"""The registers of public bodies wtcheck knows: councils, integrated care boards, CCGs, police forces.

Each register is a small dated CSV shipped as package data (``registers/*.csv``):
leading ``# key: value`` lines say what it is (``title``, ``source``, ``licence``,
``data_date``, ``rows`` and the ``sha256`` of the data part), then a CSV header
and one row per body, with the first and last day it existed (``start_date``,
``end_date``, inclusive; empty means "before anything relevant" or "still
exists"). A register is checked against its own hash when it is read, so a
changed file is refused rather than trusted.

A name is looked up by its *key*: lower case, ``&`` read as ``and``, punctuation
and the words every such name shares (council, borough, NHS, integrated care
board, police, constabulary, ...) left out, so ``Hull City Council`` and
``Kingston upon Hull, City of`` differ but ``Leeds City Council``, ``Leeds``
and ``LEEDS CITY COUNCIL`` are one key. A body is in force on a day when one of
its rows (a body may have had several codes) covers that day.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from wtcheck.core.errors import WtcheckError
from wtcheck.core.resources import cached, data_dir

NAME_COLUMNS = ("official_name", "force_name", "name", "short_name", "pfa_name")
"""The columns that hold a name the body is known by, the one to show first (the council's or
force's own name rather than the area's)."""

_GENERIC_WORDS = frozenset({
    "the", "of", "and", "council", "borough", "county", "city", "metropolitan", "district", "royal", "london",
    "corporation", "nhs", "integrated", "care", "board", "icb", "clinical", "commissioning", "group", "ccg",
    "police", "constabulary", "service", "force",
})
"""Words left out of a name's key: the kind of body, not which one."""

_NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def key(name: str) -> str:
    """The key a name is looked up by (``Leeds City Council`` -> ``leeds``); the whole name,
    simplified, when it is nothing but generic words (``City of London``)."""
    words = _words(name)
    kept = [word for word in words if word not in _GENERIC_WORDS]
    return " ".join(kept or words)


def _words(name: str) -> list[str]:
    return _NOT_A_WORD.sub(" ", name.casefold().replace("&", " and ").replace("’", "'").replace("'s", "s")).split()


@dataclass(frozen=True)
class Body:
    """One row of a register: a body under one code, with the days it existed."""

    register: str
    code: str
    names: tuple[str, ...]
    """The names it is known by, the one to show first."""
    start: dt.date | None
    end: dt.date | None
    successors: tuple[str, ...] = ()
    """Codes of the bodies that took over from it."""
    eligible: bool = True
    """False for a row listed only to be recognised and refused (British Transport Police)."""
    note: str = ""
    area: str = ""
    """The area's name as the register gives it (``Leeds``, ``Kingston upon Hull, City of``)."""

    @property
    def name(self) -> str:
        """The name to show: the council's or force's own name if the register has it, else the body's."""
        return self.names[0]

    def in_force(self, day: dt.date) -> bool:
        """Whether the body existed on ``day``."""
        return self.eligible and (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Register:
    """A register's bodies, indexed by the keys of their names."""

    name: str
    title: str
    header: dict[str, tuple[str, ...]]
    bodies: tuple[Body, ...]
    index: dict[str, tuple[Body, ...]] = field(default_factory=dict, compare=False, repr=False)
    """Key of a name -> the bodies (every row) known by it."""
    exact: dict[str, tuple[Body, ...]] = field(default_factory=dict, compare=False, repr=False)
    """A body's own name in full (simplified) -> the bodies of exactly that name."""

    def find(self, name: str) -> tuple[Body, ...]:
        """The bodies (every row) known by ``name``: by exactly that name where one is (so
        "Shropshire County Council" is the county council, not Shropshire Council), else by its key;
        empty when the register does not know it."""
        return self.exact.get(" ".join(_words(name))) or self.index.get(key(name), ())

    def by_code(self, code: str) -> Body | None:
        """The row with this code, if any."""
        return next((body for body in self.bodies if body.code == code), None)


def register_names() -> tuple[str, ...]:
    """The registers shipped with wtcheck (the CSV files' names)."""
    return tuple(sorted(path.stem for path in data_dir("registers").glob("*.csv")))


@cached
def register(name: str) -> Register:
    """The register ``name`` (a file name without ``.csv``), as the user's cache keeps it for these
    bundled files (:mod:`wtcheck.core.cache`), else read and kept; raise :class:`WtcheckError` if it
    is missing, or its data does not match the hash it carries."""
    from wtcheck.core import cache

    return cache.kept(f"register-{name}", name in register_names(), lambda: _read(name), _plain, _from_plain)


def _plain(found: Register) -> dict[str, Any]:
    """The register as plain JSON data, for the cache: its bodies, and its indexes as positions."""
    position = {id(body): number for number, body in enumerate(found.bodies)}
    bodies = [[body.code, list(body.names), body.start and body.start.isoformat(), body.end and body.end.isoformat(),
               list(body.successors), body.eligible, body.note, body.area] for body in found.bodies]
    return {"name": found.name, "title": found.title, "header": {k: list(v) for k, v in found.header.items()},
            "bodies": bodies,
            "index": {k: [position[id(body)] for body in v] for k, v in found.index.items()},
            "exact": {k: [position[id(body)] for body in v] for k, v in found.exact.items()}}


def _from_plain(plain: dict[str, Any]) -> Register:
    bodies = tuple(Body(plain["name"], code, tuple(names), _day(start), _day(end), tuple(successors), eligible, note, area)
                   for code, names, start, end, successors, eligible, note, area in plain["bodies"])
    return Register(plain["name"], plain["title"], {k: tuple(v) for k, v in plain["header"].items()}, bodies,
                    {k: tuple(bodies[n] for n in v) for k, v in plain["index"].items()},
                    {k: tuple(bodies[n] for n in v) for k, v in plain["exact"].items()})


def _read(name: str) -> Register:
    path = data_dir("registers") / f"{name}.csv"
    if not path.is_file():
        raise WtcheckError(f"no register named {name!r} (have: {', '.join(register_names())})")
    text = path.read_text(encoding="utf-8")
    header, data = split_header(text)
    written = header.get("sha256", ("",))[0].split(" ")[0]
    if hashlib.sha256(data.encode("utf-8")).hexdigest() != written:
        raise WtcheckError(f"bundled register registers/{name}.csv is broken: its data does not match its sha256")
    bodies = tuple(_body(name, row) for row in csv.DictReader(data.splitlines()))
    index: dict[str, tuple[Body, ...]] = {}
    exact: dict[str, tuple[Body, ...]] = {}
    for body in bodies:
        for known in dict.fromkeys(key(known) for known in body.names):
            index[known] = (*index.get(known, ()), body)
        full = " ".join(_words(body.name))  # the body's own name only: an area's name is shared
        exact[full] = (*exact.get(full, ()), body)
    return Register(name, header.get("title", (name,))[0], header, bodies, index, exact)


def split_header(text: str) -> tuple[dict[str, tuple[str, ...]], str]:
    """The leading ``# key: value`` lines of a register (a key may repeat, as ``source`` does) and
    the data after them."""
    lines = text.splitlines(keepends=True)
    count = next((index for index, line in enumerate(lines) if not line.startswith("#")), len(lines))
    header: dict[str, tuple[str, ...]] = {}
    for line in lines[:count]:
        field, _, value = line[1:].strip().partition(":")
        header[field.strip()] = (*header.get(field.strip(), ()), value.strip())
    return header, "".join(lines[count:])


def _body(register_name: str, row: dict[str, str]) -> Body:
    names = tuple(dict.fromkeys(row[column] for column in NAME_COLUMNS if row.get(column)))
    successors = (row.get("successors") or row.get("successor_gss") or "").split(";")
    return Body(register_name, row.get("gss_code", ""), names, _day(row.get("start_date")), _day(row.get("end_date")),
                tuple(code for code in successors if code), row.get("territorial", "yes") != "no", row.get("note", ""),
                row.get("name") or row.get("pfa_name") or "")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
