"""The survey keeps one outcome code a rule per file and expands a partnership only when it is
rendered; what it renders is the same as the expanded data, streamed or whole."""

from __future__ import annotations

import json

from wtcheck.core.runner import Request, run
from wtcheck.core.vocabulary import OUTCOMES
from wtcheck.formats import json as json_format
from wtcheck.models import survey
from wtcheck.models.report import build as report

from conftest import SAMPLES


def _sources():
    return [(str(path), None) for path in sorted(SAMPLES.glob("*.yaml"))]


def test_a_row_keeps_one_code_a_rule_and_no_finding():
    rows = list(survey.survey_rows(run(_sources(), Request(isolate=True))))
    for row in rows:
        assert row.ruleset is not None and len(row.codes) == len(row.ruleset.rules)
        assert isinstance(row.codes, bytes) and max(row.codes) < len(OUTCOMES)
        assert not hasattr(row, "__dict__")  # slots only: nothing else is kept
    doubled = list(survey.survey_rows(run(_sources() * 2, Request(isolate=True))))
    half = len(doubled) // 2
    assert all(first.reason == second.reason and first.reason is second.reason
               for first, second in zip(doubled[:half], doubled[half:], strict=True))  # kept once, shared


def test_each_partnership_reads_as_its_report_says():
    model = survey.build(list(survey.survey_rows(run(_sources(), Request(isolate=True)))))
    files = {entry["file"]: entry for entry in report(run(_sources(), Request()), "must")["files"]}
    partnerships = [partnership for matrix in model["matrices"] for partnership in matrix["partnerships"]]
    assert len(partnerships) == len(files)
    for partnership in partnerships:
        entry = files[partnership["file"]]
        assert list(partnership) == ["file", "partnership", "input_sha256", "edition_reason", "summary", "outcomes"]
        assert dict(partnership["outcomes"]) == {finding["rule_id"]: finding["outcome"] for finding in entry["findings"]}
        assert list(partnership["outcomes"]) == [finding["rule_id"] for finding in entry["findings"]]
        assert partnership["summary"] == entry["summary"]
        assert (partnership["input_sha256"], partnership["partnership"], partnership["edition_reason"]) == (
            entry["input_sha256"], entry["partnership"], entry["edition"]["reason"])


def test_the_survey_json_streamed_is_the_json_of_the_expanded_model():
    model = survey.build(list(survey.survey_rows(run(_sources(), Request(isolate=True)))))
    whole = json_format.render(model)
    assert "".join(json_format.render_stream(model)) == whole
    expanded = json.loads(whole)
    assert whole == json.dumps(expanded, indent=2, ensure_ascii=False) + "\n"
    assert expanded["matrices"][0]["partnerships"][0]["outcomes"]
