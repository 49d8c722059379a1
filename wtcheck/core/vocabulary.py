"""The words wtcheck uses everywhere, defined once: outcomes, levels, categories, eras,
confidence and exit codes.

Every other module takes them from here; renderers depend on this module and
on the models only, never on the engine or the loader. Nothing here names an
edition: editions are data (each ruleset's header, read by
:mod:`wtcheck.core.editions`).
"""

from __future__ import annotations

from typing import Final, NamedTuple

# ----------------------------------------------------------------- outcomes

MET: Final = "met"
GAP: Final = "gap"
PARTIAL: Final = "partial"
JUDGE: Final = "judge"
"""Given, but whether it is good enough needs a person to judge."""
NOT_APPLICABLE: Final = "not_applicable"
ADVISORY: Final = "advisory"
"""A gap against a requirement wtcheck could not confirm in the guidance: shown, never failing by default."""
DEPARTURE: Final = "departure"
"""A SHOULD gap covered by a recorded, valid departure."""
COMING: Final = "coming"
"""Not met, against a duty enacted but not yet in force on the date checked as of: never a gap; shown
with what the description will need once the duty starts."""

OUTCOMES: Final[tuple[str, ...]] = (GAP, PARTIAL, ADVISORY, COMING, DEPARTURE, JUDGE, NOT_APPLICABLE, MET)
"""Every outcome, most urgent first."""
FAILING: Final[tuple[str, ...]] = (GAP, PARTIAL)
"""Not met: a gap, or partly met; what fails a run at or above its level (unless known from the baseline)."""
UNMET: Final[tuple[str, ...]] = (GAP, PARTIAL, ADVISORY)
"""A requirement not met, confirmed or not: what a baseline records and a survey counts as missed."""
LISTED: Final[tuple[str, ...]] = (GAP, PARTIAL, ADVISORY, COMING, DEPARTURE)
"""What ``validate`` lists and the CI formats report (a departure is shown, as accepted; a coming duty
as what is to come)."""

OUTCOME_LABELS: Final[dict[str, dict[str, str]]] = {
    MET: {"label": "met", "short": "met"},
    GAP: {"label": "gap", "short": "gap"},
    PARTIAL: {"label": "partly met", "short": "partly"},
    ADVISORY: {"label": "advisory (not confirmed by wtcheck)", "short": "advisory"},
    COMING: {"label": "coming (enacted, not yet in force)", "short": "coming"},
    DEPARTURE: {"label": "departure recorded", "short": "departure"},
    JUDGE: {"label": "needs a person to judge", "short": "judge"},
    NOT_APPLICABLE: {"label": "not applicable", "short": "n/a"},
}
"""The words every format shows for each outcome (in full, and short for a matrix cell)."""

ADVISORY_NOTE: Final = ("[advisory: wtcheck could not confirm this requirement in the text of the guidance; "
                        "check it before relying on it]")
"""Added to the message of an advisory finding: the doubt is wtcheck's, not the guidance's."""

NOT_APPOINTED: Final = "not_appointed"
"""A rule's ``commencement.in_force_from`` when no day has been appointed for its provision to come into force."""

# ----------------------------------------------------------------- levels

MUST: Final = "must"
SHOULD: Final = "should"
LEVEL_NAMES: Final[tuple[str, ...]] = (MUST, SHOULD)
"""The levels of a rule, strongest first."""
LEVELS: Final[dict[str, int]] = {SHOULD: 1, MUST: 2}
"""Each level's rank: a gap fails a run when its rank is at least the fail level's."""
FAIL_LEVELS: Final[dict[str, int]] = {"none": 3, MUST: 2, SHOULD: 1}
"""The levels a run can fail at, and their ranks (``none``: never)."""
FAIL_LEVEL_NAMES: Final[tuple[str, ...]] = tuple(sorted(FAIL_LEVELS, key=FAIL_LEVELS.__getitem__))
"""The fail levels, lowest first: should, must, none."""
LEVEL_WORDS: Final[dict[str, str]] = {
    MUST: "a statutory duty, or the guidance says 'must'",
    SHOULD: "statutory guidance: follow it unless there is a good, recorded reason not to",
}

