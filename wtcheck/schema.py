"""Validate documents against the bundled JSON Schemas, with messages people can act on.

Every schema error becomes a :class:`~wtcheck.errors.Problem` at the
``file:line:col`` of the offending key or value, in plain words: an unknown
key says which key was probably meant; a YAML 1.1 surprise (``no`` read as
false, ``0755`` as a number) says what happened and to quote the value.
After the schema, a few consistency checks catch numbers and periods that
are well-formed but impossible (shares adding to more than 100%).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from functools import lru_cache
from typing import Any, Iterator

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from wtcheck.errors import Problem
from wtcheck.loading import Document, YamlPath, describe_value, format_path
from wtcheck.resources import data_dir


@lru_cache(maxsize=None)
def schema_text(name: str) -> str:
    """The text of a bundled schema (``arrangements``, ``ruleset`` or ``report``)."""
    return (data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def compiled_validator(name: str) -> Draft202012Validator:
    """A validator for a bundled schema, built once per process."""
    return Draft202012Validator(json.loads(schema_text(name)), format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_document(document: Document) -> list[Problem]:
    """All problems that stop ``document`` being checked, in file order."""
    problems = describe_errors(compiled_validator("arrangements"), document)
    if not problems:
        problems = list(_consistency(document))
    return problems


def describe_errors(validator: Draft202012Validator, document: Document) -> list[Problem]:
    """Every schema error in ``document`` as a located, plain-English problem."""
    problems = {
        (problem.line, problem.column, problem.message): problem
        for error in validator.iter_errors(document.data)
        for problem in _problems(error, document)
    }
    return [problems[key] for key in sorted(problems)]


def _problem(document: Document, path: YamlPath, message: str, *, value: bool = True) -> Problem:
    line, column = document.locate(path, value=value)
    return Problem(message, document.file, line, column, format_path(path))


def _problems(error: ValidationError, document: Document) -> Iterator[Problem]:
    path: YamlPath = tuple(error.absolute_path)
    where = format_path(path)
    keyword = error.validator
    if keyword in ("oneOf", "anyOf") and error.context:
        # The branch whose type matched says what is wrong; the others only say "wrong type".
        typed = [sub for sub in error.context if sub.validator != "type"]
        yield from _problems(best_match(typed or error.context), document)
    elif keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                yield _problem(document, path + (key,), _unknown_key(key, path, allowed), value=False)
    elif keyword == "type":
        yield _problem(document, path, f"{where}: {_type_message(error, document, path)}")
    elif keyword == "enum":
        yield _problem(document, path, f"{where}: {_enum_message(error.instance, error.validator_value)}")
    elif keyword == "format":
        yield _problem(document, path, f"{where}: {_format_message(error, document, path)}")
    elif keyword == "pattern" and "http" in str(error.validator_value):
        yield _problem(document, path, f"{where}: '{error.instance}' is not a web address; "
                                       "write it in full, starting https://")
    elif keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        yield _problem(document, path, f"{where}: {error.instance} is not allowed; it must be {bound} "
                                       f"{error.validator_value}")
    elif keyword == "uniqueItems":
        yield _problem(document, path, f"{where}: the list names the same item more than once")
    elif keyword == "required":
        missing = ", ".join(repr(name) for name in error.validator_value if name not in error.instance)
        yield _problem(document, path, f"{where}: missing {missing}")
    else:
        yield _problem(document, path, f"{where}: {error.message}")


def _unknown_key(key: str, path: YamlPath, allowed: list[str]) -> str:
    under = f" under {format_path(path)}" if path else " at the top level"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}'{under}; did you mean '{close[0]}'?"
    return f"unknown key '{key}'{under}; allowed keys here: {', '.join(allowed)}"


_TYPE_WORDS = {"string": "text", "object": "a mapping (indented 'key: value' lines)",
               "array": "a list (lines starting '- ')", "boolean": "yes/no (true or false)",
               "number": "a number", "integer": "a whole number"}


def _type_message(error: ValidationError, document: Document, path: YamlPath) -> str:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted = " or ".join(_TYPE_WORDS.get(name, name) for name in expected)
    written = document.plain_text.get(path)
    if "string" in expected and written is not None:
        quoted = f"{path[-1]}: '{written}'" if path and isinstance(path[-1], str) else f"'{written}'"
        return f"expected {wanted}, but YAML read {written} as {describe_value(error.instance)}; put it in quotes: {quoted}"
    return f"expected {wanted}, but found {describe_value(error.instance)}"


def _enum_message(value: Any, allowed: list[Any]) -> str:
    choices = [str(choice) for choice in allowed if isinstance(choice, str)]
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"'{value}' is not an allowed value; {hint}choose one of: {', '.join(choices)}"


def _format_message(error: ValidationError, document: Document, path: YamlPath) -> str:
    written = document.plain_text.get(path, error.instance)
    if error.validator_value == "date" and "T" in str(error.instance):
        return f"'{written}' is a date and time; give just the date, as YYYY-MM-DD"
    if error.validator_value == "date":
        return f"'{written}' is not a date; write dates as YYYY-MM-DD (e.g. 2024-12-31)"
    return error.message


def _consistency(document: Document) -> Iterator[Problem]:
    data = document.data
    contributions = (data.get("funding") or {}).get("contributions") or []
    shares = [item["share"] for item in contributions if "share" in item]
    if sum(shares) > 100:
        yield _problem(document, ("funding", "contributions"),
                       f"funding.contributions: the shares add up to {sum(shares):g}%, more than 100%",
                       value=False)
    for section in ("funding", "annual_report"):
        period = (data.get(section) or {}).get("period") or {}
        if "start" in period and "end" in period:
            if dt.date.fromisoformat(period["end"]) < dt.date.fromisoformat(period["start"]):
                yield _problem(document, (section, "period", "end"),
                               f"{section}.period: ends ({period['end']}) before it starts ({period['start']})")
