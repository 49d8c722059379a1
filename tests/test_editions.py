"""Which edition applies to a document, and the reason wtcheck gives for its choice."""

from __future__ import annotations

import json

import pytest

from wtcheck.core.editions import choose
from wtcheck.core.errors import WtcheckError

from conftest import SAMPLES


def lscb(published: str) -> dict:
    return {"partnership": {"kind": "lscb"}, "arrangements": {"published": published}}


def partnership(published: str) -> dict:
    return {"partnership": {"kind": "safeguarding_partnership"}, "arrangements": {"published": published}}


@pytest.mark.parametrize("document, edition", [
    (lscb("2010-03-17"), "2010"),
    (lscb("2013-04-14"), "2010"),
    (lscb("2013-04-15"), "2013"),
    (lscb("2015-03-25"), "2013"),
    (lscb("2015-03-26"), "2015"),
    (lscb("2019-03-15"), "2015"),
    (lscb("2020-01-10"), "2015"),
    (partnership("2018-03-01"), "2018"),
    (partnership("2019-06-21"), "2018"),
    (partnership("2023-12-14"), "2018"),
    (partnership("2023-12-15"), "2023"),
    (partnership("2025-03-31"), "2023"),
    ({"board": {"members": [{"body": "police"}]}, "annual_report": {"published": "2016-09-30"}}, "2015"),
    ({"safeguarding_partners": [{"partner": "police"}], "annual_report": {"published": "2021-09-30"}}, "2018"),
])
def test_edition_in_force_on_the_publication_date(document, edition):
    assert choose(document).edition.name == edition


def test_a_2019_lscb_gets_2015_and_is_told_why():
    reason = choose(lscb("2019-03-15")).reason
    assert "2019-03-15" in reason and "2015 edition" in reason
    assert "LSCBs kept their statutory functions" in reason and "29 September 2019" in reason


def test_a_2019_partnership_gets_2018_and_is_told_why():
    reason = choose(partnership("2019-06-21")).reason
    assert "2019-06-21" in reason and "2018 edition" in reason
    assert "29 June 2019" in reason and "29 September 2019" in reason


def test_an_lscb_after_the_transition_is_still_checked_against_2015():
    reason = choose(lscb("2020-01-10")).reason
    assert "after LSCBs had to give way" in reason and "2015 edition, the last for LSCBs" in reason


def test_2023_reason_mentions_the_december_2024_update():
    assert "31 December 2024" in choose(partnership("2024-06-01")).reason
    assert "December 2024" not in choose(partnership("2025-06-01")).reason


def test_a_transition_date_without_a_kind_asks_which_it_is():
    with pytest.raises(WtcheckError, match="partnership.kind"):
        choose({"arrangements": {"published": "2019-03-15"}})


def test_outside_the_transition_the_date_decides_the_era():
    assert choose({"arrangements": {"published": "2016-01-01"}}).edition.name == "2015"
    assert choose({"arrangements": {"published": "2020-01-01"}}).edition.name == "2018"


def test_before_2010_there_is_no_edition():
    with pytest.raises(WtcheckError, match="before the 2010 edition"):
        choose(lscb("2009-06-01"))


def test_a_named_edition_for_the_other_era_is_used_with_a_warning():
    choice = choose({**lscb("2016-01-01"), "edition": "2023"})
    assert choice.edition.name == "2023"
    assert "describes a Local Safeguarding Children Board" in choice.reason
    assert "will not fit" not in choose(lscb("2016-01-01"), "2015").reason


def test_the_cli_says_why_for_a_2019_lscb(wtcheck):
    run = wtcheck("validate", "samples/2015-gaps.yaml")
    summary = run.out.strip().splitlines()[-1]
    assert "against the 2015 edition (arrangements.published is 2019-03-15" in summary
    assert "LSCBs kept their statutory functions" in summary
    report = json.loads(wtcheck("validate", "--format", "json", "samples/2015-gaps.yaml").out)
    edition = report["files"][0]["edition"]
    assert edition["name"] == "2015" and "29 September 2019" in edition["reason"]


def test_the_cli_says_why_for_a_2019_partnership(wtcheck, tmp_path):
    text = (SAMPLES / "2018-complete.yaml").read_text().replace('edition: "2018"\n', "")
    text = text.replace("published: 2021-06-30\n  first_published: 2019-06-21", "published: 2019-06-21")
    (tmp_path / "partnership-2019.yaml").write_text(text)
    run = wtcheck("validate", "partnership-2019.yaml", cwd=tmp_path)
    summary = run.out.strip().splitlines()[-1]
    assert "against the 2018 edition (arrangements.published is 2019-06-21" in summary
    assert "publish arrangements by 29 June 2019" in summary
    report = json.loads(wtcheck("validate", "--format", "json", "partnership-2019.yaml", cwd=tmp_path).out)
    assert report["files"][0]["edition"]["name"] == "2018"
    assert "29 September 2019" in report["files"][0]["edition"]["reason"]
