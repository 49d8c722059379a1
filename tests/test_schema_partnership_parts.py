"""The parts of the arrangements format for child protection teams, designated agencies, executive
members, accountability, children covered, disproportionality and impact: valid when written as
documented, one clear located line when not."""

from __future__ import annotations

from wtcheck.core.loading import load_bytes
from wtcheck.core.schema import validate_document

VALID = b"""\
partnership:
  executive_members:
    - {name: Head of Kestrelford High, organisation: Kestrelford secondary heads, sector: school}
    - {title: Director of Children's Services, organisation: Kestrelford Borough Council, partner: local_authority}
arrangements:
  children_covered: [all_children, looked_after, placed_in_area_by_other_authorities, unborn]
relevant_agencies:
  agencies:
    - {name: All schools in Kestrelford, sector: school, designated_childcare_or_education: true}
child_protection_teams:
  - name: Kestrelford multi-agency child protection team
    established: 2027-11-01
    purpose: Leads strategy discussions and section 47 enquiries with the local authority.
    others_after_consulting_partners: true
    members:
      - {role: education, title: Education safeguarding lead, nominated_by: local_authority,
         nominating_body: Kestrelford Borough Council}
      - {role: social_work, title: Team manager, nominated_by: local_authority}
      - {role: health, title: Named nurse, nominated_by: icb, nominating_body: Kestrelford and Larkmere ICB}
      - {role: police, title: Detective sergeant, nominated_by: police, nominating_body: Kestrelford Constabulary}
ways_of_working:
  looked_after_children: The arrangements cover every child looked after in Kestrelford.
  disproportionality: {summary: A quarterly analysis by ethnicity goes to the executive.}
accountability:
  structure: The delegated partners answer to the lead partners each quarter.
  inspection: Joint targeted area inspection findings go to the lead partners within a month.
annual_report:
  covers: [disproportionality, looked_after_children, impact_on_outcomes]
  impact_evidence: Fewer children returned to child protection plans within two years.
"""


def problems(text: bytes) -> list[str]:
    return [str(problem) for problem in validate_document(load_bytes(text, "a.yaml"))]


def test_the_documented_parts_are_valid():
    assert problems(VALID) == []


def test_a_member_role_that_is_not_one_of_the_four_is_one_located_line():
    found = problems(VALID.replace(b"{role: health,", b"{role: nurse,"))
    assert len(found) == 1 and found[0].startswith("a.yaml:19:")
    assert "'nurse' is not an allowed value" in found[0] and "education, social_work, health, police, other" in found[0]


def test_a_nominator_must_be_a_safeguarding_partner():
    found = problems(VALID.replace(b"nominated_by: police,", b"nominated_by: school,"))
    assert len(found) == 1 and "nominated_by" in found[0] and "local_authority, icb, police" in found[0]


def test_designated_is_yes_or_no():
    found = problems(VALID.replace(b"designated_childcare_or_education: true", b"designated_childcare_or_education: soon"))
    assert len(found) == 1 and "designated_childcare_or_education" in found[0] and "yes/no" in found[0]


def test_an_unknown_child_covered_gets_the_closest():
    found = problems(VALID.replace(b"looked_after, placed", b"looked-after, placed"))
    assert len(found) == 1 and "did you mean 'looked_after'" in found[0]
