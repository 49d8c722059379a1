"""JUnit XML for CI test reports, rendered from the report model.

One ``<testsuite>`` per file, with the edition, ruleset and partnership as
properties, and one ``<testcase>`` per rule (named ``RULE-ID - title``).
A MUST gap is a ``<failure type="must">``, a SHOULD gap a
``<failure type="should">``; a departure, a gap in the baseline and a rule
that does not apply are ``<skipped>`` with the reason; an advisory gap and a
finding a person must judge pass, with a note in ``<system-out>``. A file
that could not be checked has one test case with an ``<error>`` per problem;
problems with the departures file are a test suite of their own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
        case = ET.SubElement(suite, "testcase", classname=entry["file"], name="the file can be checked")
        for error in entry["errors"]:
            place = ":".join(str(part) for part in (entry["file"], error["line"], error["column"]) if part is not None)
            _child(case, "error", f"{place}: {error['message']}", message=error["message"], type="cannot-check")
    for finding in entry["findings"]:
        _finding_case(suite, entry, finding)
    _count(suite)
    return suite


def _finding_case(suite: ET.Element, entry: dict[str, Any], finding: dict[str, Any]) -> None:
    location = finding["location"]
    case = ET.SubElement(suite, "testcase", classname=entry["file"],
                         name=_clean(f"{finding['rule_id']} - {finding['title']}"),
                         file=entry["file"], line=str(location["line"]))
    where = f"{entry['file']}:{location['line']}:{location['column']} ({location['path']})"
    outcome = finding["outcome"]
    if finding.get("known"):
        _child(case, "skipped", None, message=f"known gap (in the baseline): {finding['message']}")
    elif outcome in ("gap", "partial"):
        partly = " (partly met)" if outcome == "partial" else ""
        _child(case, "failure", f"{where}: {finding['message']}{partly}",
               message=finding["message"] + partly, type=finding["level"])
    elif outcome == "departure":
        _child(case, "skipped", None, message=f"departure recorded: {finding['message']}")
    elif outcome == "not_applicable":
        _child(case, "skipped", None, message=finding["message"])
    elif outcome == "advisory":
        _child(case, "system-out", f"{where}: advisory (does not fail): {finding['message']}")
    elif outcome == "judge":
        _child(case, "system-out", f"{where}: given; a person must judge whether it is enough: {finding['message']}")


def _departures_suite(departures: dict[str, Any], report: dict[str, Any]) -> ET.Element:
    suite = _suite(departures["file"], report)
    for problem in departures["problems"]:
        name = f"{problem['rule_id'] or 'file'} - recorded departure"
        case = ET.SubElement(suite, "testcase", classname=departures["file"], name=name)
        place = ":".join(str(part) for part in (departures["file"], problem["line"], problem["column"])
                         if part is not None)
        if problem["severity"] == "error":
            kind = "failure" if departures["status"] == "checked" else "error"
            _child(case, kind, f"{place}: {problem['message']}", message=problem["message"], type="departure")
        else:
            _child(case, "system-out", f"{place}: warning: {problem['message']}")
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
    """``text`` without the characters XML 1.0 cannot hold (control characters from a hostile file)."""
    return _NOT_XML.sub("\ufffd", text)
