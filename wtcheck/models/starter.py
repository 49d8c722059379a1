"""The starter description ``wtcheck init`` writes, built from the schema and the edition's rules.

Every item of the arrangements schema that the edition's rules read (and every item
no rule of any edition reads, such as web addresses) is in it, with the schema's
own words for what it is, an example taken from the rules' examples (else from the
schema: its choices, the form of a date), and the rules that read it. Items read
only by other editions' rules are left out, so an LSCB starter has a board and no
safeguarding partners, and the other way round. Nothing here is written per edition.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from wtcheck.core.editions import Edition, editions
from wtcheck.core.ruleset import Rule, load_ruleset, ruleset_for_edition
from wtcheck.core.schema import schema
from wtcheck.core.vocabulary import ERA_WORDS

SKIPPED = ("evidence", "edition")
"""Items written once, not per item: the edition (at the top) and evidence (explained at the top)."""
_PATH_OPTIONS = ("path", "start", "end", "to", "after")
_LIST_OPTIONS = ("paths", "from", "dated_by")
_ITEM_OPTIONS = ("field", "fields", "key")


def starter_model(edition: Edition, schema_file: str) -> dict[str, Any]:
    """The starter for ``edition``: its items, in the schema's order, each with its comment."""
    ruleset = ruleset_for_edition(edition.name)
    readers = _readers(ruleset.rules)
    others = _read_elsewhere(edition)
    examples = _examples(ruleset.rules)
    root = schema("arrangements")
    kind = {"lscb": "lscb"}.get(edition.era, "safeguarding_partnership")
    items = _items(root, root, (), readers, others, examples, {("partnership", "kind"): kind})
    intro = (f"A starter description of a partnership's published arrangements, for {edition.title} "
             f"({ERA_WORDS.get(edition.era, edition.era)}). Each item says what it is, gives an example and names "
             "the requirements that read it. Fill in what your published arrangements and yearly report say; "
             "leave blank what they do not. Items written as comments (dates, yes/no, choices, web addresses) "
             "take effect when you remove the '# ' in front and give the value. Any part can say where the "
             "document shows it: evidence: {document: ..., page: 12, section: \"3 Our partners\"}. Then run: "
             "wtcheck validate on this file (it lists what is still missing).")
    return {"edition": edition.name, "title": edition.title, "schema_file": schema_file, "intro": intro,
            "items": items}


def _items(root: dict[str, Any], node: dict[str, Any], path: tuple[str, ...], readers: dict[tuple[str, ...], list[Rule]],
           others: set[tuple[str, ...]], examples: dict[tuple[str, ...], Any],
           fixed: dict[tuple[str, ...], str]) -> list[dict[str, Any]]:
    items = []
    for key, child in node.get("properties", {}).items():
        if key in SKIPPED:
            continue
        where = (*path, key)
        resolved = _resolved(root, child)
        if not _wanted(where, readers, others):
            continue
        item: dict[str, Any] = {"key": key, "about": _about(root, child)}
        example = examples.get(where)
        if resolved.get("type") == "object" and "properties" in resolved and not _is_statement(resolved):
            item["children"] = _items(root, resolved, where, readers, others, examples, fixed)
            if not item["children"]:
                continue
        elif resolved.get("type") == "array" and _resolved(root, resolved.get("items", {})).get("type") == "object":
            item["item_fields"] = _item_template(root, _resolved(root, resolved["items"]), where, examples)
            item["read_by"] = _read_by(where, readers)
        else:
            item["read_by"] = _read_by(where, readers)
            if example is not None:
                item["example"] = _shown(example)
            if where in fixed:
                item["blank"] = fixed[where]
            elif _blank_ok(resolved):
                item["blank"] = [] if resolved.get("type") == "array" else ""
            else:
                item["form"] = _form(resolved, example)
        items.append(item)
    return items


def _wanted(where: tuple[str, ...], readers: dict[tuple[str, ...], list[Rule]], others: set[tuple[str, ...]]) -> bool:
    """An item is in the starter if this edition's rules read it or something in it, or no rule
    of any edition does."""
    mine = any(path[:len(where)] == where or where[:len(path)] == path for path in readers)
    elsewhere = any(path[:len(where)] == where for path in others)
    return mine or not elsewhere


def _read_by(where: tuple[str, ...], readers: dict[tuple[str, ...], list[Rule]]) -> list[str]:
    rules = {rule.id: rule for path, found in readers.items() if path[:len(where)] == where for rule in found}
    return [f"{rule.id} ({rule.title})" for rule in sorted(rules.values(), key=lambda rule: rule.id)]


def _item_template(root: dict[str, Any], node: dict[str, Any], where: tuple[str, ...],
                   examples: dict[tuple[str, ...], Any]) -> list[str]:
    """Lines of one example item of a list of mappings (each field with its example or form)."""
    lines: list[str] = []
    for key, child in node.get("properties", {}).items():
        if key in SKIPPED:
            continue
        resolved = _resolved(root, child)
        example = examples.get((*where, key))
        if resolved.get("type") == "object" and "properties" in resolved:
            parts = {name: examples.get((*where, key, name)) for name in resolved["properties"] if name not in SKIPPED}
            shown = ", ".join(f"{name}: {_shown(value) if value is not None else chr(34) * 2}" for name, value in parts.items())
            value = "{" + shown + "}"
        elif example is not None:
            value = _shown(example)
        else:
            value = _form(resolved, None)
        about = _short(_about(root, child))
        lines.append(f"{'- ' if not lines else '  '}{key}: {value}" + (f"    # {about}" if about and "#" not in value else ""))
    return lines


