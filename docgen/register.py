"""The exempt-information register: every item a paper withholds, where, why, until when.

Councils must give reasons for keeping information from the public and review each
exemption. For every record a build writes, beside the full papers (never among the
public ones), ``register.csv`` for the clerk and ``register.html`` to read: per paper,
every withheld item — where it is in the paper (paragraph number, section, appendix,
table cell, chart …) and in the record (the field), the paragraphs of Schedule 12A,
the public-interest reasoning, the review date, and whether it has been released.

Items are found by walking the full data a paper is made from, the same data the
public view is made from: an ``exempt:`` mapping is one item (what it holds goes with
it), an ``[exempt N]`` phrase is one item, and a field a record kind makes exempt by
default is one item. Nothing in the register is the withheld text itself.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from docgen.errors import BuildError, DocgenError, Problem, Severity
from docgen.exempt import Exemption, SpanKind, Text
from docgen.models.base import EXEMPT_BY_DEFAULT, Exemptable, Model
from docgen.models.blocks import Chart, Paragraph, Table
from docgen.models.committee_report import CommitteeReport, Implications

if TYPE_CHECKING:
    from docgen.loading import Record

REGISTER_CSV = "register.csv"
REGISTER_HTML = "register.html"
REGISTER_NAMES = (REGISTER_CSV, REGISTER_HTML)
WHOLE_PAPER = "the whole paper: its public version is a statement that it is withheld"
COLUMNS = (
    "paper",
    "record",
    "field",
    "where",
    "what",
    "schedule_12a_paragraphs",
    "public_interest",
    "review_by",
    "released_on",
    "status",
)


@attrs.frozen
class Entry:
    """One withheld item of one paper."""

    paper: str
    record: str
    field: str
    where: str
    what: str
    exemption: Exemption
    default_reason: str | None = None
    """The record kind's reasoning, for a field exempt by default (confidential by nature)."""

    @property
    def reasons(self) -> tuple[str, ...]:
        reasons = self.exemption.public_interest
        return reasons or ((self.default_reason,) if self.default_reason else ())

    def status(self, as_of: date) -> str:
        """``withheld``, ``released on …`` (by ``as_of``) or ``to be released on …``."""
        released = self.exemption.released_on
        if released is None:
            return "withheld"
        return f"released on {released}" if released <= as_of else f"to be released on {released}"

    def row(self, as_of: date) -> tuple[str, ...]:
        exemption = self.exemption
        return (
            self.paper,
            self.record,
            self.field,
            self.where,
            self.what,
            " ".join(str(n) for n in exemption.paragraphs),
            " | ".join(self.reasons),
            exemption.review_by.isoformat() if exemption.review_by else "",
            exemption.released_on.isoformat() if exemption.released_on else "",
            self.status(as_of),
        )


def paragraph_numbers(report: CommitteeReport) -> dict[int, str]:
    """Each numbered paragraph's number (by object identity), as the full version shows it.

    ``5`` or ``3.2`` (sectional numbering); from 1 again in each appendix.
    """
    from docgen.papers.report_numbers import report_numbers

    labels = report_numbers(report, public=False).labels
    return {key: label.rstrip(".") for key, label in labels.items()}


@attrs.define
class _Walk:
    """Finds the withheld items in one record's (or one composed report's) full data."""

    paper: str
    record: str
    numbers: dict[int, str]
    default_reason: str | None
    entries: list[Entry] = attrs.field(factory=list)

    def add(self, path: str, where: list[str], what: str, exemption: Exemption) -> None:
        self.entries.append(
            Entry(
                self.paper,
                self.record,
                path,
                ", ".join(where) or "the whole record",
                what,
                exemption,
                self.default_reason,
            )
        )

    def walk(self, value: Any, path: str, where: list[str]) -> None:
        if isinstance(value, Text):
            for span in value.spans:
                if span.kind == SpanKind.EXEMPT and span.exemption is not None:
                    self.add(path, where, "phrase", span.exemption)
            return
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                self.walk(item, f"{path}[{index}]", where)
            return
        if isinstance(value, Exemption) or not attrs.has(type(value)):
            return
        if isinstance(value, Exemptable) and value.exempt is not None:
            self.add(path, where, _what(value), value.exempt)
            if value.exempt.released_on is None:
                return  # withheld whole: what it holds goes with it
        for attribute in attrs.fields(type(value)):
            if attribute.name == "exempt":
                continue
            current = getattr(value, attribute.name)
            name = f"{path}.{attribute.name}" if path else attribute.name
            default = attribute.metadata.get(EXEMPT_BY_DEFAULT)
            if isinstance(current, tuple):
                for index, item in enumerate(current):
                    place = [*where, *_place(value, attribute.name, index, item, self.numbers)]
                    self._field(item, f"{name}[{index}]", place, default)
            else:
                place = [*where, *_place(value, attribute.name, None, current, self.numbers)]
                self._field(current, name, place, default)

    def _field(self, value: Any, path: str, where: list[str], default: Any) -> None:
        if default and value is not None:
            own = value.exempt if isinstance(value, Exemptable) else None
            self.add(path, where, "confidential by nature", Exemption(default).merge(own))
        else:
            self.walk(value, path, where)


