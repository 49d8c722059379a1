"""The HTML report and survey in a real browser: headless Chromium (Debian's ``chromium``,
which ``.ci/run`` installs) loads the file and the tests read the DOM it built."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from wtcheck.core.citations import sources
from wtcheck.core.ruleset import load_ruleset

from conftest import SAMPLES
from test_report import HOSTILE, Page, hostile_document

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A function that loads a file in headless Chromium and returns the DOM after its scripts ran."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    profile = tmp_path_factory.mktemp("chromium-profile")

    def dump(page: Path) -> Page:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--virtual-time-budget=2000",
             f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=90)
        assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
        return Page(done.stdout)

    return dump


def test_the_browser_check_sees_a_script_that_runs(browser, tmp_path):
    """The harness itself: a page whose script runs is seen to have run, so the tests below can fail."""
    page = tmp_path / "control.html"
    page.write_text("<!DOCTYPE html><html><head><title>before</title></head><body><p>x</p>"
                    "<script>document.title='PWNED'; document.body.dataset.pwned='1'</script></body></html>")
    dom = browser(page)
    assert dom.title == "PWNED"
    assert dom.all("body")[0].get("data-pwned") == "1"


def test_report_html_shows_the_summary_and_every_rule_row(browser, wtcheck, tmp_path):
    target = tmp_path / "r.html"
    assert wtcheck("report", "samples/2023-gaps.yaml", "-o", str(target)).code == 1
    model = json.loads(wtcheck("report", "samples/2023-gaps.yaml", "--format", "json").out)
    entry = model["files"][0]
    dom = browser(target)
    words = " ".join(" ".join(dom.text).split())
    assert dom.title == "Gap report: Larkmere Children's Safeguarding Partnership"
    assert "Summary" in [text.strip() for text in dom.text]
    must, should = entry["summary"]["must"], entry["summary"]["should"]
    not_applicable = f", {must['not_applicable']} not applicable" if must["not_applicable"] else ""
    assert (f"{must['met']} of {sum(must.values())} MUST requirements met, {must['gap'] + must['partial']} with gaps"
            f"{not_applicable}; "
            f"{should['met']} of {sum(should.values())} SHOULD requirements met, "
            f"{should['gap'] + should['partial']} with gaps") in words
    assert entry["edition"]["reason"] in words
    rows = [attrs["id"] for attrs in dom.all("tr") if attrs.get("class") == "rule"]
    assert sorted(rows) == sorted(f"f1-{finding['rule_id']}" for finding in entry["findings"])
    for finding in entry["findings"]:
        assert finding["title"] in words
    for rule_id in entry["top_gaps"]:
        assert {"href": f"#f1-{rule_id}"} in dom.all("a")
    assert entry["input_sha256"] in words and entry["ruleset"]["sha256"] in words


def test_hostile_strings_render_as_text_and_no_script_runs(browser, wtcheck, tmp_path):
    source = hostile_document(tmp_path, "hostile-<i>.yaml")
    target = tmp_path / "hostile.html"
    assert wtcheck("report", source.name, "-o", target.name, cwd=tmp_path).code == 1
    dom = browser(target)
    assert dom.title == "Gap report: " + HOSTILE["script"] + " " + HOSTILE["template"], "a script changed the title"
    assert not dom.all("script") and not dom.all("img") and not dom.all("i")
    assert [attrs.get("role") for attrs in dom.all("svg")] == ["img"], "only the picture"
    assert not [attrs for _, attrs in dom.tags if any(name.startswith("on") or name == "data-pwned" for name in attrs)]
    words = "".join(dom.text)
    assert HOSTILE["script"] + " " + HOSTILE["template"] in words
    assert HOSTILE["img"] in words
    assert HOSTILE["svg"] in words and HOSTILE["markdown"] in words and "hostile-<i>.yaml" in words
    cited = {source["url"] for source in sources().values() if "url" in source}
    links = [attrs["href"] for attrs in dom.all("a") if not attrs["href"].startswith("#")]
    from_file = [link for link in links if link not in cited]
    # one link, kept whole (shown once for each finding whose evidence it is)
    assert from_file and set(from_file) == {"https://example.org/\"><script>document.title='PWNED'</script>"}


def test_survey_html_shows_every_partnership_and_the_files_not_checked(browser, wtcheck, tmp_path):
    folder = tmp_path / "partnerships"
    folder.mkdir()
    for sample in SAMPLES.glob("2023-*.yaml"):
        shutil.copy(sample, folder / sample.name)
    (folder / "broken.yaml").write_text("partnership: [unclosed\n")
    target = tmp_path / "survey.html"
    assert wtcheck("survey", str(folder), "-o", str(target)).code == 0
    dom = browser(target)
    words = " ".join(" ".join(dom.text).split())
    assert "Larkmere Children's Safeguarding Partnership" in words
    assert "Kestrelford Safeguarding Children Partnership" in words
    assert "Files not checked" in words and "broken.yaml" in words and "YAML syntax error" in words
    requirement_rows = [attrs for attrs in dom.all("tr") if (attrs.get("id") or "").startswith("e1-WT23-")]
    assert len(requirement_rows) == len(load_ruleset("wt2023").rules)
