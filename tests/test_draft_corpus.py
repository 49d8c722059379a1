"""``wtcheck draft`` on the corpus: fictional partnerships' documents, generated here in HTML, PDF and Word.

Every document, in every format, drafts a schema-valid description whose every value has its
evidence, with exactly the fields its ``*.expected.yaml`` lists (the hard cases included); two
documents merge into one description, each value citing its own.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from wtcheck.cli import app
from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import load_file
from wtcheck.core.schema import validate_document

from conftest import run_wtcheck
from draft_corpus.build import FORMATS, build, expected, score, sources

NAMES = [source.stem for source in sources()]
CASES = [(name, fmt) for name in NAMES for fmt in FORMATS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Every corpus document in every format, generated into a temporary folder."""
    return build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def drafted(corpus, tmp_path_factory):
    """Each document drafted by the command line, once: (name, format) -> (output, draft path)."""
    folder = tmp_path_factory.mktemp("drafts")
    made = {}
    for (name, fmt), document in corpus.items():
        target = folder / f"{name}-{fmt}.yaml"
        result = CliRunner().invoke(app, ["draft", str(document), "-o", str(target)])
        assert result.exit_code == 0, (name, fmt, result.output, result.exception)
        made[(name, fmt)] = (result.stdout, target)
    return made


def test_the_corpus_is_kept_as_html_only():
    from conftest import ROOT

    folder = ROOT / "tests" / "draft_corpus"
    assert not [path.name for path in folder.iterdir() if path.suffix in (".pdf", ".docx", ".doc")]
    assert all(source.with_suffix(".expected.yaml").is_file() for source in sources()) and len(NAMES) >= 5


@pytest.mark.parametrize("name, fmt", CASES)
def test_each_draft_passes_the_schema(drafted, name, fmt):
    _, target = drafted[(name, fmt)]
    document = load_file(target)
    assert validate_document(document) == []
    assert target.read_text().startswith("# yaml-language-server: $schema=./arrangements.schema.json\n")
    assert (target.parent / "arrangements.schema.json").is_file()


@pytest.mark.parametrize("name, fmt", CASES)
def test_each_draft_has_exactly_the_expected_fields(drafted, name, fmt):
    _, target = drafted[(name, fmt)]
    data = load_file(target).data
    source = next(source for source in sources() if source.stem == name)
    true, false, missed, lines = score(data, expected(source))
    assert (false, missed) == (0, 0), "\n".join(lines)
    assert true == sum(len(value) if key.endswith("[]") else 1 for key, value in expected(source).items())


