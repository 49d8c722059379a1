"""``wtcheck rules``, ``wtcheck explain`` and ``wtcheck diff`` as a user runs them."""

from __future__ import annotations

import json

import pytest
import yaml

from wtcheck.core.loading import load_bytes
from wtcheck.core.ruleset import load_ruleset
from wtcheck.core.schema import validate_document

from conftest import SAMPLES

EDITIONS = ["2010", "2013", "2015", "2018", "2023"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_rules_json_covers_the_categories_with_citations_and_confidence(wtcheck, edition):
    run = wtcheck("rules", "--edition", edition, "--format", "json")
    assert run.code == 0, run.err
    (ruleset,) = json.loads(run.out)["rulesets"]
    rules = ruleset["rules"]
    categories = {rule["category"] for rule in rules}
    wanted = {"partners", "scrutiny", "funding", "annual_report"}
    if edition in ("2018", "2023"):
        wanted.add("relevant_agencies")
    assert wanted <= categories
    for rule in rules:
        assert {"id", "slug", "level", "category", "title", "citation", "confidence"} <= set(rule)
        assert rule["citation"]["edition"] == edition and rule["citation"]["source"]
        assert rule["confidence"] in ("primary", "secondary", "unconfirmed")
    assert len(rules) == len(load_ruleset(f"wt{edition}").rules)


def test_rules_text_lists_every_edition_with_all(wtcheck):
    run = wtcheck("rules", "--edition", "all")  # by default, only the edition in force today (test_default_edition)
    assert run.code == 0
    for edition in EDITIONS:
        for rule in load_ruleset(f"wt{edition}").rules:
            assert rule.id in run.out
    assert ('Working Together to Safeguard Children 2010, chapter 3 "Local Safeguarding Children Boards", '
            'section "Chair", paragraph 3.109') in run.out
    for internal in ("seed 0", "research/", "CATALOGUE", "confirmations.md", ".md "):
        assert internal not in run.out, "citations name only public sources"


def test_explain_prints_rule_citation_confidence_why_and_a_valid_example(wtcheck):
    run = wtcheck("explain", "wt23-scr-004")
    assert run.code == 0
    out = run.out
    assert out.startswith("WT23-SCR-004 (partnership-chair): The arrangements say who chairs the partnership")
    for part in ("Confidence: secondary", "Citation:", "Partnership chair", "Why it matters", "A description that meets it"):
        assert part in out
    example = out.split("A description that meets it\n", 1)[1]
    snippet = "\n".join(line[2:] for line in example.splitlines())
    assert validate_document(load_bytes(snippet.encode(), "example.yaml")) == []
    assert yaml.safe_load(snippet)["chair"]["agreed_by_partners"] is True


def test_explain_says_an_unconfirmed_rule_is_advisory(wtcheck):
    out = wtcheck("explain", "WT15-REP-013").out
    assert "Confidence: unconfirmed" in out and "advisory" in out and "--include-unconfirmed" in out


def test_explain_json(wtcheck):
    data = json.loads(wtcheck("explain", "WT10-SCR-005", "--format", "json").out)
    assert data["edition"] == "2010" and data["rule"]["citation"]["paragraph"] == "3.109"


def test_explain_unknown_rule_is_exit_2_with_a_suggestion(wtcheck):
    run = wtcheck("explain", "WT23-SCR-040")
    assert run.code == 2
    assert run.err.strip().startswith("wtcheck: unknown rule 'WT23-SCR-040'; did you mean WT23-SCR-004")
    assert "Traceback" not in run.err
    assert "wtcheck rules" in wtcheck("explain", "nothing-like-it").err


def test_diff_2018_2023_names_what_changed(wtcheck):
    run = wtcheck("diff", "2018", "2023")
    assert run.code == 0
    out = run.out.lower()
    for phrase in ("lead safeguarding partner", "delegated safeguarding partner", "partnership chair",
                   "scrutiny functions", "taking part in strategic decisions",
                   "vcse organisations", "sports clubs", "shared annual budget is agreed and signed off",
                   "31 december 2024"):
        assert phrase in out, phrase
    assert "WT18-PART-003" in run.out.split("Removed")[1] and "Replaced by lead and delegated" in run.out


def test_diff_json_lists_added_removed_and_changed(wtcheck):
    data = json.loads(wtcheck("diff", "2018", "2023", "--format", "json").out)
    assert data["related"] is True
    added = {entry["new"]["id"] for entry in data["added"]}
    assert {"WT23-PART-005", "WT23-PART-006", "WT23-SCR-004", "WT23-SCR-006", "WT23-RA-006", "WT23-RA-007",
            "WT23-FUND-005", "WT23-PUB-005"} <= added
    assert {entry["old"]["id"] for entry in data["removed"]} == {"WT18-PART-003", "WT18-PUB-002", "WT18-PUB-003"}
    changed = {entry["old"]["id"]: entry for entry in data["changed"]}
    assert "check" in changed["WT18-PART-001"]["fields"] and changed["WT18-PART-001"]["notes"]
    total = len(load_ruleset("wt2023").rules)
    assert len(data["added"]) + len(data["changed"]) + data["unchanged"] == total


def test_diff_along_a_chain_of_editions(wtcheck):
    data = json.loads(wtcheck("diff", "2010", "2015", "--format", "json").out)
    removed = {entry["old"]["id"]: entry for entry in data["removed"]}
    assert "WT10-PART-004" in removed and removed["WT10-PART-004"]["notes"][0].startswith("2013: Connexions")
    since = {entry["new"]["id"]: entry["since"] for entry in data["added"]}
    assert since["WT15-PART-012"] == "2013" and since["WT15-REV-003"] == "2015"
    changed = {entry["old"]["id"]: entry for entry in data["changed"]}
    assert "WT10-PART-003" in changed and "WT10-PART-002" in changed


def test_diff_across_the_move_to_safeguarding_partners(wtcheck):
    run = wtcheck("diff", "2015", "2018")
    assert run.code == 0 and "no rule carries over" in run.out
    data = json.loads(wtcheck("diff", "2015", "2018", "--format", "json").out)
    assert data["related"] is False and not data["changed"]
    assert len(data["removed"]) == len(load_ruleset("wt2015").rules)
    assert len(data["added"]) == len(load_ruleset("wt2018").rules)


@pytest.mark.parametrize("args", [("2023", "2018"), ("2018", "2018")])
def test_diff_wants_two_editions_older_first(wtcheck, args):
    run = wtcheck("diff", *args)
    assert run.code == 2 and "the older first" in run.err


def test_diff_with_a_file_lists_what_a_2018_partnership_must_add(wtcheck):
    run = wtcheck("diff", "2018", "2023", "samples/2018-complete.yaml")
    assert run.code == 1
    lines = run.out.splitlines()
    assert any(line.startswith("samples/2018-complete.yaml:") and "WT23-PART-001 must" in line
               and line.endswith("[changed in 2023]") for line in lines)
    assert any("WT23-SCR-004 should" in line and line.endswith("[added in 2023]") for line in lines)
    assert not any("WT23-PART-002" in line for line in lines)
    assert "0 more it has against both" in lines[-1]
    assert wtcheck("diff", "2018", "2023", "samples/2018-complete.yaml", "--fail-on", "none").code == 0


def test_diff_with_a_file_keeps_old_gaps_apart(wtcheck):
    data = json.loads(wtcheck("diff", "2018", "2023", "samples/2018-gaps.yaml", "--format", "json").out)
    kept = {entry["id"] for entry in data["kept_gaps"]}
    new = {entry["id"] for entry in data["new_gaps"]}
    assert kept and new and not kept & new
    assert all(entry["why_new"] in ("added in 2023", "changed in 2023") for entry in data["new_gaps"])
    assert data["exit_code"] == 1


def test_diff_with_a_file_that_meets_the_newer_edition(wtcheck):
    run = wtcheck("diff", "2018", "2023", "samples/2023-complete.yaml")
    assert run.code == 0 and "0 gap(s) to close" in run.out


def test_diff_with_a_file_across_eras_lists_every_gap(wtcheck):
    run = wtcheck("diff", "2015", "2018", "samples/2015-complete.yaml", "--format", "json")
    data = json.loads(run.out)
    assert run.code == 1 and data["new_gaps"] and not data["kept_gaps"]


def test_diff_with_a_bad_file_is_exit_2(wtcheck, tmp_path):
    (tmp_path / "bad.yaml").write_text("partnership:\n  nmae: X\n")
    run = wtcheck("diff", "2018", "2023", "bad.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.out.splitlines()[0].startswith("bad.yaml:2:3: error: unknown key 'nmae'")
    assert wtcheck("diff", "2018", "2023", "missing.yaml", cwd=tmp_path).code == 2


def test_diff_sample_paths_exist():
    assert (SAMPLES / "2018-gaps.yaml").is_file()


def test_diff_with_a_file_names_the_edition_each_change_came_from(wtcheck):
    run = wtcheck("diff", "2010", "2015", "samples/2010-complete.yaml")
    lines = run.out.splitlines()
    assert any("WT15-PART-012 should" in line and line.endswith("[added in 2013]") for line in lines), run.out
    assert any("WT15-REV-003 should" in line and line.endswith("[added in 2015]") for line in lines)
    data = json.loads(wtcheck("diff", "2010", "2015", "samples/2010-complete.yaml", "--format", "json").out)
    why = {entry["id"]: entry["why_new"] for entry in data["new_gaps"]}
    changed = {entry["new"]["id"]: entry["since"] for entry in data["changed"]}
    for rule_id, reason in why.items():
        if reason.startswith("changed"):
            assert reason == f"changed in {changed[rule_id]}"


def test_diff_with_a_file_applies_recorded_departures(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2018-complete.yaml").read_text())
    before = wtcheck("diff", "2018", "2023", "arrangements.yaml", cwd=tmp_path)
    assert "WT23-SCR-004 should" in before.out
    (tmp_path / "wtcheck-departures.yaml").write_text(
        "departures:\n  WT23-SCR-004:\n    reason: The partners chair in turn.\n    agreed_by: The executive\n"
        "    agreed_on: 2024-01-01\n    review_by: 2099-01-01\n    expires: 2099-12-31\n")
    after = wtcheck("diff", "2018", "2023", "arrangements.yaml", cwd=tmp_path)
    assert "WT23-SCR-004" not in after.out, after.out


@pytest.mark.parametrize("name", ["partnership-chair", "PARTNERSHIP-CHAIR", "wt23-scr-004"])
def test_explain_by_slug_or_id_in_any_case(wtcheck, name):
    run = wtcheck("explain", name, "--edition", "2023")  # the 2026 edition shares the slug
    assert run.code == 0 and run.out.startswith("WT23-SCR-004 (partnership-chair)")


def test_explain_suggests_close_slugs_and_asks_which_edition_for_a_shared_slug(wtcheck):
    typo = wtcheck("explain", "partnersip-chair")
    assert typo.code == 2 and "did you mean partnership-chair" in typo.err
    shared = load_ruleset("wt2015").rules[0].slug
    run = wtcheck("explain", shared)
    assert run.code == 2 and "--edition" in run.err and "WT15-" in run.err
    chosen = wtcheck("explain", shared, "--edition", "2015")
    assert chosen.code == 0 and chosen.out.startswith(load_ruleset("wt2015").rules[0].id)
