"""The ``docgen`` command: a thin layer over `docgen.build`.

Commands import what they need when they run, so ``docgen --help`` stays quick.
A `DocgenError` is printed as located lines without a traceback, and the exit code
is 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from docgen.build import BuildResult
    from docgen.project import Project
    from docgen.render import Format

PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["docx", "pdf", "all"]),
    default="all",
    show_default=True,
    help="Word, PDF or both.",
)
"""The formats a command renders: the same choice for building and for verifying."""
OUT = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The output folder: full/<id>/… and public/<id>/… go in it (default: the project's outputs/).",
)
RECORDS = click.option(
    "--records",
    "records_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The records folder, where references are looked up (default: the project's records/).",
)
TEMPLATES = click.option(
    "--templates",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The templates folder (default: the project's templates/, else docgen's own).",
)


def project_options(command: Callable[..., None]) -> Callable[..., None]:
    """--records, --templates and --out, meaning the same on every command."""
    return RECORDS(TEMPLATES(OUT(command)))


def _project(
    paths: Sequence[Path], records: Path | None, templates: Path | None, out: Path | None
) -> Project:
    """The project the paths belong to; a settings file that cannot be read ends the command."""
    from docgen.errors import DocgenError
    from docgen.project import Project

    try:
        return Project.find(paths, records, templates, out)
    except DocgenError as error:
        _report([error])
        sys.exit(1)


def _day(_context: object, _parameter: object, value: datetime | None) -> date | None:
    return value.date() if value is not None else None


AS_OF = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    callback=_day,
    default=None,
    help="The day to act as of, YYYY-MM-DD (default: today).",
)


def _warn(warnings: Sequence[object]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


def _report(errors: Sequence[Exception]) -> None:
    for error in errors:
        for line in str(error).splitlines():
            click.echo(f"error: {line}" if not line.startswith("error") else line, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def main() -> None:
    """Build committee reports and other papers, full and public, from YAML records."""


@main.command()
@PATHS
@project_options
@FORMAT
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every file written.")
@AS_OF
def build(
    paths: tuple[Path, ...],
    records_root: Path | None,
    templates: Path | None,
    out: Path | None,
    output_format: str,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    as_of: date | None,
) -> None:
    """Build every paper for the records in PATHS (default: records/).

    Many records build in one process with a pool of workers. On a terminal a
    progress bar shows papers done, failures and time left; otherwise each failure is
    printed as it happens, and a summary at the end. The public versions are those
    that may be published on the --as-of day (default: today): an exemption released
    by then no longer applies. Each record's exempt-information register is written
    beside its full papers.
    """
    from docgen.render import ALL_FORMATS, Format

    project = _project(paths, records_root, templates, out)
    formats = ALL_FORMATS if output_format == "all" else (Format(output_format),)
    result = _build_papers(
        project, paths or (project.records,), jobs, as_of, formats, quiet=quiet, verbose=verbose
    )
    sys.exit(1 if result.errors else 0)


@main.command()
@PATHS
@project_options
@FORMAT
@AS_OF
def watch(
    paths: tuple[Path, ...],
    records_root: Path | None,
    templates: Path | None,
    out: Path | None,
    output_format: str,
    as_of: date | None,
) -> None:
    """Stay up, and rebuild the papers of the records in PATHS (default: records/) as
    they, the records they draw on, or the templates change.

    It first builds the records whose papers were made from other content than there
    is now, then waits. Each change rebuilds the papers made from it — the record, the
    records that refer to it or gather it, every record whose papers use a changed
    template — as `docgen build` would: each file written is listed, each problem
    printed where it is, and a record that does not validate keeps its last good
    papers. Ctrl-C stops it.
    """
    import signal
    import time

    from docgen.render import ALL_FORMATS, Format
    from docgen.watch import Watcher, changes

    # Ctrl-C stops it even when it was started with interrupts ignored (a shell's
    # background job): it is the one way to stop it, and stopping is always clean.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    project = _project(paths, records_root, templates, out)
    formats = ALL_FORMATS if output_format == "all" else (Format(output_format),)
    reporter = _WatchReport()
    watcher = Watcher(project, paths, formats, as_of, reporter.record_done)
    try:
        started = watcher.start()
        reporter.summary(started, "up to date")
        if not started.written and not started.unchanged:
            watcher.warm_up()
        shown = ", ".join(_shown(path) for path in watcher.watched())
        watching = False
        for changed, seen in changes(watcher):
            if not watching:
                click.echo(f"watching {shown} (Ctrl-C to stop)")
                watching = True
            if not changed:
                continue
            result = watcher.changed(changed)
            reporter.summary(result, f"in {time.perf_counter() - seen:.2f} s")
    except KeyboardInterrupt:
        click.echo("stopped")
    sys.exit(0)


def _shown(path: Path) -> str:
    """A path as the user would write it: relative to the current folder if under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _WatchReport:
    """Prints what each rebuild did, as it does it: files written, problems, withdrawals."""

    def __init__(self) -> None:
        self._template_errors: set[str] = set()

    def record_done(self, outcome: object) -> None:
        from docgen.build import RecordOutcome
        from docgen.errors import TemplateError

        assert isinstance(outcome, RecordOutcome)
        for path in outcome.written:
            click.echo(f"wrote {path}")
        _warn(outcome.warnings)
        _warn(outcome.withdrawn)
        # A broken template fails every record that uses it: one error to fix, shown once.
        errors = [
            error
            for error in outcome.errors
            if not isinstance(error, TemplateError) or str(error) not in self._template_errors
        ]
        self._template_errors.update(str(e) for e in errors if isinstance(e, TemplateError))
        _report(errors)

    def summary(self, result: object, when: str) -> None:
        from docgen.build import BuildResult

        assert isinstance(result, BuildResult)
        self._template_errors.clear()
        withdrawn = f", {len(result.withdrawn)} withdrawn" if result.withdrawn else ""
        click.echo(
            f"{len(result.written)} written, {len(result.unchanged)} unchanged, "
            f"{len(result.errors)} failed{withdrawn}: {when}"
        )


