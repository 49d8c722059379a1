"""Mutation testing of the check functions, the date spans, the engine and the rulesets' limits.

    python bench/mutate.py [--only checks|dates|engine|rulesets|known] [--match TEXT ...] [--list] [--limit N]

Each mutant is one small change a mistake could make:

- in ``wtcheck/core/checks.py``, ``dates.py`` and ``engine.py``: a comparison turned into its
  neighbour or its opposite (``<`` to ``<=``, ``==`` to ``!=``, ``in`` to ``not in``, ...), ``and``
  and ``or`` swapped, a ``not`` dropped, a whole number moved by one, an outcome swapped for
  another (met, gap, partial, judge);
- in ``rulesets/*.yaml``: every limit in a rule's check (``max``, ``min``, ``days``, ``month`` and
  ``day``, ``earliest`` and ``latest``) moved by one, each way;
- two known mistakes by name: a ruleset's limit moved by one, and ``date_is`` comparing months only.

Each mutant is applied to a copy of the checkout, which the rule tests then run against
(``TESTS``, fastest first, stopping at the first failure). A mutant is killed when a test fails,
and survives when all pass. The run prints the score and every survivor, for a person to judge
whether a fixture should have caught it or the mutant is equivalent (it cannot change any verdict).
It is slow by design (minutes, not seconds) and is never run by the test suite.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CODE = ("wtcheck/core/checks.py", "wtcheck/core/dates.py", "wtcheck/core/engine.py")
TESTS = ("tests/test_checks.py", "tests/test_check_limits.py", "tests/test_dates.py", "tests/test_each_check.py",
         "tests/test_none_match.py", "tests/test_registers.py", "tests/test_commencement.py",
         "tests/test_roles_and_conditions.py", "tests/test_realistic_classes.py", "tests/test_rule_snapshots.py",
         "tests/test_rules.py", "tests/test_rule_fixtures.py")
"""The tests every mutant runs against: each check function's own, the realistic classes, and every
rule's fixtures and snapshots."""

COMPARISONS: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.GtE), ast.LtE: (ast.Lt, ast.Gt), ast.Gt: (ast.GtE, ast.LtE), ast.GtE: (ast.Gt, ast.Lt),
    ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,), ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,),
    ast.In: (ast.NotIn,), ast.NotIn: (ast.In,)}
SYMBOLS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
           ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
NEIGHBOUR = {"MET": "JUDGE", "JUDGE": "MET", "GAP": "PARTIAL", "PARTIAL": "GAP"}
"""Each outcome and the one a mistake would most easily give instead."""
LIMITS = ("max", "min", "days", "month", "day", "earliest", "latest")
"""The options of a check that hold a number or a date."""
KNOWN = (
    ("known: date_is compares months only", "wtcheck/core/checks.py",
     "falls = [(day.month, day.day) == (wanted.month, wanted.day) for day in when.days]",
     "falls = [day.month == wanted.month for day in when.days]"),
    ("known: WT18-REV-002's 15 working days moved to 16", "rulesets/wt2018.yaml",
     "{fn: at_most, path: reviews.rapid_review_working_days, max: 15}",
     "{fn: at_most, path: reviews.rapid_review_working_days, max: 16}"),
)


@dataclass(frozen=True)
class Mutant:
    """One change to one file: the text before and after, and where."""

    kind: str
    file: str
    line: int
    label: str
    source: str
    """The whole mutated file."""


def code_mutants(path: str) -> Iterator[Mutant]:
    """Every mutant of a Python file, each a one-node change written back as source (``ast.unparse``
    of the changed node only, spliced into the original text, so the rest of the file is untouched)."""
    text = (ROOT / path).read_text()
    lines = text.splitlines(keepends=True)
    tree = ast.parse(text)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        for label, replacement in _replacements(node, docstrings):
            yield Mutant(Path(path).stem, path, node.lineno, label, _splice(lines, node, replacement))


