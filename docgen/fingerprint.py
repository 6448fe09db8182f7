"""What a record's papers are made from, by content: for make's stamps and `docgen deps`.

make compares times only, so a record restored from an older copy (``cp -p``, ``mv`` of a
backup, an editor that keeps times) would leave papers built from the newer text — and a
stale public paper is a leak waiting to happen. So each stamp also holds a fingerprint:
a hash of the content of every file its papers are made from. `docgen deps` marks a
stamp whose fingerprint no longer matches as older than anything, and make rebuilds it.

Hashing every file on every run would cost as much as loading them, so an index under
the output folder (``.index.json``) keeps, per file, its hash and what it contributes
to the dependencies (kind, references, gathered kind, release dates), keyed by inode,
size, modification and change time: a restored file keeps its modification time but
not its change time, so it is read again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from docgen import __version__
from docgen.errors import RecordError
from docgen.fonts import FONT_FILES, FONTS
from docgen.loading import RECORD_SUFFIXES, RecordSet, record_files
from docgen.papers import papers_for
from docgen.release import release_dates
from docgen.resources import template_file

INDEX_FILE = ".index.json"
INDEX_FORMAT = 1


@attrs.frozen
class Contribution:
    """What one record file contributes to the dependencies (``kind`` None: it does not load)."""

    kind: str | None
    references: tuple[str, ...] = ()
    gathers: str | None = None
    release_dates: tuple[date, ...] = ()

    def same_inputs(self, other: Contribution) -> bool:
        """Whether the records a record's papers draw on stay the same with ``other``."""
        return (self.kind, self.references, self.gathers) == (
            other.kind,
            other.references,
            other.gathers,
        )

    @property
    def has_papers(self) -> bool:
        return self.kind is not None and bool(papers_for(self.kind))

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "references": list(self.references),
            "gathers": self.gathers,
            "release_dates": [day.isoformat() for day in self.release_dates],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Contribution:
        return cls(
            data["kind"],
            tuple(data["references"]),
            data["gathers"],
            tuple(date.fromisoformat(day) for day in data["release_dates"]),
        )


