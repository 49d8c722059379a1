"""The git repository wtcheck runs in: its top folder, hooks folder and staged files.

Everything goes through the ``git`` command, so worktrees, submodules and
``core.hooksPath`` behave as git itself sees them; only :func:`work_tree_top`,
which every run needs, finds the top folder without starting git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from wtcheck.core.errors import WtcheckError
from wtcheck.core.reading import MAX_BYTES


@cache
def _git_program() -> str | None:
    """The git on the PATH, looked for only in its absolute folders: a relative one (``.``, or an
    empty entry) would find a ``git`` planted in the repository."""
    folders = [folder for folder in os.environ.get("PATH", os.defpath).split(os.pathsep) if os.path.isabs(folder)]
    return shutil.which("git", path=os.pathsep.join(folders))


def _git(args: list[str], cwd: Path) -> bytes | None:
    """Run git; its output, or None when git fails or is not installed."""
    program = _git_program()
    if program is None:
        return None
    try:
        done = subprocess.run([program, *args], cwd=cwd, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def work_tree_top(folder: Path) -> Path | None:
    """The top folder of the git work tree holding ``folder``, found without running git (the nearest
    folder, ``folder`` or above it, holding a ``.git``), or None outside one; for limits that apply
    on every run, such as how far up configuration is looked for."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def top_level(cwd: Path) -> Path | None:
    """The top folder of the git work tree holding ``cwd``, or None outside one."""
    out = _git(["rev-parse", "--show-toplevel"], cwd)
    return Path(out.decode().strip()) if out else None


def require_top_level(cwd: Path, what: str) -> Path:
    """The top folder of the work tree; raise :class:`WtcheckError` naming ``what`` outside one."""
    root = top_level(cwd)
    if root is None:
        raise WtcheckError(f"{what} needs a git repository, and {cwd} is not inside one "
                           "(run it in your repository, or 'git init' one first)")
    return root


def hooks_dir(cwd: Path) -> Path:
    """The folder git runs hooks from (``.git/hooks``, or ``core.hooksPath``)."""
    out = _git(["rev-parse", "--git-path", "hooks"], cwd)
    if out is None:
        raise WtcheckError("git could not say where its hooks folder is")
    return (cwd / out.decode().strip()).resolve()


def staged_files(root: Path) -> list[str]:
    """Files added, copied, modified or renamed in the index, relative to ``root``."""
    out = _git(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], root)
    if out is None:
        raise WtcheckError("git could not list the staged files")
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def staged_bytes(root: Path, name: str) -> bytes:
    """The staged content of ``name`` (relative to ``root``)."""
    size = _git(["cat-file", "-s", f":{name}"], root)
    if size is None:
        raise WtcheckError("git could not read the staged version", name)
    if int(size) > MAX_BYTES:
        raise WtcheckError(f"the staged version is larger than wtcheck's limit of {MAX_BYTES // (1024 * 1024)} MiB; "
                           "an arrangements file is a few KiB, so check this is the right file", name)
    out = _git(["cat-file", "blob", f":{name}"], root)
    if out is None:
        raise WtcheckError("git could not read the staged version", name)
    return out
