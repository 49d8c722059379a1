"""The shape of wtcheck: imports go one way, editions are data, one vocabulary.

These tests read the code and the data, not the behaviour: they fail when a
module reaches back upstream, when code names an edition, or when adding an
edition would need more than a ruleset.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from wtcheck.core import resources
from wtcheck.core.editions import choose, edition_names, editions
from wtcheck.core.ruleset import load_ruleset

from conftest import ROOT, SAMPLES

PACKAGE = ROOT / "wtcheck"

ALLOWED = {
    "core": {"core"},
    "models": {"core", "models"},
    "formats": {"formats", "core.vocabulary", "core.text", "core.errors", "core.resources", "models"},
    "shell": {"core", "shell", "formats.registry"},
    "draft": {"core", "draft"},
    "commands": {"core", "models", "formats", "shell", "draft", "commands"},
}
"""What each layer may import at run time (``models`` in formats only for types, under TYPE_CHECKING).
``draft`` reads published documents into facts for ``wtcheck draft``: it stands beside ``models``
(built on ``core``, used only by ``commands``), and imports nothing above ``core``."""


def _runtime_imports(path: Path) -> set[str]:
    """The wtcheck modules a file imports when it runs (imports under ``if TYPE_CHECKING:`` left out)."""
    tree = ast.parse(path.read_text())
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wtcheck."):
            found.add(node.module.removeprefix("wtcheck."))
        elif isinstance(node, ast.Import):
            found.update(alias.name.removeprefix("wtcheck.") for alias in node.names if alias.name.startswith("wtcheck."))
    return found


def _layer_files() -> list[tuple[str, Path]]:
    return [(path.relative_to(PACKAGE).parts[0], path) for path in sorted(PACKAGE.rglob("*.py"))
            if len(path.relative_to(PACKAGE).parts) > 1]


@pytest.mark.parametrize("layer, path", _layer_files(), ids=lambda value: str(value).rsplit("wtcheck/", 1)[-1])
def test_imports_go_one_way(layer, path):
    allowed = ALLOWED[layer]
    wrong = sorted(module for module in _runtime_imports(path)
                   if not any(module == prefix or module.startswith(prefix + ".") for prefix in allowed))
    assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}; {layer} may import only {sorted(allowed)}"


def test_formats_use_models_only_for_their_types():
    for path in sorted((PACKAGE / "formats").glob("*.py")):
        assert not any(module.startswith("models") for module in _runtime_imports(path)), path.name


def test_nothing_but_the_command_line_imports_it():
    for _, path in _layer_files():
        assert "cli" not in _runtime_imports(path), path


def test_no_edition_is_named_in_the_code():
    """Editions are data: no string in wtcheck's code (docstrings included) names one; a date is not a name."""
    names = re.compile(r"(?<![0-9-])(" + "|".join(edition_names()) + r")(?![0-9-])")
    found = [f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}"
             for path in sorted(PACKAGE.rglob("*.py")) for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and names.search(node.value)]
    assert not found, "\n".join(found)


def test_each_ruleset_header_agrees_with_its_file():
    for name in edition_names():
        header = yaml.safe_load((ROOT / "rulesets" / f"wt{name}.yaml").read_text())
        assert header["ruleset"] == f"wt{name}" and header["edition"] == name and header["prefix"] == f"WT{name[2:]}"
        found = editions()[name]
        assert found.title == header["title"] and found.era == header["era"]


def test_the_schemas_list_the_editions_there_are():
    import json

    from wtcheck.core.schema import schema

    listed = json.loads((ROOT / "schemas" / "arrangements.schema.json").read_text())["properties"]["edition"]["enum"]
    assert listed == schema("arrangements")["properties"]["edition"]["enum"]
    assert listed == [*edition_names(), *map(int, edition_names())]


def test_the_readme_table_lists_every_edition_with_its_dates():
    readme = (ROOT / "README.md").read_text()
    for found in editions().values():
        row = next((line for line in readme.splitlines() if line.startswith(f"| {found.name} ")), None)
        assert row is not None, f"README has no editions-table row for {found.name}"
        assert found.in_force.date.strftime("%-d %B %Y") in row and found.in_force.confidence in row


