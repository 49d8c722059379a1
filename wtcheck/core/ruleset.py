"""Load the rulesets (``rulesets/wt*.yaml``): validate them and resolve ``extends``.

A ruleset that extends another inherits the parent's rules, renamed to its
own id prefix (``WT18-FUND-001`` becomes ``WT23-FUND-001``) and cited to its
own edition, with each chapter (and any renamed section heading) mapped by
``recite`` (a page or paragraph number of the earlier edition is dropped, never
carried over), minus those it lists under ``remove`` (each with a reason), with
the fields under ``change`` replaced, followed by its own ``rules``. Where the
newer edition's text has not been read, ``carry_over`` caps how sure wtcheck is of
what it inherits: every inherited rule surer than ``carry_over.confidence`` is
lowered to it, with the reason added to its ``why``, except the rules it lists
(those resting on statute, say) and those whose ``change`` sets a confidence.
What changed between editions, and why, is therefore in the data, for
``wtcheck diff`` to read.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

from wtcheck.core import cache
from wtcheck.core.citations import resolve_basis, sources
from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import Document, LoadError, YamlPath, load_file
from wtcheck.core.resources import cached, data_dir
from wtcheck.core.resources import ruleset_names as ruleset_names  # the rulesets there are, by name
from wtcheck.core.schema import describe_errors
from wtcheck.core.vocabulary import CONFIDENCE, NOT_APPOINTED


@dataclass(frozen=True)
class Rule:
    """One requirement of one edition, with the check that tests it."""

    id: str
    slug: str
    level: str
    category: str
    title: str
    message: str
    why: str
    confidence: str
    citation: dict[str, Any]
    """Edition, chapter, section, paragraph or page, ``source`` (for maintainers) and ``basis``
    (the evidence readers see, resolved against ``rulesets/sources.yaml``)."""
    check: dict[str, Any]
    example: str
    applies_if: dict[str, Any] | None = None
    not_applicable: str | None = None
    condition_is_scope: bool | None = None
    """The condition is what the description sets out to cover (child death review), not a datum
    the rule needs: when its item is not given the rule does not apply."""
    advice: str | None = None
    """Set for a rule that is advice, not a requirement: its gaps are advisory, with this note."""
    commencement: dict[str, str] | None = None
    """Set for a rule resting on a statutory provision that may not yet be in force: the provision,
    the day it was enacted, ``in_force_from`` (a day, or ``not_appointed``), when its status was
    last ``checked`` and, optionally, what is ``expected``."""
    inherited_from: str | None = None
    """The id this rule had in the edition it was inherited from, if any."""

    def as_dict(self) -> dict[str, Any]:
        """The rule as JSON data (for ``rules --format json`` and the report)."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return {name: value for name, value in data.items() if value is not None}

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the rule's statutory provision is in force on ``day`` (always, for a rule without one)."""
        if self.commencement is None:
            return True
        start = self.commencement["in_force_from"]
        return start != NOT_APPOINTED and dt.date.fromisoformat(start) <= day


def commencement_text(commencement: dict[str, str], day: dt.date) -> str:
    """Where a provision stands on ``day``, in words: enacted when, in force from when (or not
    appointed, as last checked), and what is expected."""
    enacted = dt.date.fromisoformat(commencement["enacted"])
    text = f"{commencement['provision']}, enacted on {_day(enacted)}, "
    start = commencement["in_force_from"]
    if start == NOT_APPOINTED:
        checked = dt.date.fromisoformat(commencement["checked"])
        text += ("is not in force: no day had been appointed for it to come into force when wtcheck last "
                 f"checked ({_day(checked)})")
    elif dt.date.fromisoformat(start) > day:
        text += f"comes into force on {_day(dt.date.fromisoformat(start))}"
    else:
        text += f"came into force on {_day(dt.date.fromisoformat(start))}"
    expected = commencement.get("expected")
    return f"{text}; {' '.join(expected.split())}" if expected and start == NOT_APPOINTED else text


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Ruleset:
    """The resolved rules of one edition."""

    name: str
    edition: str
    prefix: str
    title: str
    era: str
    rules: tuple[Rule, ...]
    parent: str | None
    removed: dict[str, str] = field(default_factory=dict)
    """Parent rule id -> why this edition dropped it."""
    changed: dict[str, str] = field(default_factory=dict)
    """Parent rule id -> what changed and why ('' if the ruleset does not say)."""
    carried: frozenset[str] = frozenset()
    """Parent rule ids whose confidence ``carry_over`` lowered."""
    sha256: str = field(default="")

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)


