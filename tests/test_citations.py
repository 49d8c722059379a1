"""Citations as readers see them: public sources from ``rulesets/sources.yaml``, worded in one
place (:mod:`wtcheck.core.citations`), honest about secondary and unconfirmed evidence; and the
levels and confidences the second review corrected."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from wtcheck.core.citations import sources
from wtcheck.core.errors import WtcheckError
from wtcheck.core.ruleset import load_ruleset, ruleset_names
from wtcheck.formats.citations import citation_segments, citation_text, guidance_reference

from conftest import ROOT

INTERNAL = re.compile(r"seed \d|seeds/|research/|CATALOGUE|catalogue|confirmations|\.md\b|\bitem \d|"
                      r"\bD\.\d|\bU-\d\d|20\d\d-[A-Z]{2}-\d\d|law firm's summary", re.IGNORECASE)
"""What names the project's own files or research items, which readers cannot look up."""


def all_rules():
    return [rule for name in ruleset_names() for rule in load_ruleset(name).rules]


def raw_rulesets():
    return {name: yaml.safe_load((ROOT / "rulesets" / f"{name}.yaml").read_text()) for name in ruleset_names()}


def test_the_source_table_is_valid_and_every_source_is_cited():
    schema = json.loads((ROOT / "schemas" / "sources.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(yaml.safe_load((ROOT / "rulesets" / "sources.yaml").read_text()))
    cited = {item["source"] for rule in all_rules() for item in rule.citation["basis"] if "source" in item}
    assert cited == set(sources()), "every source is cited, and every cited source is in the table"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.id)
def test_what_readers_see_names_only_public_sources(rule):
    shown = [rule.title, rule.message, rule.why, rule.not_applicable or "", citation_text(rule.citation)]
    assert [text for text in shown if INTERNAL.search(text)] == []
    assert rule.citation["source"], "the research trace stays in the data"


def test_reasons_for_removals_and_changes_name_only_public_sources():
    for data in raw_rulesets().values():
        texts = list((data.get("remove") or {}).values())
        texts += [change.get(field, "") for change in (data.get("change") or {}).values()
                  for field in ("because", "title", "message", "why")]
        assert [text for text in texts if INTERNAL.search(text)] == []


def test_source_titles_are_public():
    for key, source in sources().items():
        assert not INTERNAL.search(source["title"]), key
        assert "url" not in source or source["url"].startswith(("https://", "http://")), key


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.id)
def test_secondary_and_unconfirmed_evidence_reads_as_such(rule):
    segments = citation_segments(rule.citation)
    assert segments[0][0].endswith(". ") and segments[1] == ("Sources: ", None) and segments[-1] == (".", None)
    items = segments[2:-1:2]
    assert segments[3:-1:2] == [("; ", None)] * (len(items) - 1) and len(items) == len(rule.citation["basis"])
    for item, (text, address) in zip(rule.citation["basis"], items, strict=True):
        if "title" not in item:
            assert text == "not confirmed: " + item["note"] and address is None
        elif item["kind"] in ("quotation", "paraphrase"):
            assert text.startswith("secondary: " + item["title"]) and address == item.get("url")
        else:
            assert text.startswith(item["title"]) and address == item.get("url")
    if rule.confidence == "unconfirmed" and not rule.citation.get("carried_from"):
        assert any("title" not in item for item in rule.citation["basis"]), "an unconfirmed rule says what is not"


def test_a_citation_in_words():
    rule = load_ruleset("wt2018").rule("WT18-RA-004")
    text = citation_text(rule.citation)
    assert text.startswith('Working Together to Safeguard Children 2018, chapter 3 "Multi-agency safeguarding '
                           'arrangements", section "Publication of arrangements", page 78-79. Sources: secondary: '
                           "the 2018 guidance's list of what published arrangements set out (pages 78-79), as "
                           "quoted by Bevan Brittan LLP (2019)")
    assert "<https://www.bevanbrittan.com/" in text and text.endswith(".")
    carried = load_ruleset("wt2023").rule("WT23-PART-002").citation
    assert "(carried over from the 2018 edition). Sources: Children Act 2004, section 16E(1)-(2) " \
           "<https://www.legislation.gov.uk/ukpga/2004/31>" in citation_text(carried)


def test_a_citation_without_a_chapter_shows_none():
    rule = load_ruleset("wt2015").rule("WT15-PRAC-011")
    assert "chapter" not in rule.citation
    assert guidance_reference(rule.citation) == 'Working Together to Safeguard Children 2015, section "Channel panels"'


def test_an_unknown_source_key_is_a_located_error(edited_ruleset):
    text = edited_ruleset(("wt2018",), "wt2018", "- {source: islington-partners}", "- {source: islingtn}")
    with pytest.raises(WtcheckError, match="source 'islingtn' is not in rulesets/sources.yaml") as caught:
        load_ruleset("wt2018")
    assert caught.value.line == text.splitlines().index("        - {source: islingtn}") + 1


TITLE_STARTS = ("The arrangements", "The arrangements'", "The board's listed members", "Each agency member listed",
                "The board's procedures", "The annual report", "The yearly report", "The threshold document",
                "The relevant agencies listed", "At least one", "In a two-tier area", "Where ")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.id)
def test_titles_say_what_the_description_shows(rule):
    """A title names what the check looks for in the description (the arrangements state, name,
    describe; the report's listed contents include ...), not a fact about practice."""
    assert rule.title.startswith(TITLE_STARTS), rule.title


CORRECTED = {
    # rule id: (level, confidence)
    "WT10-REP-002": ("should", "unconfirmed"), "WT10-REP-003": ("should", "unconfirmed"),
    "WT13-REP-003": ("should", "unconfirmed"), "WT15-REP-003": ("should", "unconfirmed"),
    "WT10-PART-004": ("must", "unconfirmed"),
    "WT18-SCR-001": ("must", "secondary"), "WT23-SCR-001": ("must", "secondary"),
    "WT18-REP-001": ("must", "secondary"), "WT18-REP-002": ("must", "secondary"),
    "WT23-RA-001": ("should", "secondary"), "WT23-RA-003": ("should", "secondary"),
    "WT18-REP-003": ("should", "unconfirmed"), "WT23-REP-003": ("should", "unconfirmed"),
    "WT15-PRAC-011": ("should", "unconfirmed"),
}


def test_levels_and_confidences_follow_the_catalogue():
    rules = {rule.id: rule for rule in all_rules()}
    assert {rule_id: (rules[rule_id].level, rules[rule_id].confidence) for rule_id in CORRECTED} == CORRECTED
    assert "WT13-REP-002" not in rules and "WT13-REP-009" in load_ruleset("wt2013").removed["WT10-REP-002"]
    assert "page" not in rules["WT18-FUND-001"].citation
    assert "12-month period" in rules["WT23-REP-003"].why and "WT23-REP-004" in rules["WT23-REP-003"].why
    assert "chapter" not in rules["WT15-PRAC-010"].citation
