"""SARIF 2.1.0, as GitHub code scanning reads it, rendered from the report model.

One run; one result per gap, partly met, advisory or departure finding, at
the file's path relative to ``root`` (the repository's top folder) and the
finding's line and column (a section missing altogether is at line 1,
column 1, with no logical location). Levels: a MUST gap is ``error``, a SHOULD
gap ``warning``, a gap against a requirement wtcheck could not confirm
(advisory) and a duty enacted but not yet in force (coming) ``note``. ``partialFingerprints`` hash the rule id and edition
(there is one finding per rule per file), so an alert keeps its identity when
lines move or the gap is partly filled. A departure is a result with an
accepted ``suppressions`` entry; GitHub has been reported not to honour
suppressions, so ``omit_suppressed`` leaves departures out of the file (the
JSON report keeps them). With a baseline, ``baselineState`` says which gaps
are new. Files that could not be checked and problems with the departures
file are tool execution notifications of the one invocation, which also
carries the exit code.

The rule descriptors (``help``, ``helpUri``) are rendered from the report's
``rules`` table (what to do, why, an example), like everything else here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from wtcheck import __version__
from wtcheck.core.vocabulary import ADVISORY, COMING, DEPARTURE, EXIT_CANNOT_CHECK, EXIT_CLEAN, EXIT_GAPS, LISTED
from wtcheck.formats.citations import citation_text
from wtcheck.formats.json import dumps
from wtcheck.formats.view import finding_message, relative_path

SARIF_KEY = "wtcheck/v2"
"""The ``partialFingerprints`` key; a new way of computing them gets a new key
(``wtcheck/v1`` also hashed the YAML path)."""
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
GUIDANCE_URI = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
"""The statutory guidance on GOV.UK (the current edition, with links to the earlier ones)."""
LEVELS = {"must": "error", "should": "warning"}
EXIT_DESCRIPTIONS = {EXIT_CLEAN: "no gaps at or above the fail level", EXIT_GAPS: "gaps at or above the fail level",
                     EXIT_CANNOT_CHECK: "a file could not be checked"}


def render(report: dict[str, Any], *, root: Path | None = None, omit_suppressed: bool = False) -> str:
    """The report as a SARIF log; paths relative to ``root`` (default: the working directory)."""
    base = root or Path.cwd()
    rules: list[dict[str, Any]] = []
    indexes: dict[str, int] = {}
    results = []
    for entry in report["files"]:
        for finding in entry["findings"]:
            if finding["outcome"] not in LISTED or (omit_suppressed and finding["outcome"] == DEPARTURE):
                continue
            if finding["rule_id"] not in indexes:
                indexes[finding["rule_id"]] = len(rules)
                rules.append(_rule(finding, entry, report["rules"][finding["rule_id"]]))
            results.append(_result(finding, entry, indexes[finding["rule_id"]], base, report))
    run = {
        "tool": {"driver": {"name": "wtcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "invocations": [_invocation(report, base)],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]})


def _coming(finding: dict[str, Any]) -> bool:
    """Whether the finding's rule rests on a provision that was not in force on the day checked as of."""
    return "commencement" in finding and not finding["commencement"]["in_force"]


def _rule(finding: dict[str, Any], entry: dict[str, Any], advice: dict[str, str]) -> dict[str, Any]:
    level = "note" if finding["confidence"] == "unconfirmed" or _coming(finding) else LEVELS[finding["level"]]
    text, markdown = _help(finding, advice)
    return {
        "id": finding["rule_id"],
        "name": finding["slug"],
        "shortDescription": {"text": finding["title"]},
        "fullDescription": {"text": advice["message"]},
        "help": {"text": text, "markdown": markdown},
        "helpUri": GUIDANCE_URI,
        "defaultConfiguration": {"level": level},
        "properties": {
            "tags": ["safeguarding", f"edition-{entry['edition']['name']}", finding["level"], finding["category"],
                     f"confidence-{finding['confidence']}"],
            "precision": "medium" if finding["confidence"] == "unconfirmed" else "high",
            "problem.severity": "recommendation" if level == "note" else level,
        },
    }


