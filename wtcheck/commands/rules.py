"""``wtcheck rules``, ``wtcheck explain`` and ``wtcheck schema``: wtcheck's own data, for people and programs."""

from __future__ import annotations

import datetime as dt

from wtcheck.commands.common import deliver
from wtcheck.core.editions import current
from wtcheck.core.schema import schema
from wtcheck.models.rules import explain_model, find_rule, rules_model, rulesets_for

ALL = "all"
"""The ``--edition`` of ``rules`` that lists every edition."""


def rules(edition: str | None, output_format: str = "text") -> int:
    """List the rules of one edition (by default the one in force today), or of all (``all``)."""
    if edition is None:
        edition = current(dt.date.today()).name
    deliver("rules", output_format, rules_model(rulesets_for(None if edition == ALL else edition)))
    return 0


def explain(name: str, edition: str | None, output_format: str = "text") -> int:
    """Explain one rule, named by its id or its slug."""
    deliver("explain", output_format, explain_model(*find_rule(name, edition)))
    return 0


def print_schema(name: str) -> int:
    """Print a bundled JSON Schema."""
    deliver("schema", "json", schema(name))
    return 0
