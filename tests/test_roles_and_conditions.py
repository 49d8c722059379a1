"""Roles held by a name, a post or an organisation; what partly meets a requirement left for a person
to judge; and conditions: a rule is not applicable only when the description says why."""

from __future__ import annotations

import pytest

from wtcheck.core.checks import GAP, JUDGE, MET, PARTIAL, is_held, run
from wtcheck.core.engine import evaluate
from wtcheck.core.loading import load_bytes
from wtcheck.core.ruleset import Rule, load_ruleset


@pytest.mark.parametrize("holder, held", [
    ({"name": "Kim Example"}, True), ({"title": "Chief Constable"}, True), ({"organisation": "Fernside Ltd"}, True),
    ({"name_published": False}, True), ({"name_published": True}, False), ({}, False), ({"name": "  "}, False),
    ({"evidence": {"page": 3}}, False), ({"independent": True, "agreed_by_partners": True}, False), ("Kim", False),
    (None, False)])
def test_a_role_is_held_by_a_name_a_post_an_organisation_or_an_unpublished_name(holder, held):
    assert is_held(holder) is held


def test_held_names_what_to_give_and_whether_the_role_was_given_at_all():
    missing = run({}, {"fn": "held", "path": "independent_scrutiny.scrutineer"})
    assert (missing.outcome, missing.absent) == (GAP, ("independent_scrutiny.scrutineer",))
    assert missing.detail == ("missing the independent scrutineer (independent_scrutiny.scrutineer): "
                              "give a name, a post (title) or an organisation")
    empty = run({"independent_scrutiny": {"scrutineer": {}}}, {"fn": "held", "path": "independent_scrutiny.scrutineer"})
    assert (empty.outcome, empty.absent) == (GAP, ())


def test_each_has_can_ask_for_a_role_held_rather_than_a_field_present():
    spec = {"fn": "each_has", "path": "p", "key": "partner", "values": ["local_authority", "police"], "field": "lead"}
    data = {"p": [{"partner": "local_authority", "lead": {"title": "Chief Executive"}},
                  {"partner": "police", "lead": {"name_published": False}}]}
    assert run(data, {**spec, "held": True}).outcome == MET
    assert run(data, spec).outcome == MET  # present: any mapping with something in it
    data["p"][1]["lead"] = {"evidence": {"page": 4}}
    assert run(data, {**spec, "held": True}).outcome == PARTIAL


def test_judge_if_turns_met_into_judge_with_its_detail_and_leaves_the_rest():
    spec = {"fn": "judge_if", "check": {"fn": "includes", "path": "a", "values": ["x"]}, "detail": "a person decides"}
    assert (run({"a": ["x"]}, spec).outcome, run({"a": ["x"]}, spec).detail) == (JUDGE, "a person decides")
    assert (run({"a": ["y"]}, spec).outcome, run({"a": ["y"]}, spec).detail) == (GAP, "missing from a: x")
    chosen = {"fn": "any", "checks": [{"fn": "includes", "path": "b", "values": ["x"]}, spec]}
    assert run({"a": ["x"], "b": ["x"]}, chosen).outcome == MET


def test_all_keeps_the_details_of_what_is_to_be_judged():
    spec = {"fn": "all", "checks": [
        {"fn": "present", "path": "a"},
        {"fn": "judge_if", "check": {"fn": "present", "path": "b"}, "detail": "judge b"},
        {"fn": "date_by", "path": "c", "latest": "2019-06-29"}]}
    result = run({"a": "x", "b": "y", "c": "2019-06"}, spec)
    assert result.outcome == JUDGE
    assert result.detail == "judge b; c 2019-06 may be after 2019-06-29: the document gives only the month"


@pytest.mark.parametrize("data, absent", [
    ({}, ("l",)), ({"l": None}, ("l",)), ({"l": []}, ()), ({"l": ["other"]}, ())])
def test_a_list_not_given_is_absent_and_an_empty_list_says_there_are_none(data, absent):
    assert run(data, {"fn": "includes", "path": "l", "values": ["x"]}).absent == absent
    assert run(data, {"fn": "count", "path": "l", "min": 1}).absent == absent


def test_combined_checks_pass_on_what_was_not_given():
    either = {"fn": "any", "checks": [{"fn": "equals", "path": "a", "value": True},
                                      {"fn": "present", "path": "b"}]}
    assert run({}, either).absent == ("a", "b")
    assert run({"a": False}, either).absent == ("b",)
    both = {"fn": "all", "checks": [{"fn": "equals", "path": "a", "value": True}, {"fn": "present", "path": "b"}]}
    assert run({"b": "x"}, both).absent == ("a",)


def one_rule(rule: Rule, text: str, *, scope: bool = False):
    ruleset = load_ruleset("wt2010")
    if scope:
        rule = Rule(**{**rule.__dict__, "condition_is_scope": True})
    single = type(ruleset)(**{**ruleset.__dict__, "rules": (rule,)})
    (found,) = evaluate(single, load_bytes(text.encode(), "t.yaml"))
    return found


DISTRICTS = load_ruleset("wt2010").rule("WT10-PART-005")


def test_a_condition_the_description_answers_decides_whether_the_rule_applies():
    assert one_rule(DISTRICTS, "partnership: {two_tier: false}\n").outcome == "not_applicable"
    assert one_rule(DISTRICTS, "partnership: {two_tier: true}\n").outcome == "gap"
    met = one_rule(DISTRICTS, "partnership: {two_tier: true}\nboard: {members: [{body: district_council}]}\n")
    assert met.outcome == "met"


