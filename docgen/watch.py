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

It is told which files changed, so an edit costs what it touches: only the changed
records are read again (`Dependencies.updated`), what each record's papers are made
from is kept from one edit to the next unless a record came, went or changed what it
draws on, and only the stamps of the records drawing on a changed file are checked.

The project's settings file (docgen.toml) and the house style's files outside the
watched folders (a logo, fonts) are watched too: every paper's look is made from them,
so a change to one rebuilds every paper, with the templates compiled afresh. A
settings file that does not read is reported where it is wrong, and nothing is built
until it reads. Folders the settings name (``[docgen]``) are those at the start.
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

from docgen.build import BuildResult, RecordBuilder, RecordOutcome
from docgen.deps import write_deps
from docgen.errors import DocgenError, RecordError
from docgen.fingerprint import Index
from docgen.fingerprint import Project as Dependencies
from docgen.loading import RECORD_SUFFIXES, RecordSet, load_with_related, unique_record_files
from docgen.papers import PAPERS
from docgen.project import Project
from docgen.render import ALL_FORMATS, Format, Templates, render_record
from docgen.withdraw import STAMPS, stamp_fingerprint, withdraw_deleted

READY_MS = 300
"""How soon after it starts the watcher says it is watching."""
STEP_MS = 10
"""How long the watcher waits for a quiet moment before it builds: an editor's save
(a write, or a temporary file renamed into place) arrives within it as one change.
watchfiles yields a batch one to two steps after its last change."""


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
    _targets: list[Path] | None = attrs.field(init=False, default=None)
    _inputs: dict[Path, frozenset[Path]] = attrs.field(init=False, factory=dict)
    """Per record (built here, or under the records folder): the absolute paths of the
    records and templates its papers are made from, as `_dependencies` says."""
    _house: frozenset[Path] = attrs.field(init=False, factory=frozenset)
    """The settings file and the house style's files (absolute): every paper is made
    from them."""
    _house_error: DocgenError | None = attrs.field(init=False, default=None)
    """Why the house style does not read, if it does not: nothing is built until it does."""

    def __attrs_post_init__(self) -> None:
        self.templates = Templates(self.project.templates, settings=self.project.settings)
        self.paths = self.paths or (self.project.records,)

    def watched(self) -> list[Path]:
        """The folders and files to watch: the records (given and looked-up), the templates,
        and the files of the house style outside them (`watched_files`)."""
        found = [self.project.records, *self.paths, self.project.templates]
        existing = [_absolute(path) for path in found if path.exists()]
        # Watching a folder watches what is under it: name each place once.
        folders = [
            path
            for path in dict.fromkeys(existing)
            if not any(other != path and path.is_relative_to(other) for other in existing)
        ]
        files = [path for path in self.watched_files() if not _under(path, folders)]
        return folders + files

    def watched_files(self) -> list[Path]:
        """The project's settings file and the house style's files in the project (a logo,
        fonts of its own): watched one by one, each rebuilding every paper."""
        root = _absolute(self.project.root)
        house = self._house_files() or []
        found = [*([self.project.settings] if self.project.settings else []), *house]
        return [
            path
            for path in dict.fromkeys(_absolute(path) for path in found)
            if path.is_relative_to(root) and path.is_file()
        ]

    def targets(self, errors: list[DocgenError] | None = None) -> list[Path]:
        """The record files this watcher builds (those under its paths, as they are now)."""
        return unique_record_files(
            (path for path in self.paths if path.exists()), errors if errors is not None else []
        )

    def _house_files(self) -> list[Path] | None:
        """The house style's files, or None if it does not read (a build says why)."""
        try:
            return self.templates.house.files()
        except DocgenError:
            return None

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
        broken = self._house_broken()
        if broken is not None:
            return broken
        dependencies = self._dependencies_now()
        self._write_deps()
        stale = [
            path
            for path in self._targets_now()
            if stamp_fingerprint(self.project.out / STAMPS / f"{path.stem}.stamp")
            != dependencies.fingerprint(path)
        ]
        return self._build(stale, dependencies, deleted=True)

    def changed(self, changes: Iterable[Path]) -> BuildResult:
        """Rebuild the papers made from any of the ``changes`` (files added, edited or deleted)."""
        changed = {_absolute(path) for path in changes}
        if self._house_error is not None or not changed.isdisjoint(self._house):
            return self._restyled()
        templates = _absolute(self.project.templates)
        edited_templates = [path for path in changed if path.is_relative_to(templates)]
        if edited_templates:
            self.templates.forget(edited_templates)
        before, was = self._dependencies, self._inputs
        # Each changed record is loaded once, here, for what it draws on and to build it
        # (an edit made since is another change, and rebuilds it again).
        records = RecordSet(self.project.records)
        root = _absolute(self.project.records)
        for path in changed:
            if path.suffix in RECORD_SUFFIXES and path.is_relative_to(root) and path.is_file():
                with contextlib.suppress(RecordError):  # its build reports it
                    records.load(self.project.records / path.relative_to(root))
        after = self._dependencies_now(changed, records)
        kept = before is not None and after.same_inputs_as(before)
        # What the records drew on before counts only where it may differ from now: a file
        # gone, or a record whose kind, references or gathered kind changed.
        earlier = was if not kept else {}
        targets = self._targets_now()
        # The records edited first (the papers the officer is looking at), then those
        # that draw on them.
        edited = [path for path in targets if self._absolute(path) in changed]
        now = self._inputs
        affected = edited + [
            path
            for path in targets
            if path not in edited
            and (
                not changed.isdisjoint(now.get(path, ()))
                or not changed.isdisjoint(earlier.get(path, ()))
            )
        ]
        # make's include file lists, per gathered kind, the records that may be of it; a
        # stamp must be newer than that list, so a change to it is written first. Any
        # other change is written after the papers, which are what the officer waits for.
        regathered = not kept and (before is None or _kinds(before) != _kinds(after))
        if regathered:
            self._write_deps()
        deleted = any(not path.exists() for path in changed)
        result = self._build(affected, after, deleted, (records, set(edited)))
        if not regathered:
            # The stamps that may now be stale by content: those drawing on a changed
            # file (every one, when what records draw on moved).
            drawing = {path for path, used in now.items() if not changed.isdisjoint(used)}
            self._write_deps(check=drawing if kept else None)
        return result

    def _restyled(self) -> BuildResult:
        """After a change to the settings or the house style: every paper, with the
        templates compiled afresh (the house style is part of each compiled one)."""
        self.templates = Templates(self.project.templates, settings=self.project.settings)
        broken = self._house_broken()
        if broken is not None:
            return broken
        self._dependencies = None
        dependencies = self._dependencies_now()
        self._write_deps()
        return self._build(self._targets_now(), dependencies, deleted=False)

    def _house_broken(self) -> BuildResult | None:
        """The house style's problems, reported once, if it does not read: nothing can be
        built until it does, and the papers already built stay as they are."""
        settings = [self.project.settings] if self.project.settings else []
        try:
            files = self.templates.house.files()
        except DocgenError as error:
            self._house_error = error
            self._house |= {_absolute(path) for path in settings}  # still watched
            self.report(RecordOutcome(error.path or self.project.root, errors=[error]))
            return BuildResult(errors=[error])
        self._house_error = None
        self._house = frozenset(_absolute(path) for path in [*settings, *files])
        return None

    def _targets_now(self) -> list[Path]:
        """The targets, looked for again only after a record came or went."""
        if self._targets is None:
            self._targets = self.targets()
        return self._targets

    def _dependencies_now(
        self, changed: set[Path] | None = None, records: RecordSet | None = None
    ) -> Dependencies:
        """The dependencies as the files are now: with ``changed``, only those looked at
        again (`Dependencies.updated`); else every record, as its stat says.

        The index is read from disk once; after that it is kept here, each file checked
        against its stat as `docgen deps` checks it."""
        index = self._index.again() if self._index is not None else Index.load(self.project.out)
        self._index = index
        previous = self._dependencies
        if changed is not None and previous is not None:
            now = previous.updated(changed, records)
        else:
            now = Dependencies(
                self.project.records, self.project.templates, index, self.templates.house.files()
            )
        self._dependencies = now
        if previous is None or not now.same_inputs_as(previous):
            self._targets = None  # a record may have come or gone
            self._inputs = self._inputs_of(now)
        return now

    def _absolute(self, path: Path) -> Path:
        """``_absolute(path)``, worked out once per path: the same ones recur."""
        found = self._absolutes.get(path)
        if found is None:
            found = self._absolutes[path] = _absolute(path)
        return found

    def _inputs_of(self, dependencies: Dependencies) -> dict[Path, frozenset[Path]]:
        """Every record's inputs, as absolute paths."""
        found = {}
        for path in dict.fromkeys([*dependencies.contributions, *self._targets_now()]):
            records, templates = dependencies.record_inputs(path)
            found[path] = frozenset(self._absolute(used) for used in (*records, *templates))
        return found

    def _write_deps(self, check: set[Path] | None = None) -> None:
        """make's include file, as `docgen deps` writes it, so ``make`` agrees with us;
        ``check``: the records whose stamps may be stale by content (all, if None)."""
        with contextlib.suppress(DocgenError):  # a name make cannot carry: make says so
            write_deps(
                self.project.records,
                self.project.out,
                self.project.templates,
                self.project.settings,
                self._dependencies,
                check,
            )

    def _build(
        self,
        paths: list[Path],
        dependencies: Dependencies,
        deleted: bool,
        loaded: tuple[RecordSet, set[Path]] | None = None,
    ) -> BuildResult:
        """Build ``paths`` as `docgen build` does; with ``deleted``, also withdraw the papers
        of records gone from the watched folders. ``loaded``: records loaded already, and
        the paths built from them (the edited ones: any other is loaded afresh, with what
        it draws on, so that memory stays flat whatever a change touches)."""
        result = BuildResult()
        builder = RecordBuilder(
            self.templates,
            self.project.records,
            self.project.out,
            self.formats,
            self.as_of or date.today(),
            dependencies,
        )
        for path in paths:
            outcome = builder.build(path, loaded[0] if loaded and path in loaded[1] else None)
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


