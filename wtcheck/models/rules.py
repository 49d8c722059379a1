"""What ``wtcheck rules`` and ``wtcheck explain`` print: the rules, as data or as text.

Both read only the resolved rulesets (:mod:`wtcheck.core.ruleset`); nothing here
looks at a document.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from typing import Any

from wtcheck.core.citations import citation_text
from wtcheck.core.editions import EDITIONS
from wtcheck.core.errors import WtcheckError
from wtcheck.core.ruleset import Rule, Ruleset, load_ruleset, ruleset_for_edition, ruleset_names

SCHEMA_VERSION = "1"
CATEGORIES = ("partners", "relevant_agencies", "scrutiny", "funding", "publication", "practice", "reviews",
              "annual_report")
"""Categories in the order rules are listed (the order of the ruleset schema)."""

LEVEL_WORDS = {
    "must": "a statutory duty, or the guidance says 'must'",
    "should": "statutory guidance: follow it unless there is a good, recorded reason not to",
}
CONFIDENCE_WORDS = {
    "primary": "read in primary text (statute, regulations, or a government document on the edition)",
    "secondary": "read in a secondary source that quotes or closely paraphrases the guidance",
    "unconfirmed": "believed, but not confirmed in anything read; reported as advisory, and never fails a "
                   "check unless you pass --include-unconfirmed",
}


def rulesets_for(edition: str | None) -> list[Ruleset]:
    """The ruleset of one edition, or of every edition, oldest first."""
    if edition is not None:
        return [ruleset_for_edition(edition)]
    return [load_ruleset(name) for name in ruleset_names()]


def rules_json(rulesets: list[Ruleset]) -> str:
    """Every rule of ``rulesets``, with all its data, as JSON."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "rulesets": [{
            "name": ruleset.name, "edition": ruleset.edition, "title": ruleset.title, "era": ruleset.era,
            "extends": ruleset.parent, "sha256": ruleset.sha256,
            "rules": [rule.as_dict() for rule in _by_category(ruleset.rules)],
        } for ruleset in rulesets],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def rules_text(rulesets: list[Ruleset]) -> str:
    """Every rule of ``rulesets`` grouped by category: id, level, confidence, slug, title, citation."""
    lines: list[str] = []
    for ruleset in rulesets:
        extends = f"; extends {ruleset.parent}" if ruleset.parent else ""
        lines.append(f"{ruleset.title} (ruleset {ruleset.name}, {len(ruleset.rules)} rules{extends})")
        for category in CATEGORIES:
            rules = [rule for rule in ruleset.rules if rule.category == category]
            if not rules:
                continue
            lines.append(f"  {category}")
            for rule in rules:
                lines.append(f"    {rule.id:<14} {rule.level:<6} {rule.confidence:<11} {rule.slug}")
                lines.append(f"        {rule.title}")
                lines.append(f"        {citation_text(rule.citation)}")
        lines.append("")
    return "\n".join(lines)


def find_rule(name: str, edition: str | None = None) -> tuple[Ruleset, Rule]:
    """The rule with this id or slug (any case), of ``edition`` if given, and its ruleset.

    Raise :class:`WtcheckError` with the closest ids or slugs when there is none, and with
    the rules' ids when a slug names one rule in each of several editions."""
    wanted = name.strip()
    everything = [(ruleset, rule) for ruleset in rulesets_for(edition) for rule in ruleset.rules]
    by_id = {rule.id: (ruleset, rule) for ruleset, rule in everything}
    if wanted.upper() in by_id:
        return by_id[wanted.upper()]
    by_slug = [(ruleset, rule) for ruleset, rule in everything if rule.slug == wanted.lower()]
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


def explain_json(ruleset: Ruleset, rule: Rule) -> str:
    """One rule with all its data, and its edition, as JSON."""
    data = {"schema_version": SCHEMA_VERSION, "ruleset": ruleset.name, "edition": ruleset.edition,
            "rule": rule.as_dict()}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def explain_text(ruleset: Ruleset, rule: Rule) -> str:
    """One rule for a person: what it asks, where it comes from, how sure we are, why, and an example."""
    facts = [
        ("Edition", f"{EDITIONS[ruleset.edition].title} (ruleset {ruleset.name})"),
        ("Level", f"{rule.level} ({LEVEL_WORDS[rule.level]})"),
        ("Category", rule.category),
        ("Confidence", f"{rule.confidence} ({CONFIDENCE_WORDS[rule.confidence]})"),
        ("Citation", citation_text(rule.citation)),
    ]
    if rule.inherited_from:
        facts.append(("Inherited from", f"{rule.inherited_from} (see 'wtcheck diff' for what changed)"))
    if rule.not_applicable:
        facts.append(("Applies", f"only in some areas; where it does not: {rule.not_applicable}"))
    width = max(len(label) for label, _ in facts) + 2
    lines = [f"{rule.id} ({rule.slug}): {rule.title}", ""]
    for label, text in facts:
        wrapped = textwrap.wrap(text, 100 - width - 2) or [""]
        lines.append(f"  {label + ':':<{width}}{wrapped[0]}")
        lines.extend(f"  {'':<{width}}{more}" for more in wrapped[1:])
    lines += ["", "Why it matters", *_paragraph(rule.why), "", "What to add when it is a gap", *_paragraph(rule.message),
              "", "A description that meets it", *("  " + line for line in rule.example.rstrip().splitlines()), ""]
    return "\n".join(lines)


def _paragraph(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), 96, initial_indent="  ", subsequent_indent="  ")


def _by_category(rules: tuple[Rule, ...]) -> list[Rule]:
    return sorted(rules, key=lambda rule: CATEGORIES.index(rule.category))


def summary(rule: Rule) -> dict[str, Any]:
    """The few facts about a rule a list needs: id, slug, level, category, confidence, title."""
    return {key: getattr(rule, key) for key in ("id", "slug", "level", "category", "confidence", "title")}
