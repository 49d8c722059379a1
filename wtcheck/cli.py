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
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from wtcheck import __version__

if TYPE_CHECKING:
    from wtcheck.settings import Settings

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
    sarif = "sarif"
    junit = "junit"
    github = "github"


class ReportFormat(str, Enum):
    """Output formats of ``report``."""

    html = "html"
    md = "md"
    text = "text"
    json = "json"


class SurveyFormat(str, Enum):
    """Output formats of ``survey``."""

    html = "html"
    md = "md"
    text = "text"
    json = "json"
    csv = "csv"


class SchemaName(str, Enum):
    """The bundled JSON Schemas."""

    arrangements = "arrangements"
    report = "report"
    ruleset = "ruleset"
    survey = "survey"
    departures = "departures"
    baseline = "baseline"


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
UnconfirmedOption = Annotated[Optional[bool], typer.Option(
    "--include-unconfirmed/--no-include-unconfirmed",
    help="Let gaps against requirements not confirmed in the guidance text fail the run.", show_default=False)]
DeparturesOption = Annotated[Optional[Path], typer.Option(
    "--departures", help="Recorded departures file.",
    show_default="'departures' in the configuration, else wtcheck-departures.yaml if there is one")]


@app.command()
def validate(
    # readable=False: not Click's multi-line refusal; the loader says why a file cannot be read, in one line
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Arrangements files to check (glob patterns allowed).", readable=False,
        show_default="./arrangements.yaml, or 'paths' in the configuration")] = None,
    edition: EditionOption = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(
        "--fail-on", help="Lowest level of gap that fails the run.", show_default="must")] = None,
    output_format: Annotated[Optional[ValidateFormat], typer.Option(
        "--format", "-f", help="Output format.", show_default="text")] = None,
    include_unconfirmed: UnconfirmedOption = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write the report, in the chosen format, to this file; the terminal still gets text.")
    ] = None,
    departures: DeparturesOption = None,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", help="Fail only on gaps not in this baseline (written by 'wtcheck baseline').")] = None,
    staged: Annotated[bool, typer.Option(
        "--staged", help="Check the staged version of each staged arrangements file (for git hooks).")] = False,
    sarif_omit_suppressed: Annotated[bool, typer.Option(
        "--sarif-omit-suppressed",
        help="Leave departures out of SARIF (GitHub shows suppressed results as open).")] = False,
    show_settings: Annotated[bool, typer.Option(
        "--show-settings", help="Print the effective settings and where each came from, and exit.")] = False,
) -> None:
    """Check arrangements files and list every gap, one line each."""
    from wtcheck import runner

    settings = _settings(paths=[str(path) for path in paths] if paths else None,
                         edition=edition.value if edition else None, fail_on=fail_on.value if fail_on else None,
                         format=output_format.value if output_format else None,
                         include_unconfirmed=include_unconfirmed, departures=_text(departures),
                         baseline=_text(baseline))
    if show_settings:
        sys.stdout.write(settings.show())
        raise typer.Exit(0)
    raise typer.Exit(runner.validate(settings, staged=staged, output=output, omit_suppressed=sarif_omit_suppressed))


@app.command("baseline")
def baseline_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Arrangements files (glob patterns allowed).",
        show_default="./arrangements.yaml, or 'paths' in the configuration")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Where to write the baseline.",
        show_default="'baseline' in the configuration, else wtcheck-baseline.json")] = None,
    edition: EditionOption = None,
    include_unconfirmed: UnconfirmedOption = None,
    departures: DeparturesOption = None,
) -> None:
    """Write the current gaps to a baseline file, so 'validate --baseline' fails only on new ones."""
    from wtcheck import runner
    from wtcheck.baseline import DEFAULT_FILE

    settings = _settings(paths=[str(path) for path in paths] if paths else None,
                         edition=edition.value if edition else None, include_unconfirmed=include_unconfirmed,
                         departures=_text(departures))
    raise typer.Exit(runner.write_baseline(settings, output or Path(settings["baseline"] or DEFAULT_FILE)))


departures_app = typer.Typer(help="Recorded departures from SHOULD requirements.", no_args_is_help=True)
app.add_typer(departures_app, name="departures")


@departures_app.command("check")
def departures_check(
    files: Annotated[Optional[list[Path]], typer.Argument(
        help="Departures files.",
        show_default="'departures' in the configuration, else wtcheck-departures.yaml")] = None,
) -> None:
    """Lint departures files: unknown or MUST rule ids, missing reasons or dates, expired entries."""
    from wtcheck import runner
    from wtcheck.settings import DEFAULT_DEPARTURES

    paths = [str(file) for file in files] if files else [_settings()["departures"] or DEFAULT_DEPARTURES]
    raise typer.Exit(max(runner.check_departures(path) for path in paths))


hook_app = typer.Typer(help="Git hooks.", no_args_is_help=True)
app.add_typer(hook_app, name="hook")


@hook_app.command("install")
def hook_install(
    force: Annotated[bool, typer.Option("--force", help="Replace an existing pre-commit hook.")] = False,
) -> None:
    """Install a git pre-commit hook that checks staged arrangements files."""
    from wtcheck.hook import install

    target = install(Path.cwd(), force=force)
    typer.echo(f"installed {target}: each commit now checks the staged arrangements files")


def _settings(**command_line: object) -> Settings:
    """The effective settings: configuration file, then these command-line values (None: not given)."""
    from wtcheck.settings import resolve

    return resolve(command_line)


def _text(path: Optional[Path]) -> Optional[str]:
    return str(path) if path is not None else None


OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", help="Write to this file (atomically; never over an input); the format follows its "
                           "extension unless --format is given.")]


@app.command()
def report(
    path: Annotated[Optional[Path], typer.Argument(
        help="Arrangements file to report on.", show_default="./arrangements.yaml", readable=False)] = None,
    edition: EditionOption = None,
    output_format: Annotated[Optional[ReportFormat], typer.Option(
        "--format", "-f", help="Output format.", show_default="text, or as -o's extension")] = None,
    output: OutputOption = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest level of gap that fails the run.")] = FailOn.must,
    include_unconfirmed: UnconfirmedOption = False,
    departures: DeparturesOption = None,
) -> None:
    """Write the gap report: every rule of the edition with its outcome, a summary and provenance."""
    from wtcheck.errors import located
    from wtcheck.formats import registry
    from wtcheck.formats.text import departure_lines
    from wtcheck.pipeline import check_file
    from wtcheck.report import build
    from wtcheck.runner import load_departures

    source = path or Path("arrangements.yaml")
    chosen = registry.choose(output_format.value if output_format else None, output, registry.REPORT_FORMATS)
    recorded = load_departures(_settings(departures=_text(departures)))
    result = check_file(source, edition=edition.value if edition else None, include_unconfirmed=include_unconfirmed,
                        departures=recorded)
    if not result.checked:
        for problem in result.problems:
            typer.echo(located(f"error: {problem.message}", problem.file, problem.line, problem.column), err=True)
        raise typer.Exit(2)
    model = build([result], fail_on.value, departures=recorded)
    for line in departure_lines(model["departures"]):
        typer.echo(line, err=True)
    registry.deliver("report", chosen, model, output, inputs=[source])
    if output is not None:
        typer.echo(f"wtcheck: wrote the gap report to {output}", err=True)
    raise typer.Exit(model["exit_code"])


@app.command()
def survey(
    paths: Annotated[list[Path], typer.Argument(help="Folders (searched for .yaml and .yml files) and files.",
                                                readable=False)],
    edition: Annotated[Optional[EditionName], typer.Option(
        "--edition", "-e", help="Check every file against this edition (default: each file's own edition; "
                                "one matrix per edition).")] = None,
    output_format: Annotated[Optional[SurveyFormat], typer.Option(
        "--format", "-f", help="Output format.", show_default="text, or as -o's extension")] = None,
    output: OutputOption = None,
) -> None:
    """Check many partnerships and show partnerships by requirements, most-missed first."""
    from wtcheck import survey as surveying
    from wtcheck.formats import registry

    chosen = registry.choose(output_format.value if output_format else None, output, registry.SURVEY_FORMATS)
    files = surveying.find_files(paths)
    rows = surveying.check_all(files, edition.value if edition else None, progress=sys.stderr.isatty())
    model = surveying.build(rows, edition.value if edition else None)
    registry.deliver("survey", chosen, model, output, inputs=files)
    if output is not None:
        counts = model["counts"]
        typer.echo(f"wtcheck: wrote the survey of {counts['files']} file(s) ({counts['checked']} checked, "
                   f"{counts['not_checked']} not checked) to {output}", err=True)
    raise typer.Exit(surveying.exit_code(model))


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema to print.")] = SchemaName.arrangements,
) -> None:
    """Print a bundled JSON Schema (the arrangements format, by default)."""
    from wtcheck.schema import schema_text

    sys.stdout.write(schema_text(name.value))


@app.command()
def rules(
    edition: Annotated[Optional[EditionName], typer.Option(
        "--edition", "-e", help="List only this edition's rules (default: every edition).")] = None,
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = ValidateFormat.text,
) -> None:
    """List the rules: id, slug, level, category, confidence, title and citation."""
    from wtcheck.rules_info import rules_json, rules_text, rulesets_for

    chosen = rulesets_for(edition.value if edition else None)
    sys.stdout.write(rules_json(chosen) if output_format is ValidateFormat.json else rules_text(chosen))


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE-ID", help="A rule id, e.g. WT23-SCR-004.")],
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = ValidateFormat.text,
) -> None:
    """Explain one rule: what it asks, its citation and confidence, why it matters, and an example."""
    from wtcheck.rules_info import explain_json, explain_text, find_rule

    ruleset, rule = find_rule(rule_id)
    sys.stdout.write(explain_json(ruleset, rule) if output_format is ValidateFormat.json else explain_text(ruleset, rule))


@app.command()
def diff(
    old: Annotated[EditionName, typer.Argument(help="The older edition.")],
    new: Annotated[EditionName, typer.Argument(help="The newer edition.")],
    path: Annotated[Optional[Path], typer.Argument(
        help="An arrangements file: list what it must add to meet the newer edition.")] = None,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="With a file: lowest level of new gap that fails the run.")] = FailOn.must,
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = ValidateFormat.text,
    include_unconfirmed: UnconfirmedOption = False,
) -> None:
    """List the rules added, removed and changed between two editions (with a file: what it must add)."""
    from wtcheck import diff as edition_diff

    as_json = output_format is ValidateFormat.json
    if path is None:
        changes = edition_diff.compare(old.value, new.value)
        sys.stdout.write(edition_diff.as_json(edition_diff.editions_json(changes)) if as_json
                         else edition_diff.editions_text(changes))
        return
    result = edition_diff.compare_file(path, old.value, new.value, include_unconfirmed=include_unconfirmed)
    sys.stdout.write(edition_diff.as_json(edition_diff.file_json(result, fail_on.value)) if as_json
                     else edition_diff.file_text(result))
    raise typer.Exit(result.exit_code(fail_on.value))


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