def _under(path: Path, folders: Iterable[Path]) -> bool:
    return any(path.is_relative_to(folder) for folder in folders)


def _relevant(templates: Path, files: Iterable[Path] = ()) -> Callable[[object, str], bool]:
    """Changes worth a look: record files anywhere watched, anything in the templates,
    the ``files`` watched on their own."""
    folder = str(_absolute(templates)) + os.sep
    named = {str(path) for path in files}

    def keep(_change: object, path: str) -> bool:
        name = Path(path).name
        if name.startswith(".") or name.endswith("~"):
            return False  # editors' temporary and backup files, docgen's own temporaries
        return path.startswith(folder) or Path(path).suffix in RECORD_SUFFIXES or path in named

    return keep


def changes(watcher: Watcher) -> Iterator[tuple[set[Path], float]]:
    """Each batch of changed files, with the time the first was seen, until Ctrl-C.

    The first batch may be empty: it comes once the files are watched (a change made
    before then may be missed; one made after it never is), so the caller can say so.

    A file watched on its own (the settings file) is no longer watched once an editor
    replaces it with a new file, so after a batch holding one, the watch starts again
    before the batch is given (with whatever came meanwhile), and the next change to
    it is seen too.
    """
    import watchfiles

    ready = False
    carried: set[Path] = set()  # a batch held back while the watch starts again
    seen = 0.0
    while True:
        watched = watcher.watched()
        files = {path for path in watched if path.is_file()}  # those watched on their own
        batches = watchfiles.watch(
            *watched,
            watch_filter=_relevant(watcher.project.templates, files),
            step=STEP_MS,
            rust_timeout=READY_MS,
            yield_on_timeout=True,
        )
        for batch in batches:
            found = {Path(path) for _change, path in batch}
            if not found.isdisjoint(files):  # held back until it is watched again
                seen = seen if carried else time.perf_counter()
                carried |= found
                break
            if carried:  # watching again: its first batch comes once it is
                found, carried = found | carried, set()
                yield found, seen
            elif found or not ready:
                ready = True
                yield found, time.perf_counter()
        batches.close()
        if not carried:
            return
