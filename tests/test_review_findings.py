"""The domain review's findings (rules-review-2026-12, #1 to #30), one test each for what was fixed,
and for what was kept, a test that it stays as decided."""

from __future__ import annotations

from typing import Any

import pytest

from wtcheck.core.ruleset import load_ruleset
from wtcheck.formats.citations import guidance_reference

from rule_cases import base, edited, finding


def rule(rule_id: str):
    name = {"WT10": "wt2010", "WT13": "wt2013", "WT15": "wt2015", "WT18": "wt2018", "WT23": "wt2023"}[rule_id[:4]]
    return name, load_ruleset(name).rule(rule_id)


def outcome(rule_id: str, edits: list[dict[str, Any]], which: str = "base") -> str:
    name, found = rule(rule_id)
    return finding(name, found, edited(base(name, which), edits)).outcome


def s(path: str, value: Any) -> dict[str, Any]:
    return {"set": path, "value": value}


def d(path: str) -> dict[str, Any]:
    return {"delete": path}


def test_1_identifying_and_reviewing_serious_cases_is_a_must_from_2018():
    for rule_id in ("WT18-REV-004", "WT23-REV-004"):
        assert (rule(rule_id)[1].level, rule(rule_id)[1].confidence) == ("must", "primary")
        assert outcome(rule_id, [d("reviews.process")]) == "partial"
        assert outcome(rule_id, [d("reviews")]) == "gap"


def test_2_child_death_review_partners_arrangements_and_report_where_the_description_covers_them():
    for rule_id in ("WT18-REV-005", "WT18-REV-006", "WT23-REV-005", "WT23-REV-006"):
        assert rule(rule_id)[1].level == "must"
        assert outcome(rule_id, [d("child_death_review")]) == "not_applicable"
    assert outcome("WT18-REV-005", [d("child_death_review.analysis")]) == "judge"
    assert outcome("WT18-REV-006", [d("child_death_review.report.url")]) == "partial"
    assert rule("WT23-REV-005")[1].citation["chapter"] == "6 Child death reviews"


def test_3_the_2023_chair_need_not_come_from_a_partner():
    assert rule("WT23-SCR-004")[1].confidence == "secondary"
    assert outcome("WT23-SCR-004", [d("chair.from_partner"), s("chair.independent", True)]) == "met"


def test_4_chair_and_scrutineer_by_the_same_name_are_not_a_gap():
    assert rule("WT23-SCR-005")[1].confidence == "unconfirmed"
    assert outcome("WT23-SCR-005", [s("chair.name", "Gus Example")]) == "judge"


def test_5_vcse_organisations_or_sports_clubs_considered_is_enough():
    assert outcome("WT23-RA-007", [d("relevant_agencies.agencies.6")]) == "met"  # sport gone, vcse named
    assert outcome("WT23-RA-007", [d("relevant_agencies.agencies.6"), d("relevant_agencies.agencies.5"),
                                   s("relevant_agencies.vcse_and_sports_clubs", "Both were asked.")]) == "judge"


@pytest.mark.parametrize("rule_id", ["WT23-REP-003", "WT23-REP-005"])
def test_6_7_the_2023_period_and_the_four_items_are_unconfirmed(rule_id):
    assert rule(rule_id)[1].confidence == "unconfirmed"


def test_8_lay_members_are_secondary_in_2010_and_inherited_so():
    assert rule("WT10-PART-008")[1].confidence == "secondary"
    assert "WT10-PART-008" not in load_ruleset("wt2013").changed
    assert rule("WT13-PART-008")[1].confidence == "secondary"


def test_9_schools_are_apart_from_adult_services():
    assert outcome("WT10-PART-009", [d("board.members.12")]) == "met"   # schools gone: adult services met
    assert outcome("WT10-PART-013", [d("board.members.12")]) == "gap"
    assert (rule("WT10-PART-013")[1].level, rule("WT10-PART-013")[1].confidence) == ("should", "secondary")