def _values_and_evidence(data: Any, evidence: Any = None, path: str = "") -> list[tuple[str, Any]]:
    """Each value drafted, with the nearest evidence at or above it."""
    found = []
    if isinstance(data, dict):
        here = data.get("evidence", evidence)
        for key, item in data.items():
            if key != "evidence":
                found += _values_and_evidence(item, here, f"{path}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += _values_and_evidence(item, evidence, f"{path}[{index}]")
    else:
        found.append((path, evidence))
    return found


@pytest.mark.parametrize("name, fmt", CASES)
def test_every_drafted_value_has_its_evidence(drafted, corpus, name, fmt):
    _, target = drafted[(name, fmt)]
    data = load_file(target).data
    title = next(source for source in sources() if source.stem == name)
    for path, evidence in _values_and_evidence(data):
        assert evidence, f"{path} has no evidence"
        assert evidence["document"] and evidence.get("note") or path.endswith(".summary"), path
        if fmt == "pdf":
            assert isinstance(evidence.get("page"), (int, str)) and evidence["page"], f"{path}: no page in a PDF"
        elif not path.startswith((".arrangements.title", ".annual_report.title")):
            assert evidence.get("section"), f"{path}: no heading path in {fmt}"
    assert title.read_text(encoding="utf-8", errors="replace")  # the source it was generated from is there


def test_the_hard_cases_each_come_through(drafted):
    def draft(name, fmt):
        return load_file(drafted[(name, fmt)][1]).data

    for fmt in FORMATS:
        kestrelford = draft("kestrelford-arrangements", fmt)
        partners = {partner["partner"]: partner for partner in kestrelford["safeguarding_partners"]}
        assert partners["police"]["lead"] == {"title": "Chief Constable", "evidence": partners["police"]["lead"]["evidence"]}
        assert "name" not in partners["local_authority"]["delegate"]  # posts instead of names: no name is made up
        assert kestrelford["funding"]["period"]["start"] == "2024-04-01"  # "April 2024 to March 2025"
        assert kestrelford["funding"]["period"]["end"] == "2025-03-31"
        assert kestrelford["funding"]["total"] == 420000  # from "£420,000" in a table
        assert "3.2 Partner contributions" in kestrelford["funding"]["evidence"]["section"]  # a heading numbered 3.2
        assert len(kestrelford["funding"]["contributions"]) == 4  # the table of spending is not read as contributions
        harrowdene = draft("harrowdene-arrangements", fmt)
        police = next(partner for partner in harrowdene["safeguarding_partners"] if partner["partner"] == "police")
        assert police["organisation"] == "Harrowdene Police"  # named only in a footnote
        assert police["lead"]["name"] == "Rowan Example"  # in two columns in the PDF
        report = draft("kestrelford-yearly-report", fmt)
        assert "police" not in {partner["partner"] for partner in report["safeguarding_partners"]}
    pdf = draft("kestrelford-arrangements", "pdf")
    assert {partner["evidence"]["page"] for partner in pdf["safeguarding_partners"]} == {3}


def test_the_summary_says_what_was_found_and_not_found(drafted):
    output, target = drafted[("wyvern-vale-annual-report", "html")]
    lines = output.splitlines()
    assert lines[0].startswith(f"drafted {target} from 1 document(s):")
    assert any(line.startswith("found (") for line in lines) and any(line.startswith("not found (") for line in lines)
    assert any("annual_report.period" in line and "2019-09-01 to 2020-08-31" in line for line in lines)
    assert "  funding.contributions" in lines
    assert any("gives amounts for several columns (2019/20, 2020/21); no amount from it is drafted" in line for line in lines)
    assert lines[-1] == ("next: check each value against its evidence, fill in what was not found, then run "
                         f"wtcheck validate {target}")


def test_what_is_not_found_stays_a_commented_placeholder(drafted):
    _, target = drafted[("fernmouth-lscb-annual-report", "docx")]
    text = target.read_text()
    assert "# arrangements:    (not found in the documents)" in text
    assert "#   published:    (not found) Date this version of the arrangements was published." in text
    assert "safeguarding_partners" not in text  # an LSCB has no safeguarding partners to look for


def test_two_documents_merge_each_value_citing_its_own(corpus, tmp_path):
    target = tmp_path / "arrangements.yaml"
    arrangements, report = corpus[("kestrelford-arrangements", "pdf")], corpus[("kestrelford-yearly-report", "docx")]
    result = CliRunner().invoke(app, ["draft", str(arrangements), str(report), "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = load_file(target).data
    assert data["arrangements"]["published"] == "2024-11-28" and data["annual_report"]["published"] == "2024-09-27"
    assert data["arrangements"]["evidence"]["document"] == "Kestrelford Multi-Agency Safeguarding Arrangements"
    assert data["annual_report"]["evidence"]["document"] == "Kestrelford Safeguarding Children Partnership Yearly Report 2023-24"
    assert "page" in data["arrangements"]["evidence"] and "page" not in data["annual_report"]["evidence"]
    assert data["funding"]["total"] == 420000  # one budget, from the first document that gives one
    assert "funding.total is also given in" in result.stdout and "so as not to mix two budgets" in result.stdout
    assert data["chair"] == {"title": "Director of Children's Services", "evidence": data["chair"]["evidence"]}
    assert "chair.name: 'Bea Example'" in result.stdout and "the first is drafted" in result.stdout
    assert len(data["safeguarding_partners"]) == 3
    assert validate_document(load_file(target)) == []
    checked = CliRunner().invoke(app, ["validate", str(target)])
    assert checked.exit_code in (0, 1) and "against the 2023 edition" in checked.output, checked.output
    reported = CliRunner().invoke(app, ["report", "--format", "json", str(target)])
    assert reported.exit_code in (0, 1) and '"checked"' in reported.output


def test_draft_never_overwrites_and_never_writes_over_a_document(corpus, tmp_path):
    target = tmp_path / "arrangements.yaml"
    target.write_text("partnership: {name: mine}\n")
    result = CliRunner().invoke(app, ["draft", str(corpus[("kestrelford-arrangements", "html")]), "-o", str(target)])
    assert isinstance(result.exception, WtcheckError) and "already exists" in str(result.exception)
    assert target.read_text() == "partnership: {name: mine}\n"
    document = corpus[("kestrelford-arrangements", "html")]
    result = CliRunner().invoke(app, ["draft", str(document), "-o", str(document)])
    assert isinstance(result.exception, WtcheckError)
    assert document.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_draft_from_the_command_line(corpus, tmp_path):
    document = corpus[("harrowdene-arrangements", "pdf")]
    made = run_wtcheck("draft", str(document), "-o", "h.yaml", cwd=tmp_path)
    assert made.code == 0, made.err
    assert made.err == "wtcheck: wrote h.yaml\n"
    assert "safeguarding_partners[police].organisation" in made.out and "Harrowdene Police" in made.out
    again = run_wtcheck("draft", str(document), "-o", "h.yaml", cwd=tmp_path)
    assert again.code == 2 and again.err.count("\n") == 1 and "h.yaml already exists" in again.err
    nothing = run_wtcheck("draft", cwd=tmp_path)
    assert nothing.code == 2 and nothing.err == ("wtcheck: name the documents to draft from: wtcheck draft DOCUMENT... "
                                                 "(HTML, PDF or Word .docx)\n")
    name = yaml.safe_load((tmp_path / "h.yaml").read_text())["partnership"]["name"]
    assert name == "Harrowdene Children's Safeguarding Partnership"