@main.command()
@project_options
@click.option(
    "--build",
    "build_stale",
    is_flag=True,
    help="Also build the papers of the records whose content changed since they were built.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="With --build: worker processes (default: one per core).",
)
@AS_OF
def deps(
    records_root: Path | None,
    templates: Path | None,
    out: Path | None,
    build_stale: bool,
    jobs: int | None,
    as_of: date | None,
) -> None:
    """Write OUT/.deps.mk: what each record's papers are made from, for make.

    The papers (and stamps) of records built from RECORDS that are no longer there are
    withdrawn first, each named on a line of its own.

    With --build, the records whose papers were made from other content than there is
    now (or are not made yet) are then built, as `docgen build` builds them: make, after
    an edit, pays for one docgen process rather than two. It exits 1 if one fails.
    """
    from docgen.deps import write_deps
    from docgen.errors import DocgenError
    from docgen.withdraw import withdraw_deleted

    project = _project((), records_root, templates, out)
    withdrawn, errors = withdraw_deleted(project.out, project.records, project.records)
    _warn(withdrawn)
    stale: list[Path] = []
    try:
        path = write_deps(
            project.records, project.out, project.templates, project.settings, stale=stale
        )
    except DocgenError as error:
        _report([*errors, error])
        sys.exit(1)
    click.echo(f"wrote {path}")
    _report(errors)
    if build_stale and stale:
        built = _build_papers(project, tuple(stale), jobs, as_of)
        errors += built.errors
    sys.exit(1 if errors else 0)