def _replacements(node: ast.AST, docstrings: set[int]) -> Iterator[tuple[str, str]]:
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            for other in COMPARISONS.get(type(op), ()):
                ops = list(node.ops)
                ops[index] = other()
                yield f"{SYMBOLS[type(op)]} -> {SYMBOLS[other]}", ast.unparse(ast.Compare(node.left, ops, node.comparators))
    elif isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield f"{type(node.op).__name__.lower()} -> {type(other).__name__.lower()}", ast.unparse(ast.BoolOp(other, node.values))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not dropped", ast.unparse(node.operand)
    elif isinstance(node, ast.Constant) and type(node.value) is int and id(node) not in docstrings:
        for step in (1, -1):
            yield f"{node.value} -> {node.value + step}", repr(node.value + step)
    elif isinstance(node, ast.Name) and node.id in NEIGHBOUR and isinstance(node.ctx, ast.Load):
        yield f"{node.id} -> {NEIGHBOUR[node.id]}", NEIGHBOUR[node.id]


def _splice(lines: list[str], node: ast.AST, replacement: str) -> str:
    start, end = node.lineno - 1, node.end_lineno - 1  # type: ignore[attr-defined]
    first, last = lines[start], lines[end]
    if start == end:
        changed = [first[:node.col_offset] + f"({replacement})" + first[node.end_col_offset:]]  # type: ignore[attr-defined]
    else:
        changed = [first[:node.col_offset] + f"({replacement})" + last[node.end_col_offset:]]  # type: ignore[attr-defined]
    return "".join(lines[:start] + changed + lines[end + 1:])


def ruleset_mutants() -> Iterator[Mutant]:
    """Every limit in the rules' checks and conditions moved by one, each way (a date by one day)."""
    for path in sorted((ROOT / "rulesets").glob("wt[0-9]*.yaml")):
        text = path.read_text()
        for key, node in _limits(yaml.compose(text)):
            start, end = node.start_mark.index, node.end_mark.index
            written = text[start:end].strip("\"'")
            if key in ("earliest", "latest"):
                moves = [(dt.date.fromisoformat(written) + dt.timedelta(days=step)).isoformat() for step in (1, -1)]
            else:
                moves = [str(int(written) + step) for step in (1, -1)]
            for new in moves:
                quote = text[start] if text[start] in "\"'" else ""
                yield Mutant("rulesets", str(path.relative_to(ROOT)), node.start_mark.line + 1, f"{key} {written} -> {new}",
                             text[:start] + quote + new + quote + text[end:])


def _limits(node: yaml.Node, in_check: bool = False) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """The ``(option, value node)`` of every limit under a ``check`` or ``applies_if`` of the document."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if in_check and key.value in LIMITS and isinstance(value, yaml.ScalarNode):
                yield key.value, value
            else:
                yield from _limits(value, in_check or key.value in ("check", "applies_if"))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _limits(item, in_check)


def known_mutants() -> Iterator[Mutant]:
    for label, file, old, new in KNOWN:
        text = (ROOT / file).read_text()
        assert text.count(old) == 1, f"the known mutant '{label}' no longer applies: {old!r} is not in {file} once"
        yield Mutant("known", file, text[:text.index(old)].count("\n") + 1, label, text.replace(old, new))


def mutants(only: str | None) -> list[Mutant]:
    found: list[Mutant] = []
    for path in CODE:
        found += code_mutants(path)
    found += ruleset_mutants()
    found += known_mutants()
    return [mutant for mutant in found if only is None or mutant.kind == only]


def copy_checkout(into: Path) -> Path:
    """A copy of what the tests read: every file git tracks, as it is in the work tree."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, into / name)
    return into


def refused(mutant: Mutant) -> bool:
    """Whether the ruleset schema refuses a mutated ruleset (a limit out of its range): such a mutant
    cannot be shipped, so it is counted apart, not as killed."""
    if mutant.kind != "rulesets":
        return False
    from wtcheck.core.loading import load_bytes
    from wtcheck.core.schema import describe_errors

    return bool(describe_errors("ruleset", load_bytes(mutant.source.encode(), mutant.file)))


