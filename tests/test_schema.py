"""The arrangements schema, property by property, and the messages its errors give."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from wtcheck.core.loading import load_bytes, load_file
from wtcheck.core.resources import data_dir
from wtcheck.core.schema import validate_document

from conftest import SAMPLES

SCHEMA = json.loads((data_dir("schemas") / "arrangements.schema.json").read_text())


def deref(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def valid_value(node: dict[str, Any]) -> Any:
    node = deref(node)
    if "oneOf" in node or "anyOf" in node:
        return valid_value((node.get("oneOf") or node["anyOf"])[0])
    if "enum" in node:
        return node["enum"][0]
    if "items" in node and node.get("type") == "array":
        return [valid_value(node["items"])]
    kind = node.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if node.get("format") == "date":
        return "2024-01-31"
    if "pattern" in node:
        return "https://example.org/page"
    return {"string": "some text", "boolean": True, "integer": 3, "number": 12.5, "object": {}}.get(kind, "text")


def invalid_value(node: dict[str, Any]) -> Any:
    node = deref(node)
    kinds = node.get("type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "oneOf" in node or "anyOf" in node or "enum" in node and "string" not in kinds:
        return ["a list", "where one value belongs"]
    if "enum" in node:
        return "zz-not-allowed"
    if "string" in kinds and "object" in kinds:
        return 42
    if "string" in kinds or "integer" in kinds or "number" in kinds:
        return {"a": "mapping"}
    if "boolean" in kinds:
        return "perhaps"
    if "array" in kinds:
        return "not a list"
    return "not a mapping"


def leaves(node: dict[str, Any], path: tuple = ()) -> Iterator[tuple[tuple, dict[str, Any]]]:
    """Every property in the schema, with its path (list items as index 0)."""
    node = deref(node)
    if node.get("type") == "object" and "properties" in node:
        for key, child in node["properties"].items():
            yield path + (key,), child
            yield from leaves(child, path + (key,))
    elif node.get("type") == "array" and "items" in node:
        yield from leaves(node["items"], path + (0,))


def objects(node: dict[str, Any], path: tuple = ()) -> Iterator[tuple]:
    """The path of every mapping in the schema."""
    node = deref(node)
    if node.get("type") == "object" and "properties" in node:
        yield path
        for key, child in node["properties"].items():
            yield from objects(child, path + (key,))
    elif node.get("type") == "array" and "items" in node:
        yield from objects(node["items"], path + (0,))


def document_with(path: tuple, value: Any) -> dict[str, Any]:
    """A minimal document with ``value`` at ``path``."""
    built: Any = value
    for part in reversed(path):
        built = [built] if isinstance(part, int) else {part: built}
    return built


def as_document(data: dict[str, Any]):
    return load_bytes(yaml.safe_dump(data, sort_keys=False).encode(), "doc.yaml")


LEAVES = list(leaves(SCHEMA))


def test_the_schema_is_a_valid_2020_12_schema():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(SCHEMA)


def test_every_property_has_a_description():
    undocumented = [path for path, node in LEAVES if "description" not in node and "description" not in deref(node)]
    assert undocumented == []


@pytest.mark.parametrize("path, node", LEAVES, ids=[".".join(map(str, p)) for p, _ in LEAVES])
def test_property_accepts_a_valid_value(path, node):
    assert validate_document(as_document(document_with(path, valid_value(node)))) == []


@pytest.mark.parametrize("path, node", LEAVES, ids=[".".join(map(str, p)) for p, _ in LEAVES])
def test_property_rejects_a_wrong_value_at_its_own_line(path, node):
    document = as_document(document_with(path, invalid_value(node)))
    problems = validate_document(document)
    assert problems, f"{path} accepted {invalid_value(node)!r}"
    line, _ = document.locate(path, value=True)
    assert any(problem.line == line for problem in problems), [str(p) for p in problems]


@pytest.mark.parametrize("path", list(objects(SCHEMA)), ids=lambda p: ".".join(map(str, p)) or "top")
def test_every_mapping_rejects_unknown_keys(path):
    document = as_document(document_with(path + ("zz_unknown_key",), 1))
    problems = validate_document(document)
    assert len(problems) == 1 and "unknown key 'zz_unknown_key'" in problems[0].message


def test_an_empty_description_is_valid_absence_is_for_the_rules():
    assert validate_document(as_document({"partnership": {}})) == []


def validate_text(text: str) -> list[str]:
    return [str(problem) for problem in validate_document(load_bytes(text.encode(), "t.yaml"))]


def test_near_miss_key_suggests_the_right_one():
    assert validate_text("partnership:\n  nmae: X\n") == [
        "t.yaml:2:3: unknown key 'nmae' under partnership; did you mean 'name'?"]


def test_near_miss_enum_suggests_the_right_one():
    (message,) = validate_text("safeguarding_partners:\n  - partner: polise\n")
    assert message.startswith("t.yaml:2:14:") and "did you mean 'police'?" in message


def test_near_miss_enum_ignores_case():
    (message,) = validate_text("safeguarding_partners:\n  - partner: ICB\n")
    assert "'ICB' is not an allowed value; did you mean 'icb'?" in message


@pytest.mark.parametrize("text, words", [
    ("independent_scrutiny:\n  scrutineer: Kim Lee\n",
     "t.yaml:2:15: independent_scrutiny.scrutineer: expected details (name, title, organisation, name_published), but found text "
     "('Kim Lee'); write it as scrutineer: {name: Kim Lee}"),
    ("annual_report:\n  covers: partner_activity\n",
     "t.yaml:2:11: annual_report.covers: expected a list, but found text ('partner_activity'); "
     "write it as covers: [partner_activity]"),
    ("annual_report:\n  sent_to: chief_executive\n", "write it as sent_to: [{recipient: chief_executive}]"),
    ("board:\n  members: Kim Example\n", "write it as members: [{name: Kim Example}]"),
    ("safeguarding_partners:\n  - partner: police\n    lead: 'Chief Constable: A. Example'\n",
     "write it as lead: {name: 'Chief Constable: A. Example'}"),
])
def test_a_value_where_details_or_a_list_belong_is_shown_rewritten(text, words):
    (message,) = validate_text(text)
    assert words in message
    example = message.split("write it as ", 1)[1]
    assert validate_document(load_bytes(text.replace(text.splitlines()[-1].strip(), example).encode(), "t.yaml")) == []


def test_no_example_where_the_value_would_not_fit():
    (message,) = validate_text("annual_report:\n  period: 2024\n")
    assert message == "t.yaml:2:11: annual_report.period: expected details (start, end), but YAML read 2024 as a number (2024)"
    (message,) = validate_text("funding:\n  contributions: 5000\n")
    assert "write it as" not in message


def test_yaml_boolean_where_text_is_expected_says_to_quote():
    (message,) = validate_text("partnership:\n  name: NO\n")
    assert "YAML read NO as a yes/no value (false); put it in quotes: name: 'NO'" in message


def test_dates_in_the_wrong_form():
    (message,) = validate_text("arrangements:\n  published: 29/06/2019\n")
    assert "'29/06/2019' is not a date" in message
    (message,) = validate_text("arrangements:\n  published: 2019-06-29 09:30:00\n")
    assert "a date and time" in message


def test_one_run_shows_schema_problems_and_impossible_values_together():
    problems = validate_text("partnership:\n  nmae: X\nfunding:\n  contributions:\n    - {share: 60}\n"
                             "    - {share: 50}\n    - {share: lots}\n"
                             "annual_report:\n  covers: effectiveness\n  period: {start: 2024-04-01, end: 2024-03-31}\n")
    assert [problem.split(": ", 2)[1] for problem in problems] == [
        "unknown key 'nmae' under partnership; did you mean 'name'?", "funding.contributions",
        "funding.contributions[2].share", "annual_report.covers", "annual_report.period"]
    assert "the shares add up to 110%" in problems[1] and "ends (2024-03-31) before it starts" in problems[4]


def test_shares_over_100_percent_and_reversed_periods():
    problems = validate_text("funding:\n  contributions:\n    - {share: 60}\n    - {share: 50}\n")
    assert problems == ["t.yaml:2:3: funding.contributions: the shares add up to 110%, more than 100%; "
                        "check each share (in per cent of the budget)"]
    (message,) = validate_text("annual_report:\n  period: {start: 2024-04-01, end: 2024-03-31}\n")
    assert "ends (2024-03-31) before it starts (2024-04-01)" in message


def test_negative_amounts_and_shares_are_errors():
    (message,) = validate_text("funding:\n  contributions:\n    - {amount: -1}\n")
    assert "must be at least 0" in message


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_is_valid(sample):
    assert validate_document(load_file(sample)) == []


@pytest.mark.parametrize("written, words", [
    ("010", "010 has a leading zero, so YAML read it as the octal number 8"),
    ("1:30", "1:30 has a colon, so YAML read it as the base-60 number 90"),
    ("0800", "found text ('0800'), as YAML reads a leading zero as octal"),
    ("1e3", "found text ('1e3'), as YAML reads an exponent only when written like 1.0e+3"),
])
def test_numbers_yaml_misreads_are_problems_even_where_a_number_belongs(written, words):
    (message,) = validate_text(f"reviews:\n  rapid_review_working_days: {written}\n")
    assert message.startswith("t.yaml:2:30: reviews.rapid_review_working_days: ") and words in message


def test_a_misread_number_under_an_unknown_key_is_reported_once():
    (message,) = validate_text("reviews:\n  rapid_review_days: 010\n")
    assert "unknown key 'rapid_review_days'" in message


def test_a_time_where_a_date_belongs_asks_for_a_date():
    (message,) = validate_text("arrangements:\n  published: 10:30\n")
    assert "expected a date, but YAML read 10:30 as a number (630); write the date as YYYY-MM-DD" in message


def test_a_mapping_in_a_text_or_mapping_choice_is_told_what_it_lacks():
    (message,) = validate_text("annual_report:\n  covers:\n    - evidence: {page: 3}\n")
    assert message == "t.yaml:3:7: annual_report.covers[0]: missing 'topic'"


def test_long_values_are_cut_and_control_characters_escaped():
    (message,) = validate_text('partnership:\n  kind: "' + "x" * 5000 + '"\n')
    assert "'" + "x" * 40 + "...' is not an allowed value" in message and len(message) < 200
    (message,) = validate_text('partnership:\n  kind: "a\\nb\\e[31m"\n')
    assert "'a\\nb\\x1b[31m' is not an allowed value" in message


def test_a_users_own_file_points_at_a_saved_copy_of_the_schema(wtcheck, tmp_path):
    """The README's way to get editor autocompletion outside wtcheck's source: save the schema
    beside the file and point the modeline at it (relative to the file, as the editor resolves it)."""
    from jsonschema import Draft202012Validator

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    modeline = "# yaml-language-server: $schema=./arrangements.schema.json"
    assert "wtcheck schema > arrangements.schema.json" in readme and modeline in readme
    saved = wtcheck("schema")
    assert saved.code == 0
    (tmp_path / "arrangements.schema.json").write_text(saved.out)
    own = tmp_path / "arrangements.yaml"
    own.write_text(modeline + "\n" + (SAMPLES / "2023-complete.yaml").read_text().split("\n", 1)[1])
    schema_file = own.parent / own.read_text().splitlines()[0].split("$schema=", 1)[1]
    Draft202012Validator(json.loads(schema_file.read_text())).validate(load_file(own).data)
    assert wtcheck("validate", "--fail-on", "should", str(own)).code == 0
