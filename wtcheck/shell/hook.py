"""``wtcheck hook install``: a plain git pre-commit hook, for teams without pre-commit.

The hook runs ``wtcheck validate --staged``: it checks the staged version of
every staged arrangements file (what is about to be committed, not what is
in the working folder) with the repository's settings, and a gap at or above
the fail level stops the commit.

It runs only what the user installed. Git runs hooks in the repository's top
folder, whose files anyone who can push may write, and ``python -m wtcheck``
there would import a ``wtcheck/`` folder or a ``yaml.py`` from it instead of
the installed library. So the hook calls the Python that installed it, by its
absolute path (it works from git GUIs that do not see a virtual environment),
in isolated mode (``-I``: neither the working folder, nor ``PYTHON*``
variables, nor the user's site-packages shape what is imported; a wtcheck
installed in the user's site-packages has that one folder added back). The
command is tried once at install time. When that Python, or wtcheck in it,
is gone, the hook says so and stops the commit (it never falls back to a
``wtcheck`` found on the PATH). ``--force`` replaces another hook, keeping it
beside the new one.
"""

from __future__ import annotations

import json
import os
import shlex
import site
import subprocess
import sys
from pathlib import Path

from wtcheck import __version__
from wtcheck.core.errors import WtcheckError
from wtcheck.core.reading import SCRIPT, LoadError, inside, read_text
from wtcheck.core.text import visible
from wtcheck.shell.output import write_atomic
from wtcheck.shell.repository import hooks_dir, require_top_level

MARKER = "# wtcheck pre-commit hook, written by 'wtcheck hook install'"
"""The line that tells wtcheck's own hook from a team's, so installing again updates it."""
NOT_INSTALLED = 3
"""The hook's exit code when wtcheck cannot be imported by its Python (wtcheck's own are 0, 1, 2, 130, 143)."""
BACKUP_SUFFIX = ".before-wtcheck"


def launcher(user_site: str | None) -> str:
    """The Python the hook runs (with ``-I -c``): import the installed wtcheck (from ``user_site``
    too, when it is installed there) and run its command line, or exit ``NOT_INSTALLED``."""
    add = f"import site; site.addsitedir({json.dumps(user_site)}); " if user_site else ""
    return (f"import sys\ntry:\n    {add}from wtcheck.console import main\nexcept ImportError:\n"
            f'    sys.exit({NOT_INSTALLED})\nsys.argv[0] = "wtcheck"\nmain()\n')


def script(python: str, user_site: str | None = None) -> str:
    """The text of the hook, calling wtcheck through ``python``."""
    quoted = shlex.quote(python)
    return f"""#!/bin/sh
{MARKER} (wtcheck {__version__}).
# Checks the staged version of each staged arrangements file; a gap at or above the
# fail level (wtcheck.toml or [tool.wtcheck] in pyproject.toml; default: must) stops
# the commit. It runs 'wtcheck validate --staged' with the wtcheck installed for
#   {visible(python)}
# in isolated mode (-I), so nothing in the repository is ever imported.
# To commit anyway, once: git commit --no-verify
python={quoted}
if [ ! -x "$python" ]; then
  echo "wtcheck: commit stopped: $python, the Python this hook runs wtcheck with, is not there any more;" \\
    "install wtcheck again and run 'wtcheck hook install' (or commit with --no-verify)" >&2
  exit {NOT_INSTALLED}
fi
"$python" -I -c {shlex.quote(launcher(user_site))} validate --staged
status=$?
if [ "$status" -eq {NOT_INSTALLED} ]; then
  echo "wtcheck: commit stopped: wtcheck is not installed for $python any more;" \\
    "install it again and run 'wtcheck hook install' (or commit with --no-verify)" >&2
elif [ "$status" -ge 128 ]; then
  echo "wtcheck: commit stopped: wtcheck was interrupted" >&2
elif [ "$status" -ne 0 ]; then
  echo "wtcheck: commit stopped: fix what is listed above and 'git add' the file again" >&2
fi
exit "$status"
"""


def install(cwd: Path, *, force: bool = False) -> str:
    """Write the pre-commit hook of the repository holding ``cwd``; say what was done. A hook
    wtcheck wrote before is updated (or left, if it is the same); another is replaced only
    with ``force``, and kept as ``pre-commit.before-wtcheck``."""
    require_top_level(cwd, "'wtcheck hook install'")
    target = hooks_dir(cwd) / "pre-commit"
    user_site = _user_site()
    _try(sys.executable, user_site)
    text = script(sys.executable, user_site)
    existing = _existing(target)
    if existing == text:
        return f"the wtcheck pre-commit hook is already installed at {target}"
    ours = existing is not None and MARKER in existing
    if existing is not None and not ours and not force:
        raise WtcheckError(f"a pre-commit hook already exists at {target}; add 'wtcheck validate --staged' to it, "
                           "or replace it with 'wtcheck hook install --force' (which keeps it beside the new one)")
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = _keep(target) if existing is not None and not ours else None
    write_atomic(target, text, executable=True)
    done = "updated" if ours else "installed"
    replaced = f" (the hook it replaced is kept as {kept})" if kept else ""
    return f"{done} {target}{replaced}: each commit now checks the staged arrangements files"


def _user_site() -> str | None:
    """The user's site-packages when this wtcheck is installed there (isolated mode leaves it out)."""
    folder = site.getusersitepackages()
    package = Path(__file__).resolve().parent.parent
    return folder if site.ENABLE_USER_SITE and inside(package, Path(folder)) else None


def _try(python: str, user_site: str | None) -> None:
    """Run the hook's command once (``--version``), away from any repository; raise
    :class:`WtcheckError` if it does not run this wtcheck."""
    command = [python, "-I", "-c", launcher(user_site), "--version"]
    try:
        done = subprocess.run(command, cwd=Path(python).parent, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise WtcheckError(f"cannot run {python} to try the hook: {exc}") from None
    if done.stdout.strip() != f"wtcheck {__version__}":
        raise WtcheckError(f"the hook would run {python} in isolated mode (-I), so that nothing in the repository "
                           "is imported, and wtcheck cannot be imported so; install wtcheck in a virtual "
                           "environment (or with pipx) and run 'wtcheck hook install' from there")


def _existing(path: Path) -> str | None:
    """The hook at ``path`` (None if there is none; "" if it is not a script wtcheck can read)."""
    if not os.path.lexists(path):
        return None
    try:
        return read_text(path, SCRIPT)
    except LoadError:
        return ""


def _keep(path: Path) -> Path:
    """Move the hook at ``path`` aside (a link is moved as a link), to a name not taken; where it went."""
    kept = path.with_name(path.name + BACKUP_SUFFIX)
    number = 1
    while os.path.lexists(kept):
        kept = path.with_name(f"{path.name}{BACKUP_SUFFIX}.{number}")
        number += 1
    try:
        os.rename(path, kept)
    except OSError as exc:
        raise WtcheckError(f"cannot keep the existing pre-commit hook as {kept}: {exc.strerror or exc}") from None
    return kept
