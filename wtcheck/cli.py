"""The ``wtcheck`` command line: gather options, hand them to :mod:`wtcheck.commands`, exit with its code.

Exit codes: 0 nothing at or above the fail level; 1 gaps at or above it;
2 cannot check (missing or unreadable file, not YAML, invalid, bad option);
130 interrupted by Ctrl-C (143 by SIGTERM).

Every option that reads a setting defaults to None ("not given"), so the
configuration file applies unless the command line says otherwise; the choices
of ``--edition``, ``--fail-on`` and ``--format`` come from the modules that
define them. Help is plain text, readable at 80 columns. The annotations are evaluated when this
module is read (no ``from __future__ import annotations``), so Typer does not compile them again
from text on every run.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

import typer

from wtcheck import __version__
from wtcheck.core.editions import edition_names
from wtcheck.core.schema import schema_names
from wtcheck.core.vocabulary import FAIL_LEVEL_NAMES
from wtcheck.formats.registry import names as format_names

if TYPE_CHECKING:
    from wtcheck.shell.settings import Settings

EDITIONS = edition_names()
"""The editions there are rulesets for (from the rulesets' file names; checked against their headers)."""

app = typer.Typer(
    name="wtcheck",
    help="Check a local child safeguarding partnership's published arrangements against "
         f"Working Together to Safeguard Children ({', '.join(EDITIONS)}).",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion, for bash, zsh, fish and PowerShell
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EDITION_METAVAR = "[" + "|".join(EDITIONS) + "]"
SCHEMAS = schema_names()
"""The bundled JSON Schemas (the arrangements format first)."""
if TYPE_CHECKING:  # the choices are data, known when the command line is built
    FailLevel: TypeAlias = str
    ValidateFormat: TypeAlias = str
    ReportFormat: TypeAlias = str
    SurveyFormat: TypeAlias = str
    TextOrJson: TypeAlias = str
    SchemaName: TypeAlias = str
else:
    FailLevel = Literal[FAIL_LEVEL_NAMES]
    ValidateFormat = Literal[format_names("validate")]
    ReportFormat = Literal[format_names("report")]
    SurveyFormat = Literal[format_names("survey")]
    TextOrJson = Literal[format_names("rules")]
    SchemaName = Literal[SCHEMAS]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wtcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    if debug:
        os.environ["WTCHECK_DEBUG"] = "1"


# Options shared by the commands; "not given" is None, so the configuration applies.
FilesArgument = Annotated[list[Path] | None, typer.Argument(
    metavar="[FILE]...", show_default=False, readable=False,  # the loader says why a file cannot be read, in one line
    help="Arrangements files, folders (their .yaml and .yml files) or glob patterns; '-' reads standard input "
         "(default: 'paths' in the configuration, else ./arrangements.yaml).")]
def _edition(value: str | None) -> str | None:
    """An edition given on the command line, checked against the rulesets there are."""
    if value is None:
        return None
    from wtcheck.core.editions import edition

    try:
        return edition(value).name
    except Exception as exc:
        raise typer.BadParameter(str(exc)) from None


def _edition_or_all(value: str | None) -> str | None:
    """An edition, or ``all`` (for ``rules``)."""
    from wtcheck.commands.rules import ALL

    return value if value == ALL else _edition(value)


EditionOption = Annotated[str | None, typer.Option(
    "--edition", "-e", metavar=EDITION_METAVAR, callback=_edition,
        help="Edition to check against (default: the document's 'edition:', else the one in "
                            "force on its publication date).")]
FailOnOption = Annotated[FailLevel | None, typer.Option(
    "--fail-on", help="Lowest level of gap that fails the run (default: must).")]
UnconfirmedOption = Annotated[bool | None, typer.Option(
    "--include-unconfirmed/--no-include-unconfirmed", show_default=False,
    help="Let gaps against requirements not confirmed in the guidance fail the run (default: no).")]


def _as_of(value: str | None) -> str | None:
    """A day given on the command line to check as of, checked to be a date."""
    from wtcheck.shell.settings import date_problem

    problem = date_problem(value) if value is not None else None
    if problem:
        raise typer.BadParameter(problem)
    return value


AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", callback=_as_of,
    help="Check as of this day: which duties are in force, departures' expiry and, for a document dated "
         "later, the edition in force then at the latest (default: today).")]
ComingOption = Annotated[bool | None, typer.Option(
    "--include-coming/--no-include-coming", show_default=False,
    help="Check duties enacted but not yet in force as if they were, for planning: their gaps are gaps "
         "(default: no, they are shown as coming).")]
