"""``wtcheck init``: a commented starter description for an edition, which validate reads with gaps, never errors."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml
from typer.testing import CliRunner

from wtcheck.cli import app
from wtcheck.core.editions import current, edition_names, editions
from wtcheck.core.errors import WtcheckError
from wtcheck.core.ruleset import ruleset_for_edition
from wtcheck.core.schema import schema

from conftest import run_wtcheck


def init(tmp_path, *args):
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "arrangements.yaml"
    result = CliRunner().invoke(app, ["init", *args, "-o", str(target)])
    return result, target


@pytest.mark.parametrize("name", edition_names())
def test_validate_on_a_starter_lists_gaps_and_never_errors(tmp_path, name):
    result, target = init(tmp_path, "--edition", name)
    assert result.exit_code == 0, result.output
    checked = CliRunner().invoke(app, ["validate", str(target)])
    assert checked.exit_code == 1, checked.output
    assert "error" not in checked.output and "not checked" not in checked.output
    assert f"against the {name} edition" in checked.output


@pytest.mark.parametrize("name", edition_names())
def test_a_starter_names_every_item_the_editions_rules_read(tmp_path, name):
    _, target = init(tmp_path, "--edition", name)
    text = target.read_text()
    written = {match.group(1) for match in re.finditer(r"^\s*(?:#\s*)?(?:-\s+)?([a-z_0-9]+):", text, re.MULTILINE)}
    for rule in ruleset_for_edition(name).rules:
        assert rule.id in text, f"{rule.id} is not named as reading any item"
        for path in re.findall(r"(?:path|paths|start|end|to|after|from|field|key): \[?([a-z_.]+)", str(rule.check)):
            for part in path.split("."):
                assert part in written, f"{rule.id} reads {path}, but the starter has no {part}"


def test_a_starter_comments_each_item_with_what_it_is_an_example_and_its_readers(tmp_path):
    _, target = init(tmp_path, "--edition", "2023")
    lines = target.read_text().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./arrangements.schema.json"
    title = next(index for index, line in enumerate(lines) if line.strip().startswith("title:"))
    above = lines[title - 1]
    assert above.strip() == "# " + schema("arrangements")["properties"]["arrangements"]["properties"]["title"]["description"]
    chair = lines.index("chair:")
    rotation = next(index for index in range(chair, len(lines)) if lines[index] == "  rotation:")
    block = "\n".join(lines[chair:rotation + 12])
    assert "# Chair's name, where the document publishes it." in block
    assert "# Example: " in block and "# Read by: WT23-SCR-004 (" in block
    assert any(line.strip().startswith("# published:") and "a date, YYYY-MM-DD" in line for line in lines)


def test_starters_differ_by_era_but_are_written_the_same_way(tmp_path):
    lscb = yaml.safe_load(init(tmp_path / "a", "--edition", "2013")[1].read_text())
    partnership = yaml.safe_load(init(tmp_path / "b", "--edition", "2018")[1].read_text())
    assert "board" in lscb and "safeguarding_partners" not in lscb and lscb["partnership"]["kind"] == "lscb"
    assert "board" not in partnership and "safeguarding_partners" in partnership
    assert partnership["partnership"]["kind"] == "safeguarding_partnership"
    assert lscb["edition"] == "2013" and partnership["edition"] == "2018"


def test_the_default_edition_is_the_one_in_force_today(tmp_path):
    result, target = init(tmp_path)
    assert result.exit_code == 0
    assert yaml.safe_load(target.read_text())["edition"] == current(dt.date.today()).name


def test_the_schema_is_saved_beside_it_as_wtcheck_schema_prints_it(tmp_path):
    _, target = init(tmp_path, "--edition", "2023")
    printed = CliRunner().invoke(app, ["schema"]).output
    assert (tmp_path / "arrangements.schema.json").read_text() == printed
    assert json.loads(printed)["title"] == "wtcheck arrangements description"


def test_init_never_overwrites(tmp_path):
    target = tmp_path / "x.yaml"
    target.write_text("partnership: {name: mine}\n")
    result = CliRunner().invoke(app, ["init", "--edition", "2023", "-o", str(target)])
    assert isinstance(result.exception, WtcheckError)
    assert "already exists; wtcheck never writes over a description" in str(result.exception)
    assert target.read_text() == "partnership: {name: mine}\n"
    assert not (tmp_path / "arrangements.schema.json").exists()


def test_init_refuses_in_one_line_with_exit_2(tmp_path):
    (tmp_path / "x.yaml").write_text("partnership: {name: mine}\n")
    first = run_wtcheck("init", "--edition", "2023", "-o", "x.yaml", cwd=tmp_path)
    assert first.code == 2 and first.out == ""
    assert first.err == ("wtcheck: x.yaml already exists; wtcheck never writes over a description: choose another "
                         "name with -o, or move the file first\n")
    made = run_wtcheck("init", "--edition", "2023", "-o", "y.yaml", cwd=tmp_path)
    assert made.code == 0 and "wrote a starter description for the 2023 edition to y.yaml" in made.err
    assert run_wtcheck("validate", "y.yaml", cwd=tmp_path).code == 1


def test_a_schema_already_there_is_left_as_it_is(tmp_path):
    (tmp_path / "arrangements.schema.json").write_text("{}\n")
    result, _ = init(tmp_path, "--edition", "2023")
    assert result.exit_code == 0
    assert (tmp_path / "arrangements.schema.json").read_text() == "{}\n"
    assert "left" in result.output and "wtcheck schema >" in result.output


def test_an_unknown_edition_is_refused():
    result = CliRunner().invoke(app, ["init", "--edition", "1999"])
    assert result.exit_code == 2 and "unknown edition '1999'" in result.output


def test_every_edition_has_a_starter():
    assert list(editions()) == list(edition_names())