def test_a_condition_the_description_is_silent_on_leaves_the_rule_applying_and_says_so():
    silent = one_rule(DISTRICTS, "partnership: {name: Larkmere LSCB}\n")
    assert silent.outcome == "gap"
    assert silent.detail == ("0 of at least 1 given in the board's members (board.members) (body: district_council); "
                             "missing whether the area has district councils as well as a county council "
                             "(partnership.two_tier) (the rule applies unless the description says otherwise)")
    assert silent.detail in silent.message
    met = one_rule(DISTRICTS, "board: {members: [{body: district_council}]}\n")
    assert met.outcome == "met" and "the rule applies unless" not in met.detail


def test_a_scope_condition_not_given_means_the_rule_does_not_apply():
    assert one_rule(DISTRICTS, "partnership: {name: Larkmere LSCB}\n", scope=True).outcome == "not_applicable"
    death_reviews = load_ruleset("wt2018").rule("WT18-REV-005")
    assert death_reviews.condition_is_scope is True
    assert one_rule(death_reviews, "partnership: {name: Kestrelford SCP}\n").outcome == "not_applicable"
    assert one_rule(death_reviews, "child_death_review: {area: Kestrelford}\n").outcome == "gap"
    panel_only = one_rule(death_reviews, "child_death_review: {panel: The panel reviews every death.}\n")
    assert panel_only.outcome == "judge" and "a person judges whether the panel's work includes the analysis" \
        in panel_only.message


def test_only_scope_conditions_are_marked_so():
    scoped = sorted(rule.id for name in ("wt2010", "wt2013", "wt2015", "wt2018", "wt2023")
                    for rule in load_ruleset(name).rules if rule.condition_is_scope)
    assert scoped == ["WT10-REG-001", "WT13-REG-001", "WT15-REG-001", "WT18-REG-001", "WT18-REV-005", "WT18-REV-006",
                      "WT23-REG-001", "WT23-REV-005", "WT23-REV-006"]


def test_one_of_names_what_is_missing_and_what_is_not_allowed():
    spec = {"fn": "one_of", "path": "a.by", "values": ["chair", "board"]}
    assert run({"a": {"by": "chair"}}, spec).outcome == MET
    wrong = run({"a": {"by": "partners"}}, spec)
    assert (wrong.outcome, wrong.absent) == (GAP, ())
    blank = run({"a": {"by": " "}}, spec)
    assert (blank.outcome, blank.absent) == (GAP, ())
    assert (run({}, spec).outcome, run({}, spec).absent) == (GAP, ("a.by",))


def test_a_statement_with_only_blank_words_says_nothing():
    from wtcheck.core.checks import is_present

    assert not is_present({"summary": " ", "evidence": {"page": 3}})
    assert is_present({"summary": "Yes.", "evidence": {"page": 3}})


def test_at_most_a_number_not_given_is_a_gap_naming_it():
    missing = run({}, {"fn": "at_most", "path": "r.days", "max": 5})
    assert (missing.outcome, missing.detail, missing.absent) == (GAP, "missing r.days", ("r.days",))
    assert run({"r": {"days": "five"}}, {"fn": "at_most", "path": "r.days", "max": 5}).absent == ()


def test_a_findings_message_adds_the_detail_where_a_reader_acts_on_it():
    from wtcheck.core.engine import Finding
    from wtcheck.core.vocabulary import ADVISORY_NOTE

    rule = load_ruleset("wt2010").rule("WT10-PART-005")
    said = {outcome: Finding(rule, outcome, "the detail", (), 1, 1).message
            for outcome in ("met", "judge", "gap", "partial", "advisory", "not_applicable")}
    assert said["met"] == rule.message
    assert all(said[outcome] == f"{rule.message} (the detail)" for outcome in ("judge", "gap", "partial"))
    assert said["advisory"] == f"{rule.message} (the detail) {ADVISORY_NOTE}"
    assert ADVISORY_NOTE not in said["gap"] and said["not_applicable"] == f"Not applicable: {rule.not_applicable}"


def test_a_departure_is_named_only_on_a_departure():
    from wtcheck.core.engine import Finding

    rule = load_ruleset("wt2018").rule("WT18-REV-002")
    recorded = {"justification": "a local review panel meets weekly"}
    assert Finding(rule, "departure", "", (), 1, 1, departure=recorded).message.endswith(
        "[departure recorded: a local review panel meets weekly]")
    assert "departure recorded" not in Finding(rule, "gap", "", (), 1, 1, departure=recorded).message
    assert "departure recorded" not in Finding(rule, "departure", "", (), 1, 1).message


def test_a_finding_shows_the_nearest_evidence_each_once():
    text = ("arrangements:\n  evidence: {page: 4}\n  how_partners_work_together: They meet monthly.\n"
            "safeguarding_partners:\n"
            "  - {partner: local_authority, organisation: A, evidence: {page: 5}}\n"
            "  - {partner: ccg, organisation: B, evidence: {page: 5}}\n"
            "  - {partner: police, organisation: C}\n")
    ruleset = load_ruleset("wt2018")
    document = load_bytes(text.encode(), "t.yaml")
    single = lambda rule_id: type(ruleset)(**{**ruleset.__dict__, "rules": (ruleset.rule(rule_id),)})  # noqa: E731
    (works,) = evaluate(single("WT18-PART-002"), document)
    assert works.evidence == ({"page": 4},)  # on the section, not the item
    (partners,) = evaluate(single("WT18-PART-001"), document)
    assert partners.evidence == ({"page": 5},)  # the same evidence on two items, shown once
    (links,) = evaluate(single("WT18-PART-004"), document)
    assert links.evidence == ()
