"""Write or check the rule snapshots: for every rule, each fixture case's outcome, detail and location.

    python tests/snapshot_rules.py            # say which rulesets' snapshots differ (exit 1 if any)
    python tests/snapshot_rules.py --update   # write tests/rule_snapshots/wt*.yaml again

Review the diff of an update as you would a change of verdicts: it is one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wtcheck.core.ruleset import load_ruleset

from rule_cases import RULESETS, SNAPSHOTS, snapshot_of

HEADER = ("# What each fixture case of each rule gives (outcome, detail, location), with default options.\n"
          "# Written by `python tests/snapshot_rules.py --update`; checked by tests/test_rule_snapshots.py.\n")


def snapshot(name: str) -> dict[str, dict[str, dict[str, object]]]:
    """The snapshot of every rule of the ruleset ``name``."""
    return {rule.id: snapshot_of(name, rule) for rule in load_ruleset(name).rules}


def text(name: str) -> str:
    """The snapshot file's text for the ruleset ``name``."""
    return HEADER + yaml.safe_dump(snapshot(name), sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=None)


def main(argv: list[str]) -> int:
    stale = []
    for name in RULESETS:
        path = SNAPSHOTS / f"{name}.yaml"
        wanted = text(name)
        if "--update" in argv:
            SNAPSHOTS.mkdir(exist_ok=True)
            path.write_text(wanted)
        elif not path.is_file() or path.read_text() != wanted:
            stale.append(name)
    for name in stale:
        print(f"tests/rule_snapshots/{name}.yaml differs from what the rules give; "
              "run python tests/snapshot_rules.py --update and review the diff")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
