"""Plain text: ``validate``'s lines, and what ``rules``, ``explain``, ``diff`` and ``departures check`` print.

``validate`` writes, for each file, its gaps in the groups of
:data:`~wtcheck.core.vocabulary.LISTING_GROUPS` (MUST, then SHOULD, then advisory, ...),
each under a heading that says once what its lines share, one
``file:line:col: RULE-ID level message`` line per gap, in file order within a group;
then a summary line per file. With ``colour`` (a terminal, without ``NO_COLOR``) the
headings and levels are coloured; with ``quiet`` only what fails the run is listed. It is
written file by file as the results come (:func:`render_stream`), so a batch of thousands
holds one file at a time.
Every line about a file is one :func:`~wtcheck.core.text.visible` line
(:func:`~wtcheck.core.text.located` makes it so), whatever its name or content holds.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from wtcheck.core.text import located, visible
from wtcheck.core.vocabulary import (
    ADVISORY,
    ADVISORY_NOTE,
    CATEGORIES,
    COMING,
    CONFIDENCE_WORDS,
    DEPARTURE,
    ERA_PLURALS,
    FAIL_LEVELS,
    FAILING,
    LEVEL_WORDS,
    LEVELS,
    LISTING_GROUPS,
    MUST,
    SHOULD,
    Group,
)
from wtcheck.formats.citations import citation_text
from wtcheck.formats.view import finding_message

if TYPE_CHECKING:
    from wtcheck.models.report import FileEntry, Report, ReportStream

SHOWN_AS_FROM_TO = ("level", "confidence", "title")
"""The fields of a changed rule that ``diff`` shows as old -> new (the others are named)."""


# ----------------------------------------------------------------- validate

COLOURS = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36"}
"""The terminal colours a listing group may name, as ANSI codes."""


def render(report: Report, *, colour: bool = False, quiet: bool = False) -> str:
    """Every problem and gap in the report, in groups, then a summary line per file."""
    lines: list[str] = departure_lines(report.get("departures"))
    for entry in report["files"]:
        lines.extend(file_lines(entry, report["outcome_labels"], report["fail_on"], colour=colour, quiet=quiet))
    return "".join(line + "\n" for line in lines)


def render_stream(stream: ReportStream, *, colour: bool = False, quiet: bool = False) -> Iterator[str]:
    """:func:`render`, file by file as the results come; the departures file's problems first
    (and, once every file is seen, the departures no file needed)."""
    departures = stream.departures()
    known = len(departures["problems"]) if departures else 0
    yield "".join(line + "\n" for line in departure_lines(departures))
    labels = stream.labels
    for entry in stream.files():
        yield "".join(line + "\n" for line in file_lines(entry, labels, stream.fail_on, colour=colour, quiet=quiet))
    after = stream.departures()
    if after and len(after["problems"]) > known:
        yield "".join(line + "\n" for line in departure_lines({**after, "problems": after["problems"][known:]}))


def file_lines(entry: FileEntry, labels: dict[str, dict[str, str]], fail_on: str = MUST, *,
               colour: bool = False, quiet: bool = False) -> list[str]:
    """One file's lines: what stops it being checked, or its gaps group by group (each group
    headed, its lines in file order), a blank line after each group; then its summary. ``quiet``
    lists only the groups that fail the run, and a file that passes says nothing."""
    lines = [_problem_line(entry["file"], error) for error in entry["errors"]]
    shown = [finding for finding in entry["findings"] if not finding.get("known")]
    for group in LISTING_GROUPS:
        if quiet and not _fails(group, fail_on):
            continue
        members = sorted((finding for finding in shown
                          if finding["outcome"] in group.outcomes and finding["level"] in group.levels),
                         key=lambda f: (f["location"]["line"], f["location"]["column"]))
        if not members:
            continue
        heading = f"{group.heading} ({len(members)})" + (f": {group.note}" if group.note else "")
        lines.append(_paint(heading, colour, "bold", group.colour))
        lines.extend(_gap_line(entry["file"], finding, labels, group, colour) for finding in members)
        lines.append("")
    if not quiet or entry["status"] != "checked" or entry["fails"]:
        lines.append(summary_line(entry))
    return lines


def _fails(group: Group, fail_on: str) -> bool:
    """Whether the gaps of ``group`` fail a run at ``fail_on``."""
    return set(group.outcomes) <= set(FAILING) and any(LEVELS[level] >= FAIL_LEVELS[fail_on] for level in group.levels)


def _gap_line(file: str, finding: Any, labels: dict[str, dict[str, str]], group: Group, colour: bool) -> str:
    """``file:line:col: RULE-ID level message``, without what the group's heading already says."""
    location = finding["location"]
    message = finding_message(finding, labels)
    if group.note and finding["outcome"] == ADVISORY:  # the group's heading says it once
        message = message.removesuffix(f" {ADVISORY_NOTE}")
    place = located(finding["rule_id"], file, location["line"], location["column"])  # made visible; the colour after
    return f"{place} {_paint(finding['level'], colour, group.colour)} {visible(message)}"