def _short(text: str) -> str:
    """The first clause of a description, for a comment at the end of a line."""
    first = text.split(": ", 1)[0].split(". ", 1)[0].rstrip(".")
    return first if len(first) <= 70 else first[:67].rsplit(" ", 1)[0] + "..."


def _about(root: dict[str, Any], node: dict[str, Any]) -> str:
    text = node.get("description") or _resolved(root, node).get("description") or ""
    return " ".join(str(text).split())


def _resolved(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**root["$defs"][node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _is_statement(node: dict[str, Any]) -> bool:
    return node.get("type") == ["string", "object"]


def _blank_ok(node: dict[str, Any]) -> bool:
    """Whether the schema takes the item blank ("" or []): plain text, statements, lists."""
    kind = node.get("type")
    if kind == "array":
        return True
    text = kind == "string" or (isinstance(kind, list) and "string" in kind)
    return text and not any(key in node for key in ("enum", "format", "pattern", "const"))


def _is_date(node: dict[str, Any]) -> bool:
    """Whether the item is a date (a day, or a month or a year as the document gives it)."""
    return node.get("format") == "date" or any(part.get("format") == "date" for part in node.get("anyOf", []))


def _form(node: dict[str, Any], example: Any) -> str:
    """How an item that cannot be blank is written, commented out: its example, and its form."""
    kind = node.get("type")
    if "enum" in node:
        choices = [str(value) for value in node["enum"]]
        return f"{_shown(example) if example is not None else choices[0]}    # one of: {', '.join(choices)}"
    if _is_date(node):
        return f"{_shown(example) if example is not None else 'YYYY-MM-DD'}    # a date, YYYY-MM-DD (or YYYY-MM, or YYYY)"
    if "pattern" in node:
        return f"{_shown(example) if example is not None else 'https://'}    # a web address starting https://"
    if kind == "boolean":
        return f"{_shown(example) if example is not None else 'true'}    # true or false"
    if kind in ("number", "integer"):
        return f"{_shown(example) if example is not None else 0}    # a number"
    return _shown(example) if example is not None else '""'


def _shown(value: Any) -> str:
    """A value as it would be written in YAML, on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False).strip()
    if isinstance(value, str) and (":" in value or value[:1] in "[{*&!|>'\"%@`#-" or value.strip() != value):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _readers(rules: tuple[Rule, ...]) -> dict[tuple[str, ...], list[Rule]]:
    """Each path rules read (list selectors taken off), with the rules that read it."""
    found: dict[tuple[str, ...], list[Rule]] = {}
    for rule in rules:
        for path in {path for spec in (rule.check, rule.applies_if) if spec for path in _paths(spec)}:
            found.setdefault(path, []).append(rule)
    return found


def _paths(spec: dict[str, Any]) -> set[tuple[str, ...]]:
    """The paths a check reads (its own, its list items' fields, and those of the checks in it)."""
    found: set[tuple[str, ...]] = set()
    for option in _PATH_OPTIONS:
        if isinstance(spec.get(option), str):
            found.add(_steps(spec[option]))
    for option in _LIST_OPTIONS:
        value = spec.get(option)
        for path in (value if isinstance(value, list) else [value] if isinstance(value, str) else []):
            found.add(_steps(path))
    base = _steps(spec["path"]) if isinstance(spec.get("path"), str) else ()
    for option in _ITEM_OPTIONS:
        value = spec.get(option)
        for field in (value if isinstance(value, list) else [value] if isinstance(value, str) else []):
            found.add((*base, *_steps(field)))
    for key in (*spec.get("where", {}), *spec.get("except", {})):
        found.add((*base, key))
    for sub in spec.get("checks", []):
        found |= _paths(sub)
    return found


def _steps(path: str) -> tuple[str, ...]:
    return tuple(part.split("[", 1)[0] for part in path.split("."))


def _read_elsewhere(edition: Edition) -> set[tuple[str, ...]]:
    """Every path read by a rule of another edition."""
    found: set[tuple[str, ...]] = set()
    for other in editions().values():
        if other.name != edition.name:
            found |= set(_readers(load_ruleset(other.ruleset).rules))
    return found


def _examples(rules: tuple[Rule, ...]) -> dict[tuple[str, ...], Any]:
    """The first value each path has in the rules' examples (a list's first item stands for its items)."""
    found: dict[tuple[str, ...], Any] = {}
    for rule in rules:
        try:
            data = yaml.safe_load(rule.example)
        except yaml.YAMLError:
            continue
        _collect(data, (), found)
    return found


def _collect(value: Any, path: tuple[str, ...], found: dict[tuple[str, ...], Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _collect(item, (*path, str(key)), found)
        return
    if isinstance(value, list) and value and isinstance(value[0], dict):
        for item in value:
            _collect(item, path, found)
        return
    if path and path not in found:
        found[path] = value.isoformat() if hasattr(value, "isoformat") else value
