"""``wtcheck init``: a commented starter description for an edition, with the schema beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from wtcheck.commands.common import SCHEMA_FILE, save_schema_beside, write_description
from wtcheck.core.editions import current, edition
from wtcheck.formats import registry
from wtcheck.models.starter import starter_model
from wtcheck.shell.output import say

DEFAULT_OUTPUT = Path("arrangements.yaml")


@dataclass(frozen=True)
class Init:
    """What ``init`` was asked to do."""

    edition: str | None = None
    """The edition (default: the safeguarding partners' edition in force today)."""
    output: Path | None = None
    """Where to write the starter (default: ./arrangements.yaml); never over a file."""


def run(request: Init) -> int:
    """Write the starter and the schema beside it; the exit code (0; 2 if the file exists)."""
    chosen = edition(request.edition) if request.edition else current(dt.date.today())
    target = request.output or DEFAULT_OUTPUT
    text = registry.render_text("starter", "yaml", starter_model(chosen, f"./{SCHEMA_FILE}"))
    write_description(target, text)
    schema_file = save_schema_beside(target)
    say(f"wrote a starter description for the {chosen.name} edition to {target} (and its schema to {schema_file}); "
        f"fill it in, then run: wtcheck validate {target}")
    return 0
