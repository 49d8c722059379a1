"""A name of 3,000 characters (a file's path, a partnership's name) does not break the HTML layout:
in headless Chromium, the report and the survey are no wider than its window (800 pixels). The
page is measured by a script added to a copy of it (the report's own policy lets no script run,
so the copy leaves that policy out)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_browser import browser  # noqa: F401 (the fixture)

from conftest import SAMPLES, run_wtcheck

MEASURE = ("<script>document.title = document.documentElement.scrollWidth + ' ' + "
           "document.documentElement.clientWidth</script></body>")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("layout")
    long = Path(*["d" * 199] * 14, "l" * 195 + ".yaml")
    (folder / long).parent.mkdir(parents=True)
    (folder / long).write_text((SAMPLES / "2023-gaps.yaml").read_text().replace(
        "Larkmere Children's Safeguarding Partnership", "Larkmere" * 375))
    (folder / ("b" * 200 + ".yaml")).write_text("partnership: [\n")
    made = {}
    for name, args in (("report", ("report", str(long))), ("survey", ("survey", "."))):
        target = folder / f"{name}.html"
        assert run_wtcheck(*args, "-o", str(target), cwd=folder).code in (0, 1)
        measured = folder / f"measured-{name}.html"
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", target.read_text())
        measured.write_text(html.replace("</body>", MEASURE))
        made[name] = measured
    return made


@pytest.mark.parametrize("page", ["report", "survey"])
def test_a_long_name_does_not_make_the_page_wider_than_the_window(browser, pages, page):  # noqa: F811
    scroll, window = (int(number) for number in browser(pages[page]).title.split())
    assert scroll <= window, f"the {page} is {scroll} pixels wide in a window of {window}"