DeparturesOption = Annotated[Path | None, typer.Option(
    "--departures", metavar="FILE", readable=False,
    help="Recorded departures (default: the departures file beside the files checked, else in this folder).")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE",
    help="Write to FILE, never over an input; its extension chooses the format unless --format is given.")]
FORMAT_HELP = "Output format (default: text, or as -o's extension)."
ShowSettingsOption = Annotated[bool, typer.Option(
    "--show-settings", help="Print the effective settings and where each came from, and exit.")]


@app.command(short_help="Check files and list every gap, one line each.")
def validate(
    paths: FilesArgument = None,
    edition: EditionOption = None,
    fail_on: FailOnOption = None,
    output_format: Annotated[ValidateFormat | None, typer.Option(
        "--format", "-f", help="Output format (default: text, or as -o's extension, else 'format' in the "
                               "configuration).")] = None,
    include_unconfirmed: UnconfirmedOption = None,
    as_of: AsOfOption = None,
    include_coming: ComingOption = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Also write the report to FILE (its extension chooses the format); the terminal still gets the "
             "text lines.")] = None,
    departures: DeparturesOption = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", readable=False,
        help="Fail only on gaps not in this baseline (written by 'wtcheck baseline').")] = None,
    staged: Annotated[bool, typer.Option(
        "--staged", help="Check the staged version of each staged arrangements file (for git hooks).")] = False,
    sarif_omit_suppressed: Annotated[bool, typer.Option(
        "--sarif-omit-suppressed", help="Leave departures out of SARIF (GitHub shows them as open).")] = False,
    show_settings: ShowSettingsOption = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="List only the gaps that fail the run; print nothing when there are none.")] = False,
    arrangements_only: Annotated[bool, typer.Option(
        "--arrangements-only", help="Of the files named, check only arrangements files (as --staged picks "
                                    "them) and say which were passed over (for pre-commit).")] = False,
) -> None:
    """Check arrangements files and list every gap: MUST, then SHOULD, then advisory."""
    from wtcheck.commands import validate as command

    settings = _settings(paths=_texts(paths), edition=edition, fail_on=fail_on, format=output_format,
                         include_unconfirmed=include_unconfirmed, departures=_text(departures),
                         baseline=_text(baseline), as_of=as_of, include_coming=include_coming)
    raise typer.Exit(command.run(command.Validate(settings, staged, output, sarif_omit_suppressed, show_settings,
                                                  quiet, arrangements_only)))


@app.command(short_help="Write the gap report: every rule and its outcome.")
def report(
    paths: FilesArgument = None,
    edition: EditionOption = None,
    output_format: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", help=FORMAT_HELP)] = None,
    output: OutputOption = None,
    fail_on: FailOnOption = None,
    include_unconfirmed: UnconfirmedOption = None,
    as_of: AsOfOption = None,
    include_coming: ComingOption = None,
    departures: DeparturesOption = None,
    show_settings: ShowSettingsOption = False,
) -> None:
    """Write the gap report: every rule of the edition with its outcome, a summary and provenance."""
    from wtcheck.commands import report as command

    settings = _settings(paths=_texts(paths), edition=edition, fail_on=fail_on,
                         include_unconfirmed=include_unconfirmed, departures=_text(departures), as_of=as_of,
                         include_coming=include_coming)
    raise typer.Exit(command.run(command.Report(settings, output_format, output, show_settings)))


@app.command(short_help="Survey many partnerships, most-missed requirements first.")
def survey(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[FOLDER_OR_FILE]...", show_default=False, readable=False,
        help="Folders (searched for .yaml and .yml files) and files (default: 'paths' in the "
             "configuration).")] = None,
    edition: Annotated[str | None, typer.Option(
        "--edition", "-e", metavar=EDITION_METAVAR, callback=_edition,
        help="Check every file against this edition (default: each file's own; one matrix "
                                "per edition).")] = None,
    output_format: Annotated[SurveyFormat | None, typer.Option(
        "--format", "-f", help=FORMAT_HELP)] = None,
    output: OutputOption = None,
    include_unconfirmed: UnconfirmedOption = None,
    as_of: AsOfOption = None,
    include_coming: ComingOption = None,
    departures: DeparturesOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 2 if any file could not be checked (default: only if none could).")] = False,
    show_settings: ShowSettingsOption = False,
) -> None:
    """Check many partnerships and show partnerships by requirements, most-missed first."""
    from wtcheck.commands import survey as command

    settings = _settings(paths=_texts(paths), edition=edition, include_unconfirmed=include_unconfirmed,
                         departures=_text(departures), as_of=as_of, include_coming=include_coming)
    raise typer.Exit(command.run(command.Survey(settings, output_format, output, strict, show_settings)))