@pytest.fixture
def throwaway_edition(tmp_path):
    """A copy of the bundled rulesets with one more edition: a ruleset extending the newest, in
    force from 1 January 2099, with no rules of its own. Nothing in wtcheck/ changes."""
    folder = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", folder)
    newest = list(editions().values())[-1]
    chapters = sorted({rule.citation["chapter"] for rule in load_ruleset(newest.ruleset).rules if "chapter" in rule.citation})
    (folder / "wt2099.yaml").write_text(yaml.safe_dump({
        "ruleset": "wt2099", "edition": "2099", "prefix": "WT99", "title": "Working Together to Safeguard Children 2099",
        "era": newest.era, "extends": newest.ruleset, "replaces": newest.name,
        "published": {"date": "2098-12-01", "confidence": "unconfirmed", "source": "a test"},
        "in_force": {"date": "2099-01-01", "confidence": "unconfirmed", "source": "a test"},
        "recite": {"chapters": {chapter: chapter for chapter in chapters}},
        "rules": [],
    }, sort_keys=False))
    resources.use("rulesets", folder)
    yield newest
    resources.use("rulesets", None)


def test_an_edition_is_a_ruleset_and_nothing_else(throwaway_edition, tmp_path):
    from wtcheck.cli import app

    assert list(editions())[-1] == "2099"
    listed = CliRunner().invoke(app, ["rules", "--edition", "2099"])
    assert listed.exit_code == 0 and "Working Together to Safeguard Children 2099 (ruleset wt2099" in listed.output
    sample = yaml.safe_load((SAMPLES / f"{throwaway_edition.name}-complete.yaml").read_text())
    sample.pop("edition", None)
    sample["arrangements"]["published"] = "2099-06-01"
    assert choose(sample).edition.name == "2099"
    assert "not confirmed" in choose(sample).reason
    path = tmp_path / "arrangements.yaml"
    path.write_text(yaml.safe_dump(sample, sort_keys=False))
    checked = CliRunner().invoke(app, ["validate", "--fail-on", "should", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "against the 2099 edition (arrangements.published is 2099-06-01" in checked.output
    sample["arrangements"]["published"] = "2098-06-01"
    assert choose(sample).edition.name == throwaway_edition.name
    sample["edition"] = "2099"
    assert choose(sample).edition.name == "2099"  # the schema takes the new edition's name too


ADVICE = """
  - id: WT99-PUB-009
    slug: out-of-date-name
    level: should
    category: publication
    title: The partnership's name is not one it stopped using
    message: Use the partnership's current name.
    why: A reader looks the partnership up by its name.
    confidence: primary
    advice: the name given was replaced; wtcheck says so, but this never fails a run
    citation:
      edition: "2099"
      section: Publication
      source: a test
      basis: [{note: a test}]
    check: {fn: equals, path: partnership.name, value: "never this"}
    example: |
      partnership: {name: never this}
"""


def test_an_advice_rule_is_advisory_and_never_fails(throwaway_edition, tmp_path):
    from wtcheck.cli import app

    text = (resources.data_dir("rulesets") / "wt2099.yaml").read_text().replace("rules: []\n", "rules:" + ADVICE)
    (resources.data_dir("rulesets") / "wt2099.yaml").write_text(text)
    resources.reset()
    sample = yaml.safe_load((SAMPLES / f"{throwaway_edition.name}-complete.yaml").read_text())
    sample["edition"] = "2099"
    path = tmp_path / "arrangements.yaml"
    path.write_text(yaml.safe_dump(sample, sort_keys=False))
    checked = CliRunner().invoke(app, ["validate", "--fail-on", "should", "--include-unconfirmed", str(path)])
    assert checked.exit_code == 0, checked.output
    line = next(line for line in checked.output.splitlines() if "WT99-PUB-009" in line)
    assert "WT99-PUB-009 should Use the partnership's current name. (the partnership's name (partnership.name) is " in line
    assert line.endswith("[advisory: the name given was replaced; wtcheck says so, but this never fails a run]")
    assert "1 advisory against the 2099 edition" in checked.output
