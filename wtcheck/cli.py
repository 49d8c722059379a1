"""The ``wtcheck`` command line: parse options, run the pipeline, choose the exit code.

Exit codes: 0 nothing at or above the fail level; 1 gaps at or above it;
2 cannot check (missing or unreadable file, not YAML, invalid, bad option);
130 interrupted by Ctrl-C (143 by SIGTERM).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from wtcheck import __version__

app = typer.Typer(
    name="wtcheck",
    help="Check a local child safeguarding partnership's published arrangements against "
         "Working Together to Safeguard Children (2010, 2013, 2015, 2018, 2023).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class EditionName(str, Enum):
    """The editions wtcheck has rules for."""

    e2010 = "2010"
    e2013 = "2013"
    e2015 = "2015"
    e2018 = "2018"
    e2023 = "2023"


class FailOn(str, Enum):
    """The lowest level of gap that fails a run."""

    must = "must"
    should = "should"
    none = "none"


class ValidateFormat(str, Enum):
    """Output formats of ``validate``."""

    text = "text"
    json = "json"


class SchemaName(str, Enum):
    """The bundled JSON Schemas."""

    arrangements = "arrangements"
    report = "report"
    ruleset = "ruleset"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wtcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    if debug:
        os.environ["WTCHECK_DEBUG"] = "1"


EditionOption = Annotated[Optional[EditionName], typer.Option(
    "--edition", "-e", help="Edition to check against (default: the document's 'edition:', "
                            "else the edition in force on its publication date).")]
UnconfirmedOption = Annotated[bool, typer.Option(
    "--include-unconfirmed", help="Let gaps against requirements not confirmed in the guidance text fail the run.")]


@app.command()
def validate(
    # readable=False: not Click's multi-line refusal; the loader says why a file cannot be read, in one line
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Arrangements files to check.", show_default="./arrangements.yaml", readable=False)] = None,
    edition: EditionOption = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest level of gap that fails the run.")] = FailOn.must,
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = ValidateFormat.text,
    include_unconfirmed: UnconfirmedOption = False,
) -> None:
    """Check arrangements files and list every gap, one line each."""
    from wtcheck.formats import json as json_format, text as text_format
    from wtcheck.pipeline import check_file
    from wtcheck.report import build

    files = paths or [Path("arrangements.yaml")]
    results = [check_file(path, edition=edition.value if edition else None,
                          include_unconfirmed=include_unconfirmed) for path in files]
    report = build(results, fail_on.value)
    renderer = json_format if output_format is ValidateFormat.json else text_format
    sys.stdout.write(renderer.render(report))
    raise typer.Exit(report["exit_code"])


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema to print.")] = SchemaName.arrangements,
) -> None:
    """Print a bundled JSON Schema (the arrangements format, by default)."""
    from wtcheck.schema import schema_text

    sys.stdout.write(schema_text(name.value))


def main() -> None:
    """Entry point: run the app; turn any error into one line on stderr and exit 2
    (128 + the signal number when stopped: 130 for Ctrl-C, 143 for SIGTERM)."""
    from wtcheck.errors import Interrupted, WtcheckError, brief, stop_on_signals

    try:
        stop_on_signals()
        if hasattr(sys.stdout, "reconfigure"):  # text the terminal cannot show is escaped, never a crash
            sys.stdout.reconfigure(errors="backslashreplace")
        app()
    except WtcheckError as exc:
        typer.echo(f"wtcheck: {exc}", err=True)
        sys.exit(2)
    except Interrupted as exc:
        typer.echo(f"wtcheck: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - the contract is one line, never a traceback
        if os.environ.get("WTCHECK_DEBUG"):
            raise
        typer.echo(f"wtcheck: internal error: {type(exc).__name__}: {brief(str(exc), 200)} "
                   "(run with --debug for details)", err=True)
        sys.exit(2)