@app.command("baseline", short_help="Record today's gaps, so that only new ones fail.")
def baseline_command(
    paths: FilesArgument = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to write the baseline (default: 'baseline' in the configuration, else "
             "wtcheck-baseline.json).")] = None,
    edition: EditionOption = None,
    include_unconfirmed: UnconfirmedOption = None,
    departures: DeparturesOption = None,
    show_settings: ShowSettingsOption = False,
) -> None:
    """Write the current gaps to a baseline file, so 'validate --baseline' fails only on new ones."""
    from wtcheck.commands import baseline as command

    settings = _settings(paths=_texts(paths), edition=edition, include_unconfirmed=include_unconfirmed,
                         departures=_text(departures))
    raise typer.Exit(command.run(command.Baseline(settings, output, show_settings)))


@app.command(short_help="Write a commented starter description for an edition.")
def init(
    edition: Annotated[str | None, typer.Option(
        "--edition", "-e", metavar=EDITION_METAVAR, callback=_edition,
        help="The edition to write it for (default: the one in force today).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to write it (default: arrangements.yaml); never over a file that exists.")] = None,
) -> None:
    """Write a starter description: every item of the edition with what it is, an example and the
    requirements that read it, and the schema beside it for editors."""
    from wtcheck.commands import init as command

    raise typer.Exit(command.run(command.Init(edition, output)))


@app.command(short_help="Draft a description from published documents (HTML, PDF, Word).")
def draft(
    documents: Annotated[list[Path] | None, typer.Argument(
        metavar="DOCUMENT...", show_default=False, readable=False,
        help="The partnership's published arrangements and yearly report, as saved web pages (HTML), PDF "
             "or Word (.docx) files on this computer; wtcheck never fetches anything.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to write the draft (default: arrangements.yaml); never over a file that exists.")] = None,
) -> None:
    """Draft a description from the documents: each value with its evidence (document, page or heading,
    and the words), what was not found left as a comment; then check it with 'wtcheck validate'."""
    from wtcheck.commands import draft as command

    raise typer.Exit(command.run(command.Draft(documents or [], output)))


departures_app = typer.Typer(help="Recorded departures from SHOULD requirements.", no_args_is_help=True,
                             rich_markup_mode=None)
app.add_typer(departures_app, name="departures")


@departures_app.command("check", short_help="Lint departures files.")
def departures_check(
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="[FILE]...", show_default=False, readable=False,
        help="Departures files (default: 'departures' in the configuration, else "
             "wtcheck-departures.yaml).")] = None,
    show_settings: ShowSettingsOption = False,
) -> None:
    """Lint departures files: unknown or MUST rule ids, missing reasons or dates, expired entries."""
    from wtcheck.commands import departures as command

    raise typer.Exit(command.run(command.CheckDepartures(_settings(), _texts(files) or [], show_settings)))


