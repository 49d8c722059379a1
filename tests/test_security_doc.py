"""SECURITY.md says what wtcheck trusts and promises, the README links to it, and every test it
names for a promise is there."""

from __future__ import annotations

import re

from conftest import ROOT


def test_security_md_is_linked_from_the_readme_and_names_real_tests():
    security = (ROOT / "SECURITY.md").read_text()
    assert "(SECURITY.md)" in (ROOT / "README.md").read_text()
    for heading in ("## Trusted", "## Not trusted", "## What wtcheck promises"):
        assert heading in security
    named = set(re.findall(r"`(tests/test_[a-z_]+\.py)`", security))
    assert len(named) >= 6 and all((ROOT / test).is_file() for test in named), named
