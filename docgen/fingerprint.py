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
    _seen: set[str] = attrs.field(factory=set)

    def name(self, path: Path) -> str:
        """The file's resolved path, worked out once per index (it is asked for often)."""
        found = self._names.get(path)
        if found is None:
            found = self._names[path] = str(path.resolve())
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
                found = records.load(path)
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
    """Every record under a records folder, with what each contributes, and the templates."""

    root: Path
    templates: Path
    index: Index
    house: list[Path] = attrs.field(factory=list)
    """The house style's files (settings, fonts, logo): every paper's look depends on them."""
    records: RecordSet = attrs.field(init=False)
    contributions: dict[Path, Contribution] = attrs.field(init=False)
    by_stem: dict[str, list[Path]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.records = RecordSet(self.root)
        files = record_files([self.root]) if self.root.is_dir() else []
        self.contributions = {path: self.index.contribution(path, self.records) for path in files}
        self.by_stem = {}
        for path in files:
            self.by_stem.setdefault(path.stem, []).append(path)

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

    def record_inputs(self, path: Path) -> tuple[list[Path], list[Path]]:
        """The records and the templates a record's papers are made from."""
        made = self.contribution(path)
        records = [path]
        templates: list[Path] = []
        if made.kind is None:  # it does not load: any template may matter once it does
            return records, sorted(p for p in self.templates.rglob("*") if p.is_file())
        if made.gathers is not None:
            records += self.members(made.gathers)
        for record_id in made.references:
            referred = self.find(record_id, path)
            records += [referred] if referred is not None else []
        for paper in papers_for(made.kind):
            templates += [template_file(self.templates, name) for name in paper.template_files()]
        return list(dict.fromkeys(records)), list(dict.fromkeys(templates))

    def fingerprint(self, path: Path) -> str:
        """The hash of the content of everything ``path``'s papers are made from."""
        records, templates = self.record_inputs(path)
        fonts = [FONTS / name for name in FONT_FILES.values()]
        return fingerprint_of(self.index, [*records, *templates, *fonts, *self.house])


def fingerprint_of(index: Index, files: Iterable[Path]) -> str:
    """One hash of the files' names and contents (and docgen's version), in any order."""
    unique = {index.name(path): path for path in files}
    lines = sorted(f"{name}\t{index.digest(path)}" for name, path in unique.items())
    text = "\n".join([f"docgen {__version__}", *lines])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
