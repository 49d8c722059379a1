"""``wtcheck report``: the gap report model and its HTML, Markdown, terminal and JSON forms."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

import pytest
from jsonschema import Draft202012Validator

from wtcheck.core.vocabulary import CATEGORIES as CATEGORY_TITLES
from wtcheck.core.vocabulary import OUTCOME_LABELS, OUTCOMES
from wtcheck.formats import html, markdown, terminal
from wtcheck.models.report import build

from conftest import ROOT, SAMPLES, check

REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
HOSTILE = {
    "script": "<script>document.title='PWNED'</script>",
    "img": "<img src=x onerror=\"document.title='PWNED'\">",
    "svg": "\"><svg onload=\"document.title='PWNED'\">",
    "template": "{{ 7*7 }} {% if true %}x{% endif %}",
    "markdown": "| *bold* [link](https://example.org) `code` # _x_",
    "rich": "[bold red]styled[/] [link=https://example.org]x[/link]",
}


def validate_report(report: dict) -> None:
    Draft202012Validator(REPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(report)


def report_for(path, **options) -> dict:
    return build([check(path, **options)], "must")


@pytest.fixture(scope="module")
def gaps_report() -> dict:
    return report_for(SAMPLES / "2023-gaps.yaml")


def every_outcome(report: dict) -> dict:
    """A copy of ``report`` whose findings between them have every outcome there is."""
    changed = copy.deepcopy(report)
    entry = changed["files"][0]
    entry["summary"] = {level: {outcome: 0 for outcome in OUTCOMES} for level in ("must", "should")}
    for index, finding in enumerate(entry["findings"]):
        finding["outcome"] = OUTCOMES[index % len(OUTCOMES)]
        entry["summary"][finding["level"]][finding["outcome"]] += 1
    validate_report(changed)
    return changed


# ---------------------------------------------------------------- the model

def test_labels_name_every_outcome_in_words():
    schema_outcomes = REPORT_SCHEMA["$defs"]["finding"]["properties"]["outcome"]["enum"]
    assert set(OUTCOME_LABELS) == set(OUTCOMES) == set(schema_outcomes)
    assert OUTCOME_LABELS["departure"]["label"] == "departure recorded"
    assert OUTCOME_LABELS["advisory"]["label"] == "advisory (not confirmed by wtcheck)"
    assert OUTCOME_LABELS["judge"]["label"] == "needs a person to judge"
    assert OUTCOME_LABELS["partial"]["label"] == "partly met"


def test_categories_follow_the_display_order_and_have_titles(gaps_report):
    ids = [category["id"] for category in gaps_report["categories"]]
    assert ids == [name for name in CATEGORY_TITLES if name in ids]
    assert {f["category"] for f in gaps_report["files"][0]["findings"]} == set(ids)
    assert all(category["title"] for category in gaps_report["categories"])


def test_top_gaps_put_must_before_should_and_missing_before_partly_met(gaps_report):
    entry = gaps_report["files"][0]
    by_id = {finding["rule_id"]: finding for finding in entry["findings"]}
    top = [by_id[rule_id] for rule_id in entry["top_gaps"]]
    assert len(top) == 3
    assert [f["level"] for f in top] == ["must"] * 3
    missing_must = [f for f in entry["findings"] if f["level"] == "must" and f["outcome"] == "gap"]
    if len(missing_must) >= 3:
        assert [f["outcome"] for f in top] == ["gap"] * 3
    else:
        assert [f["outcome"] for f in top][:len(missing_must)] == ["gap"] * len(missing_must)
    assert {"WT23-REV-004", "WT23-REP-004"} <= set(entry["top_gaps"])


def test_complete_sample_has_no_top_gaps_and_the_model_matches_its_schema():
    report = report_for(SAMPLES / "2023-complete.yaml")
    validate_report(report)
    assert report["files"][0]["top_gaps"] == []


def test_only_should_gaps_rank_when_musts_are_met(tmp_path):
    text = (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", "")
    (tmp_path / "a.yaml").write_text(text)
    entry = report_for(tmp_path / "a.yaml")["files"][0]
    assert entry["top_gaps"] == ["WT23-REV-002"]


# ---------------------------------------------------------------- the command

def test_report_writes_each_format_from_the_extension(wtcheck, tmp_path):
    for name, marker in (("r.html", "<!DOCTYPE html>"), ("r.md", "# Safeguarding arrangements gap report"),
                         ("r.json", '"schema_version"'), ("r.txt", "Gap report: Larkmere")):
        run = wtcheck("report", "samples/2023-gaps.yaml", "-o", str(tmp_path / name))
        assert run.code == 1, run.err
        assert run.out == "" and f"wrote the gap report to {tmp_path / name}" in run.err
        assert marker in (tmp_path / name).read_text()


def test_report_json_validates_and_is_the_model(wtcheck, tmp_path):
    run = wtcheck("report", "samples/2023-gaps.yaml", "-o", str(tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text())
    validate_report(report)
    assert report["exit_code"] == run.code == 1
    entry = report["files"][0]
    assert len(entry["findings"]) == entry["ruleset"]["rules"] and entry["top_gaps"]
    assert entry["input_sha256"] and entry["ruleset"]["sha256"] and report["generated"]


def test_report_default_path_and_format(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text())
    run = wtcheck("report", cwd=tmp_path)
    assert run.code == 0 and "Gap report: Kestrelford" in run.out
    assert "No MUST or SHOULD requirement has a gap." in run.out


def test_format_option_beats_the_extension(wtcheck, tmp_path):
    run = wtcheck("report", "samples/2023-gaps.yaml", "--format", "md", "-o", str(tmp_path / "r.out"))
    assert run.code == 1 and (tmp_path / "r.out").read_text().startswith("# Safeguarding")


def test_unknown_extension_is_one_clear_line_and_exit_2(wtcheck, tmp_path):
    run = wtcheck("report", "samples/2023-gaps.yaml", "-o", str(tmp_path / "r.pdf"))
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and "cannot tell the output format" in run.err and ".html" in run.err
    assert not (tmp_path / "r.pdf").exists()


def test_report_never_overwrites_its_input(wtcheck, tmp_path):
    source = tmp_path / "a.yaml"
    source.write_text((SAMPLES / "2023-gaps.yaml").read_text())
    run = wtcheck("report", "a.yaml", "--format", "html", "-o", "./a.yaml", cwd=tmp_path)
    assert run.code == 2 and "refusing to write the output over an input file" in run.err
    assert source.read_text() == (SAMPLES / "2023-gaps.yaml").read_text()


def test_a_file_that_cannot_be_checked_gives_located_errors_and_no_report(wtcheck, tmp_path):
    (tmp_path / "bad.yaml").write_text("partnership:\n  nmae: X\n")
    run = wtcheck("report", "bad.yaml", "-o", "r.html", cwd=tmp_path)
    assert run.code == 2
    assert run.err.startswith("bad.yaml:2:3: error: unknown key 'nmae'")
    assert "Traceback" not in run.err and not (tmp_path / "r.html").exists()


# ---------------------------------------------------------------- the formats

class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        self.text.append(data)
        if self._open and self._open[-1] == "title":
            self.title += data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def test_html_is_self_contained_accessible_and_shows_every_rule(gaps_report):
    text = html.render(gaps_report)
    page = Page(text)
    assert not page.all("script") and not page.all("link") and not page.all("img") and not page.all("iframe")
    assert not re.search(r"\burl\(", text), "no assets loaded from CSS"
    assert page.all("html")[0]["lang"] == "en-GB" and page.all("h1") and page.all("h2") and page.all("h3")
    assert all(attrs.get("scope") in ("col", "row") for attrs in page.all("th"))
    assert "@media print" in text
    rows = [attrs["id"] for attrs in page.all("tr") if attrs.get("class") == "rule"]
    entry = gaps_report["files"][0]
    assert rows == [f"f1-{finding['rule_id']}" for group in _grouped(gaps_report) for finding in group]
    assert len(rows) == len(entry["findings"])
    words = " ".join(page.text)
    for outcome in {f["outcome"] for f in entry["findings"]}:
        assert OUTCOME_LABELS[outcome]["label"] in words
    for fact in ("Larkmere Children's Safeguarding Partnership", entry["edition"]["reason"],
                 entry["ruleset"]["sha256"], entry["input_sha256"], "wtcheck 0.1.0"):
        assert fact in words


def _grouped(report: dict) -> list[list[dict]]:
    """The findings as the report must order them: by category, MUST before SHOULD, else ruleset order."""
    findings = report["files"][0]["findings"]
    return [sorted((f for f in findings if f["category"] == category["id"]), key=lambda f: f["level"] != "must")
            for category in report["categories"]]


def test_every_outcome_is_shown_in_words_in_every_format(gaps_report):
    report = every_outcome(gaps_report)
    findings = report["files"][0]["findings"]
    page = html.render(report)
    text = markdown.render(report)
    lines = terminal.render(report).splitlines()
    wide = terminal.render(report, width=terminal.STACKED_BELOW).splitlines()
    for finding in findings:
        label = OUTCOME_LABELS[finding["outcome"]]["label"]
        assert f'<td class="outcome outcome-{finding["outcome"]}" data-label="Outcome">{label}</td>' in page
        assert f"| {finding['rule_id']} | {finding['level'].upper()} | **{label}** |" in text
        stacked = next(line for line in lines if line.startswith(f"{finding['rule_id']}  "))
        assert stacked == f"{finding['rule_id']}  {finding['level'].upper()}  {label}", stacked
        row = next(line for line in wide if line.startswith(f"  {finding['rule_id']} "))
        assert row.split()[2] == label.split()[0], row
    headline = " ".join(" ".join(lines).split())
    for outcome in ("departure", "judge", "not_applicable", "advisory"):
        assert f"{OUTCOME_LABELS[outcome]['label']}" in headline.split("Checked against")[0]


def test_markdown_has_summary_top_gaps_and_one_table_row_per_rule(gaps_report):
    text = markdown.render(gaps_report)
    entry = gaps_report["files"][0]
    must = entry["summary"]["must"]
    total, met = sum(must.values()), must["met"]
    not_applicable = f", {must['not_applicable']} not applicable" if must["not_applicable"] else ""
    assert f"**{met} of {total} MUST requirements met, {must['gap'] + must['partial']} with gaps{not_applicable};" in text
    assert "| MUST | " + " | ".join(str(must[o]) for o in ("met", "gap", "partial", "advisory", "coming",
                                                             "departure", "judge", "not_applicable")) + f" | {total} |" in text
    gaps_section = text.split("### The most important gaps, and what to do")[1].split("### Coverage matrix")[0]
    by_id = {f["rule_id"]: f for f in entry["findings"]}
    assert [line.split("(")[-1].rstrip(")\\") for line in gaps_section.splitlines() if re.match(r"^\d\. ", line)] \
        == [f"MUST, {OUTCOME_LABELS[by_id[r]['outcome']]['label']}, {r}" for r in entry["top_gaps"]]
    rows = [line for line in text.splitlines() if re.match(r"^\| WT23-", line)]
    assert [row.split(" | ")[0][2:] for row in rows] == [f["rule_id"] for g in _grouped(gaps_report) for f in g]
    assert all(_cells(row) == 6 for row in rows)
    assert entry["ruleset"]["sha256"] in text and entry["input_sha256"] in text


def _cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


def hostile_document(tmp_path, name: str = "hostile.yaml"):
    """A valid description whose free text is all attempts to inject markup, script or templates."""
    text = f"""edition: "2023"
