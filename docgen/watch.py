"""`docgen watch`: one process that stays up and rebuilds the papers an edit affects.

An officer's loop is edit, look, edit again. A new ``docgen build`` for each edit pays
for imports, WeasyPrint and compiling the templates every time; a watcher pays once.
It keeps the compiled templates (`docgen.render.Templates`) and watches the records and
the templates folder (with watchfiles). For each batch of changed files it works out
which records' papers are made from them — the record itself, the records that refer
to it or gather its kind, and for a template every record whose papers use it — from
the same dependencies `docgen deps` gives make (`docgen.fingerprint`), before and after
the change, so a deleted record's dependants are rebuilt too.

Each record is built exactly as ``docgen build`` builds it (`docgen.build`): rendered in
memory, every public paper scanned, written atomically; a record that does not validate
writes nothing, keeps its last good papers, and withdraws the public ones that leak.
The make include file, the index and each stamp (with its fingerprint) are kept up to
date as they go, so a later ``make`` agrees and rebuilds nothing the watcher built.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

import attrs
import jinja2

from docgen.build import BuildResult, RecordOutcome, _Builder
from docgen.deps import write_deps
from docgen.errors import DocgenError
from docgen.fingerprint import Index
from docgen.fingerprint import Project as Dependencies
from docgen.loading import RECORD_SUFFIXES, RecordSet, load_with_related, unique_record_files
from docgen.papers import PAPERS
from docgen.project import Project
from docgen.render import ALL_FORMATS, Format, Templates, render_record
from docgen.withdraw import STAMPS, stamp_fingerprint, withdraw_deleted

READY_MS = 300
"""How soon after it starts the watcher says it is watching."""
STEP_MS = 20
"""How long the watcher waits for a quiet moment before it builds: an editor's save
(a write, or a temporary file renamed into place) arrives within it as one change."""


def _absolute(path: Path) -> Path:
    """A path as the watcher compares paths: absolute and normalised, but links left as
    they are (resolving each would cost a system call per part, for every input)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - normalises "..", keeps links


