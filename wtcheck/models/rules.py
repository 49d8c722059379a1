"""The rules as data: what ``wtcheck rules`` and ``wtcheck explain`` show (``schemas/rules.schema.json``,
``schemas/explain.schema.json``).

Both read only the resolved rulesets (:mod:`wtcheck.core.ruleset`); nothing here
looks at a document. The formats (text, JSON, Markdown) render from these models.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, TypedDict

from wtcheck.core.errors import WtcheckError
from wtcheck.core.ruleset import Rule, Ruleset, commencement_text, load_ruleset, ruleset_for_edition, ruleset_names
from wtcheck.core.vocabulary import CATEGORIES, SCHEMA_VERSION


class RulesetEntry(TypedDict):
    name: str
    edition: str
    title: str
    era: str
    extends: str | None
    sha256: str
    rules: list[dict[str, Any]]


class RulesModel(TypedDict):
    schema_version: str
    rulesets: list[RulesetEntry]


class ExplainModel(TypedDict):
    schema_version: str
    ruleset: str
    edition: str
    title: str
    rule: dict[str, Any]


def rulesets_for(edition: str | None) -> list[Ruleset]:
    """The ruleset of one edition, or of every edition, oldest first."""
    if edition is not None:
        from wtcheck.core.editions import edition as known

        return [ruleset_for_edition(known(edition).name)]
    return [load_ruleset(name) for name in ruleset_names()]


def rules_model(rulesets: list[Ruleset]) -> RulesModel:
    """Every rule of ``rulesets``, with all its data, by category."""
    return {
        "schema_version": SCHEMA_VERSION,
        "rulesets": [{
            "name": ruleset.name, "edition": ruleset.edition, "title": ruleset.title, "era": ruleset.era,
            "extends": ruleset.parent, "sha256": ruleset.sha256,
            "rules": [rule_data(rule) for rule in by_category(ruleset.rules)],
        } for ruleset in rulesets],
    }


def explain_model(ruleset: Ruleset, rule: Rule) -> ExplainModel:
    """One rule with all its data, and its edition."""
    return {"schema_version": SCHEMA_VERSION, "ruleset": ruleset.name, "edition": ruleset.edition,
            "title": ruleset.title, "rule": rule_data(rule)}


def rule_data(rule: Rule) -> dict[str, Any]:
    """A rule as data; one resting on a provision that may not yet be in force says where it stands today."""
    data = rule.as_dict()
    if rule.commencement is not None:
        today = dt.date.today()
        data["commencement"] = {**rule.commencement, "in_force": rule.in_force_on(today),
                                "status": commencement_text(rule.commencement, today)}
    return data


def find_rule(name: str, edition: str | None = None) -> tuple[Ruleset, Rule]:
    """The rule with this id or slug (any case), of ``edition`` if given, and its ruleset. A slug
    several editions share names the rule of the edition in force today, if it has one.

    Raise :class:`WtcheckError` with the closest ids or slugs when there is none, and with
    the rules' ids when a slug names one rule in each of several editions, none of them in force today."""
    wanted = name.strip()
    everything = [(ruleset, rule) for ruleset in rulesets_for(edition) for rule in ruleset.rules]
    by_id = {rule.id: (ruleset, rule) for ruleset, rule in everything}
    if wanted.upper() in by_id:
        return by_id[wanted.upper()]
    by_slug = [(ruleset, rule) for ruleset, rule in everything if rule.slug == wanted.lower()]
    if len(by_slug) > 1:
        from wtcheck.core.editions import current

        today = current(dt.date.today()).name
        by_slug = [found for found in by_slug if found[0].edition == today] or by_slug
    if len(by_slug) == 1:
        return by_slug[0]
    if by_slug:
        ids = ", ".join(f"{rule.id} ({ruleset.edition})" for ruleset, rule in by_slug)
        raise WtcheckError(f"{wanted!r} names a rule in {len(by_slug)} editions: {ids}; give the id, "
                           "or the edition with --edition")
    close = difflib.get_close_matches(wanted.upper(), list(by_id), n=6, cutoff=0.6)
    close = sorted(close, key=lambda candidate: sorted(candidate) != sorted(wanted.upper()))[:3]  # transposed first
    slugs = sorted({rule.slug for _, rule in everything})
    close += difflib.get_close_matches(wanted.lower(), slugs, n=3 - len(close), cutoff=0.75) if len(close) < 3 else []
    where = f" in the {edition} edition" if edition else ""
    hint = f"did you mean {' or '.join(close)}?" if close else "'wtcheck rules' lists every id and slug"
    raise WtcheckError(f"unknown rule {wanted!r}{where}; {hint}")


def by_category(rules: tuple[Rule, ...]) -> list[Rule]:
    """``rules`` in the order of their categories (ruleset order within each)."""
    order = list(CATEGORIES)
    return sorted(rules, key=lambda rule: order.index(rule.category) if rule.category in order else len(order))


def summary(rule: Rule) -> dict[str, Any]:
    """The few facts about a rule a list needs: id, slug, level, category, confidence, title."""
    return {key: getattr(rule, key) for key in ("id", "slug", "level", "category", "confidence", "title")}
