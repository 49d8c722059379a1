"""Stable identities for findings, shared by SARIF alerts and the baseline.

There is one finding per rule per file, so a finding is identified by its rule
id and the edition it was checked against (the baseline adds the file; SARIF
consumers add the artifact's path). Never by a line number or the YAML path it
points at: adding, removing or moving unrelated lines, or partly filling a gap
(which moves where the finding points), leaves it unchanged.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache


@lru_cache(maxsize=4096)
def fingerprint(rule_id: str, edition: str) -> str:
    """The SHA-256 of ``rule_id|edition`` (worked out once per rule and edition in a run)."""
    return hashlib.sha256(f"{rule_id}|{edition}".encode()).hexdigest()
