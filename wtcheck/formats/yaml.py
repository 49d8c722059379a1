"""YAML descriptions with comments: the starter ``wtcheck init`` writes and the draft ``wtcheck draft`` writes.

Both are arrangements descriptions a person goes on to edit, so they are written
for reading: block style, the schema's order, a comment above or beside what needs
one, and values quoted only where YAML would otherwise read them as something
else (every value reads back as the same text, number or yes/no). The first line
points the yaml-language-server at the schema saved beside the file.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

WIDTH = 100
"""Longest comment line written."""
_PLAIN = re.compile(r"^[A-Za-z£(][^:#\n\"`{}\[\],&*!|>%@]*$")
_SPECIAL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
                      r"null|Null|NULL|~)$")
_NUMBERISH = re.compile(r"^[-+]?[0-9._:]|^\.[0-9]|[0-9]{4}-[0-9]{2}")
_DATE = re.compile(r"^(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def scalar(value: Any) -> str:
    """A value as YAML: ``true``/``false``, numbers as written, text plain where that reads back
    as the same text, else double-quoted with escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _DATE.match(text):
        return text
    if _PLAIN.match(text) and not _SPECIAL.match(text) and not _NUMBERISH.search(text) \
            and text == text.strip() and not text.endswith(":") and " #" not in text and text.isprintable():
        return text
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if not char.isprintable() or char in "\u2028\u2029\u0085\ufeff":
        return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
    return char


def lines(key: str | None, value: Any, indent: int) -> list[str]:
    """``key: value`` (or, without a key, a list item's value) in block style at ``indent`` spaces."""
    pad = " " * indent
    head = f"{pad}{key}:" if key is not None else ""
    if isinstance(value, dict):
        if not value:
            return [f"{head} {{}}"]
        inner = indent + 2 if key is not None else indent
        body = [line for name, item in value.items() for line in lines(name, item, inner)]
        return [head, *body] if key is not None else body
    if isinstance(value, list):
        if not value:
            return [f"{head} []"]
        if all(not isinstance(item, (dict, list)) for item in value):
            flow = f"{head} [{', '.join(scalar(item) for item in value)}]"
            if len(flow) <= WIDTH:
                return [flow]
        items: list[str] = []
        for item in value:
            if isinstance(item, dict) and item:
                block = lines(None, item, indent + 2)
                block[0] = f"{pad}- {block[0].lstrip()}"
                items += block
            else:
                items.append(f"{pad}- {scalar(item)}")
        return [head, *items]
    return [f"{head} {scalar(value)}" if key is not None else f"{pad}{scalar(value)}"]


def comment(text: str, indent: int, *, width: int = WIDTH) -> list[str]:
    """``text`` as comment lines at ``indent`` spaces, wrapped."""
    pad = " " * indent
    wrapped = textwrap.wrap(text, width=max(40, width - indent - 2), break_long_words=False, break_on_hyphens=False)
    return [f"{pad}# {line}" for line in wrapped] or [f"{pad}#"]


def modeline(schema_file: str) -> str:
    """The first line: tells the yaml-language-server which schema the file follows."""
    return f"# yaml-language-server: $schema={schema_file}"


# ------------------------------------------------------------------ the draft
def render_draft(model: dict[str, Any]) -> str:
    """A drafted description: each section as drafted, with its evidence, and a commented
    placeholder for each item looked for and not found."""
    out = [modeline(model["schema_file"]), "#"]
    out += comment(f"Drafted by wtcheck draft from {', '.join(model['files'])}. Each value was read in a "
                   "document: its evidence says where (the page or heading, and the words). Check every value "
                   "against the document before relying on it; a value is drafted only where the document says it "
                   "in so many words. What was not found is a comment below: fill it in, then run wtcheck validate "
                   "on this file.", 0)
    for edition in model["editions"]:
        out.append(f'# edition: "{edition}"    (the documents refer to this edition of Working Together; '
                   "uncomment to check against it)")
    missing: dict[str, list[tuple[str, str]]] = {}
    for entry in model["missing"]:
        section, _, item = entry["path"].partition(".")
        if "[" in section:
            section, _, item = entry["path"].partition("[")
            item = "[" + item
        missing.setdefault(section, []).append((item, entry["about"]))
    order = model["sections"]
    for section in order:
        given = model["description"].get(section)
        wanted = missing.get(section, [])
        if given is None and not wanted:
            continue
        out.append("")
        if given is None:
            out.append(f"# {section}:    (not found in the documents)")
            for item, about in wanted:
                out += comment(f"  {item}:    (not found) {about}", 0)
            continue
        out += lines(section, given, 0)
        for item, about in wanted:
            if item.startswith("["):
                out += comment(f"not found: {about}", 2)
            else:
                out += _placeholder(item, about, 2)
    return "\n".join(out) + "\n"


def _placeholder(item: str, about: str, indent: int) -> list[str]:
    return comment(f"{item}:    (not found) {about}".strip(), indent)


# ---------------------------------------------------------------- the starter
def render_starter(model: dict[str, Any]) -> str:
    """A starter description: every item of the edition, each with a comment saying what it is,
    an example, and which requirements read it; items whose blank form the schema accepts are
    written blank, the others (dates, yes/no, choices, web addresses) commented out, ready to fill."""
    out = [modeline(model["schema_file"]), "#"]
    out += comment(model["intro"], 0)
    out += ["", f'edition: "{model["edition"]}"']
    for item in model["items"]:
        out.append("")
        out += _starter_item(item, 0)
    return "\n".join(out) + "\n"


def _starter_item(item: dict[str, Any], indent: int) -> list[str]:
    out = comment(item["about"], indent)
    if item.get("example") is not None and "blank" in item:
        out += comment(f"Example: {item['example']}", indent)
    if item.get("read_by"):
        out += comment("Read by: " + "; ".join(item["read_by"]), indent)
    pad = " " * indent
    key = item["key"]
    if item.get("children"):
        if not _has_live(item):  # nothing in it can be blank: the whole of it is written as a comment
            readers = list(dict.fromkeys(rule for child in item["children"] for rule in child.get("read_by", [])))
            if readers:
                out += comment("Read by: " + "; ".join(readers), indent)
            out.append(f"{pad}# {key}:")
            out += [f"{pad}#   {child['key']}: {child.get('form', '')}" for child in item["children"]]
            return out
        out.append(f"{pad}{key}:")
        for child in item["children"]:
            out += _starter_item(child, indent + 2)
        return out
    if item.get("item_fields"):
        out.append(f"{pad}{key}: []")
        out += comment("Each item, for example (replace [] above with items like this one):", indent)
        out += [f"{pad}#   {line}" for line in item["item_fields"]]
        return out
    if "blank" in item:
        out += lines(key, item["blank"], indent)
    else:
        out.append(f"{pad}# {key}: {item['form']}")
    return out


def _has_live(item: dict[str, Any]) -> bool:
    """Whether an item, or anything in it, is written as a value rather than a comment."""
    return "blank" in item or "item_fields" in item or any(_has_live(child) for child in item.get("children", []))
