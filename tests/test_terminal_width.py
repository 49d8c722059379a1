"""``wtcheck report`` and ``survey`` in a terminal or a pipe: readable at 80 columns (the coverage
matrix stacked below a width), the width of ``COLUMNS`` when piped, no trailing spaces, and web
addresses never shortened."""

from __future__ import annotations

import json
import re

import pytest

from wtcheck.formats import terminal
from wtcheck.formats.citations import citation_segments

from conftest import run_wtcheck


def longest(text: str) -> int:
    """The longest line, in bytes, as awk counts it."""
    return max(len(line.encode()) for line in text.splitlines())


@pytest.mark.parametrize("columns", [60, 80, 100, 150])
def test_report_follows_columns_when_piped(columns):
    run = run_wtcheck("report", "samples/2023-gaps.yaml", "samples/2015-gaps.yaml", prefix=("env", f"COLUMNS={columns}"))
    assert run.code == 1
    assert longest(run.out) <= columns
    assert not re.search(r"[ \t]$", run.out, re.MULTILINE), "no trailing spaces"
    assert "\u2026" not in run.out, "nothing shortened with an ellipsis"


def test_the_report_at_80_columns_is_stacked_and_short():
    run = run_wtcheck("report", "samples/2023-gaps.yaml", prefix=("env", "COLUMNS=80"))
    lines = run.out.splitlines()
    assert longest(run.out) <= 80 and len(lines) < 1000
    assert "WT23-REP-004  MUST  gap" in lines
    wide = run_wtcheck("report", "samples/2023-gaps.yaml", prefix=("env", "COLUMNS=160")).out
    assert "WT23-REP-004  MUST  gap" not in wide.splitlines() and longest(wide) <= 160


def test_without_columns_a_pipe_gets_the_plain_width():
    run = run_wtcheck("report", "samples/2023-gaps.yaml", prefix=("env", "-u", "COLUMNS"))
    assert terminal.PLAIN_WIDTH - 10 < longest(run.out) <= terminal.PLAIN_WIDTH


def test_web_addresses_are_whole_on_lines_of_their_own():
    model = json.loads(run_wtcheck("report", "samples/2023-gaps.yaml", "--format", "json").out)
    addresses = {url for finding in model["files"][0]["findings"]
                 for _, url in citation_segments(finding["citation"]) if url}
    out = run_wtcheck("report", "samples/2023-gaps.yaml", prefix=("env", "COLUMNS=80")).out
    joined = re.sub(r"\n *", "", out)
    for url in addresses:
        assert url in joined, url
        if len(url) <= 74:
            assert any(line.strip().endswith(url) and line.strip().startswith(("[", "http")) for line in out.splitlines()), url


def test_the_survey_fits_80_columns():
    run = run_wtcheck("survey", "samples", prefix=("env", "COLUMNS=80"))
    assert run.code == 0 and longest(run.out) <= 80
    assert not re.search(r"[ \t]$", run.out, re.MULTILINE)
