"""Validate documents against the bundled JSON Schemas, with messages people can act on.

Every schema error becomes a :class:`~wtcheck.errors.Problem` at the
``file:line:col`` of the offending key or value, in plain words: an unknown
key says which key was probably meant; a YAML 1.1 surprise (``no`` read as
false, ``0755`` as a number) says what happened and to quote the value.
Numbers YAML 1.1 read in a way the writer cannot have meant (``015`` is the
octal 13, ``1:30`` is 90, ``0x15`` is 21, ``0b101`` is 5, ``1_0`` is 10) are
problems even where a number belongs: a value means one thing. A value
where details or a list belong is shown rewritten the way the schema wants it
(``scrutineer: {name: Kim Lee}``, ``covers: [partner_activity]``), and a value
that is not allowed gets the allowed one it most likely meant, whatever its
case, or, where the schema says a kind of value belongs elsewhere
(``x-belongs-elsewhere``: a pattern and what to say), where it belongs. A few
consistency checks catch numbers and periods that are well-formed but
impossible (shares adding to more than 100%); they run on every part that is
well-formed, alongside the schema's problems, so one run shows them all. At
most ``MAX_PROBLEMS`` problems are listed per file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

from wtcheck.core.dates import END, START, span
from wtcheck.core.errors import Problem, brief
from wtcheck.core.fastschema import Test, compile_schema, pattern
from wtcheck.core.loading import Document, YamlPath, describe_value, format_path
from wtcheck.core.resources import cached, data_dir, edition_names

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

ValidationError: TypeAlias = Any
"""jsonschema's error (its fields are typed as unions with sentinels; this module reads them as data)."""

ELSEWHERE = "x-belongs-elsewhere"
"""A schema annotation on a list of allowed values: values matching a ``pattern`` are not allowed
because they belong elsewhere, and ``message`` says where (after the value, quoted)."""
MAX_PROBLEMS = 100
"""Most problems listed for one file; past it wtcheck stops and says so."""
_SUGGEST_UP_TO = 100
"""Longest value or key for which a near miss (``did you mean``) is looked for."""


def schema_names() -> tuple[str, ...]:
    """The bundled schemas' names, the arrangements format first."""
    names = sorted(path.name.removesuffix(".schema.json") for path in data_dir("schemas").glob("*.schema.json"))
    return tuple(sorted(names, key=lambda name: name != "arrangements"))


@cached
def schema(name: str) -> dict[str, Any]:
    """A bundled schema (``arrangements``, ``ruleset``, ``report``, ...) as wtcheck uses it: the
    arrangements schema's list of editions is the rulesets' (the file is tested to agree)."""
    schema: dict[str, Any] = json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
    if name == "arrangements":
        names = edition_names()
        schema["properties"]["edition"]["enum"] = [*names, *(int(edition) for edition in names)]
    return schema


@cached
def fast_check(name: str) -> Test:
    """A yes/no check of a bundled schema, compiled once per process (see ``fastschema``)."""
    return compile_schema(schema(name))


