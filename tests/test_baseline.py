"""The baseline: write today's gaps, then fail only on new ones, whatever lines move."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from conftest import ROOT, SAMPLES

BASELINE_SCHEMA = json.loads((ROOT / "schemas" / "baseline.schema.json").read_text())
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())


def test_baseline_then_only_new_gaps_fail(wtcheck, tmp_path):
    gaps = (SAMPLES / "2023-gaps.yaml").read_text()
    (tmp_path / "arrangements.yaml").write_text(gaps)
    findings = json.loads(wtcheck("validate", "--format", "json", cwd=tmp_path).out)["files"][0]["findings"]
    count = sum(f["outcome"] in ("gap", "partial", "advisory") for f in findings)
    written = wtcheck("baseline", cwd=tmp_path)
    assert written.code == 0 and written.out == ""
    assert written.err == f"wtcheck: wrote {count} known gap(s) in 1 file(s) to wtcheck-baseline.json\n"
    baseline = json.loads((tmp_path / "wtcheck-baseline.json").read_text())
    Draft202012Validator(BASELINE_SCHEMA).validate(baseline)
    assert {gap["file"] for gap in baseline["gaps"]} == {"arrangements.yaml"}
    assert all("line" not in gap for gap in baseline["gaps"])

    known = wtcheck("validate", "--baseline", "wtcheck-baseline.json", "--fail-on", "should", cwd=tmp_path)
    assert known.code == 0, known.out
    assert known.out == (f"arrangements.yaml: 0 new MUST gap(s), 0 new SHOULD gap(s), {count} known gap(s) from the "
                         "baseline left out against the 2023 edition (the document names the 2023 edition "
                         "('edition:'))\n")

    # Moving lines keeps gaps known; a requirement that was met and is now missing is a new gap.
    modeline, rest = gaps.split("\n", 1)
    changed = f"{modeline}\n# Updated after the spring audit.\n\n{rest}".replace(
        "  kind: safeguarding_partnership\n", "  kind: safeguarding_partnership\n  # (kind confirmed)\n")
    assert "\n  published: 2025-02-14\n" in changed
    changed = changed.replace("arrangements:\n  published: 2025-02-14\n", "arrangements:\n", 1)
    (tmp_path / "arrangements.yaml").write_text(changed)
    run = wtcheck("validate", "--baseline", "wtcheck-baseline.json", "--format", "json", cwd=tmp_path)
    report = json.loads(run.out)
    Draft202012Validator(REPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(report)
    new = [f["rule_id"] for f in report["files"][0]["findings"] if f["outcome"] in ("gap", "partial")
           and not f["known"]]
    assert run.code == 1 and new == ["WT23-PUB-001"], new
    assert report["baseline"] == {"file": "wtcheck-baseline.json", "known": count}
    text = wtcheck("validate", "--baseline", "wtcheck-baseline.json", cwd=tmp_path)
    listed = [line for line in text.out.splitlines() if " WT23-" in line]
    assert len(listed) == 1 and "WT23-PUB-001 must" in listed[0]
    assert "1 new MUST gap(s)" in text.out and f"{count} known gap(s) from the baseline left out" in text.out


def test_baseline_from_the_configuration_and_another_folder(wtcheck, tmp_path):
    (tmp_path / "partnership").mkdir()
    (tmp_path / "partnership" / "arrangements.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    (tmp_path / "wtcheck.toml").write_text('paths = ["partnership/arrangements.yaml"]\n'
                                           'baseline = "ci/wtcheck-baseline.json"\n')
    (tmp_path / "ci").mkdir()
    assert wtcheck("baseline", cwd=tmp_path).code == 0
    gaps = json.loads((tmp_path / "ci" / "wtcheck-baseline.json").read_text())["gaps"]
    assert {gap["file"] for gap in gaps} == {"../partnership/arrangements.yaml"}
    (tmp_path / "partnership" / "sub").mkdir()
    assert wtcheck("validate", "--fail-on", "should", cwd=tmp_path / "partnership" / "sub").code == 0


def test_bad_baselines_exit_2(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    missing = wtcheck("validate", "--baseline", "none.json", cwd=tmp_path)
    assert missing.code == 2 and "none.json: no such baseline file" in missing.err
    (tmp_path / "b.json").write_text('{"gaps": [}')
    broken = wtcheck("validate", "--baseline", "b.json", cwd=tmp_path)
    assert broken.code == 2 and "wtcheck: b.json:1:11: not valid JSON" in broken.err
    (tmp_path / "b.json").write_text('{"gaps": []}')
    wrong = wtcheck("validate", "--baseline", "b.json", cwd=tmp_path)
    assert wrong.code == 2 and "not a wtcheck baseline" in wrong.err
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n")
    refused = wtcheck("baseline", "bad.yaml", "-o", "b2.json", cwd=tmp_path)
    assert refused.code == 2 and not (tmp_path / "b2.json").exists()
    assert refused.out == "" and refused.err.startswith("bad.yaml:2:1: error: duplicate key")


def test_partly_filling_a_gap_keeps_it_known(wtcheck, tmp_path):
    gaps = (SAMPLES / "2023-gaps.yaml").read_text()
    assert "\nthresholds:" not in gaps
    (tmp_path / "arrangements.yaml").write_text(gaps)
    assert wtcheck("baseline", cwd=tmp_path).code == 0
    (tmp_path / "arrangements.yaml").write_text(gaps + "\nthresholds:\n  title: Larkmere continuum of need\n")
    run = wtcheck("validate", "--baseline", "wtcheck-baseline.json", "--fail-on", "should", "--format", "json",
                  cwd=tmp_path)
    findings = {f["rule_id"]: f for f in json.loads(run.out)["files"][0]["findings"]}
    assert findings["WT23-PRAC-001"]["location"]["path"] == "thresholds"
    assert findings["WT23-PRAC-001"]["outcome"] == "gap" and findings["WT23-PRAC-001"]["known"]
    assert run.code == 0


def test_a_baseline_of_the_old_format_is_refused_with_what_to_do(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    (tmp_path / "old.json").write_text(json.dumps({"wtcheck_baseline": 1, "tool": {"name": "wtcheck",
                                                                                   "version": "0.1.0"}, "gaps": []}))
    run = wtcheck("validate", "--baseline", "old.json", cwd=tmp_path)
    assert run.code == 2
    assert "old.json: written by an older wtcheck (baseline format 1," in run.err
    assert "write it again with 'wtcheck baseline'" in run.err
