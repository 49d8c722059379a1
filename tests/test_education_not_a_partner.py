"""Education is not a safeguarding partner: where a description puts it among the partners it gets one
clear located line saying where it belongs; its seat on the executive is membership, and passes."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from wtcheck.core.fastschema import compile_schema
from wtcheck.core.loading import load_bytes
from wtcheck.core.schema import schema, validate_document

from conftest import SAMPLES

WHERE_IT_BELONGS = ("is not a safeguarding partner: in law the partners are the local authority, the integrated care "
                    "board and the chief officer of police (Children Act 2004 s16E(3)); record education's seat on "
                    "the executive or board under partnership.executive_members (with its sector), and schools, "
                    "colleges and early years settings as relevant agencies under relevant_agencies.agencies")

FOURTH = """\
edition: "2026"
safeguarding_partners:
  - {partner: local_authority, organisation: Kestrelford Borough Council}
  - {partner: icb, organisation: Kestrelford and Larkmere Integrated Care Board}
  - {partner: police, organisation: Kestrelford Constabulary}
  - partner: {value}
    organisation: Kestrelford schools
    delegate: {{name: Ann Example, title: Director of Education}}
"""


def invoke(*args):
    from wtcheck.cli import app

    return CliRunner().invoke(app, list(args))


def problems(text: str) -> list[str]:
    return [str(problem) for problem in validate_document(load_bytes(text.encode(), "a.yaml"))]


@pytest.mark.parametrize("value", ["education", "Education", "schools", "fourth_partner", "'Fourth partner'",
                                   "early_years", "colleges", "academy_trust", "childcare"])
def test_education_as_a_partner_is_one_line_saying_where_it_belongs(value):
    found = problems(FOURTH.replace("{value}", value).replace("{{", "{").replace("}}", "}"))
    assert found == [f"a.yaml:6:14: safeguarding_partners[3].partner: '{value.strip(chr(39))}' {WHERE_IT_BELONGS}"]


@pytest.mark.parametrize("where, text", [
    ("arrangements.signed_off_by[3]", "arrangements:\n  signed_off_by: [local_authority, icb, police, education]\n"),
    ("chair.from_partner", "chair:\n  name: Ann Example\n  from_partner: schools\n"),
    ("funding.contributions[0].partner", "funding:\n  contributions:\n    - {contributor: Schools forum, partner: education}\n"),
])
def test_everywhere_a_partner_is_named_education_gets_the_same_line(where, text):
    found = problems(text)
    assert len(found) == 1 and f": {where}: '" in found[0] and found[0].endswith(WHERE_IT_BELONGS)


def test_a_near_miss_of_a_real_partner_still_gets_its_suggestion():
    found = problems(FOURTH.replace("{value}", "polce").replace("{{", "{").replace("}}", "}"))
    assert len(found) == 1 and "did you mean 'police'?" in found[0] and "not a safeguarding partner" not in found[0]


def test_the_command_line_refuses_it_with_that_line_and_exit_2(tmp_path, wtcheck):
    (tmp_path / "arrangements.yaml").write_text(FOURTH.replace("{value}", "education").replace("{{", "{").replace("}}", "}"))
    run = wtcheck("validate", cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.err
    first = run.out.splitlines()[0]
    assert first == f"arrangements.yaml:6:14: error: safeguarding_partners[3].partner: 'education' {WHERE_IT_BELONGS}"


def test_education_on_the_executive_is_membership_and_passes():
    data = yaml.safe_load((SAMPLES / "2026-complete.yaml").read_text())
    assert {member.get("sector") for member in data["partnership"]["executive_members"]} >= {"school", "further_education"}
    assert invoke("validate", "--fail-on", "should", str(SAMPLES / "2026-complete.yaml")).exit_code == 0


def test_an_entry_that_names_no_partner_gets_an_advisory_saying_where_it_belongs(tmp_path):
    data = yaml.safe_load((SAMPLES / "2026-complete.yaml").read_text())
    data["safeguarding_partners"].append({"organisation": "Kestrelford schools", "delegate": {"title": "Director of Education"}})
    path = tmp_path / "arrangements.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    run = invoke("validate", "--fail-on", "should", "--include-unconfirmed", str(path))
    assert run.exit_code == 0, run.output
    line = next(line for line in run.output.splitlines() if "WT26-PART-009" in line)
    assert "(item(s) 4 of the safeguarding partners (safeguarding_partners) lack the partner (partner))" in line
    assert "partnership.executive_members" in line
    assert line.endswith("[advisory: an entry under safeguarding_partners names no partner; say which it is, or move it "
                         "to where it belongs (this never fails a run)]")


def test_the_annotation_adds_no_test_and_both_checkers_agree():
    from jsonschema import Draft202012Validator

    arrangements = schema("arrangements")
    fast = compile_schema(arrangements)
    validator = Draft202012Validator(arrangements, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for value, valid in (("icb", True), ("education", False), ("schools", False)):
        data = {"safeguarding_partners": [{"partner": value}]}
        assert fast(data) is valid and validator.is_valid(data) is valid
    assert json.dumps(arrangements["$defs"]["partner_role"]["x-belongs-elsewhere"])