@cached
def load_ruleset(name: str) -> Ruleset:
    """The bundled ruleset ``name`` (``wt`` and the edition's year), validated and resolved: as the
    user's cache keeps it for these bundled files (:mod:`wtcheck.core.cache`), else built and kept."""
    return cache.kept(f"ruleset-{name}", name in ruleset_names(), lambda: _build(name), _plain, _from_plain)


def _plain(ruleset: Ruleset) -> dict[str, Any]:
    """The ruleset as plain JSON data, for the cache."""
    plain = {item.name: getattr(ruleset, item.name) for item in fields(Ruleset)}
    sets = {name: sorted(value) for name, value in plain.items() if isinstance(value, frozenset)}
    return {**plain, **sets, "rules": [rule.as_dict() for rule in ruleset.rules]}


def _from_plain(plain: dict[str, Any]) -> Ruleset:
    sets = {item.name: frozenset(plain[item.name]) for item in fields(Ruleset) if isinstance(item.default, frozenset)}
    return Ruleset(**{**plain, **sets, "rules": tuple(Rule(**rule) for rule in plain["rules"])})


def _build(name: str) -> Ruleset:
    """Load, validate and resolve the ruleset ``name``."""
    raw = raw_ruleset(name)
    data = raw.data
    _check_source_keys(raw)
    parent = load_ruleset(data["extends"]) if "extends" in data else None
    rules, carried = _inherit(parent, data, raw) if parent else ([], {})
    for entry in data["rules"]:
        rules.append(_rule(entry))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise _error(raw, ("rules",), f"rule id {rule.id} is used twice")
        if not rule.id.startswith(data["prefix"] + "-"):
            raise _error(raw, ("rules",), f"rule id {rule.id} does not start with the prefix {data['prefix']}")
        seen.add(rule.id)
    digest = hashlib.sha256(json.dumps([rule.as_dict() for rule in rules], sort_keys=True).encode()).hexdigest()
    return Ruleset(name=data["ruleset"], edition=data["edition"], prefix=data["prefix"], title=data["title"],
                   era=data["era"], rules=tuple(rules), parent=data.get("extends"),
                   removed=dict(data.get("remove", {})),
                   changed=_changed(data, carried), carried=frozenset(carried),
                   sha256=digest)


def ruleset_for_edition(edition: str) -> Ruleset:
    """The ruleset of an edition (its header's ``ruleset``: ``wt`` and the edition's name)."""
    return load_ruleset(f"wt{edition}")


@cached
def raw_ruleset(name: str) -> Document:
    """The ruleset file ``name`` as written, checked against the ruleset schema and for a
    header that agrees with the file's name; raise :class:`WtcheckError` if it is broken."""
    path = data_dir("rulesets") / f"{name}.yaml"
    if not path.is_file():
        raise WtcheckError(f"no ruleset named {name!r} (have: {', '.join(ruleset_names())})")
    try:
        document = load_file(path, f"rulesets/{name}.yaml")
    except LoadError as exc:
        raise WtcheckError(f"bundled ruleset is broken: {exc}") from None
    problems = describe_errors("ruleset", document)
    if problems:
        raise WtcheckError(f"bundled ruleset is broken: {problems[0]}")
    header = document.data
    if header["ruleset"] != name or header["ruleset"] != f"wt{header['edition']}":
        raise _error(document, ("ruleset",), f"the ruleset in {name}.yaml must be named {name} and be for the "
                                             f"edition {name[2:]} (it says {header['ruleset']}, edition "
                                             f"{header['edition']})")
    if header["prefix"] != f"WT{header['edition'][2:]}":
        raise _error(document, ("prefix",), f"the rule id prefix of the {header['edition']} edition must be "
                                            f"WT{header['edition'][2:]}")
    return document