hook_app = typer.Typer(help="Git hooks.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(hook_app, name="hook")


@hook_app.command("install", short_help="Install a git pre-commit hook.")
def hook_install(
    force: Annotated[bool, typer.Option("--force", help="Replace a pre-commit hook wtcheck did not write.")] = False,
) -> None:
    """Install a git pre-commit hook that checks staged arrangements files."""
    from wtcheck.core.text import visible
    from wtcheck.shell.hook import install

    typer.echo(visible(install(Path.cwd(), force=force)))


@app.command(short_help="Print a bundled JSON Schema.")
def schema(
    name: Annotated[SchemaName, typer.Argument(
        metavar="NAME", show_default=False,
        help=f"Which schema: {', '.join(SCHEMAS)} (default: arrangements).")] = "arrangements",
) -> None:
    """Print a bundled JSON Schema (the arrangements format, by default)."""
    from wtcheck.commands.rules import print_schema

    raise typer.Exit(print_schema(name))


@app.command(short_help="List the rules of every edition, or of one.")
def rules(
    edition: Annotated[str | None, typer.Option(
        "--edition", "-e", metavar="[" + "|".join((*EDITIONS, "all")) + "]", callback=_edition_or_all,
        help="The edition whose rules to list (default: the one in force today); all: every edition.")] = None,
    output_format: Annotated[TextOrJson, typer.Option(
        "--format", "-f", show_default=False, help="Output format (default: text).")] = "text",
) -> None:
    """List the rules of the edition in force today, or of another, or of all: id, slug, level, category,
    confidence, title and citation."""
    from wtcheck.commands import rules as command

    raise typer.Exit(command.rules(edition, output_format))


@app.command(short_help="Explain one rule, named by its id or slug.")
def explain(
    rule: Annotated[str, typer.Argument(metavar="RULE", show_default=False,
                                        help="A rule id or slug, in any case: WT23-SCR-004, partnership-chair.")],
    edition: Annotated[str | None, typer.Option(
        "--edition", "-e", metavar=EDITION_METAVAR, callback=_edition,
        help="The edition, for a slug several editions share (default: the one in force today, if it has "
             "the slug).")] = None,
    output_format: Annotated[TextOrJson, typer.Option(
        "--format", "-f", show_default=False, help="Output format (default: text).")] = "text",
) -> None:
    """Explain one rule: what it asks, its citation and confidence, why it matters, and an example."""
    from wtcheck.commands import rules as command

    raise typer.Exit(command.explain(rule, edition, output_format))


@app.command(short_help="What changed between two editions, and what a file must add.")
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", show_default=False, callback=_edition,
                                       help=f"The older edition: {', '.join(EDITIONS)}.")],
    new: Annotated[str, typer.Argument(metavar="NEW", show_default=False, callback=_edition,
                                       help="The newer edition.")],
    path: Annotated[Path | None, typer.Argument(
        metavar="FILE", show_default=False, readable=False,
        help="An arrangements file: list what it must add to meet the newer edition.")] = None,
    fail_on: Annotated[FailLevel | None, typer.Option(
        "--fail-on", help="With a file: lowest level of new gap that fails the run (default: must).")] = None,
    output_format: Annotated[TextOrJson, typer.Option(
        "--format", "-f", show_default=False, help="Output format (default: text).")] = "text",
    include_unconfirmed: UnconfirmedOption = None,
    as_of: AsOfOption = None,
    include_coming: ComingOption = None,
    departures: DeparturesOption = None,
    show_settings: ShowSettingsOption = False,
) -> None:
    """List the rules added, removed and changed between two editions (with a file: what it must add)."""
    from wtcheck.commands import diff as command

    settings = _settings(fail_on=fail_on, include_unconfirmed=include_unconfirmed, departures=_text(departures),
                         as_of=as_of, include_coming=include_coming)
    raise typer.Exit(command.run(command.Diff(old, new, settings, path, output_format, show_settings)))


def _settings(**command_line: object) -> "Settings":
    """The effective settings: configuration file, then these command-line values (None: not given)."""
    from wtcheck.shell.settings import resolve

    return resolve(command_line)


def _text(path: Path | None) -> str | None:
    return str(path) if path is not None else None


def _texts(paths: list[Path] | None) -> list[str] | None:
    return [str(path) for path in paths] if paths else None


def main() -> None:
    """Entry point: run the app; turn any error into one line on stderr and exit 2
    (128 + the signal number when stopped: 130 for Ctrl-C, 143 for SIGTERM)."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError  # typer vendors click (typer<0.29)

    from wtcheck.core.errors import Interrupted, WtcheckError, brief, stop_on_signals
    from wtcheck.shell.output import say

    try:
        stop_on_signals()
        if hasattr(sys.stdout, "reconfigure"):  # text the terminal cannot show is escaped, never a crash
            sys.stdout.reconfigure(errors="backslashreplace")
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:  # 'wtcheck' or 'wtcheck hook' alone: the help, as a usage error
        sys.stdout.write(exc.format_message() + "\n")
        sys.exit(2)
    except ClickException as exc:  # a bad option or argument: one plain line and where to find help
        context = getattr(exc, "ctx", None)
        where = context.command_path if context is not None else "wtcheck"
        message = exc.format_message().rstrip(".")
        say(f"{message[:1].lower()}{message[1:]} (see '{where} --help')")
        sys.exit(2)
    except WtcheckError as exc:
        say(str(exc))
        sys.exit(2)
    except Interrupted as exc:
        say(str(exc))
        sys.exit(exc.exit_code)
    except Exception as exc:
        if os.environ.get("WTCHECK_DEBUG"):
            raise
        say(f"internal error: {type(exc).__name__}: {brief(str(exc), 200)} (run with --debug for details)")
        sys.exit(2)
    sys.exit(code or 0)
