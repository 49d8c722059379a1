"""The loader: locations, duplicate keys, dates, aliases, tags, encodings and limits."""

from __future__ import annotations

import os

import pytest

from wtcheck.core.errors import brief
from wtcheck.core.loading import MAX_BYTES, MAX_DEPTH, MAX_NODES, LoadError, format_path, load_bytes, load_file


def load(text: str | bytes):
    return load_bytes(text.encode() if isinstance(text, str) else text, "in.yaml")


def error_of(text: str | bytes) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load(text)
    return caught.value


def test_locations_of_keys_and_values():
    doc = load("a: 1\nb:\n  c: x\n  d:\n    - e\n    - {f: 2}\n")
    assert doc.locate(("a",)) == (1, 1)
    assert doc.locate(("a",), value=True) == (1, 4)
    assert doc.locate(("b", "c")) == (3, 3)
    assert doc.locate(("b", "d", 1, "f")) == (6, 8)
    assert doc.locate(("b", "d", 0)) == (5, 7)


def test_missing_path_points_at_nearest_parent():
    doc = load("a: 1\nb:\n  c: x\n")
    assert doc.locate(("b", "missing", "deeper")) == (2, 1)
    assert doc.locate(("nowhere",)) == (1, 1)


def test_duplicate_key_names_key_and_both_lines():
    error = error_of("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (error.line, error.column) == (4, 3)
    assert "duplicate key 'c'" in error.message and "line 3" in error.message


def test_duplicate_key_at_top_level():
    assert "duplicate key 'a'" in error_of("a: 1\na: 2\n").message


@pytest.mark.parametrize("text", ["a: 2023-02-30\n", "a: 2023-13-01\n"])
def test_impossible_dates_are_located_errors(text):
    error = error_of(text)
    assert (error.line, error.column) == (1, 4)
    assert "not a real date" in error.message


def test_dates_become_iso_text_and_keep_source():
    doc = load("a: 2023-02-28\nb: 2019-06-29 10:00:00\n")
    assert doc.data == {"a": "2023-02-28", "b": "2019-06-29T10:00:00"}
    assert doc.plain_text[("b",)] == "2019-06-29 10:00:00"


def test_yaml_11_surprises_keep_what_was_written():
    doc = load("a: no\nb: 0755\nc: 0800\nd: 'no'\n")
    assert doc.data == {"a": False, "b": 493, "c": "0800", "d": "no"}
    assert doc.plain_text[("a",)] == "no" and doc.plain_text[("b",)] == "0755"
    assert ("d",) not in doc.plain_text


def test_aliases_are_shared_not_copied():
    doc = load("x: &x [1, 2]\ny: *x\n")
    assert doc.data["y"] == [1, 2]
    assert doc.locate(("y",)) == (2, 1)


def test_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    error = error_of("\n".join(lines) + "\n")
    assert f"{MAX_NODES:,} values" in error.message


def test_recursive_and_undefined_aliases():
    assert "contains it" in error_of("a: &a [1, *a]\n").message
    assert "no anchor" in error_of("a: *nothing\n").message


def test_merge_keys_are_refused():
    assert "merge keys" in error_of("x: &x {a: 1}\ny:\n  <<: *x\n").message


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['echo owned']\n",
    "a: !!python/name:os.system\n",
    "a: !!set {x, y}\n",
    "a: !!binary aGVsbG8=\n",
    "a: !custom thing\n",
])
def test_constructing_tags_are_refused(text):
    assert "is not allowed" in error_of(text).message


def test_non_text_keys_are_refused_with_quoting_hint():
    error = error_of("partnership:\n  yes: 1\n")
    assert (error.line, error.column) == (2, 3)
    assert "put it in quotes" in error.message
    assert "keys must be text" in error_of("1: a\n").message
    assert "plain text" in error_of("? [a]\n: 1\n").message


@pytest.mark.parametrize("text", ["a: .nan\n", "a: .inf\n", "a: -.inf\n", "a: 1.0e+400\n"])
def test_non_finite_numbers_are_refused(text):
    assert "not a finite number" in error_of(text).message


def test_bom_and_crlf_load_normally():
    doc = load("\ufeffa: 1\r\nb:\r\n  c: x\r\n".encode())
    assert doc.data == {"a": 1, "b": {"c": "x"}}
    assert doc.locate(("b", "c")) == (3, 3)


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"# only\n# comments\n", "no content"),
    (b"a: 1\n---\nb: 2\n", "more than one YAML document"),
    (b"- a\n- b\n", "top level is a list"),
    (b"just text\n", "top level is text"),
    (b"a: 1\x00\n", "NUL bytes"),
    ("a: 1\n".encode("utf-16"), "UTF-16"),
    (b"a: caf\xe9\n", "not UTF-8"),
])
def test_files_that_are_not_documents(raw, words):
    assert words in error_of(raw).message


def test_invalid_utf8_is_located():
    error = error_of(b"a: 1\nb: caf\xe9\n")
    assert (error.line, error.column) == (2, 7)


@pytest.mark.parametrize("text, words", [
    ("a:\n\tb: 1\n", "tabs"),
    ("a: [1, 2\n", "syntax error"),
    ("a: 'abc\n", "syntax error"),
    ("a: 1\n  b: 2\n", "syntax error"),
])
def test_syntax_errors_are_located(text, words):
    error = error_of(text)
    assert words in error.message and error.line is not None


def test_deep_nesting_is_refused():
    block = "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "x: 1\n"
    assert "levels deep" in error_of(block).message
    assert error_of("a: " + "[" * 50_000 + "]" * 50_000 + "\n").line == 1


def test_size_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES + 1) + b"\n")
    with pytest.raises(LoadError, match="larger than"):
        load_file(big)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_file(tmp_path / "absent.yaml")
    with pytest.raises(LoadError, match="is a folder"):
        load_file(tmp_path)


def test_format_path():
    assert format_path(("a", 0, "b")) == "a[0].b"
    assert format_path(()) == "(top level)"


def test_brief_cuts_long_text_and_escapes_control_characters():
    assert brief("x" * 50) == "x" * 40 + "..."
    assert brief("a\nb\x1b[2J\u2028é£") == "a\\nb\\x1b[2J\\u2028é£"


def test_control_characters_are_located():
    error = error_of("a: 1\nb: x\x07y\n")
    assert (error.line, error.column) == (2, 5) and "control character \\x07" in error.message


def test_nul_bytes_and_the_top_level_are_located():
    error = error_of(b"a: 1\nb: \x00\n")
    assert (error.line, error.column) == (2, 4)
    error = error_of("# a list\n- a\n")
    assert (error.line, error.column) == (2, 1)


@pytest.mark.parametrize("raw, words", [
    (b"%PDF-1.7\n", "is a PDF document"),
    (b"PK\x03\x04rest", "a zip archive (a Word .docx"),
])
def test_documents_that_are_not_yaml_are_named(raw, words):
    assert words in error_of(raw).message


def test_an_unclosed_quote_points_where_it_opens():
    error = error_of("a: 1\nb: 'open\nc: 2\n")
    assert (error.line, error.column) == (2, 4) and "never closed; add the closing quote" in error.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_reading_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(LoadError, match="is a named pipe, not a regular file"):
        load_file(tmp_path / "pipe.yaml")