def _rule(entry: dict[str, Any], inherited_from: str | None = None) -> Rule:
    fields = {key: copy.deepcopy(value) for key, value in entry.items()}
    fields["citation"]["basis"] = resolve_basis(fields["citation"]["basis"])
    return Rule(**fields, inherited_from=inherited_from)


def _check_source_keys(raw: Document) -> None:
    """Every basis item of the ruleset names a source of ``rulesets/sources.yaml``."""
    known = sources()
    cited = [(("rules", index), rule) for index, rule in enumerate(raw.data["rules"])]
    cited += [(("change", rule_id), change) for rule_id, change in raw.data.get("change", {}).items()]
    for path, entry in cited:
        for number, item in enumerate(entry.get("citation", {}).get("basis", [])):
            if "source" in item and item["source"] not in known:
                raise _error(raw, (*path, "citation", "basis", number, "source"),
                             f"source {item['source']!r} is not in rulesets/sources.yaml")


def _changed(data: dict[str, Any], carried: dict[str, str]) -> dict[str, str]:
    """Parent rule id -> what changed and why: the ``because`` of each change, then the carry-over's
    reason for each rule it lowered."""
    changed = {rule_id: entry.get("because", "") for rule_id, entry in data.get("change", {}).items()}
    for rule_id, because in carried.items():
        changed[rule_id] = f"{changed[rule_id]} {because}".strip() if rule_id in changed else because
    return changed


def _inherit(parent: Ruleset, data: dict[str, Any], raw: Document) -> tuple[list[Rule], dict[str, str]]:
    """The parent's rules as this edition has them, and the reason given for each the carry-over lowered."""
    known = {rule.id for rule in parent.rules}
    carry = data.get("carry_over")
    for section, listed_in in (("remove", data), ("change", data), ("except", carry or {})):
        for listed in listed_in.get(section, {}):
            if listed not in known:
                where = ("carry_over", "except", listed) if section == "except" else (section, listed)
                raise _error(raw, where, f"{listed} is not a rule of {parent.name}")
    recite = data.get("recite", {"chapters": {}})
    rules = []
    carried: dict[str, str] = {}
    for rule in parent.rules:
        if rule.id in data.get("remove", {}):
            continue
        entry = rule.as_dict()
        entry.pop("inherited_from", None)
        entry["id"] = data["prefix"] + rule.id[len(parent.prefix):]
        change = copy.deepcopy(data.get("change", {}).get(rule.id, {}))
        change.pop("because", None)
        if "citation" not in change:
            entry["citation"] = _recited(entry["citation"], parent, data, recite, raw, rule.id)
        entry.update(change)
        if carry and rule.id not in carry.get("except", {}) and "confidence" not in change \
                and CONFIDENCE.index(entry["confidence"]) < CONFIDENCE.index(carry["confidence"]):
            because = " ".join(carry["because"].split())
            entry["confidence"], entry["why"] = carry["confidence"], f"{entry['why'].rstrip()} {because}"
            carried[rule.id] = because
        rules.append(_rule(entry, inherited_from=rule.id))
    return rules, carried


def _recited(citation: dict[str, str], parent: Ruleset, data: dict[str, Any], recite: dict[str, Any],
             raw: Document, rule_id: str) -> dict[str, str]:
    """The parent's citation of an inherited rule, moved to this edition's chapter and headings
    (a citation without a chapter stays without one, and so does one whose chapter in this edition
    no source identifies)."""
    kept = {key: value for key, value in citation.items() if key not in ("page", "paragraph")}
    chapter = citation.get("chapter")
    if chapter is not None:
        if chapter not in recite["chapters"]:
            raise _error(raw, ("recite", "chapters"), f"{rule_id} is cited to chapter {chapter!r} of "
                                                      f"{parent.name}; say which chapter holds it in this edition")
        if recite["chapters"][chapter] is None:
            del kept["chapter"]
        else:
            kept["chapter"] = recite["chapters"][chapter]
    return {**kept, "edition": data["edition"],
            **({"section": recite.get("sections", {}).get(citation["section"], citation["section"])}
               if "section" in citation else {}),
            "carried_from": citation.get("carried_from", parent.edition)}


def _error(raw: Document, path: YamlPath, message: str) -> WtcheckError:
    line, column = raw.locate(path)
    return WtcheckError(f"bundled ruleset is broken: {message}", raw.file, line, column)
