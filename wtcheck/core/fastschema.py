"""A fast yes/no JSON Schema check for the bundled schemas, so valid files never pay for jsonschema.

``compile_schema`` turns a schema into a function that answers only "valid or
not", built from closures once per process. It knows the JSON Schema 2020-12
keywords wtcheck's schemas use, with jsonschema's meaning, and refuses any
other keyword when it compiles, so a schema change cannot slip past it.
jsonschema stays the reference: when a document is not valid, ``schema.py``
asks jsonschema for every error, located and explained. The tests check that
both always agree.

A ``pattern`` means what JSON Schema (ECMA-262) says it means, in both: ``$``
is the end of the text, where Python's ``$`` also matches before a final line
break, so ``^https?://\\S+$`` would accept a web address with a line break
after it (:func:`pattern`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

Test = Callable[[Any], bool]

_ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default", "$defs"}
"""Keywords that add no test; so does any keyword starting ``x-`` (wtcheck's own annotations)."""
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@cache
def pattern(source: str) -> re.Pattern[str]:
    """A schema's ``pattern`` as a Python regular expression that means the same: each ``$`` outside a
    character class becomes ``\\Z`` (the very end)."""
    translated, escaped, in_class = [], False, False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        translated.append(char)
    return re.compile("".join(translated))


def compile_schema(schema: dict[str, Any]) -> Test:
    """A function telling whether an instance is valid against ``schema``."""
    definitions = schema.get("$defs", {})
    compiled: dict[str, Test] = {}

    def reference(target: str) -> Test:
        name = target.removeprefix("#/$defs/")
        if name == target or name not in definitions:
            raise ValueError(f"unsupported $ref {target!r}")

        def follow(instance: Any) -> bool:
            if name not in compiled:
                compiled[name] = build(definitions[name])
            return compiled[name](instance)
        return follow

    def build(node: dict[str, Any] | bool) -> Test:
        if node is True:
            return lambda instance: True
        if node is False:
            return lambda instance: False
        tests = [_keyword(name, value, node, build, reference) for name, value in node.items()
                 if name not in _ANNOTATIONS and not name.startswith("x-")]
        return _all([test for test in tests if test is not None])

    return build(schema)


def _all(tests: list[Test]) -> Test:
    """One test passing when every one of ``tests`` does (a loop: this runs for every value checked)."""
    if len(tests) == 1:
        return tests[0]

    def every(instance: Any) -> bool:
        for test in tests:  # noqa: SIM110 - a plain loop is faster than all() and a generator here
            if not test(instance):
                return False
        return True
    return every


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    "integer": lambda value: _is_number(value) and float(value).is_integer(),
}


def _json_key(value: Any) -> Any:
    """A hashable form in which values are equal exactly when JSON says so (true is not 1)."""
    if isinstance(value, bool):
        return ("bool", value)
    if _is_number(value):
        return ("number", value)
    if isinstance(value, list):
        return ("array", tuple(_json_key(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _json_key(item)) for key, item in value.items()))
    return (type(value).__name__, value)


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _valid_regex(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    try:
        re.compile(value)
    except re.error:
        return False
    return True


_FORMATS: dict[str, Test] = {"date": _valid_date, "regex": _valid_regex}
"""The formats the bundled schemas use, checked as jsonschema's format checker checks them."""


def _keyword(name: str, value: Any, node: dict[str, Any], build: Callable[[Any], Test],
             reference: Callable[[str], Test]) -> Test | None:
    """The test for one keyword of ``node`` (None for one that adds no test on its own)."""
    if name == "type":
        kinds = [_TYPES[kind] for kind in (value if isinstance(value, list) else [value])]
        return lambda instance: any(kind(instance) for kind in kinds)
    if name in ("enum", "const"):
        allowed = {_json_key(item) for item in (value if name == "enum" else [value])}
        return lambda instance: _json_key(instance) in allowed
    if name == "$ref":
        return reference(value)
    if name == "properties":
        children = {key: build(child) for key, child in value.items()}

        def properties(instance: Any) -> bool:
            if isinstance(instance, dict):
                for key, item in instance.items():
                    child = children.get(key)
                    if child is not None and not child(item):
                        return False
            return True
        return properties
    if name == "additionalProperties":
        known, extra = set(node.get("properties", {})), build(value)

        def additional(instance: Any) -> bool:
            if isinstance(instance, dict):
                for key, item in instance.items():
                    if key not in known and not extra(item):
                        return False
            return True
        return additional
    if name == "propertyNames":
        names = build(value)
        return lambda instance: not isinstance(instance, dict) or all(names(key) for key in instance)
    if name == "required":
        return lambda instance: not isinstance(instance, dict) or all(key in instance for key in value)
    if name == "minProperties":
        return lambda instance: not isinstance(instance, dict) or len(instance) >= value
    if name == "dependentRequired":
        return lambda instance: not isinstance(instance, dict) or all(
            all(needed in instance for needed in needs) for key, needs in value.items() if key in instance)
    if name == "items":
        item_test = build(value)
        return lambda instance: not isinstance(instance, list) or all(item_test(item) for item in instance)
    if name in ("minItems", "maxItems"):
        compare: Callable[[Any], bool] = (lambda size: size >= value) if name == "minItems" else (lambda size: size <= value)
        return lambda instance: not isinstance(instance, list) or compare(len(instance))
    if name == "uniqueItems":
        return lambda instance: not (value and isinstance(instance, list)) or \
            len({_json_key(item) for item in instance}) == len(instance)
    if name in ("minimum", "maximum"):
        compare = (lambda number: number >= value) if name == "minimum" else (lambda number: number <= value)
        return lambda instance: not _is_number(instance) or compare(instance)
    if name == "minLength":
        return lambda instance: not isinstance(instance, str) or len(instance) >= value
    if name == "pattern":
        expression = pattern(value)
        return lambda instance: not isinstance(instance, str) or expression.search(instance) is not None
    if name == "format":
        if value not in _FORMATS:
            raise ValueError(f"unsupported format {value!r}")
        return _FORMATS[value]
    if name in ("oneOf", "anyOf"):
        branches = [build(branch) for branch in value]
        if name == "anyOf":
            return lambda instance: any(branch(instance) for branch in branches)
        return lambda instance: sum(1 for branch in branches if branch(instance)) == 1
    if name == "not":
        negated = build(value)
        return lambda instance: not negated(instance)
    raise ValueError(f"unsupported JSON Schema keyword {name!r}")
