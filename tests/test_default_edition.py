"""The default edition of ``rules`` and ``explain`` is the one in force today; help says so."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from wtcheck.core.editions import current, editions
from wtcheck.core.ruleset import load_ruleset, ruleset_names


def invoke(*args):
    from wtcheck.cli import app

    return CliRunner().invoke(app, list(args))


def test_rules_lists_the_edition_in_force_today_by_default():
    today = current(dt.date.today())
    data = json.loads(invoke("rules", "--format", "json").output)
    assert [ruleset["edition"] for ruleset in data["rulesets"]] == [today.name]
    assert today.name == max(editions().values(), key=lambda found: found.in_force.date).name
    text = invoke("rules").output
    assert text.startswith(f"{today.title} (ruleset {today.ruleset},")


def test_rules_all_lists_every_edition():
    data = json.loads(invoke("rules", "--edition", "all", "--format", "json").output)
    assert [ruleset["name"] for ruleset in data["rulesets"]] == ruleset_names()


def test_an_unknown_edition_is_still_refused():
    run = invoke("rules", "--edition", "2024")
    assert run.exit_code == 2 and "unknown edition '2024'" in run.output


def test_a_slug_several_editions_share_names_the_rule_in_force_today():
    today = current(dt.date.today())
    shared = next(rule.slug for rule in load_ruleset(today.ruleset).rules if rule.inherited_from)
    run = invoke("explain", shared)
    rule = next(rule for rule in load_ruleset(today.ruleset).rules if rule.slug == shared)
    assert run.exit_code == 0 and run.output.startswith(f"{rule.id} ({shared})")


def test_a_slug_the_edition_in_force_today_does_not_have_still_asks_which():
    today = current(dt.date.today())
    slugs = {rule.slug for rule in load_ruleset(today.ruleset).rules}
    counted: dict[str, int] = {}
    for name in ruleset_names():
        for rule in load_ruleset(name).rules:
            counted[rule.slug] = counted.get(rule.slug, 0) + 1
    shared = next(slug for slug, count in counted.items() if count > 1 and slug not in slugs)
    run = invoke("explain", shared)
    assert run.exit_code != 0 and "--edition" in str(run.exception or run.output)


def test_help_says_the_default_is_the_edition_in_force_today():
    assert "(default: the one in force today)" in " ".join(invoke("rules", "--help").output.split())
    assert "the one in force today, if it has the slug" in " ".join(invoke("explain", "--help").output.split())
