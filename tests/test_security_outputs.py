"""Output files: only regular files are written. ``-o`` onto a device node, a link (to a file, to
nothing, to a folder), a named pipe, a socket, a folder or a file with two names is refused in
one line and leaves it, and what it leads to, as it was, with no temporary file left behind. A new
report gets ``0666`` less the umask, a replaced one keeps its mode; the job summary is appended
only to a regular file. Every command that writes a file is tried (in this process)."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SAMPLES, run_wtcheck

GAPS = str(SAMPLES / "2023-gaps.yaml")
WRITERS = {
    "report": lambda target: ("report", GAPS, "-o", str(target), "--format", "html"),
    "validate": lambda target: ("validate", GAPS, "-o", str(target), "--format", "json"),
    "survey": lambda target: ("survey", GAPS, "-o", str(target), "--format", "csv"),
    "baseline": lambda target: ("baseline", GAPS, "-o", str(target)),
}
"""Every command that writes a file, writing to ``target``."""
VICTIM = "the victim's own text\n"


def _device(path: Path) -> Callable[[], None]:
    if not hasattr(os, "mknod") or os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    return lambda: stat.S_ISCHR(os.lstat(path).st_mode) or pytest.fail("the device node was replaced")


def _link_to_file(path: Path) -> Callable[[], None]:
    victim = path.parent / "victim.txt"
    victim.write_text(VICTIM)
    path.symlink_to(victim)
    return lambda: (path.is_symlink() and victim.read_text() == VICTIM) or pytest.fail("the link or its file changed")


def _dangling_link(path: Path) -> Callable[[], None]:
    path.symlink_to(path.parent / "never.txt")
    return lambda: (path.is_symlink() and not (path.parent / "never.txt").exists()) or pytest.fail("written through")


def _link_to_folder(path: Path) -> Callable[[], None]:
    folder = path.parent / "elsewhere"
    folder.mkdir()
    path.symlink_to(folder)
    return lambda: (path.is_symlink() and not list(folder.iterdir())) or pytest.fail("written into the folder")


def _named_pipe(path: Path) -> Callable[[], None]:
    os.mkfifo(path)
    return lambda: stat.S_ISFIFO(os.lstat(path).st_mode) or pytest.fail("the pipe was replaced")


def _socket(path: Path) -> Callable[[], None]:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return lambda: (stat.S_ISSOCK(os.lstat(path).st_mode), server.close())[0] or pytest.fail("the socket was replaced")


def _hard_link(path: Path) -> Callable[[], None]:
    victim = path.parent / "victim.txt"
    victim.write_text(VICTIM)
    os.link(victim, path)
    return lambda: (victim.read_text() == VICTIM == path.read_text()) or pytest.fail("a name of the file changed")


def _folder(path: Path) -> Callable[[], None]:
    path.mkdir()
    return lambda: (path.is_dir() and not list(path.iterdir())) or pytest.fail("the folder changed")


TARGETS = {
    "device-node": (_device, "it is a device"),
    "link-to-a-file": (_link_to_file, "it is a symbolic link"),
    "dangling-link": (_dangling_link, "it is a symbolic link"),
    "link-to-a-folder": (_link_to_folder, "it is a symbolic link"),
    "named-pipe": (_named_pipe, "it is a named pipe"),
    "socket": (_socket, "it is a socket"),
    "hard-link": (_hard_link, "the file has 2 names (hard links)"),
    "folder": (_folder, "it is a directory"),
}
"""What may stand where an output goes, how to make it (returning a check that it is as it was),
and what wtcheck says about it."""


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("kind", TARGETS)
def test_only_regular_files_are_written(kind, writer, tmp_path):
    make, says = TARGETS[kind]
    target = tmp_path / "out.file"
    unchanged = make(target)
    before = sorted(path.name for path in tmp_path.iterdir())
    run = run_wtcheck(*WRITERS[writer](target))
    assert run.code == 2, run.out + run.err
    (line,) = run.err.splitlines()
    assert line == (f"wtcheck: cannot write {target}: {says}, and wtcheck writes only regular files, never replacing "
                    "or writing through anything else; remove it or give another name" if "names" not in says else
                    f"wtcheck: cannot write {target}: {says}, and writing it would leave the others as they were; "
                    "remove it or give another name"), line
    unchanged()
    assert sorted(path.name for path in tmp_path.iterdir()) == before, "a temporary file was left behind"


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("umask, mode", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_gets_0666_less_the_umask(writer, umask, mode, tmp_path):
    target = tmp_path / "new.file"
    old = os.umask(umask)
    try:
        run = run_wtcheck(*WRITERS[writer](target))
    finally:
        os.umask(old)
    assert run.code in (0, 1) and target.is_file(), run.err
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_a_replaced_file_keeps_its_mode(writer, mode, tmp_path):
    target = tmp_path / "old.file"
    target.write_text("last month's report\n")
    target.chmod(mode)
    old = os.umask(0)
    try:
        run = run_wtcheck(*WRITERS[writer](target))
    finally:
        os.umask(old)
    assert run.code in (0, 1), run.err
    assert target.read_text() != "last month's report\n" and stat.S_IMODE(target.stat().st_mode) == mode


def test_the_job_summary_is_appended_only_to_a_regular_file(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    done = run_wtcheck("validate", "--format", "github", GAPS, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.code == 1 and summary.read_text().startswith("earlier step\n## wtcheck\n")
    for kind in ("named-pipe", "link-to-a-file", "device-node"):
        make, _ = TARGETS[kind]
        target = tmp_path / kind
        try:
            unchanged = make(target)
        except pytest.skip.Exception:
            continue
        run = run_wtcheck("validate", "--format", "github", GAPS, env={"GITHUB_STEP_SUMMARY": str(target)})
        assert run.code == 1, "the summary never changes the exit code"
        assert run.err.startswith(f"wtcheck: warning: could not write the job summary to {target}: "), run.err
        unchanged()
