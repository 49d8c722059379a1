"""The fast yes/no schema check always agrees with jsonschema, keyword by keyword and on real files."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from wtcheck.core.fastschema import compile_schema
from wtcheck.core.loading import load_file
from wtcheck.core.schema import compiled_validator, fast_check

from conftest import ROOT, SAMPLES

INPUT_SCHEMAS = ["arrangements", "ruleset", "departures", "baseline"]

INSTANCES = [None, True, False, 0, 1, 1.0, 2.5, -3, 100, 101, "", "a", "2023-02-28", "2023-02-30",
             "2023-2-28", "2023-02-28\n", "٢٠٢٣-٠٢-٢٨", "https://example.org", "http:/x", [], [1], [1, True],
             [1, 1.0], ["a", "b"], ["a", "a"], {}, {"a": 1}, {"a": 1, "b": 2}, {"fn": "present"}]

KEYWORD_SCHEMAS = [
    {"type": "integer"}, {"type": "number"}, {"type": ["string", "object"]}, {"type": "boolean"},
    {"type": "null"}, {"enum": [1, "a", None]}, {"const": 1}, {"const": True}, {"minimum": 1},
    {"maximum": 100}, {"minLength": 1}, {"pattern": "^https?://\\S+$"}, {"format": "date"},
    {"uniqueItems": True}, {"items": {"type": "integer"}}, {"minItems": 1}, {"maxItems": 1},
    {"required": ["a"]}, {"minProperties": 2}, {"properties": {"a": {"type": "string"}}},
    {"properties": {"a": {}}, "additionalProperties": False}, {"additionalProperties": {"type": "integer"}},
    {"propertyNames": {"pattern": "^[a-z]$"}}, {"dependentRequired": {"a": ["b"]}},
    {"oneOf": [{"type": "integer"}, {"minimum": 0}]}, {"anyOf": [{"type": "string"}, {"type": "null"}]},
    {"not": {"type": "string"}}, {"$ref": "#/$defs/x", "$defs": {"x": {"type": "array", "items": {"$ref": "#/$defs/x"}}}},
]


def jsonschema_says(schema: dict, instance) -> bool:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return not list(validator.iter_errors(instance))


@pytest.mark.parametrize("schema", KEYWORD_SCHEMAS, ids=lambda s: ",".join(k for k in s if k != "$defs"))
def test_each_keyword_means_what_jsonschema_means(schema):
    check = compile_schema(schema)
    for instance in INSTANCES:
        assert check(instance) == jsonschema_says(schema, instance), instance


def test_an_unknown_keyword_or_format_is_refused_when_compiling():
    for schema in ({"patternProperties": {}}, {"format": "email"}, {"$ref": "https://example.org/x"}):
        with pytest.raises(ValueError, match="unsupported"):
            compile_schema(schema)(None)


@pytest.mark.parametrize("name", INPUT_SCHEMAS)
def test_every_input_schema_compiles(name):
    fast_check(name)


def agree(name: str, data) -> None:
    assert fast_check(name)(data) == (not list(compiled_validator(name).iter_errors(data))), data


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_agreement_on_every_sample_and_its_variations(sample):
    data = load_file(sample).data
    agree("arrangements", data)
    for key in data:
        broken = copy.deepcopy(data)
        broken[key] = 42
        agree("arrangements", broken)
        broken[key] = {"zz_unknown": 1}
        agree("arrangements", broken)


def test_agreement_on_every_ruleset_and_rule_fixture_file():
    for path in sorted((ROOT / "rulesets").glob("*.yaml")) + sorted((ROOT / "tests" / "rule_fixtures").glob("*.yaml")):
        data = load_file(path).data
        agree("ruleset", data)
        if "rules" in data and isinstance(data["rules"], list):
            for rule in data["rules"][:10]:
                broken = copy.deepcopy(data)
                broken["rules"] = [{**rule, "check": {**rule["check"], "fn": "no_such_check"}}]
                agree("ruleset", broken)


JSON = st.recursive(st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=False, allow_infinity=False)
                    | st.sampled_from(["", "x", "2024-01-31", "2023-02-30", "https://example.org", "police",
                                       "icb", "lscb", "2023", "WT23-FUND-001", "present"]),
                    lambda children: st.lists(children, max_size=3)
                    | st.dictionaries(st.sampled_from(["name", "partner", "kind", "published", "url", "share",
                                                       "amount", "fn", "path", "id", "level", "covers", "topic",
                                                       "edition", "agencies", "sector", "zz"]), children, max_size=4),
                    max_leaves=12)
SECTIONS = json.loads((ROOT / "schemas" / "arrangements.schema.json").read_text())["properties"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(SECTIONS)), JSON, max_size=4))
def test_agreement_on_random_documents(data):
    agree("arrangements", data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_agreement_on_random_values_for_every_input_schema(value):
    for name in INPUT_SCHEMAS:
        agree(name, value)
