"""The console script: catch Ctrl-C and SIGTERM before the command line's libraries load.

Importing Typer and the pipeline takes a tenth of a second; a Ctrl-C in that
time would otherwise end in Python's traceback instead of wtcheck's one line.
The cyclic garbage collector is paused while they load (they make many objects
and no garbage), and what they made is then set aside from later collections.
"""

from __future__ import annotations

import gc
import sys

from wtcheck.core.errors import Interrupted, stop_on_signals


def main() -> None:
    """Install the signal handlers, then run the command line."""
    stop_on_signals()
    gc.disable()
    try:
        from wtcheck.cli import main as run
    except Interrupted as exc:
        sys.stderr.write(f"wtcheck: {exc}\n")
        sys.exit(exc.exit_code)
    finally:
        gc.freeze()
        gc.enable()
    run()