@cached
def compiled_validator(name: str) -> Draft202012Validator:
    """jsonschema's validator for a bundled schema, built once per process, when an error needs explaining
    (its ``pattern`` means what the fast check's does: :func:`~wtcheck.core.fastschema.pattern`)."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    def anchored(validator: Any, source: str, instance: Any, _schema: Any) -> Iterator[ValidationError]:
        if validator.is_type(instance, "string") and not pattern(source).search(instance):
            yield ValidationError(f"{instance!r} does not match {source!r}")

    checker = validators.extend(Draft202012Validator, {"pattern": anchored})  # type: ignore[no-untyped-call]
    built: Draft202012Validator = checker(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return built


def first_error(name: str, data: Any) -> str | None:
    """``path: message`` of the most relevant error in ``data`` against a bundled schema, or None."""
    if fast_check(name)(data):
        return None
    from jsonschema.exceptions import best_match

    error = best_match(compiled_validator(name).iter_errors(data))
    where = brief("/".join(str(part) for part in error.absolute_path) or "(top level)", 200)
    return f"{where}: {brief(error.message, 200)}"


def validate_document(document: Document) -> list[Problem]:
    """All problems that stop ``document`` being checked, in file order."""
    problems = describe_errors("arrangements", document)
    flagged = {problem.path for problem in problems}
    for path, problem in [*_surprising_numbers(document), *_consistency(document)]:
        if not any(format_path(path[:end]) in flagged for end in range(len(path) + 1)):
            problems.append(problem)
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0, p.message))


def describe_errors(name: str, document: Document) -> list[Problem]:
    """The errors in ``document`` against the bundled schema ``name`` (at most ``MAX_PROBLEMS``),
    as located, plain-English problems; a valid document costs one fast check."""
    if fast_check(name)(document.data):
        return []
    validator = compiled_validator(name)
    every = (problem for error in validator.iter_errors(document.data)
             for problem in _problems(error, document, schema(name)))
    found = list(itertools.islice(every, MAX_PROBLEMS + 1))
    unique = {(problem.line, problem.column, problem.message): problem for problem in found[:MAX_PROBLEMS]}
    problems = [unique[key] for key in sorted(unique)]
    if len(found) > MAX_PROBLEMS:
        problems.append(Problem(f"wtcheck stopped after {MAX_PROBLEMS} problems; fix these and run it again",
                                document.file))
    return problems


def _problem(document: Document, path: YamlPath, message: str, *, value: bool = True) -> Problem:
    line, column = document.locate(path, value=value)
    return Problem(message, document.file, line, column, format_path(path))


def _problems(error: ValidationError, document: Document, root: dict[str, Any]) -> Iterator[Problem]:
    path: YamlPath = tuple(error.absolute_path)
    where = format_path(path)
    keyword = error.validator
    if keyword == "anyOf" and error.schema is root.get("$defs", {}).get("date"):
        yield _problem(document, path, f"{where}: {_date_message(error.instance, document.plain_text.get(path))}")
    elif keyword in ("oneOf", "anyOf") and error.context:
        # A branch whose type matched says what is wrong; a branch of another type only says "wrong type"
        # (and its other errors, such as an enum of text checked against a mapping, mislead).
        wrong_type = {sub.schema_path[0] for sub in error.context if sub.validator == "type" and not sub.path}
        fitting = [sub for sub in error.context if sub.schema_path[0] not in wrong_type]
        from jsonschema.exceptions import best_match

        yield from _problems(best_match(fitting or error.context), document, root)
    elif keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                yield _problem(document, path + (key,), _unknown_key(str(key), path, allowed), value=False)
    elif keyword == "type":
        yield _problem(document, path, f"{where}: {_type_message(error, document, path, root)}")
    elif keyword == "enum":
        yield _problem(document, path, f"{where}: {_enum_message(error.instance, error.validator_value, error.schema)}")
    elif keyword == "format":
        yield _problem(document, path, f"{where}: {_format_message(error, document, path)}")
    elif keyword == "pattern" and "http" in str(error.validator_value):
        if re.match(r"https?://", str(error.instance)):
            yield _problem(document, path, f"{where}: '{brief(str(error.instance))}' holds a space or a line break, "
                                           "which a web address cannot; write it on one line as a plain or quoted "
                                           "value (a block scalar, | or >, ends with a line break)")
        else:
            yield _problem(document, path, f"{where}: '{brief(str(error.instance))}' is not a web address; "
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
        yield _problem(document, path, f"{where}: {brief(error.message, 200)}")


def _unknown_key(key: str, path: YamlPath, allowed: list[str]) -> str:
    under = f" under {format_path(path)}" if path else " at the top level"
    close = _near_miss(key, allowed)
    if close:
        return f"unknown key '{brief(key)}'{under}; did you mean '{close}'?"
    return f"unknown key '{brief(key)}'{under}; allowed keys here: {', '.join(allowed)}"


def _near_miss(written: str, choices: list[str]) -> str | None:
    """The choice ``written`` most likely meant, if one is close, whatever its case (``ICB`` means
    ``icb``); long text is never close."""
    if len(written) > _SUGGEST_UP_TO:
        return None
    by_lower = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(written.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


_TYPE_WORDS = {"string": "text", "object": "details given as 'key: value' pairs",
               "array": "a list", "boolean": "yes/no (true or false)",
               "number": "a number", "integer": "a whole number"}
_EXAMPLE_KEYS = ("name", "summary", "topic", "organisation", "contributor", "board", "recipient", "title")
"""The key a single value most likely belongs under, when details are expected (``{name: Kim Lee}``)."""
_FLOW_UNSAFE = re.compile(r"[,\[\]{}#&*!|>'\"%@`]|: |:$|^[-?:\s]|\s$")


_EXPONENT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")
"""A number with an exponent, which YAML 1.1 reads as text unless written like ``1.0e+3``."""
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
"""Digits after a zero: YAML 1.1 reads them as octal (``010`` is 8), or as text if they hold 8 or 9."""
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_HEXADECIMAL = re.compile(r"[-+]?0x[0-9a-fA-F_]+")
_BINARY = re.compile(r"[-+]?0b[01_]+")
_BASE_60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
"""Numbers with colons, which YAML 1.1 reads in base 60 (``1:30`` is 90)."""


def _type_message(error: ValidationError, document: Document, path: YamlPath, root: dict[str, Any]) -> str:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted = " or ".join(_TYPE_WORDS.get(str(name), str(name)) for name in expected)
    written = document.plain_text.get(path)
    found = (f"YAML read {brief(written)} as {describe_value(error.instance)}" if written is not None
             else f"found {describe_value(error.instance)}")
    if set(expected) <= {"object", "array"} and not isinstance(error.instance, (dict, list)):
        if "object" in expected:
            keys = ", ".join(key for key in error.schema.get("properties", {}) if key != "evidence")
            wanted = f"details ({keys})" if keys else wanted
        value = written if written is not None else str(error.instance)
        example = _example(error.schema, value, root, text=isinstance(error.instance, str))
        if example is not None:
            key = f"{path[-1]}: " if path and isinstance(path[-1], str) else ""
            return f"expected {wanted}, but found {describe_value(error.instance)}; write it as {key}{example}"
    if error.schema.get("format") == "date":
        return f"expected a date, but {found}; write the date as YYYY-MM-DD (e.g. 2024-12-31)"
    if "string" in expected and written is not None:
        quoted = f"{path[-1]}: '{brief(written)}'" if path and isinstance(path[-1], str) else f"'{brief(written)}'"
        return f"expected {wanted}, but {found}; put it in quotes: {quoted}"
    if set(expected) & {"number", "integer"} and isinstance(error.instance, str):
        example = "15" if "number" not in expected else "12500 or 12.5"
        if _EXPONENT.fullmatch(error.instance.strip()):
            found += ", as YAML reads an exponent only when written like 1.0e+3"
        elif _LEADING_ZERO.fullmatch(error.instance.strip()):
            found += ", as YAML reads a leading zero as octal, which has no 8 or 9"
        return f"expected {wanted}, but {found}; write just the number (e.g. {example}), without £, commas, % or words"
    return f"expected {wanted}, but {found}"


def _example(node: dict[str, Any], value: str, root: dict[str, Any], *, text: bool) -> str | None:
    """``value`` written in YAML the way the schema ``node`` wants it: inside a list, or (if it is
    ``text``) inside details under the text key it most likely belongs to and fits (a date key takes
    only a date); None when the schema offers nowhere sure to put it."""
    node = _resolved(node, root)
    choices = [_resolved(branch, root) for branch in node.get("oneOf", node.get("anyOf", []))]
    kinds = node.get("type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "string" in kinds or "enum" in node or any("string" in _kinds(branch) or "enum" in branch for branch in choices):
        return _flow_scalar(value)
    if "array" in kinds:
        item = _example(node.get("items", {}), value, root, text=text)
        return f"[{item}]" if item is not None else None
    properties = node.get("properties", {})
    text_keys = [key for key in properties if text and _fits(_resolved(properties[key], root), value)]
    key = next((key for key in (*node.get("required", []), *_EXAMPLE_KEYS) if key in text_keys),
               text_keys[0] if text_keys else None)
    return f"{{{key}: {_flow_scalar(value)}}}" if "object" in kinds and key else None


def _fits(node: dict[str, Any], value: str) -> bool:
    """Whether a text schema ``node`` would take ``value`` (its choices, date format or pattern included)."""
    if "string" not in _kinds(node) or value not in node.get("enum", [value]):
        return False
    if node.get("format") == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return "pattern" not in node or pattern(node["pattern"]).search(value) is not None


def _resolved(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def _kinds(node: dict[str, Any]) -> list[str]:
    kinds = node.get("type", [])
    return kinds if isinstance(kinds, list) else [kinds]


def _flow_scalar(value: str) -> str:
    """``value`` as it can be written inside ``{...}`` or ``[...]``: plain, or quoted if it must be."""
    text = brief(value)
    return f"'{text.replace(chr(39), chr(39) * 2)}'" if _FLOW_UNSAFE.search(text) or not text else text


def _enum_message(value: Any, allowed: list[Any], node: dict[str, Any]) -> str:
    for elsewhere in node.get(ELSEWHERE, []):
        if isinstance(value, str) and len(value) <= _SUGGEST_UP_TO and re.search(elsewhere["pattern"], value):
            return f"'{brief(value)}' {elsewhere['message']}"
    choices = [str(choice) for choice in allowed if isinstance(choice, str)]
    close = _near_miss(str(value), choices)
    hint = f"did you mean '{close}'? " if close else ""
    return f"'{brief(str(value))}' is not an allowed value; {hint}choose one of: {', '.join(choices)}"


DATE_FORMS = "write the date as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-12-31, 2024-12 or 2024)"
"""What a date may look like: as precise as the document gives it."""


def _date_message(value: Any, written: str | None) -> str:
    """What is wrong with a value where a date (a day, a month or a year) belongs."""
    if isinstance(value, str):
        shown = brief(written if written is not None else value)
        if "T" in value or ":" in value:
            return f"'{shown}' is a date and time; give just the date, as YYYY-MM-DD"
        return f"'{shown}' is not a date; {DATE_FORMS.replace('write the date as', 'write dates as')}"
    found = f"YAML read {brief(written)} as {describe_value(value)}" if written is not None else f"found {describe_value(value)}"
    return f"expected a date, but {found}; {DATE_FORMS}"


def _format_message(error: ValidationError, document: Document, path: YamlPath) -> str:
    written = brief(str(document.plain_text.get(path, error.instance)))
    if error.validator_value == "date" and "T" in str(error.instance):
        return f"'{written}' is a date and time; give just the date, as YYYY-MM-DD"
    if error.validator_value == "date":
        return f"'{written}' is not a date; write dates as YYYY-MM-DD (e.g. 2024-12-31)"
    return brief(error.message, 200)


def _surprising_numbers(document: Document) -> Iterator[tuple[YamlPath, Problem]]:
    """Numbers YAML 1.1 read from a spelling that means something else to a person."""
    for path, written in document.plain_text.items():
        value = _value_at(document.data, path)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if _OCTAL.fullmatch(written):
            how = f"has a leading zero, so YAML read it as the octal number {value}; write it without the leading zero"
        elif _BASE_60.fullmatch(written):
            how = f"has a colon, so YAML read it as the base-60 number {value}; write the number you mean"
        elif _HEXADECIMAL.fullmatch(written):
            how = f"starts 0x, so YAML read it as the hexadecimal number {value}; write the number in ordinary digits"
        elif _BINARY.fullmatch(written):
            how = f"starts 0b, so YAML read it as the binary number {value}; write the number in ordinary digits"
        elif "_" in written:
            how = f"holds an underscore, which YAML drops, so it read {value}; write the number without underscores"
        else:
            continue
        yield path, _problem(document, path, f"{format_path(path)}: {written} {how} "
                                             "(or put it in quotes if it is text)")


def _value_at(data: Any, path: YamlPath) -> Any:
    """The value at ``path``, or None where the data no longer has it."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _consistency(document: Document) -> Iterator[tuple[YamlPath, Problem]]:
    """Well-formed but impossible values, looked for in whatever parts are well-formed (the
    schema's problems are reported alongside): shares over 100%, periods that end before they start."""
    data = document.data
    funding: dict[str, Any] = data["funding"] if isinstance(data.get("funding"), dict) else {}
    contributions: list[Any] = funding["contributions"] if isinstance(funding.get("contributions"), list) else []
    shares = [item["share"] for item in contributions  # a share out of 0..100 is the schema's problem alone
              if isinstance(item, dict) and _is_number(item.get("share")) and 0 <= item["share"] <= 100]
    if sum(shares) > 100:
        path = ("funding", "contributions")
        yield path, _problem(document, path, f"funding.contributions: the shares add up to {sum(shares):g}%, "
                                             "more than 100%; check each share (in per cent of the budget)", value=False)
    for section in ("funding", "annual_report"):
        period = data[section].get("period") if isinstance(data.get(section), dict) else None
        if not isinstance(period, dict):
            continue
        start, end = span(period.get("start"), START), span(period.get("end"), END)
        if start and end and end.latest < start.earliest:
            end_path: YamlPath = (section, "period", "end")
            yield end_path, _problem(document, end_path,
                                 f"{section}.period: ends ({period['end']}) before it starts ({period['start']})")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
