"""Every JSON output has a schema in schemas/, and what wtcheck writes validates against it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from typer.testing import CliRunner

from wtcheck.cli import app
from wtcheck.core.editions import current, edition_names
from wtcheck.core.ruleset import ruleset_for_edition
from wtcheck.formats.registry import FORMATS
from wtcheck.models.rules import explain_model

from conftest import ROOT, SAMPLES

SCHEMAS = {path.name.removesuffix(".schema.json"): json.loads(path.read_text())
           for path in sorted((ROOT / "schemas").glob("*.schema.json"))}
REGISTRY = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values() if "$id" in schema)
JSON_MODELS = {"validate": "report", "report": "report", "survey": "survey", "rules": "rules", "explain": "explain",
               "diff": "diff", "diff_file": "diff", "schema": None, "baseline": "baseline"}
"""For each model written as JSON, the schema it follows (a schema is itself checked as a schema)."""


def valid(name: str, data: object) -> None:
    Draft202012Validator(SCHEMAS[name], registry=REGISTRY,
                         format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)


def invoke(*args: str) -> dict:
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code in (0, 1), done.output
    return json.loads(done.stdout)


def test_every_model_written_as_json_has_a_schema():
    written = {kind for kind, formats in FORMATS.items() if "json" in formats}
    assert written == set(JSON_MODELS)
    assert {schema for schema in JSON_MODELS.values() if schema} <= set(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_schema_and_the_command_prints_it(name):
    Draft202012Validator.check_schema(SCHEMAS[name])
    printed = invoke("schema", name)
    if name != "arrangements":  # its list of editions is filled from the rulesets (tested in test_shape)
        assert printed == SCHEMAS[name]


@pytest.mark.parametrize("edition", [None, "all", *edition_names()])
def test_rules_json_follows_its_schema(edition):
    data = invoke("rules", "--format", "json", *(["--edition", edition] if edition else []))
    valid("rules", data)
    expected = {None: [current(dt.date.today()).name], "all": list(edition_names())}.get(edition, [edition])
    assert [ruleset["edition"] for ruleset in data["rulesets"]] == expected


@pytest.mark.parametrize("edition", edition_names())
def test_explain_json_follows_its_schema_for_every_rule(edition):
    ruleset = ruleset_for_edition(edition)
    for rule in ruleset.rules:
        valid("explain", explain_model(ruleset, rule))
    first = invoke("explain", ruleset.rules[0].id, "--format", "json")
    assert first == json.loads(json.dumps(explain_model(ruleset, ruleset.rules[0])))


PAIRS = [(old, new) for index, old in enumerate(edition_names()) for new in edition_names()[index + 1:]]


@pytest.mark.parametrize("old, new", PAIRS)
def test_diff_json_follows_its_schema(old, new):
    data = invoke("diff", old, new, "--format", "json")
    valid("diff", data)
    assert "file" not in data


@pytest.mark.parametrize("old, new", [pair for pair in PAIRS if (SAMPLES / f"{pair[0]}-gaps.yaml").exists()])
def test_diff_of_a_file_json_follows_its_schema(old, new):
    data = invoke("diff", old, new, str(SAMPLES / f"{old}-gaps.yaml"), "--format", "json")
    valid("diff", data)
    assert data["file"].endswith(f"{old}-gaps.yaml") and data["exit_code"] in (0, 1)


def test_a_diff_schema_refuses_a_file_diff_without_its_gaps():
    data = invoke("diff", *edition_names()[-2:], str(SAMPLES / f"{edition_names()[-2]}-gaps.yaml"), "--format", "json")
    del data["new_gaps"]
    with pytest.raises(Exception, match="new_gaps"):
        valid("diff", data)


def test_baseline_json_follows_its_schema(tmp_path):
    target = tmp_path / "baseline.json"
    done = CliRunner().invoke(app, ["baseline", "-o", str(target), str(SAMPLES / "2023-gaps.yaml")])
    assert done.exit_code == 0, done.output
    valid("baseline", json.loads(target.read_text()))