def _build_papers(
    project: Project,
    paths: tuple[Path, ...],
    jobs: int | None,
    as_of: date | None,
    formats: tuple[Format, ...] | None = None,
    *,
    quiet: bool = False,
    verbose: bool = False,
) -> BuildResult:
    """Build the records at ``paths`` (`docgen build`, and `docgen deps --build` after an
    edit): progress shown, warnings printed, and a summary unless ``quiet``."""
    from docgen.build import build as run_build
    from docgen.progress import BuildProgress
    from docgen.render import ALL_FORMATS

    with BuildProgress(quiet=quiet, verbose=verbose) as progress:
        result = run_build(
            paths,
            out=project.out,
            templates_folder=project.templates,
            records_root=project.records,
            formats=formats or ALL_FORMATS,
            jobs=jobs or os.cpu_count() or 1,
            progress=progress.record_done,
            planned=progress.planned,
            as_of=as_of,
            settings=project.settings,
        )
    _warn(result.warnings)
    _warn(result.withdrawn)
    if not quiet:
        withdrawn = f", {len(result.withdrawn)} withdrawn" if result.withdrawn else ""
        click.echo(
            f"{len(result.written)} written, {len(result.unchanged)} unchanged, "
            f"{len(result.errors)} failed{withdrawn}"
        )
    return result


@main.command()
@PATHS
@project_options
@click.option("--strict", is_flag=True, help="Treat the domain checks' warnings as errors.")
@AS_OF
def check(
    paths: tuple[Path, ...],
    records_root: Path | None,
    templates: Path | None,
    out: Path | None,
    strict: bool,
    as_of: date | None,
) -> None:
    """Validate the records in PATHS (default: records/) without writing anything.

    Also runs the domain checks (the commission cycle, diversity …) and checks each
    exemption has its public-interest reasoning and is not overdue for review (as of
    today, or --as-of); their warnings never stop a build; with --strict they fail
    the check.
    """
    from docgen.loading import check as run_check

    project = _project(paths, records_root, templates, out)
    errors, warnings = run_check(paths or (project.records,), project.records, as_of)
    _report(errors)
    _warn(warnings)
    failed = bool(errors) or (strict and bool(warnings))
    if not failed:
        click.echo("all records are valid" + (f" ({len(warnings)} warning(s))" if warnings else ""))
    sys.exit(1 if failed else 0)


@main.command()
@PATHS
@project_options
@AS_OF
def scan(
    paths: tuple[Path, ...],
    records_root: Path | None,
    templates: Path | None,
    out: Path | None,
    as_of: date | None,
) -> None:
    """Scan built public papers in PATHS (default: outputs/public) for exempt text.

    Each leak is reported with the file, the part of the file and the field of the
    record whose exempt value was found there; the value itself is never printed.
    The values are those exempt on the --as-of day the papers were built for
    (default: today). An exempt-information register among them is an error too.
    """
    from docgen.build import scan as run_scan

    project = _project(paths, records_root, templates, out)
    results, errors = run_scan(
        paths or (project.out / "public",), as_of=as_of, records_root=project.records
    )
    leaks = [(result.path, leak) for result in results for leak in result.leaks]
    for path, leak in leaks:
        click.echo(f"leak: {path}: {leak}", err=True)
    _report(errors)
    clean = sum(1 for result in results if not result.leaks)
    click.echo(
        f"{len(results)} public paper(s) scanned, {clean} clean, {len(results) - clean} leaking"
    )
    sys.exit(1 if leaks or errors else 0)


@main.command()
@PATHS
@project_options
@FORMAT
def verify(
    paths: tuple[Path, ...],
    records_root: Path | None,
    templates: Path | None,
    out: Path | None,
    output_format: str,
) -> None:
    """Prove no public paper of the records in PATHS (default: records/) depends on exempt data.

    Each public paper is rendered again with every exempt value replaced (shorter, then
    longer), and must come out byte for byte the same; nothing is written. A paper that
    changes is reported at the exempt field it changed with, with the part of the file.
    """
    from docgen.render import ALL_FORMATS, Format
    from docgen.verify import verify as run_verify

    project = _project(paths, records_root, templates, out)
    formats = ALL_FORMATS if output_format == "all" else (Format(output_format),)
    result = run_verify(
        paths or (project.records,), project.records, project.templates, formats, project.settings
    )
    _report(result.errors)
    _warn([held for verified in result.verified for held in verified.held])
    papers = sum(verified.papers for verified in result.verified)
    click.echo(
        f"{papers} public paper(s) of {len(result.verified)} record(s) verified: "
        "none depends on exempt data"
        + (f"; {len(result.errors)} record(s) failed" if result.errors else "")
    )
    sys.exit(1 if result.errors else 0)


