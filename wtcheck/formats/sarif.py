"""SARIF 2.1.0, as GitHub code scanning reads it, rendered from the report model.

One run; one result per gap, partly met, advisory or departure finding, at
the file's path relative to ``root`` (the repository's top folder) and the
finding's line and column. Levels: a MUST gap is ``error``, a SHOULD gap
``warning``, a gap against an unconfirmed requirement (advisory) ``note``.
``partialFingerprints`` hash the rule id, YAML path and edition, so an alert
keeps its identity when unrelated lines move. A departure is a result with an
accepted ``suppressions`` entry; GitHub has been reported not to honour
suppressions, so ``omit_suppressed`` leaves departures out of the file (the
JSON report keeps them). With a baseline, ``baselineState`` says which gaps
are new. Files that could not be checked and problems with the departures
file are tool execution notifications of the one invocation, which also
carries the exit code.

The rule descriptors (``help``, ``helpUri``) come from the bundled ruleset
the report names, so help text matches the rules that produced the report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from wtcheck import __version__
from wtcheck.citations import citation_text
from wtcheck.fingerprint import SARIF_KEY
from wtcheck.repository import relative_path
from wtcheck.ruleset import Rule, load_ruleset

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
GUIDANCE_URI = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
"""The statutory guidance on GOV.UK (the current edition, with links to the earlier ones)."""
LEVELS = {"must": "error", "should": "warning"}
RESULTS = ("gap", "partial", "advisory", "departure")
EXIT_DESCRIPTIONS = {0: "no gaps at or above the fail level", 1: "gaps at or above the fail level",
                     2: "a file could not be checked"}


def render(report: dict[str, Any], *, root: Path | None = None, omit_suppressed: bool = False) -> str:
    """The report as a SARIF log; paths relative to ``root`` (default: the working directory)."""
    base = root or Path.cwd()
    rules: list[dict[str, Any]] = []
    indexes: dict[str, int] = {}
    results = []
    for entry in report["files"]:
        for finding in entry["findings"]:
            if finding["outcome"] not in RESULTS or (omit_suppressed and finding["outcome"] == "departure"):
                continue
            if finding["rule_id"] not in indexes:
                indexes[finding["rule_id"]] = len(rules)
                rules.append(_rule(finding, entry))
            results.append(_result(finding, entry, indexes[finding["rule_id"]], base, report["baseline"] is not None))
    run = {
        "tool": {"driver": {"name": "wtcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "invocations": [_invocation(report, base)],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(finding: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    rule = load_ruleset(entry["ruleset"]["name"]).rule(finding["rule_id"])
    level = "note" if finding["confidence"] == "unconfirmed" else LEVELS[finding["level"]]
    text, markdown = _help(finding, rule)
    return {
        "id": finding["rule_id"],
        "name": finding["slug"],
        "shortDescription": {"text": finding["title"]},
        "fullDescription": {"text": rule.message if rule else finding["title"]},
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


def _help(finding: dict[str, Any], rule: Rule | None) -> tuple[str, str]:
    source = citation_text(finding["citation"])
    level = (f"{finding['level'].upper()} requirement"
             + ("; not confirmed in the guidance text, so advisory" if finding["confidence"] == "unconfirmed" else ""))
    sections = [("What to do", rule.message if rule else finding["title"]), ("Why", rule.why if rule else ""),
                ("Source", source)]
    text = [f"{finding['title']} ({level})."] + [f"{label}: {body}" for label, body in sections if body]
    markdown = [f"**{finding['title']}** ({level})."] + [f"**{label}:** {body}" for label, body in sections if body]
    example = rule.example.rstrip() if rule and rule.example else ""
    if example:
        text.append(f"Example:\n{example}")
        markdown.append(f"**Example:**\n\n```yaml\n{example}\n```")
    return "\n\n".join(text), "\n\n".join(markdown)


def _result(finding: dict[str, Any], entry: dict[str, Any], index: int, base: Path,
            with_baseline: bool) -> dict[str, Any]:
    location = finding["location"]
    partly = " (partly met)" if finding["outcome"] == "partial" else ""
    result: dict[str, Any] = {
        "ruleId": finding["rule_id"],
        "ruleIndex": index,
        "level": "note" if finding["outcome"] == "advisory" else LEVELS[finding["level"]],
        "message": {"text": finding["message"] + partly},
        "locations": [{
            "physicalLocation": _physical(entry["file"], base, location["line"], location["column"]),
            "logicalLocations": [{"fullyQualifiedName": location["path"]}],
        }],
        "partialFingerprints": {SARIF_KEY: finding["fingerprint"]},
        "properties": {"outcome": finding["outcome"], "edition": entry["edition"]["name"],
                       "yamlPath": location["path"]},
    }
    departure = finding.get("departure")
    if departure:
        result["suppressions"] = [{
            "kind": "external", "status": "accepted",
            "justification": f"{departure['reason']} (agreed by {departure['agreed_by']} on {departure['agreed_on']}; "
                             f"review by {departure['review_by']}; expires {departure['expires']})",
            "location": {"physicalLocation": _physical(departure["file"], base)},
        }]
    if with_baseline:
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
        "executionSuccessful": report["exit_code"] != 2,
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
