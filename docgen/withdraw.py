"""Withdrawing papers that may no longer stand: deleted records', and leaking ones.

A public paper on disk must never hold text that its record now marks exempt, and a
record that is gone must not leave its papers behind. This module decides which of
the papers docgen wrote must go, deletes them, and says why. It only ever deletes
files docgen writes — ``<paper kind>.docx`` and ``.pdf`` in ``full/<id>/`` and
``public/<id>/`` — and leaves anything else in those folders (a register, a note an
officer saved there) where it is.

When a record fails to load, the exemption marks that can still be read from it are
read leniently (`read_marks`): each part of the YAML that can be structured is read
as a build would read it, and where a part cannot, any ``exempt:`` mapping and any
``[exempt N]…[/exempt]`` phrase in it still counts. When even that is impossible — the
file is not YAML, or its kind cannot be told (and with it which fields the kind
withholds by default) — nothing can vouch for the record's public papers, and all of
them are withdrawn.
"""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Collection, Iterator
from datetime import date
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from types import NoneType, SimpleNamespace, UnionType
from typing import Any

import attrs

from docgen.errors import BuildError, DocgenError, RecordError
from docgen.limits import LimitError, read_record_bytes
from docgen.loading import Record, RecordSet, _converter, _declares_kind, record_files
from docgen.models import RECORD_KINDS
from docgen.models.base import (
    ALWAYS_PUBLIC_KEY,
    EXEMPT_BY_DEFAULT,
    FIXED_CHOICE_KEY,
    Exemptable,
    Gather,
    Model,
)
from docgen.papers import PAPERS
from docgen.views import ExemptValue, Version, _exempt_values, exempt_values
from docgen.yamlnodes import YamlSyntaxError, parse

PAPER_SUFFIXES = (".docx", ".pdf")
STAMPS = ".stamps"
"""Under the output folder: one file per record, written when its papers are built.

It holds the path of the record file the papers were made from (relative to the output
folder), so docgen knows which output folders it made from which records; its time
stamp tells make when they were built (the Makefile's include file from `docgen deps`
makes each stamp depend on everything the record's papers are made from).
"""

_BRACKETED = re.compile(
    r"[\[{［]\s*(?P<close>/)?\s*(?P<word>[a-z]+)[^\]}］\[{［]*[\]}］]", re.IGNORECASE
)
MARK_LIKENESS = 0.75
"""How like "exempt" a bracketed word must be to count, when reading leniently, as a
mark: ``[exmept 3]``, ``{exempt 3}``, ``[exempt3]`` and ``[/exmept]`` all count."""


def _marks_in(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closing?) of every bracketed token in ``text`` that is like a mark."""
    return [
        (match.start(), match.end(), bool(match["close"]))
        for match in _BRACKETED.finditer(text)
        if SequenceMatcher(None, match["word"].casefold(), "exempt").ratio() >= MARK_LIKENESS
    ]


def lenient_phrases(text: str) -> list[str]:
    """The phrases ``text`` marks exempt, read forgivingly: a misspelt mark still marks,
    and a phrase never closed runs to the end of the text."""
    phrases: list[str] = []
    start: int | None = None
    for begin, end, closing in _marks_in(text):
        if not closing and start is None:
            start = end
        elif closing and start is not None:
            phrases.append(text[start:begin])
            start = None
    if start is not None:
        phrases.append(text[start:])
    return [phrase for phrase in phrases if phrase.strip()]


def _without_marks(text: str) -> str:
    for begin, end, _closing in reversed(_marks_in(text)):
        text = text[:begin] + text[end:]
    return text


@attrs.frozen
class Withdrawal:
    """A paper deleted, and why (the fields whose values it held, never the values)."""

    paper: Path
    reason: str

    def __str__(self) -> str:
        return f"withdrawn: {self.paper}: {self.reason}"


@attrs.frozen
class Marks:
    """What a record (with what it draws on) now marks exempt, as far as it can be read.

    ``unreadable`` says why not all of it could be read; then no public paper of the
    record can be vouched for.
    """

    values: tuple[ExemptValue, ...] = ()
    unreadable: str | None = None

    def __add__(self, other: Marks) -> Marks:
        return Marks(self.values + other.values, self.unreadable or other.unreadable)


def plain_id(record_id: str) -> bool:
    """Whether an id can name a folder under ``full/`` and ``public/`` and nothing else."""
    return bool(record_id) and not record_id.startswith(".") and "/" not in record_id


def paper_files(folder: Path) -> list[Path]:
    """The papers docgen wrote in ``folder``: ``<paper kind>.docx`` or ``.pdf``, nothing else.

    docgen never makes a folder that is a link, so one is not its to empty.
    """
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in PAPER_SUFFIXES and path.stem in PAPERS and path.is_file()
    )


def register_files_in(folder: Path) -> list[Path]:
    """The exempt-information register docgen wrote beside a record's full papers."""
    from docgen.register import REGISTER_NAMES

    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(path for name in REGISTER_NAMES if (path := folder / name).is_file())