@main.command()
@PATHS
@project_options
@click.option(
    "--due-by",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    callback=_day,
    default=None,
    help="List what is due for review on or before this day, YYYY-MM-DD (default: today).",
)
def register(
    paths: tuple[Path, ...],
    records_root: Path | None,
    templates: Path | None,
    out: Path | None,
    due_by: date | None,
) -> None:
    """List the exemptions in PATHS (default: records/) due for review.

    One line each, soonest first: file:line: field: the paragraphs of Schedule 12A,
    the review date (or that none is set) and the public-interest reasoning.
    Exemptions released by then are left out.
    """
    from docgen.register import due_for_review

    project = _project(paths, records_root, templates, out)
    day = due_by or date.today()
    due, errors = due_for_review(paths or (project.records,), day, project.records)
    for item in due:
        click.echo(str(item))
    _report(errors)
    click.echo(f"{len(due)} exemption(s) due for review by {day}")
    sys.exit(1 if errors else 0)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Create a council project in FOLDER: records/, docgen.toml, a Makefile, the pins.

    The records are a small example of each kind, to edit or replace; ``make`` in FOLDER
    installs docgen into FOLDER/.venv (requirements.txt, constraints.txt), then builds the
    papers of every record whose inputs changed. Nothing already there is overwritten.
    """
    from docgen.errors import DocgenError
    from docgen.scaffold import init_project

    try:
        init_project(folder)
    except DocgenError as error:
        _report([error])
        sys.exit(1)
    click.echo(
        f"created {folder}: records/, docgen.toml, Makefile, requirements.txt, "
        "constraints.txt, .gitignore; run make there"
    )


@main.command()
@project_options
def papers(records_root: Path | None, templates: Path | None, out: Path | None) -> None:
    """List the paper kinds and the record kinds each accepts.

    The project options are accepted, as on every command; the list is docgen's own.
    """
    from docgen.papers import PAPERS

    for paper in PAPERS.values():
        click.echo(f"{paper.name:<24} {paper.title:<28} accepts: {', '.join(paper.accepts)}")


@main.group()
def templates() -> None:
    """Work with a council's own templates."""


@templates.command("check")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
def templates_check(folder: Path | None) -> None:
    """Lint the Word templates in FOLDER (default: the project's templates) before use.

    Reports, in Word's terms (which paragraph or table cell, quoting its text): a tag
    never closed or a block left open, a value the paper does not give, template code
    inside a tracked change, a style the paper needs that the template lacks, and (as a
    warning) a tag Word split into differently formatted runs.
    """
    from docgen.template_check import check_folder

    chosen = folder if folder is not None else _project((), None, None, None).templates
    if not chosen.is_dir():
        click.echo(f"error: {chosen}: no such folder", err=True)
        sys.exit(1)
    findings, missing = check_folder(chosen)
    errors = [finding for finding in findings if not finding.warning]
    for finding in findings:
        click.echo(str(finding) if finding.warning else f"error: {finding}", err=True)
    checked = len(list(chosen.glob("*.docx")))
    summary = f"{checked} Word template(s) checked: {len(errors)} error(s), "
    summary += f"{len(findings) - len(errors)} warning(s)"
    if missing and checked:
        summary += f"; docgen's own used for {', '.join(missing)}"
    click.echo(summary)
    sys.exit(1 if errors else 0)
