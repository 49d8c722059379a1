"""Property-based tests: whatever the input, wtcheck answers (exit 0, 1 or 2) and never raises.

Hypothesis feeds random YAML-like text and bytes, and random structures shaped
like the arrangements schema, some of them written with the unquoted scalars
YAML 1.1 misreads (``no``, ``0755``, ``1:30``), through the pipeline in-process
and, for a handful, through the command line. A value is never silently
changed: when a file checks without problems, its data is what was written.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wtcheck.core.resources import data_dir
from wtcheck.core.runner import FileResult, check_file
from wtcheck.models.report import build

from conftest import run_wtcheck

SCHEMA = json.loads((data_dir("schemas") / "arrangements.schema.json").read_text())
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SURPRISES = ["no", "yes", "on", "off", "NO", "Yes", "y", "n", "~", "null", "0755", "0800", "010", "1:30", "10:30",
             "2023-02-30", "2023-13-01", "28/11/2024", "2024-11-28", "2024-11-28 10:30:00", ".nan", ".inf", "-.inf",
             "1e400", "1.0e+400", "-5", "0", "£5,000", "45%", "0x1F", "0b101", "1_000", "[]", "{}", "''", '"'
             "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "*missing", "&anchor text", "<<"]
"""Unquoted scalars YAML 1.1 reads as something other than the text written, or refuses."""

TOKENS = ["partnership:", "funding:", "contributions:", "name:", "share:", " ", "  ", "\n", "\t", "\r\n", "- ",
          ": ", "[", "]", "{", "}", ",", "&a ", "*a", "? ", "|", ">", "#", "'", '"', "\\", "---", "...", "%YAML 1.1",
          "!!str ", "!tag ", "<<: ", "\ufeff", "\x00", "\x07", "\x85", "\u2028", "é", "£", "😀", *SURPRISES]


class Raw(str):
    """A scalar to write unquoted, exactly as it is."""


def written(value: Any, indent: int = 0) -> str:
    """``value`` as block-style YAML: strings double-quoted (JSON escapes), :class:`Raw` as is."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        return "".join(f"{pad}{json.dumps(key)}:{_after_key(item, indent)}" for key, item in value.items())
    if isinstance(value, list) and value:
        return "".join(f"{pad}-{_after_key(item, indent)}" for item in value)
    return f"{pad}{_scalar(value)}\n"


def _after_key(value: Any, indent: int) -> str:
    if isinstance(value, (dict, list)) and value:
        return "\n" + written(value, indent + 2)
    return f" {_scalar(value)}\n"


def _scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    return json.dumps(value, ensure_ascii=False) if value not in ({}, []) else json.dumps(value)


def deref(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


PLAIN_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)


def shaped(node: dict[str, Any], hostile: bool) -> st.SearchStrategy[Any]:
    """Values shaped like ``node`` of the schema; with ``hostile``, any value may instead be an
    unquoted YAML 1.1 surprise, and any mapping may gain an unknown key."""
    node = deref(node)
    if "oneOf" in node:
        strategy = st.one_of(*[shaped(branch, hostile) for branch in node["oneOf"]])
    elif "enum" in node:
        strategy = st.sampled_from(node["enum"])
    else:
        kinds = node.get("type", "string")
        strategy = st.one_of(*[_of_type(kind, node, hostile) for kind in (kinds if isinstance(kinds, list) else [kinds])])
    return st.one_of(strategy, st.sampled_from(SURPRISES).map(Raw)) if hostile else strategy


def _of_type(kind: str, node: dict[str, Any], hostile: bool) -> st.SearchStrategy[Any]:
    if kind == "object":
        properties = {key: shaped(child, hostile) for key, child in node.get("properties", {}).items()}
        required = {key: properties.pop(key) for key in node.get("required", [])}
        mappings = st.fixed_dictionaries(required, optional=properties)
        if hostile:
            mappings = st.builds(lambda known, extra: {**known, **extra}, mappings,
                                 st.dictionaries(PLAIN_TEXT, st.integers(), max_size=1))
        return mappings
    if kind == "array":
        return st.lists(shaped(node.get("items", {}), hostile), max_size=2)
    if node.get("format") == "date":
        return st.dates().map(lambda day: Raw(day.isoformat()) if day.year > 1000 else day.isoformat())
    if "pattern" in node:
        return PLAIN_TEXT.map(lambda text: "https://example.org/" + text.replace(" ", "-"))
    return {"string": PLAIN_TEXT, "integer": st.integers(-5, 10**9), "boolean": st.booleans(),
            "number": st.one_of(st.integers(-5, 10**9), st.floats(-1e6, 1e9, allow_nan=False))}[kind]


ARRANGEMENTS = shaped(SCHEMA, hostile=False)
HOSTILE_ARRANGEMENTS = shaped(SCHEMA, hostile=True)


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def checked(folder: Path, content: str | bytes) -> FileResult:
    """Check ``content`` as a file in-process, asserting the answers every file must get."""
    path = folder / "arrangements.yaml"
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    result = check_file(path)
    assert build([result], "must")["exit_code"] in (0, 1, 2)
    for problem in result.problems:
        assert "\n" not in str(problem) and len(problem.message) < 1000, str(problem)
    return result


@FAST
@given(text=st.one_of(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join), st.text(max_size=200)))
def test_random_yaml_like_text_never_raises(scratch, text):
    checked(scratch, text)


@FAST
@given(content=st.binary(max_size=300))
def test_random_bytes_never_raise(scratch, content):
    checked(scratch, content)


@FAST
@given(data=HOSTILE_ARRANGEMENTS)
def test_arrangements_with_yaml_surprises_never_raise(scratch, data):
    checked(scratch, written(data))


@FAST
@given(data=ARRANGEMENTS)
def test_a_file_that_checks_without_problems_holds_exactly_what_was_written(scratch, data):
    result = checked(scratch, written(data))
    if not result.problems:
        assert result.document is not None and result.document.data == json.loads(json.dumps(data))


@FAST
@given(field=st.sampled_from([("partnership", "name"), ("chair", "name"), ("thresholds", "title")]),
       token=st.sampled_from(SURPRISES))
def test_a_surprise_where_text_belongs_is_reported_or_kept_as_written(scratch, field, token):
    section, key = field
    result = checked(scratch, f"{section}:\n  {key}: {token}\n")
    if not result.problems:
        assert result.document is not None and result.document.data[section][key] == token


@settings(max_examples=5, deadline=None)
@given(data=HOSTILE_ARRANGEMENTS)
def test_the_command_line_answers_every_shape(data):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "arrangements.yaml").write_text(written(data), encoding="utf-8")
        run = run_wtcheck("validate", "--edition", "2023", cwd=Path(folder))
    assert run.code in (0, 1, 2) and run.err == "" and "Traceback" not in run.out
