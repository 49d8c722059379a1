"""The shared mechanisms the security tests rest on: one escaping function for outside text
(``visible``, ``flowing``), the JSON writer's escapes, whole web addresses, and schema patterns
that end at the end of the text, as JSON Schema says (never before a final line break)."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from wtcheck.core.fastschema import pattern
from wtcheck.core.schema import compiled_validator, fast_check
from wtcheck.core.text import HIDDEN, brief, flowing, located, visible
from wtcheck.formats.json import dumps
from wtcheck.formats.view import markdown_text, web_address


def test_every_control_format_separator_and_surrogate_character_is_hidden():
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Zl", "Zp") and not HIDDEN.match(chr(code))]
    assert missed == []


@pytest.mark.parametrize("text", ["Kestrelford Safeguarding Children Partnership", "Café £189,000 – “quoted”",
                                  "Ysgol Gymraeg Llanfair", "東京", "ثلاثة", "emoji 👍", "back\\slash"])
def test_ordinary_text_is_left_as_it_is(text):
    assert visible(text) is text and flowing(text) == text


@pytest.mark.parametrize("raw, shown", [
    ("a\x1b[2Jb", "a\\x1b[2Jb"), ("line\rover", "line\\rover"), ("two\nlines", "two\\nlines"), ("tab\t", "tab\\t"),
    ("csi\x9b", "csi\\x9b"), ("rlo\u202e", "rlo\\u202e"), ("zero\u200bwidth", "zero\\u200bwidth"), ("\ufeffbom", "\\ufeffbom"),
    ("sep\u2028", "sep\\u2028"), ("caf\udce9", "caf\\udce9"), ("tag\U000e0041", "tag\\U000e0041"), ("\ufffe", "\\ufffe"),
])
def test_hidden_characters_are_written_as_escapes(raw, shown):
    assert visible(raw) == shown and visible(shown) == shown
    assert not HIDDEN.search(visible(raw))


def test_flowing_text_is_one_line_of_prose():
    assert flowing("  Kestrelford\n  Partnership\n") == " Kestrelford Partnership "
    assert flowing("; ") == "; "
    assert flowing("a\r\n\x1b[2Jb") == "a \\x1b[2Jb"


def test_one_line_messages():
    assert brief("x" * 50) == "x" * 40 + "..."
    assert brief("a\u202eb") == "a\\u202eb"
    assert located("bad\nvalue", "caf\udce9.yaml", 3, 9) == "caf\\udce9.yaml:3:9: bad\\nvalue"


def test_json_escapes_what_it_would_leave_raw_and_reads_back_the_same():
    value = {"file": "caf\udce9\x1b[2J\u202e\x85\U000e0041.yaml", "note": "two\nlines\x7f"}
    text = dumps(value)
    assert not HIDDEN.search(text.replace("\n", ""))
    assert json.loads(text) == value
    assert '"caf\\udce9\\u001b[2J\\u202e\\u0085\\udb40\\udc41.yaml"' in text
    assert dumps({"a": "Café"}) == '{\n  "a": "Café"\n}\n'  # text kept as UTF-8


def test_markdown_text_is_one_cell():
    assert markdown_text("a|b\n*c* <x>\x1b") == "a\\|b \\*c\\* &lt;x&gt;\\\\x1b"


@pytest.mark.parametrize("address, linked", [
    ("https://example.org/a", True), ("http://example.org", True), ("https://example.org/a\n", False),
    ("https://example.org/\u202etxt", False), ("https://example.org/\x1b[2J", False), ("javascript:alert(1)", False),
    ("https://exa mple.org", False), (" https://example.org", False),
])
def test_a_web_address_is_linked_only_when_it_is_all_an_address(address, linked):
    assert (web_address(address) == address) is linked


@pytest.mark.parametrize("source, translated", [
    (r"^https?://\S+$", r"^https?://\S+\Z"), (r"^[a$]x$", r"^[a$]x\Z"), (r"^a\$$", r"^a\$\Z"), (r"^[\]$]$", r"^[\]$]\Z"),
])
def test_a_pattern_ends_at_the_end_of_the_text(source, translated):
    assert pattern(source).pattern == translated


@pytest.mark.parametrize("schema_name, document", [
    ("arrangements", {"partnership": {"name": "K", "evidence": {"url": "https://example.org/a\n"}}}),
    ("baseline", {"wtcheck_baseline": 2, "tool": {"name": "wtcheck", "version": "0"},
                  "gaps": [{"file": "a.yaml", "rule_id": "WT23-REV-003", "level": "must", "path": "",
                            "edition": "2023", "fingerprint": "0" * 64 + "\n"}]}),
])
def test_both_validators_refuse_a_value_with_a_line_break_after_what_a_pattern_allows(schema_name, document):
    assert not fast_check(schema_name)(document)
    assert any(error.validator == "pattern" for error in compiled_validator(schema_name).iter_errors(document))
    fixed = json.loads(json.dumps(document).replace("\\n", ""))
    assert not any(error.validator == "pattern" for error in compiled_validator(schema_name).iter_errors(fixed))
