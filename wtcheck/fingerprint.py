"""Stable identities for findings, shared by SARIF alerts and the baseline.

A finding is identified by its rule id, the YAML path it points at and the
edition it was checked against, never by a line number, so adding, removing
or moving unrelated lines leaves it unchanged.
"""

from __future__ import annotations

import hashlib

SARIF_KEY = "wtcheck/v1"
"""The ``partialFingerprints`` key; a new way of computing them gets a new key."""


def fingerprint(rule_id: str, path: str, edition: str) -> str:
    """The SHA-256 of ``rule_id|path|edition`` (``path`` as the report writes it)."""
    return hashlib.sha256(f"{rule_id}|{path}|{edition}".encode()).hexdigest()
