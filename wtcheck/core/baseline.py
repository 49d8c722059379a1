"""The baseline: gaps known when a partnership adopted wtcheck.

``wtcheck baseline`` writes the current gaps to a JSON file
(``schemas/baseline.schema.json``); ``validate --baseline FILE`` then marks
those gaps *known*: they are counted and left out of the listing, and do not
fail the run, so only new gaps do. Each gap is stored as its file (relative
to the baseline's folder) and its fingerprint (rule id and edition: there is
one finding per rule per file), so editing or moving unrelated lines, or
partly filling the gap, keeps it known.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from wtcheck.core.engine import Finding
from wtcheck.core.errors import WtcheckError
from wtcheck.core.fingerprint import fingerprint
from wtcheck.core.reading import read_json
from wtcheck.core.schema import first_error
from wtcheck.core.text import visible
from wtcheck.core.vocabulary import UNMET

DEFAULT_FILE = "wtcheck-baseline.json"
FORMAT_VERSION = 2
"""Version 1 fingerprinted the YAML path too, so partly filling a gap made it new."""
RECORDED = UNMET
"""Outcomes a baseline records: everything that is a gap, confirmed or not."""


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline: the fingerprints of known gaps, per file."""

    file: str
    folder: Path
    known: frozenset[tuple[str, str]]

    def mark_known(self, findings: list[Finding], file: str, edition: str) -> list[Finding]:
        """``findings`` of ``file`` with the gaps this baseline lists marked known."""
        where = relative_name(file, self.folder)
        return [replace(finding, known=True)
                if finding.outcome in RECORDED and (where, fingerprint(finding.rule.id, edition)) in self.known
                else finding for finding in findings]


def load(path: str | Path, *, within: Path | None = None) -> Baseline:
    """Read a baseline file (through the guarded reader, inside ``within`` when given); raise
    :class:`WtcheckError` if it cannot be used."""
    name = visible(str(path))
    if not os.path.lexists(path):
        raise WtcheckError("no such baseline file (write one with 'wtcheck baseline')", name)
    data = read_json(path, name, within=within)
    if isinstance(data, dict) and data.get("wtcheck_baseline") == 1:
        raise WtcheckError("written by an older wtcheck (baseline format 1, which identified gaps by where in the "
                           "YAML they pointed); write it again with 'wtcheck baseline'", name)
    error = first_error("baseline", data)
    if error is not None:
        raise WtcheckError(f"not a wtcheck baseline: {error}", name)
    folder = Path(path).resolve().parent
    return Baseline(name, folder, frozenset((gap["file"], gap["fingerprint"]) for gap in data["gaps"]))


def relative_name(file: str, folder: Path) -> str:
    """``file`` relative to ``folder``, with ``/`` between folders."""
    return Path(os.path.relpath(Path(file).resolve(), folder)).as_posix()