def _what(value: object) -> str:
    """``Section`` → ``section``, ``TableRow`` → ``table row``."""
    name = type(value).__name__
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


def _place(
    parent: object, name: str, index: int | None, value: object, numbers: dict[int, str]
) -> list[str]:
    """The words that say where ``value`` (field ``name`` of ``parent``) is in the paper."""
    position = "" if index is None else f" {index + 1}"
    if isinstance(value, Paragraph) and id(value) in numbers:
        return [f"paragraph {numbers[id(value)]}"]
    if isinstance(parent, Implications):
        return [f"{name} implications"]
    if isinstance(parent, CommitteeReport) and name == "implications":
        return []
    if isinstance(parent, CommitteeReport) and name == "appendices":
        return [f"Appendix{position}"]
    if isinstance(parent, CommitteeReport) and name == "recommendations" and index is not None:
        return [f"recommendation ({_roman(index + 1)})"]
    if name in ("sections", "subsections") and hasattr(value, "heading"):
        noun = "section" if name == "sections" else "sub-section"
        return [_named(noun, value, value.heading, position)]
    if isinstance(parent, Table):
        if name == "rows" and index is not None:
            return [f"row {index + 1}"]
        if name == "columns":
            return [f"column heading{position}"]
    if name == "cells" and index is not None:
        return [f"cell {index + 1}"]
    if isinstance(value, Table):
        return [_named("table", value, value.caption, "")]
    if isinstance(value, Chart):
        return [_named("chart", value, value.title, "")]
    if isinstance(parent, Chart):
        return [
            {"alt": "alt text", "categories": "category", "series": "series"}.get(name, name)
            + position
        ]
    if isinstance(parent, Paragraph):
        label = {"text": "", "quote": "quotation", "continued": "text after the list"}
        words = label.get(name, name.replace("_", " ").rstrip("s") + position)
        return [words] if words else []
    noun = name.replace("_", " ")
    return [(_singular(noun) if index is not None else noun) + position]


def _named(noun: str, value: object, name: Text, position: str) -> str:
    """``section “Background”`` — or ``section 3`` when the heading is itself withheld,
    so that the register never holds withheld text."""
    if (isinstance(value, Exemptable) and value.exempt is not None) or name.has_exempt:
        return noun + position
    return f"{noun} “{name}”"


def _singular(noun: str) -> str:
    """``weaknesses`` → ``weakness``, ``signs`` → ``sign``: one item of a list field."""
    if noun.endswith("sses"):
        return noun[:-2]
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun


def _roman(number: int) -> str:
    from docgen.builders.environment import roman

    return roman(number)


def paper_entries(record: Record, related: list[Record], templates: Path) -> list[Entry]:
    """Every withheld item of every paper of ``record`` (its full, unreleased data)."""
    from docgen.papers import papers_for
    from docgen.papers.base import Source
    from docgen.papers.committee_report import CommitteeReportPaper, ComposedReport
    from docgen.views import Version, public_view

    entries: list[Entry] = []
    for paper in papers_for(record.kind, record.data):
        public = Source(
            record.id,
            public_view(record.data),
            Version.PUBLIC,
            references=tuple(public_view(r.data) for r in related),
            templates=templates,
        )
        whole = paper.withheld_in_public(public)
        if whole is not None:
            reason = _default_reason(record.data)
            entries.append(Entry(paper.name, record.id, "", WHOLE_PAPER, "paper", whole, reason))
            continue
        if isinstance(paper, CommitteeReportPaper):
            entries.extend(_walk(paper.name, record.id, record.data, numbered=True).entries)
            continue
        found = [e for r in (record, *related) for e in _walk(paper.name, r.id, r.data).entries]
        if isinstance(paper, ComposedReport):
            full = Source(
                record.id,
                record.data,
                Version.FULL,
                references=tuple(r.data for r in related),
                full_data=record.data,
                full_references=tuple(r.data for r in related),
                templates=templates,
            )
            found = _placed(found, _walk(paper.name, record.id, paper.compose(full), True))
        entries.extend(found)
    return entries