@attrs.define
class Watcher:
    """What stays loaded between edits: the templates, the dependencies, the day."""

    project: Project
    paths: tuple[Path, ...]
    formats: tuple[Format, ...] = ALL_FORMATS
    as_of: date | None = None
    report: Callable[[RecordOutcome], None] = lambda outcome: None
    templates: Templates = attrs.field(init=False)
    _dependencies: Dependencies | None = attrs.field(init=False, default=None)
    _index: Index | None = attrs.field(init=False, default=None)
    _absolutes: dict[Path, Path] = attrs.field(init=False, factory=dict)
    """Each input's absolute path, worked out once: the same ones recur for every record."""

    def __attrs_post_init__(self) -> None:
        self.templates = Templates(self.project.templates, settings=self.project.settings)
        self.paths = self.paths or (self.project.records,)

    def watched(self) -> list[Path]:
        """The folders and files to watch: the records (given and looked-up), the templates."""
        found = [self.project.records, *self.paths, self.project.templates]
        existing = [_absolute(path) for path in found if path.exists()]
        # Watching a folder watches what is under it: name each place once.
        return [
            path
            for path in dict.fromkeys(existing)
            if not any(other != path and path.is_relative_to(other) for other in existing)
        ]

    def targets(self, errors: list[DocgenError] | None = None) -> list[Path]:
        """The record files this watcher builds (those under its paths, as they are now)."""
        return unique_record_files(
            (path for path in self.paths if path.exists()), errors if errors is not None else []
        )

    def warm_up(self) -> None:
        """Render one record's papers in memory, writing nothing, so that the first save is
        as quick as the next: WeasyPrint, its fonts and the stylesheet loaded, the Word
        templates compiled, the wording the scan reads (`docgen.vocabulary`) read."""
        records = RecordSet(self.project.records)
        for path in self.targets():
            loaded = load_with_related(path, records, [])
            if loaded is None:
                continue
            with contextlib.suppress(DocgenError):  # a build reports it, where it belongs
                render_record(*loaded, self.templates, self.project.out, self.formats)
            break
        for paper in PAPERS.values():  # every template compiled, not only that record's
            with contextlib.suppress(DocgenError, jinja2.TemplateError):
                if Format.DOCX in self.formats:
                    self.templates.word(paper.word_template)
                if Format.PDF in self.formats:
                    self.templates.pdf().environment.get_template(paper.html_template)

    def start(self) -> BuildResult:
        """Bring the papers up to date: build every record whose stamp says its papers were
        made from other content than there is now (or that has none), and withdraw the
        papers of records that are gone."""
        dependencies = self._dependencies_now()
        self._write_deps()
        stale = [
            path
            for path in self.targets()
            if stamp_fingerprint(self.project.out / STAMPS / f"{path.stem}.stamp")
            != dependencies.fingerprint(path)
        ]
        return self._build(stale, dependencies, deleted=True)

    def changed(self, changes: Iterable[Path]) -> BuildResult:
        """Rebuild the papers made from any of the ``changes`` (files added, edited or deleted)."""
        changed = {_absolute(path) for path in changes}
        templates = _absolute(self.project.templates)
        edited_templates = [path for path in changed if path.is_relative_to(templates)]
        if edited_templates:
            self.templates.forget(edited_templates)
        before = self._dependencies
        after = self._dependencies_now()
        # What the records drew on before counts only where it may differ from now: a file
        # gone, or a record whose kind, references or gathered kind changed.
        was = _by_absolute(before) if before is not None else {}
        now = _by_absolute(after)
        earlier = (
            before
            if before is not None
            and any(path not in now or was.get(path) != now.get(path) for path in changed)
            else None
        )
        targets = self.targets()
        # The records edited first (the papers the officer is looking at), then those
        # that draw on them.
        edited = [path for path in targets if _absolute(path) in changed]
        affected = edited + [
            path
            for path in targets
            if path not in edited
            and (
                self._uses(after, path, changed)
                or (earlier is not None and self._uses(earlier, path, changed))
            )
        ]
        # make's include file lists, per gathered kind, the records that may be of it; a
        # stamp must be newer than that list, so a change to it is written first. Any
        # other change is written after the papers, which are what the officer waits for.
        regathered = before is None or _kinds(before) != _kinds(after)
        if regathered:
            self._write_deps()
        deleted = any(not path.exists() for path in changed)
        result = self._build(affected, after, deleted)
        if not regathered:
            self._write_deps()
        return result

    def _dependencies_now(self) -> Dependencies:
        """The dependencies as the files are now (records changed since last time loaded).

        The index is read from disk once; after that it is kept here, each file checked
        against its stat as `docgen deps` checks it."""
        index = self._index.again() if self._index is not None else Index.load(self.project.out)
        self._index = index
        self._dependencies = Dependencies(
            self.project.records, self.project.templates, index, self.templates.house.files()
        )
        return self._dependencies

    def _write_deps(self) -> None:
        """make's include file, as `docgen deps` writes it, so ``make`` agrees with us."""
        with contextlib.suppress(DocgenError):  # a name make cannot carry: make says so
            write_deps(
                self.project.records,
                self.project.out,
                self.project.templates,
                self.project.settings,
                self._dependencies,
            )

    def _uses(self, dependencies: Dependencies, path: Path, changed: set[Path]) -> bool:
        """Whether any changed file is among those ``path``'s papers are made from."""
        records, templates = dependencies.record_inputs(path)
        absolutes = self._absolutes
        for used in (*records, *templates):
            found = absolutes.get(used)
            if found is None:
                found = absolutes[used] = _absolute(used)
            if found in changed:
                return True
        return False

    def _build(self, paths: list[Path], dependencies: Dependencies, deleted: bool) -> BuildResult:
        """Build ``paths`` as `docgen build` does; with ``deleted``, also withdraw the papers
        of records gone from the watched folders."""
        result = BuildResult()
        builder = _Builder(
            self.templates,
            self.project.records,
            self.project.out,
            self.formats,
            self.as_of or date.today(),
            dependencies,
        )
        for path in paths:
            outcome = builder.build(path)
            result.written.extend(outcome.written)
            result.unchanged.extend(outcome.unchanged)
            result.errors.extend(outcome.errors)
            result.warnings.extend(outcome.warnings)
            result.withdrawn.extend(outcome.withdrawn)
            self.report(outcome)
        for folder in (path for path in self.paths if deleted and path.is_dir()):
            withdrawn, errors = withdraw_deleted(self.project.out, folder, self.project.records)
            result.withdrawn.extend(withdrawn)
            result.errors.extend(errors)
            self.report(RecordOutcome(folder, withdrawn=withdrawn, errors=errors))
        dependencies.index.save()
        return result


def _kinds(dependencies: Dependencies) -> dict[Path, str | None]:
    """Each record file and its kind: what the lists of a gathered kind's records follow."""
    return {path: made.kind for path, made in dependencies.contributions.items()}


def _by_absolute(dependencies: Dependencies) -> dict[Path, object]:
    """What each record file contributes, by its absolute path."""
    return {_absolute(path): made for path, made in dependencies.contributions.items()}


def _relevant(templates: Path) -> Callable[[object, str], bool]:
    """Changes worth a look: record files anywhere watched, anything in the templates."""
    folder = str(_absolute(templates)) + os.sep

    def keep(_change: object, path: str) -> bool:
        name = Path(path).name
        if name.startswith(".") or name.endswith("~"):
            return False  # editors' temporary and backup files, docgen's own temporaries
        return path.startswith(folder) or Path(path).suffix in RECORD_SUFFIXES

    return keep


def changes(watcher: Watcher) -> Iterator[tuple[set[Path], float]]:
    """Each batch of changed files, with the time the first was seen, until Ctrl-C.

    The first batch may be empty: it comes once the files are watched (a change made
    before then may be missed; one made after it never is), so the caller can say so.
    """
    import watchfiles

    ready = False
    for batch in watchfiles.watch(
        *watcher.watched(),
        watch_filter=_relevant(watcher.project.templates),
        step=STEP_MS,
        rust_timeout=READY_MS,
        yield_on_timeout=True,
    ):
        if batch or not ready:
            ready = True
            yield {Path(path) for _change, path in batch}, time.perf_counter()
