"""The hostile-input corpus: one case per kind of broken or malicious input.

Each case is a file in this folder, or, where it is large or cannot be stored
in git (a folder, a named pipe, an unreadable file), a function that makes it
in a scratch folder at test time. A case says where wtcheck must point
(``line:col``, or None for the file as a whole) and a phrase its one error
line must hold, which includes what to do. ``tests/test_hostile.py`` runs every
case through the command line; ``tests/hostile/measure.py`` times them.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "samples" / "2023-complete.yaml"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One hostile input and what wtcheck must say about it."""

    name: str
    where: str | None
    says: str
    make: Callable[[Path], Path] | None = None
    """Makes the input under the given folder and returns its path; None for a file in this folder."""

    def path(self, scratch: Path) -> Path:
        """The input, made under ``scratch`` if it is generated."""
        return self.make(scratch / self.name) if self.make else HERE / self.name


def _missing(path: Path) -> Path:
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _unreadable(path: Path) -> Path:
    path.write_text("partnership:\n  name: Kestrelford Safeguarding Children Partnership\n")
    path.chmod(0)
    return path


def _named_pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _device(_path: Path) -> Path:
    return Path(os.devnull if os.name == "nt" else "/dev/zero")


def _written(text: str | bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path
    return make


def _dangling_link(path: Path) -> Path:
    path.symlink_to(path.parent / "nothing-here.yaml")
    return path


def _huge(path: Path) -> Path:
    """30 MiB of valid YAML: a description followed by a long comment."""
    with path.open("wb") as handle:
        handle.write(b"partnership:\n  name: Kestrelford Safeguarding Children Partnership\n")
        line = b"# " + b"padding " * 16 + b"\n"
        handle.write(line * (30 * MIB // len(line)))
    return path


def _many_values(path: Path) -> Path:
    """Just under the size limit, and far over the limit on values: 250,000 short list items."""
    path.write_bytes(b"partnership:\n  local_authority_areas:\n" + b"    - Kestrelford\n" * 250_000)
    return path


def _long_value(path: Path) -> Path:
    """One value of 4.5 MiB where one of two words belongs."""
    path.write_bytes(b"partnership:\n  kind: " + b"safeguarding" * (4 * MIB // 12) + b"\n")
    return path


DEPTH = 30_000
"""Nesting levels of the deep cases: far past wtcheck's limit and Python's recursion limit."""

CASES: list[Case] = [
    # Not a file, or nothing in it.
    Case("missing.yaml", None, "no such file; check the name and the folder", _missing),
    Case("dangling-link.yaml", None, "is a link to a file that does not exist; fix the link or remove it",
         _dangling_link),
    Case("folder.yaml", None, "is a folder, not a YAML file; name the YAML file inside it", _folder),
    Case("unreadable.yaml", None, "cannot be read (permission denied); check the file's permissions", _unreadable),
    Case("named-pipe.yaml", None, "is a named pipe, not a regular file; give the path of a YAML file", _named_pipe),
    Case("device", None, "is a device, not a regular file; give the path of a YAML file", _device),
    Case("empty.yaml", None, "is empty: there is nothing to check; describe the partnership in it"),
    Case("only-comments.yaml", None, "has no content (only comments or an empty document)"),
    # Not YAML text.
    Case("binary.bin", "1:5", "is a binary file, not YAML text; give the YAML file, saved as plain UTF-8 text"),
    Case("document.pdf", None, "is a PDF document, not YAML text; describe the arrangements in a YAML file"),
    Case("nul-bytes.yaml", "3:20", "contains NUL bytes, so it is a binary file"),
    Case("control-character.yaml", "3:20", "control character \\x07 (U+0007), which YAML does not allow; delete it"),
    Case("not-utf8.yaml", "3:24", "is not UTF-8 text (byte 0xe9 cannot be decoded); save it as UTF-8"),
    Case("utf16.yaml", None, "is UTF-16 text; save it as UTF-8"),
    Case("utf16-no-mark.yaml", None, "is UTF-16 text; save it as UTF-8",
         _written("partnership:\n  name: Kestrelford\n".encode("utf-16-le"))),
    Case("utf32.yaml", None, "is UTF-32 text; save it as UTF-8",
         _written("\ufeffpartnership:\n  name: Kestrelford\n".encode("utf-32-le"))),
    Case("utf32-no-mark.yaml", None, "is UTF-32 text; save it as UTF-8",
         _written("partnership:\n  name: Kestrelford\n".encode("utf-32-be"))),
    # YAML syntax errors.
    Case("tab-indent.yaml", "3:1", "indent with spaces, not tabs"),
    Case("unclosed-bracket.yaml", "4:7", "the [ at line 3 is never closed"),
    Case("unclosed-brace.yaml", "4:14", "the { at line 3 is never closed"),
    Case("unclosed-single-quote.yaml", "3:9", "the quote that opens here is never closed; add the closing quote"),
    Case("unclosed-double-quote.yaml", "3:9", "the quote that opens here is never closed; add the closing quote"),
    Case("under-indented.yaml", "4:3", "check this line's indentation"),
    Case("over-indented.yaml", "4:9", "or this line is indented too far"),
    Case("colon-in-value.yaml", "3:27", "a value holds ': ' (put the value in quotes)"),
    Case("missing-colon.yaml", "5:3", "line 4 has no ': ' after its key"),
    Case("list-and-keys-mixed.yaml", "5:5", "a list and keys are mixed at the same indentation"),
    Case("bad-escape.yaml", "3:28", "a backslash starts an escape; use single quotes"),
    Case("at-sign.yaml", "3:9", "a value cannot start with @, ` or %; put it in quotes"),
    # Not one mapping.
    Case("two-documents.yaml", "4:1", "more than one YAML document (a second starts here); keep one partnership per file"),
    Case("root-list.yaml", "2:1", "the top level is a list, but it must be a mapping of keys such as 'partnership:'"),
    Case("root-scalar.yaml", "2:1", "the top level is text, but it must be a mapping of keys such as 'partnership:'"),
    # Keys.
    Case("duplicate-key-top.yaml", "6:1", "duplicate key 'partnership' (first at line 2, again at line 6)"),
    Case("duplicate-key-deep.yaml", "6:7", "duplicate key 'share' (first at line 5, again at line 6)"),
    Case("number-key.yaml", "4:3", "the key '2024' was read as a number (2024), but keys must be text; put it in quotes"),
    Case("boolean-key.yaml", "4:1", "the key 'no' was read as a yes/no value (false), but keys must be text"),
    # Aliases, merge keys and tags.
    Case("alias-bomb.yaml", "6:20", "limit of 50,000 values (counting each use of an alias in full)"),
    Case("alias-undefined.yaml", "3:9", "the alias *name has no anchor &name before it"),
    Case("alias-recursive.yaml", "3:12", "the alias *links refers to a block that contains it"),
    Case("merge-key.yaml", "5:3", "merge keys (<<) are not supported; write the keys out in full"),
    Case("python-object-apply.yaml", "3:9", "the tag !!python/object/apply:os.system is not allowed"),
    Case("python-object-new.yaml", "2:14", "the tag !!python/object/new:collections.OrderedDict is not allowed"),
    # Dates.
    Case("impossible-date.yaml", "3:14", "'2023-02-30' is not a real date (day is out of range for month)"),
    Case("month-13.yaml", "3:14", "'2023-13-01' is not a real date (month must be in 1..12)"),
    Case("date-as-text.yaml", "3:14", "'28/11/2024' is not a date; write dates as YYYY-MM-DD"),
    Case("date-with-time.yaml", "3:14", "'2024-11-28 10:30:00' is a date and time; give just the date"),
    Case("time-for-date.yaml", "3:14", "expected a date, but YAML read 10:30 as a number (630); write the date as YYYY-MM-DD"),
    # Numbers that are not numbers.
    Case("nan.yaml", "3:10", "'.nan' is not a finite number; give an ordinary number"),
    Case("infinity.yaml", "3:10", "'.inf' is not a finite number; give an ordinary number"),
    Case("float-overflow.yaml", "3:10", "'1.0e+400' is not a finite number"),
    Case("exponent-1e400.yaml", "3:10", "found text ('1e400'), as YAML reads an exponent only when written like 1.0e+3"),
    Case("negative-amount.yaml", "4:58", "amount: -189000 is not allowed; it must be at least 0"),
    Case("negative-share.yaml", "4:57", "share: -45 is not allowed; it must be at least 0"),
    Case("text-amount.yaml", "5:15", "found text ('£189,000'); write just the number"),
    Case("text-share.yaml", "5:14", "found text ('45%'); write just the number"),
    Case("share-over-100.yaml", "4:57", "share: 145 is not allowed; it must be at most 100"),
    Case("shares-over-100.yaml", "3:3", "the shares add up to 105%, more than 100%; check each share"),
    # YAML 1.1 surprises.
    Case("name-no.yaml", "3:9", "YAML read no as a yes/no value (false); put it in quotes: name: 'no'"),
    Case("name-yes.yaml", "3:9", "YAML read yes as a yes/no value (true); put it in quotes: name: 'yes'"),
    Case("name-on.yaml", "3:9", "YAML read on as a yes/no value (true); put it in quotes: name: 'on'"),
    Case("name-off.yaml", "3:9", "YAML read off as a yes/no value (false); put it in quotes: name: 'off'"),
    Case("area-NO.yaml", "3:40", "YAML read NO as a yes/no value (false); put it in quotes: 'NO'"),
    Case("octal-number.yaml", "3:30", "010 has a leading zero, so YAML read it as the octal number 8"),
    Case("octal-text.yaml", "3:9", "YAML read 0755 as a number (493); put it in quotes: name: '0755'"),
    Case("leading-zero-0800.yaml", "3:30", "found text ('0800'), as YAML reads a leading zero as octal"),
    Case("base-60-number.yaml", "3:30", "1:30 has a colon, so YAML read it as the base-60 number 90"),
    Case("hex-number.yaml", "3:30", "0x0F starts 0x, so YAML read it as the hexadecimal number 15"),
    Case("binary-number.yaml", "3:30", "0b1111 starts 0b, so YAML read it as the binary number 15"),
    Case("underscore-number.yaml", "3:30", "1_5 holds an underscore, which YAML drops, so it read 15"),
    Case("url-with-line-break.yaml", "5:10", "holds a space or a line break, which a web address cannot"),
    Case("terminal-escape.yaml", "3:9", "'safeguarding\\x1b[2J\\x1b[31mpartnership\\nsecond ...' is not an allowed value"),
    # Large and deep.
    Case("huge.yaml", None, "is larger than wtcheck's limit of 5 MiB", _huge),
    Case("many-values.yaml", "49998:7", "limit of 50,000 values; an arrangements file has a few hundred", _many_values),
    Case("long-value.yaml", "2:9", "is not an allowed value; choose one of: lscb, safeguarding_partnership", _long_value),
    Case("deep-block-lists.yaml", "2:127", "is nested more than wtcheck's limit of 64 levels deep",
         _written("partnership:\n" + "- " * DEPTH + "x\n")),
    Case("deep-block-mappings.yaml", "65:129", "is nested more than wtcheck's limit of 64 levels deep",
         _written("".join("  " * level + "k:\n" for level in range(2_000)) + "  " * 2_000 + "x: 1\n")),
    Case("deep-flow.yaml", "1:1013", "wtcheck reads at most 64 levels; check the brackets",
         _written("partnership: " + "[" * DEPTH + "]" * DEPTH + "\n")),
    Case("deep-flow-mappings.yaml", "1:266", "is nested more than wtcheck's limit of 64 levels deep",
         _written("partnership: " + "{a: " * DEPTH + "1" + "}" * DEPTH + "\n")),
]
"""Every hostile case, grouped as in the issue that asked for them."""


STRESS: list[tuple[str, Callable[[Path], Path]]] = [
    ("many-problems.yaml", _written("relevant_agencies:\n  agencies: [" + ", ".join(["not a mapping"] * 49_000) + "]\n")),
    ("alias-wide.yaml", _written("partnership:\n  name: &name '" + "Kestrelford " * 80_000 + "'\n"
                                 "  local_authority_areas: [" + ", ".join(["*name"] * 49_000) + "]\n")),
    ("big-valid.yaml", lambda path: _written(SAMPLE.read_bytes() + b"# padding padding padding\n" * 180_000)(path)),
    ("long-text.yaml", lambda path: _written(SAMPLE.read_bytes().replace(
        b"  alignment: Reviewed", b"  alignment: " + b"Reviewed every year. " * 220_000 + b"Reviewed"))(path)),
]
"""Files near the limits that wtcheck must still answer quickly (many lines of output, or a
pass): measured by ``measure.py``, not part of the one-line cases."""


def can_make(case: Case) -> bool:
    """False where this system cannot make the case (no named pipes on Windows)."""
    return case.make is not _named_pipe or hasattr(os, "mkfifo")


def prefix_for(case: Case) -> tuple[str, ...] | None:
    """The command to run wtcheck under for ``case``: none, except that root (who reads any file)
    reads the unreadable case through ``setpriv`` without that power; None if it cannot."""
    if case.make is not _unreadable or os.name == "nt" or os.geteuid() != 0:
        return ()
    return without_root_reading()


@cache
def without_root_reading() -> tuple[str, ...] | None:
    """A command that runs another without root's power to read any file (``setpriv``), or None."""
    setpriv = shutil.which("setpriv")
    caps = "-dac_override,-dac_read_search"
    prefix = (setpriv, "--bounding-set", caps, "--inh-caps", caps) if setpriv else None
    works = prefix is not None and subprocess.run([*prefix, "true"], capture_output=True).returncode == 0
    return prefix if works else None


# ----------------------------------------------------------------- the other files a run reads

SECRET = "KESTRELFORD-SECRET-7Q4Z"
"""What a file outside the folders and repository a run is given holds: no output may ever show it."""
LANGUAGES = {"baseline": "JSON", "departures": "YAML", "configuration": "TOML"}
"""The files a run reads besides the arrangements files, and the language of each."""


@dataclass(frozen=True)
class Input:
    """A hostile file where a run reads a baseline, a departures file or its configuration, and a
    phrase of the one line wtcheck must say about it (``{language}`` stands for the file's)."""

    name: str
    says: str
    make: Callable[[Path, str], None]
    """Makes the input at the given path, for a language (``JSON``, ``YAML``, ``TOML``)."""
    named: bool = True
    """Whether it is hostile when named on the command line (a link out is the user's to follow)."""
    found: bool = True
    """Whether it can stand where wtcheck finds a file itself, or where configuration names one."""
    languages: tuple[str, ...] = ("JSON", "YAML", "TOML")

    def phrase(self, language: str) -> str:
        return self.says.format(language=language)


def _bytes(content: bytes | Callable[[str], bytes]) -> Callable[[Path, str], None]:
    def make(path: Path, language: str) -> None:
        path.write_bytes(content(language) if callable(content) else content)
    return make


def _pipe_at(path: Path, _language: str) -> None:
    os.mkfifo(path)


def _device_at(path: Path, _language: str) -> None:
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is


def _dev_zero(path: Path, _language: str) -> None:
    path.symlink_to("/dev/zero")


def _folder_at(path: Path, _language: str) -> None:
    path.mkdir()


def _sparse(path: Path, _language: str) -> None:
    with path.open("wb") as handle:
        handle.truncate(40 * MIB)


def _deep(language: str) -> bytes:
    return {"JSON": b"[" * 100_000 + b"]" * 100_000,
            "YAML": "".join("  " * level + "k:\n" for level in range(200)).encode(),
            "TOML": b"paths = " + b"[" * 100_000 + b"]" * 100_000}[language]


def _link_out(path: Path, _language: str) -> None:
    secret = path.parent.parent / "secret.txt"
    secret.write_text(f"aws_secret_access_key = {SECRET}\n")
    path.symlink_to(os.path.relpath(secret, path.parent))


def _dangling_at(path: Path, _language: str) -> None:
    path.symlink_to("nothing-there")


INPUTS: list[Input] = [
    Input("named-pipe", "is a named pipe, not a regular file", _pipe_at),
    Input("device-node", "is a device, not a regular file", _device_at),
    Input("dev-zero", "is a device, not a regular file", _dev_zero, found=False),
    Input("folder", "is a folder, not a {language} file", _folder_at),
    Input("huge", "is larger than wtcheck's limit of", _sparse),
    Input("deep", "nested more than wtcheck's limit of 64 levels deep", _bytes(_deep)),
    Input("deep-dotted-key", "nested more than wtcheck's limit of 64 levels deep",
          _bytes(b"a" + b".a" * 30_000 + b" = 1\n"), languages=("TOML",)),
    Input("deep-inline-tables", "nested more than wtcheck's limit of 64 levels deep",
          _bytes(b"a = " + b"{b = " * 3_000 + b"1" + b"}" * 3_000 + b"\n"), languages=("TOML",)),
    Input("long-number", "not valid {language}", _bytes(lambda language: b"[" + b"1" * 5_000 + b"]"
                                                       if language == "JSON" else b"a = " + b"1" * 5_000 + b"\n"),
          languages=("JSON", "TOML")),
    Input("not-utf8", "is not UTF-8 text (byte 0xe9 cannot be decoded)", _bytes(b"caf\xe9 = 1\n")),
    Input("utf16", "is UTF-16 text; save it as UTF-8", _bytes("\ufeffa = 1\n".encode("utf-16-le"))),
    Input("utf32", "is UTF-32 text; save it as UTF-8", _bytes("\ufeffa = 1\n".encode("utf-32-le"))),
    Input("nul-bytes", "contains NUL bytes, so it is a binary file, not {language} text", _bytes(b"a = 1\n\x00\n")),
    Input("pdf", "is a PDF document, not {language} text", _bytes(b"%PDF-1.7\n")),
    Input("dangling-link", "is a link to a file that does not exist", _dangling_at),
    Input("link-out", "(through a link, or '..')", _link_out, named=False),
]
"""Every hostile file that may stand in for a baseline, departures file or configuration file."""


def can_make_input(case: Input) -> bool:
    """False where this system cannot make the case (a device node needs root; no pipes on Windows)."""
    if case.make is _device_at:
        return hasattr(os, "mknod") and os.name != "nt" and os.geteuid() == 0
    return case.make is not _pipe_at or hasattr(os, "mkfifo")


# ----------------------------------------------------------------- hostile file names and values

NAMES: dict[str, str | bytes] = {
    "escape-sequence": "esc\x1b[2J\x1b[31mred.yaml",
    "carriage-return": "looks-fine\roverwritten.yaml",
    "newline-workflow-command": "x\n::error file=a.yaml::injected.yaml",
    "tab": "tab\tname.yaml",
    "c1-control": "csi\x9b31m.yaml",
    "bidirectional": "report\u202elmth.yaml",
    "zero-width": "zero\u200bwidth\ufeff.yaml",
    "markup": "<img src=x onerror=alert(1)> |*b*| [x](y).yaml",
    "formula": "=HYPERLINK(\"https:\u2215\u2215example.org\").yaml",
    "not-utf8": b"caf\xe9.yaml",
}
"""File names that try to take over a terminal, a CI log, a report or a spreadsheet, or that no
UTF-8 output can hold; each names a copy of a sample with gaps."""
LONG_NAME_LENGTH = 3_000


def hostile_names(folder: Path, text: str) -> list[Path]:
    """A file holding ``text`` under each of :data:`NAMES` in ``folder``, and one whose path is
    ``LONG_NAME_LENGTH`` characters long (folders of 200); their paths, relative to ``folder``."""
    made = []
    for name in NAMES.values():
        path = Path(os.fsdecode(name))
        if os.name == "nt" or (isinstance(name, bytes) and sys.platform == "darwin"):
            continue
        (folder / path).write_text(text)
        made.append(path)
    long = Path(*["d" * 199] * (LONG_NAME_LENGTH // 200 - 1), "l" * 195 + ".yaml")
    assert len(str(long)) == LONG_NAME_LENGTH
    (folder / long).parent.mkdir(parents=True)
    (folder / long).write_text(text)
    return [*made, long]


HOSTILE_TEXT = "\x1b[2J\x1b[31m\r\u202e\u200b\x9b31m"
"""Characters that take over a terminal or hide text, as a value in a description can hold them
(written as YAML escapes)."""