def _placed(entries: list[Entry], composed: _Walk) -> list[Entry]:
    """Record items located in the report a paper composes from them, where they appear.

    An item is recognised in the composed report by its exemption, which composing
    carries across unchanged; an item the report does not show as such (a field a kind
    makes exempt by default) keeps the description of its field.
    """
    places: dict[int, list[str]] = {}
    for item in composed.entries:
        places.setdefault(id(item.exemption), []).append(item.where)
    return [
        attrs.evolve(entry, where="; ".join(dict.fromkeys(places[id(entry.exemption)])))
        if id(entry.exemption) in places
        else entry
        for entry in entries
    ]


def _walk(paper: str, record_id: str, data: Model, numbered: bool = False) -> _Walk:
    numbers = paragraph_numbers(data) if numbered and isinstance(data, CommitteeReport) else {}
    walk = _Walk(paper, record_id, numbers, _default_reason(data))
    walk.walk(data, "", [])
    return walk


def numbered_entries(paper: str, record_id: str, report: CommitteeReport) -> list[Entry]:
    """The withheld items of a committee report, each placed by its paragraph number."""
    return _walk(paper, record_id, report, numbered=True).entries


def composed_entries(
    paper: str, record_id: str, records: Iterable[Model], report: CommitteeReport
) -> list[Entry]:
    """The withheld items of the records a report is composed from, placed in the report.

    The records hold the reasoning and dates; the report says where each item stands.
    """
    found = [e for data in records for e in _walk(paper, record_id, data).entries]
    return _placed(found, _walk(paper, record_id, report, True))


def _default_reason(data: object) -> str | None:
    reason = getattr(type(data), "default_public_interest", None)
    return reason if isinstance(reason, str) else None


