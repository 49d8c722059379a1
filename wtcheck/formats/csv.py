"""CSV: the survey's matrix for spreadsheets, one row per file.

Columns: file, partnership, edition, status, problems, MUST gaps, SHOULD gaps,
coming (duties not yet in force that it does not yet meet, never gaps), then one
column per requirement (most-missed first, edition by edition) holding the
outcome in words. The header names each requirement by its rule id; the row
under it (status ``title``) gives each one's title and level (and whether it is
still to come), so the spreadsheet reads without the rulebook. Then one row per
file, and after the files one row per edition (status ``share``) with the share
of its partnerships meeting each requirement. Every text is made
:func:`~wtcheck.core.text.visible` (no line breaks, controls, bidirectional or
zero-width characters), and a value that a spreadsheet would run as a formula
(starting ``=``, ``+``, ``-``, ``@``) is prefixed with ``'``.
The text starts with a UTF-8 byte-order mark, so Excel reads it as UTF-8 and
keeps accents and the pound sign (``.xlsx`` gives one sheet per edition).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from wtcheck.core.text import visible
from wtcheck.core.vocabulary import COMING
from wtcheck.formats import view

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
"""The byte-order mark that tells Excel the file is UTF-8."""


def render_survey(survey: dict[str, Any]) -> str:
    """The survey as CSV (RFC 4180, with a header row)."""
    labels = survey["outcome_labels"]
    rule_ids = [requirement["rule_id"] for matrix in survey["matrices"] for requirement in matrix["requirements"]]
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(["file", "partnership", "edition", "status", "problems", "must_gaps", "should_gaps", "coming",
                     *rule_ids])
    titles = {requirement["rule_id"]: f"{requirement['title']} ({requirement['level'].upper()})"
                                      f"{view.commencement_note(requirement)}"
              for matrix in survey["matrices"] for requirement in matrix["requirements"]}
    writer.writerow(_cells(["", "requirement title (level)", "", "title", "", "", "", "",
                            *(titles[rule_id] for rule_id in rule_ids)]))
    for matrix in survey["matrices"]:
        for partnership in matrix["partnerships"]:
            outcomes = partnership["outcomes"]
            writer.writerow(_cells([partnership["file"], partnership["partnership"] or "", matrix["edition"]["name"],
                                    "checked", "", view.tally(partnership["summary"], "must")["gaps"],
                                    view.tally(partnership["summary"], "should")["gaps"],
                                    sum(partnership["summary"][level][COMING] for level in ("must", "should")),
                                    *(labels[outcomes[rule_id]]["label"] if rule_id in outcomes else ""
                                      for rule_id in rule_ids)]))
    for entry in survey["not_checked"]:
        problems = "; ".join(view.problem_text(error) for error in entry["errors"])
        writer.writerow(_cells([entry["file"], entry["partnership"] or "", "", "not checked", problems, "", "", "",
                                *([""] * len(rule_ids))]))
    for matrix in survey["matrices"]:
        shares = {requirement["rule_id"]: _share(requirement) for requirement in matrix["requirements"]}
        writer.writerow(["", f"share of {len(matrix['partnerships'])} partnership(s) meeting each requirement",
                         matrix["edition"]["name"], "share", "", "", "", "",
                         *(shares.get(rule_id, "") for rule_id in rule_ids)])
    return BOM + stream.getvalue()


def _share(requirement: dict[str, Any]) -> str:
    return "" if requirement["share_met"] is None else f"{requirement['share_met']:.0%}"


def _cells(values: list[Any]) -> list[Any]:
    shown = [visible(value) if isinstance(value, str) else value for value in values]
    return [f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value
            for value in shown]