def write_stamp(out: Path, record: Record, fingerprint: str = "") -> None:
    """Record that ``record``'s papers were built now, from which file, and from what
    content (`docgen.fingerprint`; empty when unknown, which `docgen deps` takes as stale)."""
    stamp = out / STAMPS / f"{record.id}.stamp"
    stamp.parent.mkdir(parents=True, exist_ok=True)
    source = Path(os.path.relpath(record.path.resolve(), out.resolve())).as_posix()
    stamp.write_text(f"{source}\n{fingerprint}\n", encoding="utf-8")
    stamp.touch()  # the same text rewritten must still be newer for make


def _stamp_source(out: Path, stamp: Path) -> Path | None:
    """The record file a stamp says its papers came from; None for a stamp without one."""
    try:
        text = stamp.read_text(encoding="utf-8").split("\n", 1)[0].strip()
    except (OSError, UnicodeDecodeError):
        return None
    return (out.resolve() / text).resolve() if text else None


def stamp_fingerprint(stamp: Path) -> str:
    """The fingerprint a stamp holds ("" for none, or a stamp that cannot be read)."""
    try:
        lines = stamp.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[1].strip() if len(lines) > 1 else ""


def forget_stamp(out: Path, record_id: str) -> None:
    """Make the record's papers stale for make, so its next run builds them again."""
    (out / STAMPS / f"{record_id}.stamp").unlink(missing_ok=True)


def withdraw_deleted(
    out: Path, folder: Path, records_root: Path
) -> tuple[list[Withdrawal], list[DocgenError]]:
    """Delete the papers of records that were built from ``folder`` and are gone.

    Only a record docgen's stamp says was built from a file under ``folder``, whose file
    no longer exists, and whose id no file under ``folder`` or ``records_root`` has (a
    record moved to another folder keeps its papers). Its stamp goes too, so make
    builds it again if it comes back.
    """
    withdrawn: list[Withdrawal] = []
    errors: list[DocgenError] = []
    stamps = out / STAMPS
    if not stamps.is_dir() or not folder.is_dir():
        return withdrawn, errors
    roots = [folder, *([records_root] if records_root.is_dir() else [])]
    ids = {path.stem for path in record_files(roots)}
    within = folder.resolve()
    for stamp in sorted(stamps.glob("*.stamp")):
        record_id = stamp.stem
        if record_id in ids or not plain_id(record_id):
            continue  # a record that is there: its stamp need not be read
        source = _stamp_source(out, stamp)
        if source is None or not source.is_relative_to(within) or source.exists():
            continue
        shown = os.path.relpath(source)
        for version in Version:
            papers = out / version.value / record_id
            for paper in paper_files(papers) + register_files_in(papers):
                if _delete(paper, errors):
                    withdrawn.append(Withdrawal(paper, f"its record {shown} no longer exists"))
            if papers.is_dir() and not any(papers.iterdir()):
                papers.rmdir()
        stamp.unlink(missing_ok=True)
    return withdrawn, errors


def withdraw_leaking(
    out: Path, record_id: str, marks: Marks, because: str, keep: Collection[Path] = ()
) -> tuple[list[Withdrawal], list[DocgenError]]:
    """Delete the record's public papers (other than ``keep``) that hold text in ``marks``.

    A paper that cannot be read to be scanned is withdrawn too: nothing vouches for it.
    ``because`` ends each reason (why the papers on disk are being checked).
    """
    withdrawn: list[Withdrawal] = []
    errors: list[DocgenError] = []
    if not plain_id(record_id):
        return withdrawn, errors
    from docgen.scan import scan_paper

    for paper in paper_files(out / Version.PUBLIC.value / record_id):
        if paper in keep:
            continue
        if marks.unreadable is not None:
            reason = f"{marks.unreadable}, so nothing shows what it now marks exempt"
        else:
            try:
                leaks = scan_paper(paper.read_bytes(), marks.values, name=str(paper))
            except Exception:  # not a paper docgen could have written: it cannot be vouched for
                reason = "it cannot be read to check it for exempt text"
            else:
                if not leaks:
                    continue
                fields = ", ".join(dict.fromkeys(f"'{leak.field}'" for leak in leaks))
                reason = f"it holds text now marked exempt ({fields})"
        if _delete(paper, errors):
            withdrawn.append(Withdrawal(paper, f"{reason}; {because}"))
    if withdrawn:
        forget_stamp(out, record_id)
    return withdrawn, errors


