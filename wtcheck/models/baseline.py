"""The baseline model: the gaps known when a partnership adopted wtcheck (``schemas/baseline.schema.json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wtcheck import __version__
from wtcheck.core.baseline import FORMAT_VERSION, RECORDED, relative_name
from wtcheck.models.report import Report


def baseline_model(report: Report, folder: Path) -> dict[str, Any]:
    """The baseline of a report's gaps, for a baseline file in ``folder``: each gap's file (relative
    to ``folder``), rule, level, place and fingerprint."""
    gaps = [
        {"file": relative_name(entry["file"], folder), "rule_id": finding["rule_id"], "level": finding["level"],
         "path": finding["location"]["path"], "edition": entry["edition"]["name"] if entry["edition"] else "",
         "fingerprint": finding["fingerprint"]}
        for entry in report["files"] if entry["status"] == "checked"
        for finding in entry["findings"] if finding["outcome"] in RECORDED
    ]
    gaps.sort(key=lambda gap: (gap["file"], gap["rule_id"]))
    return {"wtcheck_baseline": FORMAT_VERSION, "tool": {"name": "wtcheck", "version": __version__}, "gaps": gaps}