def register_csv(entries: Iterable[Entry], as_of: date) -> bytes:
    """The register as CSV (UTF-8 with a byte-order mark, so spreadsheets read it right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(entry.row(as_of))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def register_html(record: Record, entries: list[Entry], as_of: date) -> bytes:
    """The register as a page to read: one table per paper."""
    title = f"Exempt-information register: {record.id}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<p>NOT FOR PUBLICATION. What each paper of this record withholds from its public "
        "version, under which paragraphs of Part 1 of Schedule 12A to the Local Government "
        "Act 1972, why, and when each exemption is to be reviewed. The withheld information "
        "itself is in the full papers.</p>",
    ]
    papers = list(dict.fromkeys(entry.paper for entry in entries))
    if not papers:
        parts.append("<p>No paper of this record withholds anything.</p>")
    for paper in papers:
        parts.append(f"<h2>{html.escape(paper)}</h2>")
        parts.append(
            "<table><thead><tr><th scope='col' class='where'>Where</th>"
            "<th scope='col' class='field'>Record field</th>"
            "<th scope='col' class='para'>Schedule 12A</th>"
            "<th scope='col' class='reason'>Public-interest reasoning</th>"
            "<th scope='col' class='date'>Review by</th><th scope='col' class='date'>Status</th>"
            "</tr></thead><tbody>"
        )
        for entry in (e for e in entries if e.paper == paper):
            field = entry.field if entry.record == record.id else f"{entry.record}: {entry.field}"
            reasons = "".join(f"<p>{html.escape(r)}</p>" for r in entry.reasons) or (
                "<p class='missing'>No reasoning recorded</p>"
            )
            review = entry.exemption.review_by
            cells = (
                f"{html.escape(entry.where)} ({html.escape(entry.what)})",
                f"<code>{html.escape(field)}</code>",
                html.escape(entry.exemption.paragraph_words),
                reasons,
                f"{review.day} {review:%B %Y}" if review else "none set",
                html.escape(entry.status(as_of)),
            )
            parts.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")


_STYLE = (
    "@page{size:A4 landscape;margin:1.5cm}"
    "body{font-family:'Liberation Sans',Arial,sans-serif;font-size:10pt;margin:1em;"
    "max-width:80em}h1{font-size:16pt}h2{font-size:13pt}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "th,td{border:1px solid #999;padding:.3em;vertical-align:top;text-align:left;"
    "overflow-wrap:anywhere}tr{break-inside:avoid}td p{margin:0 0 .3em}"
    ".where{width:20%}.field{width:17%}.para{width:9%}.reason{width:36%}.date{width:9%}"
    "code{font-size:8.5pt}.missing{color:#a00}"
)


def register_files(
    record: Record, related: list[Record], out: Path, templates: Path, as_of: date
) -> dict[Path, bytes]:
    """``out/full/<id>/register.csv`` and ``register.html`` for ``record``, as bytes.

    A record with no papers of its own (a commission) gets none: its items are in the
    registers of the papers that draw on it (the year's commission set).
    """
    from docgen.papers import papers_for

    if not papers_for(record.kind, record.data):
        return {}
    entries = paper_entries(record, related, templates)
    folder = out / "full" / record.id
    return {
        folder / REGISTER_CSV: register_csv(entries, as_of),
        folder / REGISTER_HTML: register_html(record, entries, as_of),
    }


def registers_among(paths: Iterable[Path]) -> Iterator[DocgenError]:
    """A register found among public papers (anywhere under a ``public`` folder): it says
    what is withheld, so it must never be published."""
    for path in paths:
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in found:
            if file.name in REGISTER_NAMES and "public" in file.resolve().parts:
                yield BuildError(
                    "an exempt-information register is among the public papers; it says what "
                    "is withheld and must never be published",
                    path=file,
                )


def exemption_warnings(record: Record, as_of: date) -> Iterator[Problem]:
    """Warnings for the exemptions a record marks: no reasoning given, or a review overdue.

    An exemption released by ``as_of`` no longer applies and is not warned about; a
    field exempt by default takes its kind's reasoning and is not warned about either.
    """
    walk = _Walk("", record.id, {}, None)
    walk.walk(record.data, "", [])
    for entry in walk.entries:
        exemption = entry.exemption
        if entry.what == "confidential by nature" or exemption.released_by(as_of):
            continue
        phrase = entry.what == "phrase"
        field = _marked_at(entry)
        where = f"exempt under {exemption.paragraph_words} of Schedule 12A"
        if not exemption.public_interest:
            how = "exempt_phrases:" if phrase else "public_interest:"
            yield record.problem(
                field,
                f"{where} with no public-interest reasoning; say why the public interest in "
                f"withholding it outweighs that in disclosing it ({how})",
                Severity.WARNING,
            )
        if exemption.review_by is not None and exemption.review_by < as_of:
            yield record.problem(
                field,
                f"{where}; its review date, {exemption.review_by}, has passed (as of {as_of}): "
                "review it, then release it (released_on:) or set the next review date",
                Severity.WARNING,
            )


@attrs.frozen
class Due:
    """An exemption due for review: where it is marked, and what it says."""

    problem: Problem
    exemption: Exemption

    def __str__(self) -> str:
        exemption = self.exemption
        review = f"review by {exemption.review_by}" if exemption.review_by else "no review date"
        reasons = " ".join(exemption.public_interest) or "no public-interest reasoning"
        where = str(attrs.evolve(self.problem, message=""))
        return f"{where.rstrip()} {exemption.paragraph_words}; {review}; {reasons}"


def due_for_review(
    paths: Iterable[Path], due_by: date, records_root: Path = Path("records")
) -> tuple[list[Due], list[DocgenError]]:
    """Every exemption the records mark whose review date is on or before ``due_by``, or
    that has none, and that is not released by then; soonest first.

    Fields a record kind makes exempt by default are not listed: their exemption is the
    kind's, not the record's, and lasts as long as the record.
    """
    from docgen.loading import RecordSet, unique_record_files

    errors: list[DocgenError] = []
    found: list[Due] = []
    records = RecordSet(records_root)
    for path in unique_record_files(paths, errors):
        try:
            record = records.load(path)
        except DocgenError as error:
            errors.append(error)
            continue
        walk = _Walk("", record.id, {}, None)
        walk.walk(record.data, "", [])
        for entry in walk.entries:
            exemption = entry.exemption
            if entry.what == "confidential by nature" or exemption.released_by(due_by):
                continue
            if exemption.review_by is None or exemption.review_by <= due_by:
                found.append(Due(record.problem(_marked_at(entry), ""), exemption))
    found.sort(
        key=lambda d: (d.exemption.review_by or date.max, str(d.problem.path), d.problem.line or 0)
    )
    return found, errors


def _marked_at(entry: Entry) -> str:
    """The field whose line shows the mark: ``…exempt`` for a mapping, the text for a phrase."""
    if entry.what == "phrase":
        return entry.field
    return f"{entry.field}.exempt" if entry.field else "exempt"