def withdraw_inapplicable(out: Path, record: Record) -> tuple[list[Withdrawal], list[DocgenError]]:
    """Delete the papers of a kind that accepts ``record`` but no longer applies to it (a
    briefing note once the case has moved on), and its register if no paper applies."""
    from docgen.papers import papers_for

    withdrawn: list[Withdrawal] = []
    errors: list[DocgenError] = []
    gone = [p.name for p in papers_for(record.kind) if not p.applies(record.data)]
    for version in Version:
        folder = out / version.value / record.id
        stale = [path for path in paper_files(folder) if path.stem in gone]
        if gone and not papers_for(record.kind, record.data):
            stale += register_files_in(folder)
        for paper in stale:
            if _delete(paper, errors):
                withdrawn.append(Withdrawal(paper, "its record no longer calls for this paper"))
        if stale and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return withdrawn, errors


def _delete(paper: Path, errors: list[DocgenError]) -> bool:
    try:
        paper.unlink(missing_ok=True)
    except OSError as error:
        errors.append(BuildError(f"cannot withdraw: {error.strerror}", path=paper))
        return False
    return True


def marks_for(path: Path, records: RecordSet) -> Marks:
    """What the papers of the record at ``path`` may hold that is now exempt.

    Its own marks and those of the records it refers to or gathers — each read as a
    build reads it when it loads, and leniently (`read_marks`) when it does not.
    """
    try:
        record = records.load(path)
    except RecordError:
        own, references, gathers = _lenient_record(path)
    else:
        own = Marks(tuple(exempt_values(record.data)))
        references = [r.record_id for r in record.data.references()]
        gathers = record.data.gathers()
    marks = own
    for record_id in references:
        found = records.find(record_id, path)
        if found is not None:
            marks += _prefixed(record_id, _marks_of(found, records))
    if gathers is not None:
        for candidate in record_files([records.root]) if records.root.is_dir() else []:
            if candidate.resolve() == path.resolve():
                continue
            try:
                loaded = records.load(candidate)
            except RecordError:
                lenient, _references, _gathers = _lenient_record(candidate)
                if _lenient_kind(candidate) == gathers.kind or _declares_kind(
                    candidate, gathers.kind, records.root
                ):
                    marks += _prefixed(candidate.stem, lenient)
                continue
            if gathers.matches(loaded.data):
                marks += _prefixed(loaded.id, Marks(tuple(exempt_values(loaded.data))))
    return marks


def _prefixed(record_id: str, marks: Marks) -> Marks:
    values = tuple(ExemptValue(f"{record_id}: {v.field}", v.text) for v in marks.values)
    return Marks(values, marks.unreadable)


def _marks_of(path: Path, records: RecordSet) -> Marks:
    try:
        return Marks(tuple(exempt_values(records.load(path).data)))
    except RecordError:
        return read_marks(path)


def read_marks(path: Path) -> Marks:
    """The exemption marks of a record file that may not load, read as far as they can be."""
    return _lenient_record(path)[0]


def _raw(path: Path) -> tuple[type[Model], dict[str, Any]] | str:
    """The record's kind and fields as written, or why they cannot be read."""
    try:  # with the same limits as loading: a hostile file is refused, never read whole
        text = read_record_bytes(path).decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError, LimitError):
        return f"its record {path} cannot be read"
    try:
        value = parse(text).value
    except YamlSyntaxError:
        return f"its record {path} is not valid YAML"
    if not isinstance(value, dict):
        return f"its record {path} is not a mapping of fields"
    kind = value.get("kind")
    model: type[Model] | None = RECORD_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        return f"the kind of its record {path} cannot be told"
    return model, {k: v for k, v in value.items() if k != "kind"}


def _lenient_kind(path: Path) -> str | None:
    raw = _raw(path)
    return None if isinstance(raw, str) else raw[0].kind