def test_10_whistleblowing_stays_a_should_with_the_reason():
    kept = rule("WT15-PRAC-010")[1]
    assert kept.level == "should" and "not the board's" in kept.citation["source"]


def test_11_the_threshold_documents_contents():
    assert outcome("WT13-PRAC-012", [s("thresholds.covers", ["early_help"])]) == "advisory"
    assert rule("WT15-PRAC-012")[1].check["checks"][1]["values"][-1] == "disabled_children"


def test_12_13_28_pages_documents_and_sections_as_the_sources_give_them():
    assert rule("WT18-RA-002")[1].citation["page"] == "78-79"
    assert guidance_reference(rule("WT18-PUB-002")[1].citation).startswith(
        "Working Together: transitional guidance (published with Working Together to Safeguard Children 2018)")
    assert "section" not in rule("WT23-PUB-005")[1].citation


def test_14_the_2023_funding_change_does_not_claim_a_must():
    assert "must now be equitable" not in load_ruleset("wt2023").changed["WT18-FUND-002"]


@pytest.mark.parametrize("rule_id", ["WT23-PART-005", "WT23-PART-006", "WT10-PART-011"])
def test_15_17_18_rules_resting_on_partnerships_or_recommendations_are_secondary(rule_id):
    assert rule(rule_id)[1].confidence == "secondary"


def test_16_no_invented_three_contributors():
    one = [s("funding.contributions", [{"contributor": "Larkmere County Council", "kind": "other", "amount": 1}])]
    assert outcome("WT13-FUND-001", one) == "judge"


def test_19_child_death_review_chapters():
    assert rule("WT10-REV-002")[1].citation["chapter"] == "7"
    assert rule("WT13-REV-002")[1].citation["chapter"] == "5"


def test_20_the_challenge_and_the_recipient_apart():
    assert rule("WT10-REP-007")[1].confidence == "primary" and rule("WT10-REP-015")[1].confidence == "secondary"
    assert outcome("WT10-REP-007", [d("annual_report.sent_to")]) == "met"


def test_21_connexions_stays_advisory():
    assert rule("WT10-PART-004")[1].confidence == "unconfirmed"


def test_22_published_within_a_year_is_its_own_unconfirmed_rule():
    assert outcome("WT13-REP-009", [s("annual_report.published", "2015-06-30")]) == "met"
    assert outcome("WT13-REP-016", [s("annual_report.published", "2015-06-30")]) == "advisory"


def test_23_notifiable_incidents_go_to_ofsted_and_the_lscb():
    assert outcome("WT15-REV-003", [s("reviews.notification_recipients", ["ofsted"])]) == "partial"


def test_24_rapid_reviews_go_to_the_panel():
    assert outcome("WT18-REV-002", [s("reviews.rapid_review_sent_to_panel", False)]) == "partial"


def test_25_the_2018_period_is_a_should():
    assert rule("WT18-REP-003")[1].level == "should"


def test_26_any_one_link_still_meets_the_links_rule():
    links = [s("links", [{"board": "family_justice_board", "how": "The chair attends."}])]
    assert outcome("WT18-PART-004", links) == "met"


def test_27_relevant_agencies_may_contribute_nothing_if_that_is_said():
    none = [d("funding.contributions.3"), s("funding.relevant_agency_contributions", "None was asked of them.")]
    assert outcome("WT18-FUND-003", none) == "judge"


def test_29_foundations_or_the_department_for_education():
    dfe = [s("annual_report.sent_to.1.recipient", "department_for_education")]
    assert outcome("WT23-REP-006", dfe) == "met"


def test_30_an_experienced_designated_officer_meets_it():
    experienced = [d("designated_officer.qualified_social_worker"),
                   s("designated_officer.experienced_designated_officer", True)]
    assert outcome("WT15-PRAC-008", experienced) == "met"