def _paint(text: str, colour: bool, *styles: str) -> str:
    codes = ";".join(COLOURS[style] for style in styles if style)
    return f"\x1b[{codes}m{text}\x1b[0m" if colour and codes else text


def departure_lines(departures: dict[str, Any] | None) -> list[str]:
    """One line per problem with the departures file, errors and warnings."""
    if not departures:
        return []
    return [_problem_line(departures["file"], problem, problem["severity"]) for problem in departures["problems"]]


def _problem_line(file: str, error: Any, severity: str = "error") -> str:
    return located(f"{severity}: {error['message']}", file, error["line"], error["column"])


def new_count(entry: FileEntry, levels: tuple[str, ...], outcomes: tuple[str, ...]) -> int:
    """How many of a checked file's findings at ``levels`` have one of ``outcomes``, leaving out
    gaps known from the baseline."""
    summary = entry["summary"] or {}
    total = sum(summary[level][outcome] for level in levels for outcome in outcomes)
    return total - sum(finding["level"] in levels and finding["outcome"] in outcomes
                       for finding in entry["findings"] if finding.get("known"))


def summary_line(entry: FileEntry) -> str:
    """How many gaps a file has, against which edition and why (or why it was not checked)."""
    if entry["status"] != "checked" or entry["summary"] is None or entry["edition"] is None:
        return visible(f"{entry['file']}: not checked ({len(entry['errors'])} error(s) to fix first)")
    known = sum(bool(finding.get("known")) for finding in entry["findings"])
    new = " new" if known else ""
    counts = [f"{new_count(entry, (MUST,), FAILING)}{new} MUST gap(s)",
              f"{new_count(entry, (SHOULD,), FAILING)}{new} SHOULD gap(s)"]
    advisory = new_count(entry, (MUST, SHOULD), (ADVISORY,))
    if advisory:
        counts.append(f"{advisory}{new} advisory")
    coming = new_count(entry, (MUST, SHOULD), (COMING,))
    if coming:
        counts.append(f"{coming} coming (not yet in force)")
    departures = entry["summary"][SHOULD][DEPARTURE]
    if departures:
        counts.append(f"{departures} departure(s) recorded")
    if known:
        counts.append(f"{known} known gap(s) from the baseline left out")
    edition = entry["edition"]
    return visible(f"{entry['file']}: {', '.join(counts)} against the {edition['name']} edition ({edition['reason']})")


# ----------------------------------------------------------------- rules and explain

def render_rules(model: dict[str, Any]) -> str:
    """Every rule of each ruleset grouped by category: id, level, confidence, slug, title, citation."""
    lines: list[str] = []
    for ruleset in model["rulesets"]:
        extends = f"; extends {ruleset['extends']}" if ruleset["extends"] else ""
        lines.append(f"{ruleset['title']} (ruleset {ruleset['name']}, {len(ruleset['rules'])} rules{extends})")
        for category in CATEGORIES:
            rules = [rule for rule in ruleset["rules"] if rule["category"] == category]
            if not rules:
                continue
            lines.append(f"  {category}")
            for rule in rules:
                lines.append(f"    {rule['id']:<14} {rule['level']:<6} {rule['confidence']:<11} {rule['slug']}")
                lines.append(f"        {rule['title']}")
                lines.append(f"        {citation_text(rule['citation'])}")
                lines.extend(f"        {line}" for line in _commencement_lines(rule))
        lines.append("")
    return "\n".join(lines)


