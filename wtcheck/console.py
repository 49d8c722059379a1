"""The console script: catch Ctrl-C and SIGTERM before the command line's libraries load.

Importing Typer and the pipeline takes a tenth of a second; a Ctrl-C in that
time would otherwise end in Python's traceback instead of wtcheck's one line.
"""

from __future__ import annotations

import sys

from wtcheck.core.errors import Interrupted, stop_on_signals


def main() -> None:
    """Install the signal handlers, then run the command line."""
    stop_on_signals()
    try:
        from wtcheck.cli import main as run
    except Interrupted as exc:
        sys.stderr.write(f"wtcheck: {exc}\n")
        sys.exit(exc.exit_code)
    run()
