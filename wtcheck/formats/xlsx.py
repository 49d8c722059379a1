"""A spreadsheet of the survey (``.xlsx``, written with XlsxWriter): one sheet per edition.

Each sheet has one row per partnership, most gaps first, and one column per requirement,
most-missed first, headed by its number, short title, rule id and level; the cells hold each
outcome in words, coloured as in the HTML report (``view.OUTCOME_COLOURS``). The header row and
the partnership column stay in view when scrolling (frozen panes), and the header row has
filters. Under the partnerships, a row gives the share meeting each requirement. Files that could
not be checked get a sheet of their own, after the editions. Every value is written as text or a
number, never as a formula, and every text is made :func:`~wtcheck.core.text.visible` (a cell
never holds a control, bidirectional or zero-width character). The file's creation date is the survey's (``SOURCE_DATE_EPOCH``
fixes it), so the same survey gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from wtcheck.core.text import visible
from wtcheck.formats import view

FIXED = ("Partnership", "File", "MUST gaps", "SHOULD gaps", "Advisory")
"""The columns before the requirements."""


def render_survey(survey: dict[str, Any]) -> bytes:
    """The survey as an .xlsx workbook."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": "Survey of local safeguarding arrangements", "author": "wtcheck",
                         "created": _created(survey["generated"])})
    labels = survey["outcome_labels"]
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#e8e8e8", "border": 1})
    bold = book.add_format({"bold": True})
    share = book.add_format({"num_format": "0%", "bold": True})
    outcome = {name: book.add_format({"font_color": fore, "bg_color": back, "bold": True, "border": 1})
               for name, (fore, back) in view.OUTCOME_COLOURS.items()}
    for matrix in survey["matrices"]:
        sheet = book.add_worksheet(f"{matrix['edition']['name']} edition"[:31])
        requirements = matrix["requirements"]
        titles = [f"{rank}. {requirement['short_title']} ({requirement['rule_id']}, {requirement['level'].upper()})"
                  for rank, requirement in enumerate(requirements, 1)]
        sheet.write_row(0, 0, [*FIXED, *titles], header)
        sheet.set_row(0, 90)
        sheet.set_column(0, 0, 42)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 4, 9)
        sheet.set_column(len(FIXED), len(FIXED) + len(requirements) - 1, 16)
        for row, partnership in enumerate(matrix["partnerships"], 1):
            summary = partnership["summary"]
            sheet.write_string(row, 0, visible(partnership["partnership"] or "not named"), bold)
            sheet.write_string(row, 1, visible(partnership["file"]))
            sheet.write_number(row, 2, view.tally(summary, "must")["gaps"])
            sheet.write_number(row, 3, view.tally(summary, "should")["gaps"])
            sheet.write_number(row, 4, sum(summary[level]["advisory"] for level in ("must", "should")))
            for column, requirement in enumerate(requirements, len(FIXED)):
                found = partnership["outcomes"][requirement["rule_id"]]
                sheet.write_string(row, column, labels[found]["label"], outcome[found])
        last = len(matrix["partnerships"])
        sheet.autofilter(0, 0, last, len(FIXED) + len(requirements) - 1)
        sheet.freeze_panes(1, 1)
        sheet.write_string(last + 2, 0, "Share meeting it (of those decided)", bold)
        for column, requirement in enumerate(requirements, len(FIXED)):
            if requirement["share_met"] is not None:
                sheet.write_number(last + 2, column, requirement["share_met"], share)
    if survey["not_checked"]:
        sheet = book.add_worksheet("Not checked")
        sheet.write_row(0, 0, ["File", "Why not"], header)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 100)
        for row, entry in enumerate(survey["not_checked"], 1):
            sheet.write_string(row, 0, visible(entry["file"]))
            sheet.write_string(row, 1, visible("; ".join(view.problem_text(error) for error in entry["errors"])))
        sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def _created(generated: str) -> dt.datetime:
    """The survey's time (``2026-12-01T10:00:00Z``) as the workbook's creation date."""
    return dt.datetime.fromisoformat(generated.replace("Z", "+00:00")).replace(tzinfo=None)
