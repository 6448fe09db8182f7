"""Non-interference: proof that a public paper cannot depend on exempt data.

The leak scan finds exempt *text* in a paper. It cannot see a paper that prints how
long a withheld name is, counts withheld rows, sorts by a withheld value, or draws a
bar or breaks a page because of one. `verify_record` renders each public paper again
from the record with every exempt value replaced (`docgen.perturb`: once shorter,
once longer), across the record and the records it refers to or gathers, and
requires the very same bytes. Any difference means exempt data flowed into the
public paper; the paper, the part of the file and the field it came from are named
(found by replacing ever fewer values until the difference is down to one field).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from docgen.errors import BuildError, DocgenError, Problem, Severity
from docgen.loading import Record
from docgen.papers import papers_for
from docgen.perturb import Variant, perturb
from docgen.render import ALL_FORMATS, Format, Templates, render_record
from docgen.views import Version

OUT = Path("verify")
"""Where render_record is told the papers go: only a key here, nothing is written."""
MAX_FIELDS_NAMED = 5
"""A difference that only many values together make is named by this many of them."""


class InterferenceError(BuildError):
    """A public paper changes when exempt values change: it depends on exempt data.

    Each problem is located at the exempt field (in whichever record holds it) and
    says which paper and which part of the file changed with it.
    """

    def __init__(self, path: Path, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} public paper(s) depend on exempt data", path=path)

    def __reduce__(self) -> tuple[object, ...]:
        return (InterferenceError, (self.path, self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@attrs.frozen
class Verified:
    """One record verified: how many public papers were compared, which exempt values
    were replaced and which had to be held (no valid record has another value there)."""

    record: Record
    papers: int
    replaced: int
    held: tuple[Problem, ...]


def _field_name(records: Sequence[Record], position: int, field: str) -> str:
    return field if position == 0 else f"{records[position].id}: {field}"


@attrs.define
class _Perturber:
    """The record and its related records, perturbed together (one variant)."""

    records: list[Record]
    variant: Variant

    def apply(
        self, chosen: Callable[[int, str], bool] | None = None
    ) -> tuple[list[Record], list[tuple[int, str]], list[tuple[int, str]]]:
        changed: list[Record] = []
        replaced: list[tuple[int, str]] = []
        held: list[tuple[int, str]] = []
        for position, record in enumerate(self.records):
            result = perturb(record.data, self.variant, _picker(chosen, position))
            changed.append(attrs.evolve(record, data=result.data))
            replaced.extend((position, f) for f in result.replaced)
            held.extend((position, f) for f in result.held)
        return changed, replaced, held


def _picker(chosen: Callable[[int, str], bool] | None, position: int) -> Callable[[str], bool]:
    """The fields of the record at ``position`` that ``chosen`` picks (all, if None)."""
    if chosen is None:
        return lambda _field: True
    return lambda field: chosen(position, field)


def _render(
    records: Sequence[Record], templates: Templates, formats: tuple[Format, ...]
) -> dict[Path, bytes]:
    return render_record(
        records[0],
        list(records[1:]),
        templates,
        OUT,
        formats,
        versions=(Version.PUBLIC,),
        scan=False,
    )


def verify_record(
    record: Record,
    related: Sequence[Record],
    templates: Templates,
    formats: tuple[Format, ...] = ALL_FORMATS,
) -> Verified:
    """Check that no public paper of ``record`` depends on exempt data.

    Raises `InterferenceError` naming each paper that does (and a `DocgenError` if a
    paper cannot be rendered at all).
    """
    records = [record, *related]
    perturbers = [_Perturber(records, variant) for variant in Variant]
    perturbed = [perturber.apply() for perturber in perturbers]
    held = list(dict.fromkeys(unit for _, _, held_here in perturbed for unit in held_here))
    replaced_count = max(len(set(replaced)) for _, replaced, _ in perturbed)
    problems: list[Problem] = []
    if replaced_count == 0:  # nothing exempt to vary: nothing a paper could depend on
        papers = len(papers_for(record.kind, record.data)) * len(formats)
    else:
        expected = _render(records, templates, formats)
        papers = len(expected)
        reported: set[Path] = set()
        for perturber, (changed, replaced, _) in zip(perturbers, perturbed, strict=True):
            actual = _render(changed, templates, formats)
            for path in sorted(set(expected) | set(actual)):
                if path in reported or expected.get(path) == actual.get(path):
                    continue
                reported.add(path)
                part = difference(expected.get(path), actual.get(path))
                groups = _localise(perturber, replaced, path, expected.get(path), templates)
                problems.extend(_problems(records, path, part, perturber.variant, groups))
    if problems:
        raise InterferenceError(record.path, problems)
    return Verified(
        record,
        papers=papers,
        replaced=replaced_count,
        held=tuple(
            _locate(
                records,
                position,
                field,
                "exempt, but held as it is: no other value keeps the record valid",
                Severity.WARNING,
            )
            for position, field in held
        ),
    )


def _localise(
    perturber: _Perturber,
    replaced: list[tuple[int, str]],
    path: Path,
    expected: bytes | None,
    templates: Templates,
) -> list[list[tuple[int, str]]]:
    """The fields whose replacement changes the paper at ``path``, found by bisection:
    each alone where one alone does, else the smallest group found that does together."""
    output_format = Format(path.suffix.lstrip("."))

    def differs(subset: list[tuple[int, str]]) -> bool:
        chosen = set(subset)
        changed, _, _ = perturber.apply(lambda position, field: (position, field) in chosen)
        return _render(changed, templates, (output_format,)).get(path) != expected

    def search(units: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
        if len(units) == 1:
            return [units]
        half = len(units) // 2
        found = []
        for part in (units[:half], units[half:]):
            if differs(part):
                found.extend(search(part))
        return found or [units]  # no part alone changes it: only together do they

    return search(list(dict.fromkeys(replaced)))


def _problems(
    records: Sequence[Record],
    path: Path,
    part: str,
    variant: Variant,
    groups: list[list[tuple[int, str]]],
) -> list[Problem]:
    paper = f"{records[0].id}/{path.name}"
    problems = []
    for fields in groups:
        if len(fields) == 1:
            message = (
                f"exempt, yet the public {paper} changes with it ({part}; "
                f"values made {variant.value})"
            )
            problems.append(_locate(records, *fields[0], message))
            continue
        names = ", ".join(_field_name(records, p, f) for p, f in fields[:MAX_FIELDS_NAMED])
        more = (
            f" and {len(fields) - MAX_FIELDS_NAMED} more" if len(fields) > MAX_FIELDS_NAMED else ""
        )
        problems.append(
            Problem(
                records[0].path,
                None,
                None,
                f"the public {paper} changes with exempt values taken together ({part}; "
                f"values made {variant.value}): {names}{more}",
            )
        )
    return problems


def _locate(
    records: Sequence[Record],
    position: int,
    field: str,
    message: str,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """A problem at ``field`` of the record that holds it (the paper's, or a related one)."""
    return records[position].problem(field, message, severity)


def difference(expected: bytes | None, actual: bytes | None) -> str:
    """Where two renderings of a paper differ: the zip members, or the PDF pages (else
    the first PDF object) that are not the same."""
    if expected is None or actual is None:
        return "the paper is made in one case and not in the other"
    if expected.startswith(b"%PDF"):
        return _pdf_difference(expected, actual)
    return _zip_difference(expected, actual)


def _zip_difference(expected: bytes, actual: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(expected)) as one, zipfile.ZipFile(io.BytesIO(actual)) as two:
        names = one.namelist()
        if names != two.namelist():
            return "the list of zip members"
        changed = [name for name in names if one.read(name) != two.read(name)]
    if not changed:
        return "the zip file's structure"
    return ("zip member " if len(changed) == 1 else "zip members ") + ", ".join(changed)


def _pdf_difference(expected: bytes, actual: bytes) -> str:
    import pikepdf

    with pikepdf.open(io.BytesIO(expected)) as one, pikepdf.open(io.BytesIO(actual)) as two:
        if len(one.pages) != len(two.pages):
            return f"the number of pages ({len(one.pages)}, then {len(two.pages)})"
        pages = [
            str(number)
            for number, (page_one, page_two) in enumerate(zip(one.pages, two.pages, strict=True), 1)
            if _page_content(page_one) != _page_content(page_two)
        ]
        if pages:
            return ("page " if len(pages) == 1 else "pages ") + ", ".join(pages)
        info = one.trailer.get("/Info")
        for object_one, object_two in zip(one.objects, two.objects, strict=False):
            if _object_bytes(object_one) != _object_bytes(object_two):
                if info is not None and object_one.objgen == info.objgen:
                    return "the document information"
                return f"object {object_one.objgen[0]}{_object_kind(object_one)}"
        if len(one.objects) != len(two.objects):
            return "the number of objects"
    return "the file's structure"


def _page_content(page: object) -> bytes:
    import pikepdf

    contents = page.obj.get("/Contents")  # type: ignore[attr-defined]
    if contents is None:
        return b""
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return b"".join(stream.read_bytes() for stream in streams)


def _object_bytes(obj: object) -> bytes:
    import pikepdf

    if isinstance(obj, pikepdf.Stream):
        return obj.read_raw_bytes() + obj.stream_dict.unparse(resolved=True)
    if isinstance(obj, pikepdf.Object):
        return obj.unparse(resolved=True)
    return repr(obj).encode()


def _object_kind(obj: object) -> str:
    import pikepdf

    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        kinds = [str(obj.get(key)) for key in ("/Type", "/Subtype") if obj.get(key) is not None]
        if kinds:
            return f" ({' '.join(kinds)})"
    return ""


@attrs.define
class VerifyResult:
    """What `verify` did: the records verified, and the errors (interference first)."""

    verified: list[Verified] = attrs.field(factory=list)
    errors: list[DocgenError] = attrs.field(factory=list)


def verify(
    paths: Iterable[Path],
    records_root: Path,
    templates_folder: Path,
    formats: tuple[Format, ...] = ALL_FORMATS,
    settings: Path | None = None,
) -> VerifyResult:
    """Verify every record under ``paths``; templates are compiled once for them all.
    ``settings``: the project's docgen.toml (its [house] table restyles the papers)."""
    from docgen.loading import RecordSet, load_with_related, unique_record_files

    result = VerifyResult()
    templates = Templates(templates_folder, settings)
    broken = templates.check(formats)
    if broken:  # one error for the batch, not one per record
        result.errors.extend(broken)
        return result
    records = RecordSet(records_root)
    for path in unique_record_files(paths, result.errors):
        loaded = load_with_related(path, records, result.errors)
        if loaded is None:
            continue
        try:
            result.verified.append(verify_record(*loaded, templates, formats))
        except DocgenError as error:
            result.errors.append(error)
    return result
