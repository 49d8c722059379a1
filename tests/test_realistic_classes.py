"""The classes of thing real published arrangements do again and again, each on a fictional
description, with the verdict a careful reading of the guidance gives: roles given by post or by an
organisation, a scrutineer whose name is not published, dates given as a month or a year on each
side of a deadline, a report spanning two financial years, a missing previous-report date, a chair
that rotates, an independent chair, and one person as chair and scrutineer."""

from __future__ import annotations

from typing import Any

import pytest

from wtcheck.core.ruleset import load_ruleset

from rule_cases import base, edited, finding


def verdict(name: str, rule_id: str, edits: list[dict[str, Any]], *, realistic: bool = True,
            include_unconfirmed: bool = False):
    """The finding of one rule on a base (the realistic one by default) with ``edits``."""
    document = edited(base(name, "realistic_base" if realistic else "base"), edits)
    return finding(name, load_ruleset(name).rule(rule_id), document, include_unconfirmed)


def s(path: str, value: Any) -> dict[str, Any]:
    return {"set": path, "value": value}


def d(path: str) -> dict[str, Any]:
    return {"delete": path}


# ------------------------------------------------------------------- posts and organisations

@pytest.mark.parametrize("name, rule_id", [("wt2023", "WT23-PART-005"), ("wt2023", "WT23-PART-006"),
                                           ("wt2018", "WT18-PART-003"), ("wt2010", "WT10-SCR-001"),
                                           ("wt2015", "WT15-SCR-001"), ("wt2015", "WT15-PRAC-008")])
def test_a_post_holds_a_role_as_well_as_a_name(name, rule_id):
    assert verdict(name, rule_id, []).outcome == "met"


def test_leads_given_by_post_on_the_complete_sample_meet_the_lead_partner_rule():
    posts = [s(f"safeguarding_partners.{index}.lead", {"title": title})
             for index, title in enumerate(["Chief Executive", "Chief Executive", "Chief Constable"])]
    assert verdict("wt2023", "WT23-PART-005", posts, realistic=False).outcome == "met"
    held_by_nobody = verdict("wt2023", "WT23-PART-005", [s("safeguarding_partners.2.lead", {})], realistic=False)
    assert (held_by_nobody.outcome, held_by_nobody.detail) == (
        "partial", "missing the lead safeguarding partner (lead) for partner: police")


@pytest.mark.parametrize("name, rule_id", [("wt2018", "WT18-SCR-001"), ("wt2023", "WT23-SCR-001")])
def test_an_organisation_as_scrutineer_meets_the_independent_scrutiny_must(name, rule_id):
    assert verdict(name, rule_id, []).outcome == "met"


def test_a_scrutineer_whose_name_is_not_published_meets_it_and_no_scrutineer_is_a_must_gap():
    unnamed = verdict("wt2018", "WT18-SCR-001", [s("independent_scrutiny.scrutineer", {"name_published": False})])
    assert unnamed.outcome == "met"
    nobody = verdict("wt2018", "WT18-SCR-001", [s("independent_scrutiny.scrutineer", {})])
    assert nobody.outcome == "partial" and nobody.fails("must")
    assert "give a name, a post (title) or an organisation" in nobody.detail


# ------------------------------------------------------------------- dates as precise as the document

@pytest.mark.parametrize("first, outcome", [("2019-05", "met"), ("2019-07", "gap"), ("2019-06", "judge"),
                                            (2018, "met"), (2020, "gap"), (2019, "judge"), ("2019", "judge")])
def test_a_month_or_a_year_on_each_side_of_the_2019_publication_deadline(first, outcome):
    found = verdict("wt2018", "WT18-PUB-002", [s("arrangements.first_published", first)])
    assert found.outcome == outcome
    if outcome == "judge":
        precision = "month" if "-" in str(first) else "year"
        assert found.detail == (f"the date the partners first published arrangements (arrangements.first_published) {first} "
                                f"may be after 2019-06-29: "
                                f"the document gives only the {precision}")
        assert found.detail in found.message


@pytest.mark.parametrize("updated, outcome", [("2024-11", "met"), ("2025-01", "gap"), (2024, "met"), (2025, "gap"),
                                              ("2023-12", "judge"), (2023, "judge")])
def test_a_month_or_a_year_against_the_december_2024_update(updated, outcome):
    edits = [s("arrangements.updated_for_2023", updated), s("arrangements.published", "2025-03")]
    assert verdict("wt2023", "WT23-PUB-005", edits).outcome == outcome


@pytest.mark.parametrize("implemented, outcome", [("2019-08", "met"), ("2019-10", "gap"), ("2019-09", "judge")])
def test_a_month_only_implementation_date(implemented, outcome):
    edits = [s("arrangements.first_published", "2019-06-21"), s("arrangements.implemented", implemented)]
    assert verdict("wt2018", "WT18-PUB-003", edits).outcome == outcome


@pytest.mark.parametrize("published, outcome", [("2021-08", "met"), ("2021-10", "gap"), ("2021-09", "judge")])
def test_month_only_yearly_report_dates(published, outcome):
    found = verdict("wt2018", "WT18-REP-004", [s("annual_report.published", published)])
    assert found.outcome == outcome
    if outcome == "judge":
        assert ("may be more than 12 months after the date the previous report was published "
                "(annual_report.previous_published) 2020-09") in found.detail


def test_a_financial_year_given_as_months_meets_it_and_as_years_needs_a_person():
    months = verdict("wt2013", "WT13-REP-009", [s("annual_report.period", {"start": "2013-04", "end": "2014-03"})])
    assert months.outcome == "met"
    years = verdict("wt2013", "WT13-REP-009", [s("annual_report.period", {"start": 2013, "end": 2014})])
    assert years.outcome == "judge" and "the document gives only the year" in years.detail


