"""``wtcheck hook install``: a plain git pre-commit hook, for teams without pre-commit.

The hook runs ``wtcheck validate --staged``: it checks the staged version of
every staged arrangements file (what is about to be committed, not what is
in the working folder) with the repository's settings, and a gap at or above
the fail level stops the commit. It calls the Python that installed it, so
it works from git GUIs that do not see a virtual environment, and falls back
to ``wtcheck`` on the PATH if that Python is gone.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from wtcheck import __version__
from wtcheck.core.errors import WtcheckError
from wtcheck.shell.output import write_atomic
from wtcheck.shell.repository import hooks_dir, require_top_level

MARKER = "# wtcheck pre-commit hook, written by 'wtcheck hook install'"
"""The line that tells wtcheck's own hook from a team's, so installing again updates it."""


def script(python: str) -> str:
    """The text of the hook, calling wtcheck through ``python``."""
    quoted = shlex.quote(python)
    return f"""#!/bin/sh
{MARKER} (wtcheck {__version__}).
# Checks the staged version of each staged arrangements file; a gap at or above the
# fail level (wtcheck.toml or [tool.wtcheck] in pyproject.toml; default: must) stops
# the commit. To commit anyway, once: git commit --no-verify
if [ -x {quoted} ]; then
  {quoted} -m wtcheck validate --staged
else
  wtcheck validate --staged
fi
status=$?
if [ "$status" -ne 0 ]; then
  echo "wtcheck: commit stopped: fix what is listed above and 'git add' the file again" >&2
fi
exit "$status"
"""


def install(cwd: Path, *, force: bool = False) -> str:
    """Write the pre-commit hook of the repository holding ``cwd``; say what was done. A hook
    wtcheck wrote before is updated (or left, if it is the same); another is replaced only
    with ``force``."""
    require_top_level(cwd, "'wtcheck hook install'")
    target = hooks_dir(cwd) / "pre-commit"
    text = script(sys.executable)
    existing = _read(target)
    if existing == text:
        return f"the wtcheck pre-commit hook is already installed at {target}"
    if existing is not None and MARKER not in existing and not force:
        raise WtcheckError(f"a pre-commit hook already exists at {target}; add 'wtcheck validate --staged' to it, "
                           "or replace it with 'wtcheck hook install --force'")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)
    os.chmod(target, 0o755)
    done = "updated" if existing is not None and MARKER in existing else "installed"
    return f"{done} {target}: each commit now checks the staged arrangements files"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WtcheckError(f"cannot read the existing pre-commit hook: {exc.strerror or exc}", str(path)) from None