def _stat_key(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


@attrs.define
class Index:
    """Per file: its hash and, for records, its `Contribution`; kept in ``out/.index.json``."""

    out: Path
    _entries: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    _changed: bool = False
    _names: dict[Path, str] = attrs.field(factory=dict)
    _folders: dict[Path, Path] = attrs.field(factory=dict)
    _seen: set[str] = attrs.field(factory=set)

    def name(self, path: Path) -> str:
        """The file's resolved path, worked out once per index (it is asked for often).

        Its folder is resolved once for all the files in it: resolving a path costs a
        system call per part of it, and a thousand records share one folder."""
        found = self._names.get(path)
        if found is None:
            folder = self._folders.get(path.parent)
            if folder is None:
                folder = self._folders[path.parent] = path.parent.resolve()
            whole = path.name in ("", "..") or path.is_symlink()  # not a name in a folder
            found = str(path.resolve() if whole else folder / path.name)
            self._names[path] = found
        return found

    @classmethod
    def load(cls, out: Path) -> Index:
        """The index as last saved (empty if there is none, or it is unreadable)."""
        index = cls(out)
        try:
            saved = json.loads((out / INDEX_FILE).read_text(encoding="utf-8"))
            if saved.get("format") == INDEX_FORMAT and saved.get("docgen") == __version__:
                index._entries = dict(saved["files"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        return index

    def again(self) -> Index:
        """The index for another run in the same process (`docgen watch`): each file's
        hash is looked at afresh (as its stat says), nothing is read from disk again."""
        self._seen.clear()
        return self

    def _entry(self, path: Path) -> dict[str, Any]:
        name = self.name(path)
        key = _stat_key(path)
        entry = self._entries.get(name)
        if entry is None or entry["key"] != key:
            entry = {"key": key}
            self._entries[name] = entry
            self._changed = True
        return entry

    def digest(self, path: Path) -> str:
        """The file's SHA-256 ("" if it cannot be read); each file is looked at once."""
        name = self.name(path)
        if name in self._seen:
            return str(self._entries[name]["sha"])
        entry = self._entry(path)
        if "sha" not in entry:
            try:
                entry["sha"] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                entry["sha"] = ""
            self._changed = True
        self._seen.add(name)
        return str(entry["sha"])

    def contribution(self, path: Path, records: RecordSet) -> Contribution:
        """What the record file contributes, loading it only if it changed."""
        entry = self._entry(path)
        if "record" not in entry:
            try:
                # What it is and draws on: its exempt text's check (which reads the papers'
                # wording, a tenth of a second or more per process) changes neither.
                found = records.load(path, check_text=False)
            except RecordError:
                made = Contribution(None)
            else:
                query = found.data.gathers()
                made = Contribution(
                    found.kind,
                    tuple(reference.record_id for reference in found.data.references()),
                    query.kind if query is not None else None,
                    tuple(sorted(release_dates(found.data))),
                )
            entry["record"] = made.to_json()
            self._changed = True
        return Contribution.from_json(entry["record"])

    def save(self) -> None:
        """Write the index if anything in it changed (atomically: it is read concurrently)."""
        if not self._changed:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        target = self.out / INDEX_FILE
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        data = {"format": INDEX_FORMAT, "docgen": __version__, "files": self._entries}
        temporary.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        temporary.replace(target)
        self._changed = False


@attrs.define
class Project:
    """Every record under a records folder, with what each contributes, and the templates.

    What each record's papers are made from (`record_inputs`) is worked out once per
    record, and the templates of each kind of record once per kind: a project is asked
    for both for every record, and each asks the file system whether a template is the
    project's own.
    """

    root: Path
    templates: Path
    index: Index
    house: list[Path] = attrs.field(factory=list)
    """The house style's files (settings, fonts, logo): every paper's look depends on them."""
    _known: dict[Path, Contribution] | None = attrs.field(default=None, kw_only=True)
    """What each record contributes, already worked out (`updated`): no folder is searched."""
    _inputs: dict[Path, tuple[list[Path], list[Path]]] = attrs.field(factory=dict, kw_only=True)
    _kind_templates: dict[str, list[Path]] = attrs.field(factory=dict, kw_only=True)
    _stems: dict[str, list[Path]] | None = attrs.field(default=None, kw_only=True)
    _shared_lines: dict[tuple[Path, ...], dict[str, str]] = attrs.field(init=False, factory=dict)
    """Fingerprint lines of the templates, fonts and house files, per list of templates:
    kept for one run (the project `updated` for the next starts afresh)."""
    records: RecordSet = attrs.field(init=False)
    contributions: dict[Path, Contribution] = attrs.field(init=False)
    by_stem: dict[str, list[Path]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.records = RecordSet(self.root)
        if self._known is not None:
            self.contributions, self._known = self._known, None
        else:
            files = record_files([self.root]) if self.root.is_dir() else []
            self.contributions = {
                path: self.index.contribution(path, self.records) for path in files
            }
        if self._stems is not None:  # no record came or went since it was worked out
            self.by_stem, self._stems = self._stems, None
            return
        self.by_stem = {}
        for path in self.contributions:
            self.by_stem.setdefault(path.stem, []).append(path)

    def updated(self, changed: Iterable[Path], records: RecordSet | None = None) -> Project:
        """The project after the files ``changed`` were added, edited or deleted, looking
        again only at those (for a process told which files changed: `docgen.watch`).

        What the other records contribute is kept, and so is what each record's papers
        are made from, unless a record came or went, changed its kind, references or
        gathered kind, or a template of the project's own came or went. A change under
        the records folder that is not a record file (a folder moved) searches it afresh.
        ``records``: the changed records, perhaps loaded already (else loaded afresh).
        """
        root = Path(os.path.abspath(self.root))  # noqa: PTH100 - as the watcher compares
        templates = Path(os.path.abspath(self.templates))  # noqa: PTH100
        contributions = dict(self.contributions)
        # Not the last project's records: they may hold the text from before.
        records = records if records is not None else RecordSet(self.root)
        structural = False
        used = {
            Path(os.path.abspath(path))  # noqa: PTH100
            for paths in self._kind_templates.values()
            for path in paths
        }
        # A record that does not load draws on every template file there is.
        unloaded = any(made.kind is None for made in self.contributions.values())
        for path in changed:
            absolute = Path(os.path.abspath(path))  # noqa: PTH100
            if absolute.is_relative_to(templates):
                # A template used before, and still there, is edited: no record's inputs move.
                structural = (
                    structural or unloaded or absolute not in used or not absolute.is_file()
                )
                continue
            if not absolute.is_relative_to(root):
                # A record outside the folder, looked at only when asked: what it draws on
                # is worked out again, as is everything, since its references may move.
                structural = True
                continue
            if absolute.suffix not in RECORD_SUFFIXES or absolute.is_dir():
                return Project(self.root, self.templates, self.index, self.house)
            key = self.root / absolute.relative_to(root)
            was = contributions.get(key)
            if key.is_file():
                now = contributions[key] = self.index.contribution(key, records)
                structural = structural or was is None or not now.same_inputs(was)
            elif was is not None:
                del contributions[key]
                structural = True
        resort = len(contributions) != len(self.contributions) or structural
        project = Project(
            self.root,
            self.templates,
            self.index,
            self.house,
            # In the order a search of the folder gives, kept unless a record came.
            known=dict(sorted(contributions.items())) if resort else contributions,
            inputs={} if structural else self._inputs,
            kind_templates={} if structural else self._kind_templates,
            stems=None if structural else self.by_stem,
        )
        project.records = records
        return project

    def same_inputs_as(self, other: Project) -> bool:
        """Whether every record's papers are made from the same files as in ``other``
        (this project `updated` from it, with no record come, gone or redirected)."""
        return self._inputs is other._inputs

    def contribution(self, path: Path) -> Contribution:
        found = self.contributions.get(path)
        return found if found is not None else self.index.contribution(path, self.records)

    def find(self, record_id: str, near: Path) -> Path | None:
        """As `RecordSet.find`: beside ``near`` first, then anywhere under the root."""
        for suffix in RECORD_SUFFIXES:
            beside = near.parent / f"{record_id}{suffix}"
            if beside.is_file():
                return beside
        candidates = sorted(self.by_stem.get(record_id, []))
        return candidates[0] if candidates else None

    def members(self, kind: str) -> list[Path]:
        """Records that may be of ``kind``: those of it, and those that do not load."""
        return [path for path, made in self.contributions.items() if made.kind in (kind, None)]

    def _templates_of(self, kind: str, known: dict[str, list[Path]]) -> list[Path]:
        """The template files the papers of a kind of record use."""
        found = known.get(kind)
        if found is None:
            found = []
            for paper in papers_for(kind):
                found += [template_file(self.templates, name) for name in paper.template_files()]
            found = known[kind] = list(dict.fromkeys(found))
        return found

    def record_inputs(self, path: Path) -> tuple[list[Path], list[Path]]:
        """The records and the templates a record's papers are made from (not to be
        changed: the lists are kept for the next caller)."""
        found = self._inputs.get(path)
        if found is None:
            found = self._inputs[path] = self._record_inputs(path)
        return found

    def _record_inputs(self, path: Path) -> tuple[list[Path], list[Path]]:
        made = self.contribution(path)
        records = [path]
        if made.kind is None:  # it does not load: any template may matter once it does
            return records, sorted(p for p in self.templates.rglob("*") if p.is_file())
        if made.gathers is not None:
            records += self.members(made.gathers)
        for record_id in made.references:
            referred = self.find(record_id, path)
            records += [referred] if referred is not None else []
        return list(dict.fromkeys(records)), self._templates_of(made.kind, self._kind_templates)

    def fingerprint(self, path: Path) -> str:
        """The hash of the content of everything ``path``'s papers are made from."""
        records, templates = self.record_inputs(path)
        key = tuple(templates)
        shared = self._shared_lines.get(key)
        if shared is None:  # the same for every record of a kind: worked out once
            fonts = [FONTS / name for name in FONT_FILES.values()]
            shared = self._shared_lines[key] = _lines(self.index, [*templates, *fonts, *self.house])
        return _hash({**shared, **_lines(self.index, records)})


def _lines(index: Index, files: Iterable[Path]) -> dict[str, str]:
    """Each file's line of a fingerprint (its name and hash), by its name."""
    names = {index.name(path): path for path in files}
    return {name: f"{name}\t{index.digest(path)}" for name, path in names.items()}


def _hash(lines: dict[str, str]) -> str:
    """One hash of the files' lines (and docgen's version), in any order."""
    text = "\n".join([f"docgen {__version__}", *sorted(lines.values())])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