def render_explain(model: dict[str, Any]) -> str:
    """One rule for a person: what it asks, where it comes from, how sure we are, why, and an example."""
    rule = model["rule"]
    facts = [
        ("Edition", f"{model['title']} (ruleset {model['ruleset']})"),
        ("Level", f"{rule['level']} ({LEVEL_WORDS[rule['level']]})"),
        ("Category", rule["category"]),
        ("Confidence", f"{rule['confidence']} ({CONFIDENCE_WORDS[rule['confidence']]})"),
        ("Citation", citation_text(rule["citation"])),
    ]
    if rule.get("inherited_from"):
        facts.append(("Inherited from", f"{rule['inherited_from']} (see 'wtcheck diff' for what changed)"))
    if rule.get("not_applicable"):
        facts.append(("Applies", f"only in some areas; where it does not: {rule['not_applicable']}"))
    if rule.get("commencement"):
        facts.append(("In force", " ".join(_commencement_lines(rule))))
    width = max(len(label) for label, _ in facts) + 2
    lines = [f"{rule['id']} ({rule['slug']}): {rule['title']}", ""]
    for label, text in facts:
        wrapped = textwrap.wrap(text, 100 - width - 2) or [""]
        lines.append(f"  {label + ':':<{width}}{wrapped[0]}")
        lines.extend(f"  {'':<{width}}{more}" for more in wrapped[1:])
    lines += ["", "Why it matters", *_paragraph(rule["why"]), "", "What to add when it is a gap",
              *_paragraph(rule["message"]), "", "A description that meets it",
              *("  " + line for line in rule["example"].rstrip().splitlines()), ""]
    return "\n".join(lines)


def _commencement_lines(rule: dict[str, Any]) -> list[str]:
    """Where a rule's statutory provision stands, for a rule that has one: coming (never a gap) or in force."""
    commencement = rule.get("commencement")
    if not commencement:
        return []
    if commencement["in_force"]:
        return [f"in force: {commencement['status']}"]
    return [f"coming: {commencement['status']}; until then a gap against it is shown as coming, never as a gap"]


def _paragraph(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), 96, initial_indent="  ", subsequent_indent="  ")


# ----------------------------------------------------------------- diff

def render_diff(model: dict[str, Any]) -> str:
    """The edition diff for a person: added, removed and changed rules, each with its reason; the
    rules carried over with only their confidence lowered are listed together, with the reason once."""
    old, new = model["old"], model["new"]
    lines = [f"{old['title']} -> {new['title']}"]
    lowered = [change for change in model["changed"] if change.get("lowered")]
    if model["related"]:
        only = f" ({len(lowered)} of them only carried over as less sure)" if lowered else ""
        lines.append(f"The {new['edition']} rules descend from the {old['edition']} rules "
                     f"({' -> '.join(model['chain'])}): {len(model['added'])} added, {len(model['removed'])} removed, "
                     f"{len(model['changed'])} changed{only}, {model['unchanged']} carried over unchanged.")
    else:
        lines.append(f"The {new['edition']} edition is for {ERA_PLURALS[new['era']]} and the {old['edition']} edition "
                     f"for {ERA_PLURALS[old['era']]}; neither set of rules descends from the other, so no rule "
                     f"carries over: every {old['edition']} rule is listed as removed and every {new['edition']} rule "
                     "as added.")
    changed = [change for change in model["changed"] if not change.get("lowered")]
    for kind, heading, changes in (("added", f"Added in {new['edition']}", model["added"]),
                                   ("removed", "Removed", model["removed"]), ("changed", "Changed", changed)):
        if not changes:
            continue
        lines += ["", f"{heading} ({len(changes)}):"]
        for change in changes:
            lines.extend(_change_lines(change, kind, new["edition"]))
    if lowered:
        lines += ["", f"Carried over, but less sure in {new['edition']} ({len(lowered)}): nothing changed but the "
                      "confidence, so a gap against each is advisory unless confirmed:"]
        lines += [f"  {change['old']['id']} -> {change['new']['id']}  {change['new']['level']} "
                  f"{change['new']['category']}: {change['new']['title']} ({change['old']['confidence']} -> "
                  f"{change['new']['confidence']})" for change in lowered]
        lines += [f"  why: {note}" for note in dict.fromkeys(note for change in lowered for note in change["notes"])]
    return "\n".join(lines) + "\n"