def _lenient_record(path: Path) -> tuple[Marks, list[str], Gather | None]:
    """A record that does not load: its marks, and the ids it names and what it gathers.

    The ids and the gathering come from the kind's own `Model.references` and
    `Model.gathers`, applied to the fields as written.
    """
    raw = _raw(path)
    if isinstance(raw, str):
        return Marks(unreadable=raw), [], None
    model, fields = raw
    marks = Marks(tuple(_lenient(fields, model, "", inherited=False)))
    written = SimpleNamespace(
        **{f.name: fields.get(f.name, _default(f)) for f in attrs.fields(model)}
    )
    kind: Any = model  # its methods, called on the fields as written rather than an instance
    references: list[str] = []
    gathers: Gather | None = None
    try:
        references = [r.record_id for r in kind.references(written) if isinstance(r.record_id, str)]
    except Exception:  # a field it needs is not as the kind expects: no reference is read
        references = []
    try:
        gathers = kind.gathers(written)
    except Exception:  # likewise: nothing is known to be gathered
        gathers = None
    return marks, references, gathers


def _default(field: attrs.Attribute) -> Any:
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return None if default.takes_self else default.factory()
    return None if default is attrs.NOTHING else default


def _lenient(raw: Any, hint: Any, field: str, inherited: bool) -> Iterator[ExemptValue]:
    """The exempt values in ``raw`` (YAML as written), read as type ``hint`` where it can be.

    A part that structures is read exactly as a build reads it; one that does not is
    walked: an ``exempt:`` mapping makes everything in it exempt (but fields the kind
    always keeps public), a field exempt by default is exempt, and a string elsewhere
    gives its marked phrases.
    """
    if hint is not None:
        try:
            value = _converter().structure(raw, hint)
        except Exception:  # the part that does not load: walk it as written
            pass
        else:
            if inherited:  # under an exempt mapping: all of it (as `exempt_values` has it)
                yield from _exempt_values(value, None, field, inherited)
            else:
                yield from exempt_values(value, field)
            return
    model = _model_of(hint)
    if model is not None and isinstance(raw, str) and model.shorthand is not None:
        raw = {model.shorthand: raw}
    if model is not None and isinstance(raw, list) and model.list_shorthand is not None:
        raw = {model.list_shorthand: raw}
    if isinstance(raw, dict):
        inside = inherited or raw.get("exempt") not in (None, False)
        known = attrs.fields_dict(model) if model is not None else {}
        hints = _hints(model) if model is not None else {}
        for key, item in raw.items():
            if key == "exempt":
                continue
            name = f"{field}.{key}" if field else str(key)
            attribute = known.get(key)
            if attribute is not None and attribute.metadata.get(FIXED_CHOICE_KEY):
                continue  # a word from a short list is not searched for (see FIXED_CHOICE)
            if attribute is None:
                yield from _lenient(item, None, name, inside)
                continue
            public = bool(attribute.metadata.get(ALWAYS_PUBLIC_KEY))
            default = bool(attribute.metadata.get(EXEMPT_BY_DEFAULT))
            keep = (inside and not public) or default
            yield from _lenient(item, hints.get(key), name, keep)
    elif isinstance(raw, list):
        item_hint = _item_hint(hint)
        for index, item in enumerate(raw):
            yield from _lenient(item, item_hint, f"{field}[{index}]", inherited)
    elif isinstance(raw, str):
        if inherited:
            yield ExemptValue(field, _without_marks(raw))
        else:
            yield from (ExemptValue(field, phrase) for phrase in lenient_phrases(raw))
    elif isinstance(raw, date) and inherited:
        yield from _exempt_values(raw, None, field, inherited)


@cache
def _hints(model: type) -> dict[str, Any]:
    return typing.get_type_hints(model)


def _options(hint: Any) -> tuple[Any, ...]:
    """The types a hint allows, ``None`` left out (``X | None`` is ``X``)."""
    if typing.get_origin(hint) in (typing.Union, UnionType):
        return tuple(a for a in typing.get_args(hint) if a is not NoneType)
    return () if hint is None else (hint,)


def _model_of(hint: Any) -> type[Exemptable] | None:
    """The one mapping class a hint allows, if it allows exactly one."""
    models = [
        option
        for option in _options(hint)
        if isinstance(option, type) and issubclass(option, Exemptable)
    ]
    return models[0] if len(models) == 1 else None


def _item_hint(hint: Any) -> Any:
    """The type of a list's items, for a hint that is a tuple (``tuple[X, ...]``)."""
    for option in _options(hint):
        if typing.get_origin(option) is tuple:
            return typing.get_args(option)[0]
    return None
