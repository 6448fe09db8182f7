"""How a build reports itself: a progress bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

from types import TracebackType

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from docgen.build import RecordOutcome
from docgen.errors import TemplateError


class BuildProgress:
    """Reports records as they finish: failures always, written files when verbose.

    On a terminal (and not ``quiet``) a bar shows records done, failures and the time
    left; in CI, with no terminal, each failure is a line as it happens.
    """

    def __init__(self, *, quiet: bool = False, verbose: bool = False):
        self.quiet = quiet
        self.verbose = verbose
        self.failures = 0
        self._template_errors: set[str] = set()
        """Template errors already printed: a broken template fails every record that
        uses it, and is one error to fix, so it is printed once."""
        console = Console(stderr=True)
        self._bar: Progress | None = None
        if console.is_terminal and not quiet:
            self._bar = Progress(
                TextColumn("building"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("records, [red]{task.fields[failed]} failed"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
        self._task: TaskID | None = None

    def __enter__(self) -> BuildProgress:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def planned(self, count: int) -> None:
        if self._bar is not None:
            self._task = self._bar.add_task("build", total=count, failed=0)

    def _told(self, error: Exception) -> bool:
        """Whether ``error`` is a template error printed already (and note it if not)."""
        if not isinstance(error, TemplateError):
            return False
        told = str(error) in self._template_errors
        self._template_errors.add(str(error))
        return told

    def record_done(self, outcome: RecordOutcome) -> None:
        self.failures += bool(outcome.errors)
        errors = [error for error in outcome.errors if not self._told(error)]
        lines = [f"error: {line}" for error in errors for line in str(error).splitlines()]
        if self.verbose:
            lines = [f"wrote {path}" for path in outcome.written] + lines
        for line in lines:
            if self._bar is not None:
                self._bar.console.print(line, markup=False, highlight=False)
            else:
                click.echo(line, err=line.startswith("error"))
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, failed=self.failures)
