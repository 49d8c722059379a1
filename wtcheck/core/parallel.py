"""A batch checked on every core: worker processes, each running the runner's loop over a share of the files.

:func:`in_parallel` starts one worker process per core as a copy of this one
(``fork``: each starts with the rulesets and the compiled schema already built),
hands them the files in small chunks, a few chunks ahead of what has been
yielded, and yields the results in the files' order, so the output is the same,
byte for byte, as one process gives, and memory stays flat however many files
there are. A worker sends back each result without the loaded document, its
rules, ruleset and edition named rather than copied; they are this process's
own objects again on arrival. An internal error in a worker ends the run as it
would in one process, after the results of the files before it; Ctrl-C (or
SIGTERM) stops the workers with the run: they ignore Ctrl-C themselves and are
ended, and waited for, before wtcheck says its one line.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import signal
import sys
import traceback
from collections import deque
from collections.abc import Iterator
from typing import Any

from wtcheck.core.editions import Edition, edition
from wtcheck.core.resources import cached
from wtcheck.core.ruleset import Rule, Ruleset, load_ruleset, ruleset_names
from wtcheck.core.runner import FileResult, Request, Source, check_each
from wtcheck.core.schema import fast_check

CHUNK = 16
"""Most files a worker is given at once: enough to make handing them over cheap, few enough to keep
every core busy to the end and the first results coming soon."""
AHEAD = 3
"""Chunks given to each worker ahead of the results yielded (what bounds memory)."""


def cores() -> int:
    """How many processes may check files at once: the cores this process may run on; 1 where workers
    cannot be started as copies of this process (Windows, and macOS, where that is unsafe)."""
    if sys.platform == "darwin" or not hasattr(os, "fork"):
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_parallel(sources: list[Source], request: Request, workers: int) -> Iterator[FileResult]:
    """Check ``sources`` as ``request`` says with ``workers`` processes, yielding the results in order
    (the workers start when the first result is asked for, and are gone when the last is yielded)."""
    import multiprocessing

    _rules_by_id()  # built before the workers are copied from this process, so they start with them
    fast_check("arrangements")
    size = max(1, min(CHUNK, len(sources) // (workers * 4)))
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(request,))
    finished = False
    try:
        pending: deque[Any] = deque()
        for start in range(0, len(sources), size):
            pending.append(pool.apply_async(_check_chunk, (sources[start:start + size],)))
            if len(pending) >= workers * AHEAD:
                yield from _received(pending.popleft().get())
        while pending:
            yield from _received(pending.popleft().get())
        finished = True
    finally:
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()


_REQUEST: list[Request] = []
"""The request a worker checks its files as (set when it starts)."""


def _start_worker(request: Request) -> None:
    """In a new worker: leave Ctrl-C to the main process (which ends the workers), let SIGTERM end
    it at once, and keep the request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _REQUEST[:] = [request]


def _check_chunk(chunk: list[Source]) -> bytes:
    """In a worker: the results of checking ``chunk``, and the internal error that stopped it, if one did."""
    results: list[FileResult] = []
    error: tuple[BaseException, str] | None = None
    try:
        for result in check_each(chunk, _REQUEST[0]):
            result.document = None
            results.append(result)
    except Exception as exc:
        error = (exc, traceback.format_exc())
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _BY_NAME
    pickler.dump((results, error))
    return buffer.getvalue()


def _received(payload: bytes) -> Iterator[FileResult]:
    """The results a worker sent; its internal error raised after them, as one process would."""
    results, error = pickle.loads(payload)
    yield from results
    if error is not None:
        exc, trace = error
        raise exc from _WorkerTraceback(trace)


class _WorkerTraceback(Exception):
    """Where in the worker an internal error happened (shown with ``--debug``)."""

    def __str__(self) -> str:
        return f"\n\n(in a worker process)\n{self.args[0]}"


@cached
def _rules_by_id() -> dict[str, Rule]:
    """Every rule of every ruleset, by id (ids are unique: each edition has its own prefix)."""
    return {rule.id: rule for name in ruleset_names() for rule in load_ruleset(name).rules}


def _rule(rule_id: str) -> Rule:
    return _rules_by_id()[rule_id]


_BY_NAME = copyreg.dispatch_table.copy()
"""Rules, rulesets and editions travel by name: the receiving process has the same ones."""
_BY_NAME[Rule] = lambda rule: (_rule, (rule.id,))
_BY_NAME[Ruleset] = lambda ruleset: (load_ruleset, (ruleset.name,))
_BY_NAME[Edition] = lambda found: (edition, (found.name,))
