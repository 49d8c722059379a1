"""``wtcheck rules``, ``wtcheck explain`` and ``wtcheck schema``: wtcheck's own data, for people and programs."""

from __future__ import annotations

from wtcheck.commands.common import deliver
from wtcheck.core.schema import schema
from wtcheck.models.rules import explain_model, find_rule, rules_model, rulesets_for


def rules(edition: str | None, output_format: str = "text") -> int:
    """List the rules of one edition, or of all."""
    deliver("rules", output_format, rules_model(rulesets_for(edition)))
    return 0


def explain(name: str, edition: str | None, output_format: str = "text") -> int:
    """Explain one rule, named by its id or its slug."""
    deliver("explain", output_format, explain_model(*find_rule(name, edition)))
    return 0


def print_schema(name: str) -> int:
    """Print a bundled JSON Schema."""
    deliver("schema", "json", schema(name))
    return 0
