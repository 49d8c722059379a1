"""The rule reference in docs/rules/ is generated from the rulesets and their fixtures, and is current."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "docs" / "rules" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rule_reference_is_current():
    pages = _generator().pages()
    stale = [name for name, text in pages.items()
             if not (ROOT / "docs" / "rules" / name).exists() or (ROOT / "docs" / "rules" / name).read_text() != text]
    assert not stale, f"run: python docs/rules/generate.py (out of date: {', '.join(stale)})"
    extra = {path.name for path in (ROOT / "docs" / "rules").glob("*.md")} - set(pages)
    assert not extra, f"pages for no ruleset: {sorted(extra)}"


def test_every_rule_has_its_entry_with_a_passing_and_a_failing_example():
    from wtcheck.core.editions import editions
    from wtcheck.core.ruleset import load_ruleset

    pages = _generator().pages()
    for edition in editions().values():
        page = pages[f"{edition.ruleset}.md"]
        for rule in load_ruleset(edition.ruleset).rules:
            entry = page.split(f"### {rule.id} ", 1)[1].split("\n### ", 1)[0]
            assert "A description that meets it:" in entry and "A description that fails it:" in entry
            said = entry.split("wtcheck says:", 1)[1]
            assert f"{rule.id} {rule.level} " in said
            assert any(f" {outcome}:" in said for outcome in ("gap", "partial", "advisory", "coming"))