partnership:
  name: {json.dumps(HOSTILE['script'] + ' ' + HOSTILE['template'])}
  kind: safeguarding_partnership
  evidence:
    url: {json.dumps('https://example.org/"><script>document.title=' + "'PWNED'" + '</script>')}
    document: {json.dumps(HOSTILE['svg'])}
    section: {json.dumps(HOSTILE['markdown'])}
    note: {json.dumps(HOSTILE['rich'])}
chair:
  name: {json.dumps(HOSTILE['img'])}
independent_scrutiny:
  scrutineer: {{name: {json.dumps(HOSTILE['img'])}}}
  evidence: {{section: {json.dumps(HOSTILE['img'])}}}
annual_report:
  published: 2024-09-27
"""
    path = tmp_path / name
    path.write_text(text)
    return path


def test_hostile_strings_stay_text_in_markdown(tmp_path):
    report = report_for(hostile_document(tmp_path))
    validate_report(report)
    text = markdown.render(report)
    assert "<script" not in text and "<img" not in text and "<svg" not in text
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in text
    assert "## &lt;script&gt;document.title='PWNED'&lt;/script&gt; {{ 7\\*7 }} {% if true %}x{% endif %}\n" in text
    rows = [line for line in text.splitlines() if line.startswith("| WT23-")]
    assert rows and all(_cells(row) == 6 for row in rows), "a | in a value must not split a table cell"
    assert "\\| \\*bold\\* \\[link\\](https://example.org) \\`code\\` \\# \\_x\\_" in text


def test_hostile_strings_stay_text_in_the_terminal(tmp_path):
    report = report_for(hostile_document(tmp_path))
    report["files"][0]["partnership"] += " \x1b[31mred"
    for colour in (False, True):
        text = terminal.render(report, terminal=colour)
        assert "red]styled[/]" in text and "[link=https://example.or" in text
        assert "\x1b[31mred" not in text and "\\x1b[31mred" in " ".join(text.split())


def test_hostile_strings_are_escaped_in_html(tmp_path):
    report = report_for(hostile_document(tmp_path))
    text = html.render(report)
    page = Page(text)
    assert not page.all("script") and not page.all("img")
    assert [attrs.get("role") for attrs in page.all("svg")] == ["img"], "only the picture"
    assert not [attrs for _, attrs in page.tags if any(name.startswith("on") for name in attrs)]
    words = "".join(page.text)
    assert HOSTILE["script"] + " " + HOSTILE["template"] in words
    assert HOSTILE["img"] in words and HOSTILE["svg"] in words


def test_only_web_addresses_become_links():
    from wtcheck.formats.view import web_address

    assert web_address("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://example.org/\nx", " https://x", None, 3):
        assert web_address(bad) is None


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_outcome_colours_have_sufficient_contrast(gaps_report):
    css = html.render(gaps_report)  # the colours are defined once (formats/view.py) and written into the style
    pairs = re.findall(r"\.outcome-(\w+) \{ color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6}); \}", css)
    assert {name for name, _, _ in pairs} == set(OUTCOMES)
    for name, fore, back in pairs:
        light, dark = sorted((_luminance(fore), _luminance(back)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, name


def test_evidence_on_list_items_is_shown_nearest_first_and_once(tmp_path):
    text = (SAMPLES / "2023-complete.yaml").read_text()
    ours = '    evidence: {page: 5, section: "3 Our partners"}\n'
    icb = '    evidence: {page: 6, section: "3.2 The ICB"}\n'
    assert ours in text
    text = text.replace("    delegate: {name: Dee Example, title: Chief Nursing Officer}\n",
                        "    delegate: {name: Dee Example, title: Chief Nursing Officer}\n" + icb)
    text = text.replace("    delegate: {name: Fay Example, title: Assistant Chief Constable}\n",
                        "    delegate: {name: Fay Example, title: Assistant Chief Constable}\n" + ours)
    (tmp_path / "a.yaml").write_text(text)
    entry = report_for(tmp_path / "a.yaml")["files"][0]
    finding = next(f for f in entry["findings"] if f["rule_id"] == "WT23-PART-001")
    assert finding["location"]["path"] == "safeguarding_partners" and finding["outcome"] == "met"
    assert finding["evidence"] == [{"page": 5, "section": "3 Our partners"}, {"page": 6, "section": "3.2 The ICB"}]


def test_an_absent_section_has_no_evidence_line_in_the_report(gaps_report):
    from wtcheck.formats.view import location_text

    finding = next(f for f in gaps_report["files"][0]["findings"] if f["rule_id"] == "WT23-PRAC-001")
    assert location_text(finding) == "not in the file"
    assert "(top level)" not in markdown.render(gaps_report) and "(top level)" not in html.render(gaps_report)
    present = next(f for f in gaps_report["files"][0]["findings"] if f["rule_id"] == "WT23-REP-003")
    assert location_text(present) == f"line {present['location']['line']}, annual_report.period.start"


def test_the_report_carries_each_rules_advice_for_the_formats(gaps_report):
    from wtcheck.core.ruleset import load_ruleset

    validate_report(gaps_report)
    ruleset = load_ruleset("wt2023")
    assert set(gaps_report["rules"]) == {rule.id for rule in ruleset.rules}
    rule = ruleset.rule("WT23-PRAC-001")
    assert gaps_report["rules"]["WT23-PRAC-001"] == {"message": rule.message, "why": rule.why,
                                                     "example": rule.example}


def test_outcome_groups_are_defined_once_and_nest():
    from wtcheck.core import baseline, vocabulary
    from wtcheck.models import diff, survey

    assert vocabulary.FAILING == ("gap", "partial") and (*vocabulary.FAILING, "advisory") == vocabulary.UNMET
    assert (*vocabulary.UNMET, "coming", "departure") == vocabulary.LISTED  # a coming duty is listed, never unmet
    assert baseline.RECORDED is diff.UNMET is vocabulary.UNMET
    assert survey.MISSED is vocabulary.FAILING  # the survey counts advisory outcomes apart
