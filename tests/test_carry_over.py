"""``carry_over``: how sure wtcheck is, at most, of what an edition inherits when its text was not read."""

from __future__ import annotations

import shutil

import pytest
import yaml

from wtcheck.core import resources
from wtcheck.core.editions import editions
from wtcheck.core.errors import WtcheckError
from wtcheck.core.ruleset import load_ruleset
from wtcheck.models.diff import compare, editions_model

from conftest import ROOT

BECAUSE = "Believed carried over into the 2099 edition, whose text was not read, so this is not confirmed."


def _write(folder, newest, carry_over, change=None):
    chapters = sorted({rule.citation["chapter"] for rule in load_ruleset(newest.ruleset).rules
                       if "chapter" in rule.citation})
    header = {
        "ruleset": "wt2099", "edition": "2099", "prefix": "WT99", "title": "Working Together to Safeguard Children 2099",
        "era": newest.era, "extends": newest.ruleset, "replaces": newest.name,
        "published": {"date": "2098-12-01", "confidence": "unconfirmed", "source": "a test"},
        "in_force": {"date": "2099-01-01", "confidence": "unconfirmed", "source": "a test"},
        "recite": {"chapters": {chapter: chapter for chapter in chapters}},
        "carry_over": carry_over,
        **({"change": change} if change else {}),
        "rules": [],
    }
    (folder / "wt2099.yaml").write_text(yaml.safe_dump(header, sort_keys=False))
    resources.reset()


@pytest.fixture
def parent(tmp_path):
    """The newest bundled ruleset, and a folder of the bundled rulesets in use, where wt2099 is written."""
    folder = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", folder)
    resources.use("rulesets", folder)
    newest = list(editions().values())[-1]
    yield newest, folder
    resources.use("rulesets", None)


def _by_confidence(ruleset, confidence):
    return [rule for rule in ruleset.rules if rule.confidence == confidence]


def test_every_surer_inherited_rule_is_lowered_with_the_reason(parent):
    newest, folder = parent
    before = load_ruleset(newest.ruleset)
    surer = [rule for rule in before.rules if rule.confidence != "unconfirmed"]
    kept = surer[0]
    _write(folder, newest, {"confidence": "unconfirmed", "because": BECAUSE, "source": "a test",
                            "except": {kept.id: "rests on statute"}})
    after = load_ruleset("wt2099")
    for rule in before.rules:
        inherited = after.rule("WT99" + rule.id[4:])
        if rule.id == kept.id:
            assert inherited.confidence == rule.confidence and inherited.why == rule.why
        elif rule.confidence == "unconfirmed":
            assert inherited.why == rule.why, "a rule already unconfirmed is left as it was"
        else:
            assert inherited.confidence == "unconfirmed"
            assert inherited.why == f"{rule.why.rstrip()} {BECAUSE}"
    assert set(after.changed) == {rule.id for rule in surer if rule.id != kept.id}
    assert all(note == BECAUSE for note in after.changed.values())


def test_a_cap_at_secondary_lowers_only_primary_rules(parent):
    newest, folder = parent
    before = load_ruleset(newest.ruleset)
    _write(folder, newest, {"confidence": "secondary", "because": BECAUSE, "source": "a test"})
    after = load_ruleset("wt2099")
    assert not _by_confidence(after, "primary")
    assert len(_by_confidence(after, "unconfirmed")) == len(_by_confidence(before, "unconfirmed"))
    assert len(_by_confidence(after, "secondary")) == len(before.rules) - len(_by_confidence(before, "unconfirmed"))


def test_a_change_that_sets_the_confidence_wins_and_both_reasons_are_kept(parent):
    newest, folder = parent
    before = load_ruleset(newest.ruleset)
    primary = next(rule for rule in before.rules if rule.confidence == "primary")
    other = next(rule for rule in before.rules if rule.confidence == "secondary")
    _write(folder, newest, {"confidence": "unconfirmed", "because": BECAUSE, "source": "a test"},
           change={primary.id: {"because": "Read in the 2099 text.", "confidence": "primary"},
                   other.id: {"because": "Reworded.", "title": "A new title"}})
    after = load_ruleset("wt2099")
    assert after.rule("WT99" + primary.id[4:]).confidence == "primary"
    assert after.changed[primary.id] == "Read in the 2099 text."
    assert after.rule("WT99" + other.id[4:]).confidence == "unconfirmed"
    assert after.changed[other.id] == f"Reworded. {BECAUSE}"


def test_an_exception_must_name_a_rule_of_the_parent(parent):
    newest, folder = parent
    _write(folder, newest, {"confidence": "unconfirmed", "because": BECAUSE, "source": "a test",
                            "except": {"WT23-PART-999": "no such rule"}})
    with pytest.raises(WtcheckError, match="WT23-PART-999 is not a rule of"):
        load_ruleset("wt2099")


def test_the_diff_names_each_lowered_rule_and_why(parent):
    newest, folder = parent
    _write(folder, newest, {"confidence": "unconfirmed", "because": BECAUSE, "source": "a test"})
    model = editions_model(compare(newest.name, "2099"))
    lowered = [entry for entry in model["changed"] if "confidence" in entry["fields"]]
    assert lowered and all(entry["new"]["confidence"] == "unconfirmed" for entry in lowered)
    assert all(entry["notes"] == [f"2099: {BECAUSE}"] for entry in lowered)
