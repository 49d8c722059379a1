"""JUnit XML for CI test reports, rendered from the report model.

One ``<testsuite>`` per file, with the edition, ruleset and partnership as
properties, and one ``<testcase>`` per rule (named ``RULE-ID - title``).
A MUST gap is a ``<failure type="must">``, a SHOULD gap a
``<failure type="should">``; a departure, a gap in the baseline, a rule
that does not apply and a duty not yet in force (coming) are ``<skipped>`` with the reason; an advisory gap and a
finding a person must judge pass, with a note in ``<system-out>``. A file
that could not be checked has one test case with an ``<error>`` per problem;
problems with the departures file are a test suite of their own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from wtcheck.core.text import located, visible
from wtcheck.core.vocabulary import ADVISORY, COMING, DEPARTURE, FAILING, JUDGE, NOT_APPLICABLE
from wtcheck.formats.view import finding_message


def render(report: dict[str, Any]) -> str:
    """The report as a JUnit XML document."""
    suites = ET.Element("testsuites", name="wtcheck")
    for entry in report["files"]:
        suites.append(_file_suite(entry, report))
    departures = report.get("departures")
    if departures and departures["problems"]:
        suites.append(_departures_suite(departures, report))
    for name in ("tests", "failures", "errors", "skipped"):
        suites.set(name, str(sum(int(suite.get(name, "0")) for suite in suites)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _file_suite(entry: dict[str, Any], report: dict[str, Any]) -> ET.Element:
    suite = _suite(entry["file"], report)
    properties = ET.SubElement(suite, "properties")
    details = {"fail_on": report["fail_on"], "partnership": entry["partnership"]}
    if entry["status"] == "checked":
        details |= {"edition": entry["edition"]["name"], "edition_reason": entry["edition"]["reason"],
                    "ruleset": entry["ruleset"]["name"], "ruleset_sha256": entry["ruleset"]["sha256"]}
    for name, value in details.items():
        if value is not None:
            ET.SubElement(properties, "property", name=name, value=_clean(str(value)))
    if entry["status"] != "checked":
        case = ET.SubElement(suite, "testcase", classname=_clean(entry["file"]), name="the file can be checked")
        for error in entry["errors"]:
            _child(case, "error", located(error["message"], entry["file"], error["line"], error["column"]),
                   message=error["message"], type="cannot-check")
    for finding in entry["findings"]:
        _finding_case(suite, entry, finding, report["outcome_labels"])
    _count(suite)
    return suite


def _finding_case(suite: ET.Element, entry: dict[str, Any], finding: dict[str, Any],
                  labels: dict[str, dict[str, str]]) -> None:
    location = finding["location"]
    case = ET.SubElement(suite, "testcase", classname=_clean(entry["file"]),
                         name=_clean(f"{finding['rule_id']} - {finding['title']}"),
                         file=_clean(entry["file"]), line=str(location["line"]))
    outcome = finding["outcome"]
    message = finding_message(finding, labels)

    def where(text: str) -> str:
        """``file:line:col: yaml.path: text`` (no path for the file as a whole)."""
        return located(f"{location['path']}: {text}" if location["path"] else text,
                       entry["file"], location["line"], location["column"])

    if finding.get("known"):
        _child(case, "skipped", None, message=f"known gap (in the baseline): {message}")
    elif outcome in FAILING:
        _child(case, "failure", where(message), message=message, type=finding["level"])
    elif outcome in (DEPARTURE, NOT_APPLICABLE):
        _child(case, "skipped", None, message=message)
    elif outcome == COMING:
        _child(case, "skipped", None, message=f"{labels[COMING]['label']} (does not fail): {message}")
    elif outcome == ADVISORY:
        _child(case, "system-out", where(f"{labels[ADVISORY]['short']} (does not fail): {message}"))
    elif outcome == JUDGE:
        _child(case, "system-out", where(f"given; a person must judge whether it is enough: {message}"))


def _departures_suite(departures: dict[str, Any], report: dict[str, Any]) -> ET.Element:
    suite = _suite(departures["file"], report)
    for problem in departures["problems"]:
        name = f"{problem['rule_id'] or 'file'} - recorded departure"
        case = ET.SubElement(suite, "testcase", classname=_clean(departures["file"]), name=_clean(name))
        place = (departures["file"], problem["line"], problem["column"])
        if problem["severity"] == "error":
            kind = "failure" if departures["status"] == "checked" else "error"
            _child(case, kind, located(problem["message"], *place), message=problem["message"], type="departure")
        else:
            _child(case, "system-out", located(f"warning: {problem['message']}", *place))
    _count(suite)
    return suite


def _suite(name: str, report: dict[str, Any]) -> ET.Element:
    return ET.Element("testsuite", name=_clean(name), timestamp=report["generated"].removesuffix("Z"))


def _child(case: ET.Element, tag: str, text: str | None, **attributes: str) -> None:
    element = ET.SubElement(case, tag, {name: _clean(value) for name, value in attributes.items()})
    if text is not None:
        element.text = _clean(text)


def _count(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    for tag, name in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
        suite.set(name, str(sum(1 for case in cases if case.find(tag) is not None)))


def _clean(text: str) -> str:
    """``text`` made :func:`visible`: no character XML 1.0 cannot hold (control characters from a hostile
    file), and none that hides or reorders what a reader of the test report sees."""
    return visible(text)