# ----------------------------------------------------------------- validate's listing


class Group(NamedTuple):
    """One group of ``validate``'s listing: which findings it holds, its heading, what it says
    once under the heading (rather than on every line), and its colour on a terminal."""

    name: str
    heading: str
    outcomes: tuple[str, ...]
    levels: tuple[str, ...]
    note: str = ""
    colour: str = ""
    """A terminal colour: red, yellow, blue, magenta, green or cyan."""


ADVISORY_EXPLANATION: Final = ("wtcheck could not confirm these requirements in the text of the guidance; check each "
                               "before relying on it (they fail the run only with --include-unconfirmed)")
"""Said once above the advisory gaps ``validate`` lists, instead of :data:`ADVISORY_NOTE` on every line."""
COMING_EXPLANATION: Final = ("duties enacted but not yet in force on the day checked as of; each says what the "
                             "description will need, and none fails the run (they are gaps only with --include-coming)")
"""Said once above the coming duties ``validate`` lists."""

LISTING_GROUPS: Final[tuple[Group, ...]] = (
    Group("must", "MUST gaps", FAILING, (MUST,), colour="red"),
    Group("should", "SHOULD gaps", FAILING, (SHOULD,), colour="yellow"),
    Group("advisory", "Advisory", (ADVISORY,), LEVEL_NAMES, ADVISORY_EXPLANATION, "blue"),
    Group("coming", "Coming", (COMING,), LEVEL_NAMES, COMING_EXPLANATION, "cyan"),
    Group("departure", "Departures recorded", (DEPARTURE,), LEVEL_NAMES, colour="magenta"),
)
"""``validate``'s groups of findings, in the order listed; between them they hold every :data:`LISTED`
outcome at every level, each once (a new outcome to list needs a group here, and nothing else)."""

# ----------------------------------------------------------------- confidence

PRIMARY: Final = "primary"
SECONDARY: Final = "secondary"
UNCONFIRMED: Final = "unconfirmed"
CONFIDENCE: Final[tuple[str, ...]] = (PRIMARY, SECONDARY, UNCONFIRMED)
"""How sure wtcheck is of a requirement or a date, surest first."""
CONFIDENCE_WORDS: Final[dict[str, str]] = {
    PRIMARY: "read in primary text (statute, regulations, or a government document on the edition)",
    SECONDARY: "read in a secondary source that quotes or closely paraphrases the guidance",
    UNCONFIRMED: "believed, but not confirmed in anything read; reported as advisory, and never fails a "
                 "check unless you pass --include-unconfirmed",
}

# ----------------------------------------------------------------- categories

CATEGORIES: Final[dict[str, str]] = {
    "partners": "Safeguarding partners",
    "relevant_agencies": "Relevant agencies",
    "scrutiny": "Chairing and independent scrutiny",
    "funding": "Funding",
    "publication": "Publishing the arrangements",
    "practice": "Practice: thresholds, data, training and escalation",
    "child_protection": "Multi-agency child protection teams",
    "reviews": "Reviews",
    "annual_report": "The yearly report",
}
"""Rule categories in the order reports and listings show them, with their headings."""

# ----------------------------------------------------------------- eras

LSCB: Final = "lscb"
PARTNERSHIP: Final = "safeguarding_partnership"
ERA_WORDS: Final[dict[str, str]] = {LSCB: "a Local Safeguarding Children Board", PARTNERSHIP: "safeguarding partners"}
"""What each era's arrangements are, in words for a sentence."""
ERA_PLURALS: Final[dict[str, str]] = {LSCB: "LSCBs", PARTNERSHIP: "safeguarding partners"}

# ----------------------------------------------------------------- exit codes

EXIT_CLEAN: Final = 0
"""Nothing at or above the fail level."""
EXIT_GAPS: Final = 1
"""Gaps at or above the fail level."""
EXIT_CANNOT_CHECK: Final = 2
"""A file or an option could not be used: nothing, or not everything, was checked."""

SCHEMA_VERSION: Final = "1"
"""The version of every JSON model wtcheck writes (report, survey, rules, explain, diff)."""