def _change_lines(change: dict[str, Any], kind: str, newer: str) -> list[str]:
    old, new = change.get("old"), change.get("new")
    rule = new or old or {}
    ident = f"{old['id']} -> {new['id']}" if old and new else rule["id"]
    since = change.get("since", "")
    shown_since = f" ({kind} in {since})" if since and since != newer else ""
    lines = [f"  {ident}  {rule['level']} {rule['category']}: {rule['title']}{shown_since}"]
    if kind == "changed" and old and new:
        fields = change["fields"]
        lines.extend(f"      {name} {old[name]!r} -> {new[name]!r}" if name == "title"
                     else f"      {name} {old[name]} -> {new[name]}"
                     for name in SHOWN_AS_FROM_TO if name in fields)
        others = [name for name in fields if name not in SHOWN_AS_FROM_TO]
        if others:
            lines.append(f"      also changed: {', '.join(others)}")
    lines.extend(f"      why: {note}" for note in change["notes"])
    lines.extend(f"      {line}" for line in _commencement_lines(new or {}))
    return lines


def render_diff_file(model: dict[str, Any]) -> str:
    """What the description must add, one ``file:line:col: RULE-ID level message [why new]`` line each."""
    old, new, file = model["old"]["edition"], model["new"]["edition"], model["file"]
    if model["errors"]:
        lines = [located(f"error: {error['message']}", file, error["line"], error["column"])
                 for error in model["errors"]]
        return "\n".join(lines + [f"{file}: not checked ({len(lines)} error(s) to fix first)"]) + "\n"
    departures = model["departures"]
    noted = [located(f"{problem['severity']}: {problem['message']}", departures["file"], problem["line"],
                     problem["column"]) for problem in departures["problems"]] if departures else []
    gaps = model["new_gaps"]
    lines = noted + [f"{file}:{gap['location']['line']}:{gap['location']['column']}: {gap['id']} {gap['level']} "
                     f"{gap['message']} [{gap['why_new']}]" for gap in gaps]
    lines += [f"{file}:{item['location']['line']}:{item['location']['column']}: {item['id']} {item['level']} "
              f"{item['message']}" for item in model["coming"]]
    advisory = sum(gap["outcome"] == ADVISORY for gap in gaps)
    must = sum(gap["level"] == MUST and gap["outcome"] != ADVISORY for gap in gaps)
    counts = f"{must} MUST, {len(gaps) - advisory - must} SHOULD, {advisory} advisory"
    coming = f"; {len(model['coming'])} duty(ies) coming, not yet in force" if model["coming"] else ""
    lines.append(f"{file}: {len(gaps)} gap(s) to close to meet the {new} edition that it does not have against "
                 f"{old} ({counts}); {len(model['kept_gaps'])} more it has against both "
                 f"(see: wtcheck validate --edition {old} {file}){coming}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- departures check

def render_departures_check(model: dict[str, Any]) -> str:
    """Each departures file's problems, then a line saying how many of its departures are valid."""
    lines: list[str] = []
    for checked in model["files"]:
        lines.extend(located(f"{problem['severity']}: {problem['message']}", checked["file"], problem["line"],
                             problem["column"]) for problem in checked["problems"])
        if not checked["readable"]:
            lines.append(f"{checked['file']}: not checked ({len(checked['problems'])} error(s) to fix first)")
            continue
        lines.append(f"{checked['file']}: {checked['entries']} departure(s): {checked['valid']} valid, "
                     f"{checked['invalid']} invalid, {checked['warnings']} warning(s)")
    return "".join(line + "\n" for line in lines)