def selection(mutant: Mutant, everything: bool = False) -> list[str]:
    """The tests a mutant runs: with ``everything``, the whole suite; for a ruleset's limit, those of
    its edition and the editions that inherit from it; otherwise all of ``TESTS``."""
    if everything:
        return ["tests"]
    if mutant.kind != "rulesets":
        return list(TESTS)
    names = [mutant.file.removeprefix("rulesets/").removesuffix(".yaml")]
    for path in sorted((ROOT / "rulesets").glob("wt[0-9]*.yaml")):
        if yaml.safe_load(path.read_text()).get("extends") in names:
            names.append(path.stem)
    words = [word for name in names for word in (name, f"WT{name[4:]}")]
    return ["tests/test_rule_snapshots.py", "tests/test_rules.py", "tests/test_realistic_classes.py",
            "tests/test_rule_fixtures.py", "-k", " or ".join(words)]


def killed(mutant: Mutant, copy: Path, everything: bool = False) -> tuple[bool, str]:
    """Apply ``mutant`` to the copy, run the tests, restore the file; whether a test failed, and which."""
    target = copy / mutant.file
    original = target.read_text()
    target.write_text(mutant.source)
    try:
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *selection(mutant, everything)]
        done = subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=1800,
                              env={**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"})
    except subprocess.TimeoutExpired:
        return True, "the tests did not finish in 30 minutes (a loop the mutant made endless)"
    finally:
        target.write_text(original)
    failed = next((line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))), "")
    return done.returncode != 0, failed.split(" - ")[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("checks", "dates", "engine", "rulesets", "known"))
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--limit", type=int, help="run only the first N mutants")
    parser.add_argument("--all-tests", action="store_true",
                        help="run the whole test suite for each mutant (slow: for re-running survivors)")
    parser.add_argument("--match", action="append", default=[],
                        help="run only mutants whose 'file:line: change' is one of these (to re-run survivors)")
    options = parser.parse_args(argv)
    every = [mutant for mutant in mutants(options.only)
             if not options.match or f"{mutant.file}:{mutant.line}: {mutant.label}" in options.match][:options.limit]
    if options.list:
        for mutant in every:
            print(f"{mutant.file}:{mutant.line}: {mutant.label}")
        print(f"{len(every)} mutant(s)")
        return 0
    survivors: list[Mutant] = []
    invalid = [mutant for mutant in every if refused(mutant)]
    every = [mutant for mutant in every if mutant not in invalid]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wtcheck-mutants-") as folder:
        copy = copy_checkout(Path(folder))
        baseline, why = killed(Mutant("none", "pyproject.toml", 0, "none", (ROOT / "pyproject.toml").read_text()), copy,
                               options.all_tests)
        if baseline:
            print(f"the tests fail without any mutant ({why}); fix them first")
            return 2
        for number, mutant in enumerate(every, 1):
            dead, by = killed(mutant, copy, options.all_tests)
            print(f"[{number}/{len(every)}] {'killed' if dead else 'SURVIVED'}: {mutant.file}:{mutant.line}: "
                  f"{mutant.label}{f'  ({by})' if dead and by else ''}", flush=True)
            if not dead:
                survivors.append(mutant)
    score = 100 * (len(every) - len(survivors)) / len(every) if every else 100.0
    by_kind = {kind: sum(1 for mutant in every if mutant.kind == kind) for kind in dict.fromkeys(m.kind for m in every)}
    print(f"\n{len(every) - len(survivors)} of {len(every)} mutants killed ({score:.1f}%) in "
          f"{time.monotonic() - started:.0f} s; by kind: {by_kind}; {len(invalid)} more refused by the ruleset schema")
    for mutant in survivors:
        print(f"survived: {mutant.file}:{mutant.line}: {mutant.label}")
    return 1 if any(mutant.kind == "known" for mutant in survivors) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
