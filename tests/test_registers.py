"""The registers of councils, ICBs, CCGs and police forces, and the advice built on them (on_register)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from wtcheck.cli import app
from wtcheck.core import checks, resources
from wtcheck.core.errors import WtcheckError
from wtcheck.core.registers import key, register, register_names, split_header
from wtcheck.core.ruleset import load_ruleset

from conftest import ROOT, SAMPLES

REGISTERS = ROOT / "registers"
HEADER = ("title", "source", "licence", "data_date", "date_semantics", "rows", "sha256")


@pytest.mark.parametrize("name", register_names())
def test_each_register_says_where_it_comes_from_and_matches_its_hash(name):
    header, data = split_header((REGISTERS / f"{name}.csv").read_text(encoding="utf-8"))
    assert all(header.get(field) and all(header[field]) for field in HEADER), sorted(header)
    assert any(word in header["licence"][0] for word in ("Open Government Licence", "CC BY"))
    assert any(("http" in source or "github.com" in source) for source in header["source"])
    assert header["sha256"][0].split()[0] == hashlib.sha256(data.encode("utf-8")).hexdigest()
    rows = len(data.splitlines()) - 1
    assert header["rows"][0].split()[0] == str(rows) == str(len(register(name).bodies))


def test_the_registers_are_shipped_as_package_data():
    text = (ROOT / "pyproject.toml").read_text()
    assert '"wtcheck.data.registers" = "registers"' in text and '"wtcheck.data.registers" = ["*.csv", "*.md"]' in text
    assert sorted(path.stem for path in REGISTERS.glob("*.csv")) == list(register_names())


def test_a_register_changed_without_its_hash_is_refused(tmp_path):
    folder = tmp_path / "registers"
    shutil.copytree(REGISTERS, folder)
    path = folder / "police_forces_england.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Kent Police", "Kent Constabulary"), encoding="utf-8")
    resources.use("registers", folder)
    try:
        with pytest.raises(WtcheckError, match="registers/police_forces_england.csv is broken: its data does not match"):
            register("police_forces_england")
    finally:
        resources.use("registers", None)


def test_the_counts_of_bodies_in_force_are_the_known_ones():
    councils = register("local_authorities_upper_tier_england")
    icbs = register("integrated_care_boards_england")

    def in_force(found, day):
        return sum(body.in_force(dt.date.fromisoformat(day)) for body in found.bodies)

    assert [in_force(councils, day) for day in ("2018-01-01", "2019-04-01", "2021-04-01", "2023-04-01")] == [152, 151, 152, 153]
    assert [in_force(icbs, day) for day in ("2022-07-01", "2026-03-31", "2026-04-01")] == [42, 42, 36]


@pytest.mark.parametrize("written, same", [
    ("Leeds City Council", "Leeds"), ("LEEDS CITY COUNCIL", "leeds"), ("Brighton & Hove City Council", "Brighton and Hove"),
    ("NHS West Yorkshire Integrated Care Board", "West Yorkshire ICB"), ("Thames Valley Police", "thames valley"),
])
def test_names_are_looked_up_by_their_key(written, same):
    assert key(written) == key(same)


def test_a_bodys_own_name_is_found_before_a_shared_area():
    councils = register("local_authorities_upper_tier_england")
    assert [body.code for body in councils.find("Shropshire County Council")] == ["E10000026"]
    assert {body.code for body in councils.find("Shropshire")} == {"E10000026", "E06000051"}
    assert councils.find("Kestrelford Borough Council") == ()


DATED = ["arrangements.published", "annual_report.published"]
AREAS = {"fn": "on_register", "path": "partnership.local_authority_areas", "register": "local_authorities_upper_tier_england",
         "dated_by": DATED}
PARTNERS = {"fn": "on_register", "path": "safeguarding_partners", "field": "organisation", "key": "partner",
            "registers": {"local_authority": "local_authorities_upper_tier_england", "ccg": "ccgs_england",
                          "icb": "integrated_care_boards_england", "police": "police_forces_england"},
            "dated_by": DATED}


@pytest.mark.parametrize("data, spec, outcome, detail", [
    ({"partnership": {"local_authority_areas": ["Northamptonshire"]}, "arrangements": {"published": "2021-03-31"}},
     AREAS, "met", ""),
    ({"partnership": {"local_authority_areas": ["Northamptonshire"]}, "arrangements": {"published": "2021-04-01"}},
     AREAS, "gap", "Northamptonshire: Northamptonshire County Council ended on 2021-03-31, before 2021-04-01 (replaced "
                   "by North Northamptonshire Council, West Northamptonshire Council)"),
    ({"partnership": {"local_authority_areas": ["North Northamptonshire"]}, "annual_report": {"published": "2020-09-01"}},
     AREAS, "gap", "began on 2021-04-01, after 2020-09-01"),
    ({"partnership": {"local_authority_areas": ["Kestrelford"]}, "arrangements": {"published": "2024-01-01"}},
     AREAS, "met", ""),
    ({"safeguarding_partners": [{"partner": "ccg", "organisation": "NHS Leeds CCG"}],
      "arrangements": {"published": "2022-06-30"}}, PARTNERS, "met", ""),
    ({"safeguarding_partners": [{"partner": "ccg", "organisation": "NHS Leeds CCG"}],
      "arrangements": {"published": "2022-07-01"}}, PARTNERS, "gap", "NHS Leeds CCG ended on 2022-06-30"),
    ({"safeguarding_partners": [{"partner": "icb", "organisation": "NHS Frimley Integrated Care Board"}],
      "arrangements": {"published": "2026-04-01"}}, PARTNERS, "gap", "ended on 2026-03-31, before 2026-04-01"),
    ({"safeguarding_partners": [{"partner": "police", "organisation": "British Transport Police"}],
      "arrangements": {"published": "2024-01-01"}}, PARTNERS, "gap", "not a territorial force"),
    ({"safeguarding_partners": [{"partner": "police", "organisation": "West Yorkshire Police"}]}, PARTNERS, "met", ""),
    # a mapping where a name belongs is passed over, never looked up
    ({"partnership": {"local_authority_areas": [{"name": "Northamptonshire"}]}, "arrangements": {"published": "2021-04-01"}},
     AREAS, "met", ""),
    # a month or a year: a gap only when the body existed on none of its days
    ({"partnership": {"local_authority_areas": ["Northamptonshire"]}, "arrangements": {"published": "2021-03"}},
     AREAS, "met", ""),
    ({"partnership": {"local_authority_areas": ["Northamptonshire"]}, "arrangements": {"published": 2021}}, AREAS, "met", ""),
    ({"partnership": {"local_authority_areas": ["Northamptonshire"]}, "arrangements": {"published": "2021-04"}},
     AREAS, "gap", "ended on 2021-03-31, before 2021-04"),
])
def test_on_register(data, spec, outcome, detail):
    result = checks.run(data, spec)
    assert result.outcome == outcome
    assert detail in result.detail and (detail or not result.detail)


def test_every_on_register_check_names_a_register_there_is():
    names = set(register_names())

    def named(spec):
        yield from ([spec["register"]] if "register" in spec else list(spec.get("registers", {}).values()))
        for sub in spec.get("checks", []):
            yield from named(sub)

    for ruleset in ("wt2010", "wt2013", "wt2015", "wt2018", "wt2023"):
        for rule in load_ruleset(ruleset).rules:
            assert set(named(rule.check)) <= names, rule.id


def test_validate_gives_an_advisory_for_a_council_abolished_before_the_date(tmp_path):
    sample = yaml.safe_load((SAMPLES / "2023-complete.yaml").read_text())
    sample["partnership"]["local_authority_areas"] = ["Northamptonshire"]
    path = tmp_path / "arrangements.yaml"
    path.write_text(yaml.safe_dump(sample, sort_keys=False))
    checked = CliRunner().invoke(app, ["validate", "--fail-on", "should", str(path)])
    assert checked.exit_code == 0, checked.output  # advice never fails a run
    line = next(line for line in checked.output.splitlines() if "WT23-REG-001" in line)
    assert "Northamptonshire County Council ended on 2021-03-31, before 2024-11-28" in line
    assert "[advisory: from wtcheck's dated registers" in line
    assert "WT23-REG-001" not in CliRunner().invoke(app, ["validate", str(SAMPLES / "2023-complete.yaml")]).output


@pytest.mark.parametrize("name", register_names())
def test_a_register_kept_in_the_cache_is_the_register_read(name):
    from wtcheck.core.registers import _from_plain, _plain, _read

    read = _read(name)
    kept = _from_plain(json.loads(json.dumps(_plain(read))))
    assert kept == read and kept.index == read.index and kept.exact == read.exact
