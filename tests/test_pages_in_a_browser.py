"""The HTML report and survey as a person sees them, in a real browser (Debian's Chromium through
Playwright, see tests/browser_harness.py): on a phone (reflow at 320 CSS px), on paper (A4, page
count, headings kept with their tables) and to a screen reader (axe-core finds no violations)."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from browser_harness import browser_or_skip

from conftest import SAMPLES, run_wtcheck

CATEGORY_TITLES = ("Safeguarding partners", "Relevant agencies", "Chairing and independent scrutiny", "Funding",
                   "Publishing the arrangements", "Practice: thresholds, data, training and escalation", "Reviews",
                   "The yearly report")
RULE_ID = re.compile(r"WT\d\d-[A-Z]+-\d{3}$")


@pytest.fixture(scope="module")
def browser():
    started = browser_or_skip()
    yield started
    started.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The gap report of the 2023 gaps sample and the survey of the samples (with a file not checked)."""
    folder = tmp_path_factory.mktemp("pages")
    report = folder / "report.html"
    assert run_wtcheck("report", "samples/2023-gaps.yaml", "-o", str(report)).code == 1
    surveyed = folder / "partnerships"
    shutil.copytree(SAMPLES, surveyed)
    (surveyed / "broken.yaml").write_text("partnership: [unclosed\n")
    survey = folder / "survey.html"
    assert run_wtcheck("survey", str(surveyed), "-o", str(survey)).code == 0
    return {"report": report, "survey": survey}


@pytest.mark.parametrize("width", [320, 400])
def test_the_report_reflows_on_a_phone(browser, pages, width):
    layout = browser.layout(pages["report"], width)
    assert layout["viewport"] == width
    assert layout["scroll_width"] == width, "nothing makes the page scroll sideways"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_survey_page_itself_never_scrolls_sideways(browser, pages, width):
    assert browser.layout(pages["survey"], width)["scroll_width"] == width


@pytest.mark.parametrize("page", ["report", "survey"])
@pytest.mark.parametrize("width", [1280, 400, 320])
def test_axe_finds_no_violations(browser, pages, page, width):
    assert browser.axe(pages[page], width) == []


def test_axe_would_see_a_violation(browser, tmp_path):
    """The harness itself: a page with a known fault is reported, so the test above can fail."""
    faulty = tmp_path / "faulty.html"
    faulty.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><main><div style="overflow:auto;'
                      'width:50px;height:50px"><p style="width:500px;height:500px">wide</p></div></main></body></html>')
    found = {violation["id"] for violation in browser.axe(faulty, 1280)}
    assert {"html-has-lang", "page-has-heading-one"} <= found


def test_the_gaps_report_prints_on_at_most_12_a4_pages(browser, pages):
    pdf = browser.pdf(pages["report"])
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert 1 < len(reader.pages) <= 12
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842), "A4, in points"


def _page_items(page) -> list[tuple[float, str]]:
    items: list[tuple[float, str]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: items.append((tm[5], text.strip()))
                      if text.strip() else None)
    return items


def test_printed_headings_and_table_headers_are_never_left_alone_at_a_page_end(browser, pages):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(browser.pdf(pages["report"])))
    headers = 0
    for number, page in enumerate(reader.pages, 1):
        items = _page_items(page)  # y grows down the page in Chromium's PDFs
        rows = [y for y, text in items if RULE_ID.match(text)]
        for y, text in items:
            if text == "Rule":  # the coverage matrix's header row, first or repeated
                headers += 1
                assert any(row > y for row in rows), f"page {number}: a table header with no row under it"
        assert items[-1][1] not in CATEGORY_TITLES, f"page {number} ends with a heading"
    assert headers > len(CATEGORY_TITLES), "the header row is repeated on the pages a table runs on to"


def test_links_are_spelled_out_in_print(browser, pages):
    shown = browser.print_layout(pages["report"], """() => [...document.querySelectorAll('a[href^="http"]')]
        .map(a => getComputedStyle(a, '::after').content)""")
    assert shown and all(content.startswith('" <http') for content in shown), shown[:3]


def test_the_report_has_one_picture_with_words_for_it(browser, pages):
    page = browser.open(pages["report"], 1280)
    try:
        pictures = page.evaluate("""() => [...document.querySelectorAll('svg')].map(svg => ({
            role: svg.getAttribute('role'), label: svg.getAttribute('aria-label'),
            bars: svg.querySelectorAll('rect').length, list: document.querySelector('ul.coverage').innerText}))""")
    finally:
        page.close()
    assert len(pictures) == 1 and pictures[0]["role"] == "img"
    assert pictures[0]["label"].startswith("Coverage by subject, met to gap: Safeguarding partners:")
    assert pictures[0]["bars"] >= len(CATEGORY_TITLES)
    assert "The yearly report (7): 1 met, 1 partly met, 2 gap, 3 advisory" in pictures[0]["list"]


def test_the_survey_leads_with_the_summary_and_its_regions_take_the_keyboard(browser, pages):
    page = browser.open(pages["survey"], 1280)
    try:
        found = page.evaluate("""() => ({
            first: document.querySelector('main h3').textContent,
            regions: [...document.querySelectorAll('.scroll')].map(r => [r.tabIndex, r.getAttribute('role'),
                                                                         !!r.getAttribute('aria-label')]),
            hidden: [...document.querySelectorAll('details')].every(d => !d.open && d.querySelector('table')),
            maps: document.querySelectorAll('figure.heat-map svg path').length})""")
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.className")
    finally:
        page.close()
    assert found["first"] == "Requirements, most-missed first"
    assert found["regions"] and all(region == [0, "region", True] for region in found["regions"])
    assert found["hidden"], "each edition's partnerships are on demand"
    assert found["maps"] >= 5
    assert focused == "scroll"
