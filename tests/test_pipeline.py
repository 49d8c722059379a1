"""One file through the pipeline: whatever stops it is returned as a problem, never raised."""

from __future__ import annotations

import wtcheck.core.runner
from wtcheck.core.errors import WtcheckError
from wtcheck.core.runner import check_file

from conftest import SAMPLES


def test_an_edition_without_a_ruleset_is_a_problem_of_the_file(monkeypatch):
    def no_ruleset(edition: str):
        raise WtcheckError(f"no ruleset named 'wt{edition}'")

    monkeypatch.setattr(wtcheck.core.runner, "ruleset_for_edition", no_ruleset)
    result = check_file(SAMPLES / "2023-complete.yaml")
    assert not result.checked and [problem.message for problem in result.problems] == ["no ruleset named 'wt2023'"]
