"""The survey in a spreadsheet (``.xlsx``: one sheet per edition, frozen header, filters, the
report's colours) and a survey page that scales to a thousand partnerships."""

from __future__ import annotations

import shutil

import pytest

from wtcheck.core.vocabulary import OUTCOME_LABELS
from wtcheck.formats import html, view, xlsx
from wtcheck.models.survey import short_title

from conftest import SAMPLES, run_wtcheck, survey_of

openpyxl = pytest.importorskip("openpyxl")


def test_survey_samples_to_xlsx_opens_with_one_sheet_per_edition(tmp_path):
    target = tmp_path / "s.xlsx"
    run = run_wtcheck("survey", "samples", "-o", str(target))
    count = len(list(SAMPLES.glob("*.yaml")))
    assert run.code == 0 and f"wrote the survey of {count} file(s)" in run.err
    book = openpyxl.load_workbook(target)
    editions = sorted({path.name.split("-")[0] for path in SAMPLES.glob("*.yaml")})
    assert book.sheetnames == [f"{edition} edition" for edition in editions]
    sheet = book["2023 edition"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == list(xlsx.FIXED)
    assert header[5].startswith("1. ") and "(WT23-" in header[5]
    first, second = [cell.value for cell in sheet[2]], [cell.value for cell in sheet[3]]
    assert first[0] == "Larkmere Children's Safeguarding Partnership" and first[2] == 4, "most gaps first"
    assert second[2] == 0
    labels = {name: label["label"] for name, label in OUTCOME_LABELS.items()}
    for row in sheet.iter_rows(min_row=2, max_row=3, min_col=6):
        for cell in row:
            outcome = next(name for name, label in labels.items() if label == cell.value)
            fore, back = view.OUTCOME_COLOURS[outcome]
            assert cell.fill.fgColor.rgb == "FF" + back[1:].upper() and cell.font.color.rgb == "FF" + fore[1:].upper()


def test_the_same_survey_gives_the_same_bytes(tmp_path):
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    for target in (one, two):
        assert run_wtcheck("survey", "samples", "-o", str(target), prefix=("env", "SOURCE_DATE_EPOCH=1764547200")).code == 0
    assert one.read_bytes() == two.read_bytes()
    assert openpyxl.load_workbook(one).properties.created.isoformat().startswith("2025-12-01")


def test_values_are_text_never_formulas(tmp_path):
    text = (SAMPLES / "2023-gaps.yaml").read_text().replace("name: Larkmere Children's Safeguarding Partnership",
                                                          'name: "=HYPERLINK(\\"https://example.org\\")"')
    path = tmp_path / "formula.yaml"
    path.write_text(text)
    book = openpyxl.load_workbook(__import__("io").BytesIO(xlsx.render_survey(survey_of([path]))))
    cell = book["2023 edition"]["A2"]
    assert cell.value == '=HYPERLINK("https://example.org")' and cell.data_type == "s"


def test_files_not_checked_get_a_sheet_after_the_editions(tmp_path):
    shutil.copy(SAMPLES / "2023-gaps.yaml", tmp_path / "a.yaml")
    (tmp_path / "broken.yaml").write_text("partnership: [unclosed\n")
    book = openpyxl.load_workbook(__import__("io").BytesIO(xlsx.render_survey(survey_of([tmp_path]))))
    assert book.sheetnames == ["2023 edition", "Not checked"]
    assert "YAML syntax error" in book["Not checked"]["B2"].value


def test_xlsx_is_never_written_to_a_terminal_as_text():
    from wtcheck.core.errors import WtcheckError
    from wtcheck.shell import output

    class Terminal:
        def isatty(self):
            return True

    real = output.sys.stdout
    output.sys.stdout = Terminal()
    try:
        with pytest.raises(WtcheckError, match="binary file"):
            output.result(b"PK")
    finally:
        output.sys.stdout = real


def test_short_titles_come_from_the_slugs():
    assert short_title("three-safeguarding-partners") == "Three safeguarding partners"
    model = survey_of([SAMPLES / "2023-gaps.yaml"])
    assert all(requirement["short_title"] for requirement in model["matrices"][0]["requirements"])


def _country(count: int) -> dict:
    """A survey model of ``count`` partnerships with varied outcomes, made from the samples' model."""
    model = survey_of([SAMPLES / "2023-gaps.yaml", SAMPLES / "2023-complete.yaml"])
    matrix = model["matrices"][0]
    base = matrix["partnerships"]
    rule_ids = [requirement["rule_id"] for requirement in matrix["requirements"]]
    partnerships = []
    for index in range(count):
        partnership = {**base[index % 2], "outcomes": dict(base[index % 2]["outcomes"])}  # a plain copy to change
        partnership["partnership"] = f"Example Safeguarding Children Partnership {index:04d}"
        partnership["file"] = f"partnerships/partnership-{index:04d}.yaml"
        for offset, rule_id in enumerate(rule_ids):
            if (index * 7 + offset * 3) % 11 == 0:
                partnership["outcomes"][rule_id] = "gap"
        partnerships.append(partnership)
    matrix["partnerships"] = partnerships
    model["counts"] = {"files": count, "checked": count, "not_checked": 0}
    return model


def test_the_survey_page_of_1000_partnerships_is_under_1_mb_and_leads_with_the_summary():
    page = html.render_survey(_country(1000))
    assert len(page.encode()) < 1_000_000
    main = page[page.index("<main>"):]
    assert main.index("Requirements, most-missed first") < main.index("Heat map") < main.index("<details>")
    assert "<td class=\"outcome" not in main, "past the cell limit, gaps are listed by number"
    assert "Example Safeguarding Children Partnership 0999" in main


def test_a_small_survey_shows_every_cell_on_demand():
    page = html.render_survey(_country(20))
    details = page[page.index("<details>"):page.index("</details>")]
    assert details.count('<td class="outcome outcome-') == 20 * len(_country(1)["matrices"][0]["requirements"])


def test_the_heat_map_draws_each_run_of_one_outcome_once():
    model = _country(4)
    drawn = view.heat_map(model["matrices"][0])
    matrix = model["matrices"][0]
    cells = sum(int(run.split("h")[1].split("v")[0]) for path in drawn["paths"].values() for run in path.split("M")[1:])
    assert cells == drawn["rows"] * drawn["columns"] == 4 * len(matrix["requirements"])
    first = matrix["partnerships"][0]["outcomes"][matrix["requirements"][0]["rule_id"]]
    assert drawn["paths"][first].startswith("M0 0h")