def _help(finding: dict[str, Any], advice: dict[str, str]) -> tuple[str, str]:
    source = citation_text(finding["citation"])
    level = (f"{finding['level'].upper()} requirement"
             + ("; not confirmed by wtcheck in the text of the guidance, so advisory"
                if finding["confidence"] == "unconfirmed" else ""))
    sections = [("What to do", advice["message"]), ("Why", advice["why"]), ("Source", source)]
    if "commencement" in finding:
        sections.append(("In force", finding["commencement"]["status"]))
    text = [f"{finding['title']} ({level})."] + [f"{label}: {body}" for label, body in sections if body]
    markdown = [f"**{finding['title']}** ({level})."] + [f"**{label}:** {body}" for label, body in sections if body]
    example = advice["example"].rstrip()
    if example:
        text.append(f"Example:\n{example}")
        markdown.append(f"**Example:**\n\n```yaml\n{example}\n```")
    return "\n\n".join(text), "\n\n".join(markdown)


def _result(finding: dict[str, Any], entry: dict[str, Any], index: int, base: Path,
            report: dict[str, Any]) -> dict[str, Any]:
    location = finding["location"]
    place: dict[str, Any] = {"physicalLocation": _physical(entry["file"], base, location["line"], location["column"])}
    if location["path"]:
        place["logicalLocations"] = [{"fullyQualifiedName": location["path"]}]
    result: dict[str, Any] = {
        "ruleId": finding["rule_id"],
        "ruleIndex": index,
        "level": "note" if finding["outcome"] in (ADVISORY, COMING) else LEVELS[finding["level"]],
        "message": {"text": finding_message(finding, report["outcome_labels"])},
        "locations": [place],
        "partialFingerprints": {SARIF_KEY: finding["fingerprint"]},
        "properties": {"outcome": finding["outcome"], "edition": entry["edition"]["name"],
                       "yamlPath": location["path"]},
    }
    departure = finding.get("departure")
    if departure:
        result["suppressions"] = [{
            "kind": "external", "status": "accepted", "justification": departure["justification"],
            "location": {"physicalLocation": _physical(departure["file"], base)},
        }]
    if report["baseline"] is not None:
        result["baselineState"] = "unchanged" if finding["known"] else "new"
    return result


def _invocation(report: dict[str, Any], base: Path) -> dict[str, Any]:
    notifications = [
        _notification("error", error["message"], entry["file"], base, error["line"], error["column"])
        for entry in report["files"] for error in entry["errors"]
    ]
    departures = report.get("departures")
    if departures:
        notifications += [_notification(problem["severity"], problem["message"], departures["file"], base,
                                        problem["line"], problem["column"]) for problem in departures["problems"]]
    return {
        "executionSuccessful": report["exit_code"] != EXIT_CANNOT_CHECK,
        "exitCode": report["exit_code"],
        "exitCodeDescription": EXIT_DESCRIPTIONS[report["exit_code"]],
        "endTimeUtc": report["generated"],
        "toolExecutionNotifications": notifications,
    }


def _notification(level: str, message: str, file: str, base: Path, line: int | None,
                  column: int | None) -> dict[str, Any]:
    return {"level": level, "message": {"text": message},
            "locations": [{"physicalLocation": _physical(file, base, line, column)}]}


def _physical(file: str, base: Path, line: int | None = None, column: int | None = None) -> dict[str, Any]:
    path = relative_path(file, base)
    artifact = ({"uri": Path(path).as_uri()} if Path(path).is_absolute()
                else {"uri": quote(path), "uriBaseId": "%SRCROOT%"})
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line is not None:
        physical["region"] = {"startLine": line, **({"startColumn": column} if column is not None else {})}
    return physical