@pytest.mark.parametrize("name, rule_id", [("wt2018", "WT18-REP-003"), ("wt2023", "WT23-REP-003")])
def test_a_report_spanning_two_financial_years_is_advisory_and_never_fails_by_default(name, rule_id):
    two_years = [s("annual_report.period", {"start": "2022-04", "end": "2023-09"})]
    found = verdict(name, rule_id, two_years)
    assert found.outcome == "advisory" and not found.fails("should")
    assert verdict(name, rule_id, two_years, include_unconfirmed=True).outcome == "gap"


# ------------------------------------------------------------------- missing data is a gap

@pytest.mark.parametrize("name, rule_id", [("wt2018", "WT18-REP-004"), ("wt2023", "WT23-REP-004")])
def test_a_missing_previous_report_date_is_a_must_gap_naming_first_report(name, rule_id):
    found = verdict(name, rule_id, [d("annual_report.previous_published")])
    assert found.outcome == "gap" and found.fails("must")
    assert ("missing whether this is the first report (annual_report.first_report) "
            "(the rule applies unless the description says otherwise)") in found.detail


def test_a_missing_previous_report_date_is_advisory_for_an_lscb():
    assert verdict("wt2010", "WT10-REP-003", [d("annual_report.previous_published")]).outcome == "advisory"


def test_a_first_report_stated_is_not_applicable():
    edits = [d("annual_report.previous_published"), s("annual_report.first_report", True)]
    assert verdict("wt2018", "WT18-REP-004", edits).outcome == "not_applicable"


def test_tiers_not_stated_is_a_gap_and_a_unitary_area_not_applicable():
    silent = verdict("wt2010", "WT10-PART-005", [d("partnership.two_tier"), d("board.members.1")])
    assert silent.outcome == "gap" and "(partnership.two_tier) (the rule applies unless" in silent.detail
    unitary = verdict("wt2010", "WT10-PART-005", [s("partnership.two_tier", False), d("board.members.1")])
    assert unitary.outcome == "not_applicable"


def test_no_secure_estate_stated_is_not_applicable_and_unstated_is_a_gap():
    none = [s("partnership.secure_establishments", []), d("board.members.9")]
    assert verdict("wt2013", "WT13-PART-006", none).outcome == "not_applicable"
    unstated = verdict("wt2013", "WT13-PART-006", [d("partnership.secure_establishments"), d("board.members.9")])
    assert unstated.outcome == "gap" and "(partnership.secure_establishments) (the rule applies unless" in unstated.detail


# ------------------------------------------------------------------- the roles real partnerships use

def test_a_rotating_chair_named_by_its_rota_meets_the_partnership_chair_rule():
    rota = {"rotating": True, "rotation": {"cycle_months": 24, "order": ["local_authority", "police", "icb"]},
            "agreed_by_partners": True}
    assert verdict("wt2023", "WT23-SCR-004", [s("chair", rota)]).outcome == "met"
    assert verdict("wt2023", "WT23-SCR-004", []).outcome == "met"  # the current holder by post


def test_an_independent_chair_meets_the_2023_partnership_chair_rule():
    independent = {"title": "Independent Chair", "independent": True, "agreed_by_partners": True}
    assert verdict("wt2023", "WT23-SCR-004", [s("chair", independent)]).outcome == "met"


def test_one_person_stated_as_chair_and_scrutineer_meets_independent_scrutiny():
    both = [d("independent_scrutiny.scrutineer"),
            s("chair", {"title": "Independent Chair and Scrutineer", "independent": True, "also_scrutineer": True})]
    assert verdict("wt2018", "WT18-SCR-001", both).outcome == "met"
    not_said = [d("independent_scrutiny.scrutineer"), s("chair", {"title": "Independent Chair", "independent": True})]
    assert verdict("wt2018", "WT18-SCR-001", not_said).outcome == "partial"


def test_one_person_as_chair_and_scrutineer_in_2023_is_for_a_person_to_judge():
    stated = [s("chair.also_scrutineer", True)]
    assert verdict("wt2023", "WT23-SCR-005", stated).outcome == "judge"
    unexplained = [s("chair.also_scrutineer", True), d("independent_scrutiny.relationship_to_chair")]
    assert verdict("wt2023", "WT23-SCR-005", unexplained).outcome == "advisory"


def test_equal_names_of_chair_and_scrutineer_are_not_read_as_one_person():
    same = [s("chair.name", "Gus Example")]  # the complete sample's scrutineer is Gus Example
    assert verdict("wt2023", "WT23-SCR-005", same, realistic=False).outcome == "judge"


def test_a_report_signed_off_by_the_delegated_partners_is_for_a_person_to_judge():
    found = verdict("wt2023", "WT23-REP-007", [])
    assert found.outcome == "judge" and "signed off by the delegated safeguarding partners" in found.detail
    assert verdict("wt2023", "WT23-REP-007", [d("annual_report.signed_off_by_delegates")]).outcome == "partial"


def test_a_report_the_board_published_with_the_chairs_foreword_is_for_a_person_to_judge():
    assert verdict("wt2013", "WT13-REP-008", []).outcome == "judge"
    assert verdict("wt2013", "WT13-REP-008", [d("annual_report.endorsed_by")]).outcome == "gap"


def test_an_executive_shared_with_another_partnership_changes_no_verdict():
    ruleset = load_ruleset("wt2023")
    with_it, without = base("wt2023", "realistic_base"), edited(base("wt2023", "realistic_base"),
                                                                 [d("partnership.shared_executive")])
    assert [finding("wt2023", rule, with_it).outcome for rule in ruleset.rules] == \
           [finding("wt2023", rule, without).outcome for rule in ruleset.rules]
