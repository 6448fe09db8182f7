"""What a paper kind is, and the registry that finds the papers for a record.

A paper kind is small: which record kinds it accepts, which templates it uses, and
how it builds a template context from one *viewed* record. Adding a paper touches
its own module and its templates, nothing else.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, ClassVar

import attrs

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import SCHEDULE_12A, Exemption
from docgen.models import Model
from docgen.views import Version, exemptions_in


@attrs.frozen
class Source:
    """What a paper is made from: one record's data in one view, and the records it
    refers to or gathers (``references``).

    ``data`` and ``references`` are already viewed: in the public version they hold
    no exempt values at all.
    """

    record_id: str
    data: Model
    version: Version
    references: tuple[Model, ...] = ()
    full_data: Model | None = attrs.field(default=None, repr=False)
    """The full data, in the full version only (None in the public one): for the
    marking, which says what exempt content the full version holds."""
    full_references: tuple[Model, ...] = attrs.field(default=(), repr=False)
    templates: Path = attrs.field(default=Path("templates"), repr=False)
    """The templates folder of this build, for wording a paper reads (not a template)."""
    """The related records' full data, in the full version only."""

    @property
    def public(self) -> bool:
        return self.version is Version.PUBLIC


class Paper(ABC):
    """A kind of paper docgen can build; subclasses register themselves by ``name``."""

    name: ClassVar[str]
    """The output file's stem, e.g. ``committee_report`` → ``committee_report.docx``."""
    title: ClassVar[str]
    accepts: ClassVar[tuple[str, ...]]
    word_template: ClassVar[str]

    @property
    def html_template(self) -> str:
        """The HTML template for the PDF: ``<name>.html`` in templates/html/."""
        return f"{self.name}.html"

    def applies(self, data: Model) -> bool:
        """Whether a record of an accepted kind has what this paper needs (default: yes)."""
        return True

    pdf_only: ClassVar[bool] = False
    """A publishing artefact made only as PDF (an agenda pack): its parts are edited in
    Word each on its own, so a Word copy of the whole would only go out of date."""

    page_labels: ClassVar[bool] = False
    """Whether the PDF carries page labels (``/PageLabels``) matching the printed numbers,
    for a long document a reader navigates by "Page 17"."""

    pack_pages: ClassVar[bool] = False
    """Whether the paper gives, for each item, the page of the meeting's agenda pack (of
    the same version) where it starts: read from the pack's layout into the context as
    ``pack_pages`` ({item number: page}), so they are the numbers the pack prints."""

    contents_pages: ClassVar[bool] = False
    """Whether the Word paper's contents list gives page numbers: they are read from the
    PDF's layout (`PdfTemplates.anchor_pages`) into the context as ``contents_pages``."""

    extra_templates: ClassVar[tuple[str, ...]] = ()
    """Other files under templates/ the paper reads (wording, a public stand-in)."""

    def template_files(self) -> tuple[str, ...]:
        """Every file under templates/ this paper's rendering reads, for make's staleness."""
        own = (
            self.word_template,
            f"html/{self.html_template}",
            "html/base.html",
            "html/house.css",
            *self.extra_templates,
        )
        if self.pack_pages:  # the pack is laid out for its page numbers
            own = (*own, *PAPERS["agenda_pack"].template_files())
        return tuple(dict.fromkeys(name for name in own if name))

    @abstractmethod
    def context(self, source: Source) -> dict[str, Any]:
        """The values the templates read, from the viewed record only."""

    @abstractmethod
    def properties(self, source: Source) -> DocumentProperties:
        """Title, subject and author for the file's metadata, from the viewed record."""

    def withheld_in_public(self, source: Source) -> Exemption | None:
        """For a paper that is exempt as a whole: the exemption its public version states.

        Such a paper's public version is the shared "withheld" paper, which says only
        that it is not for publication and why.
        """
        return None

    def withheld_context(self, source: Source, exemption: Exemption) -> dict[str, Any]:
        """The context of the public "withheld" paper that stands in for this one."""
        return {
            "heading": self.title,
            "meeting": meeting_line(source.data),
            "statement": exemption.statement,
            "running_header": f"{self.title} – not for publication",
            "running_marking": None,
        }

    def marking(self, source: Source) -> str | None:
        """The NOT FOR PUBLICATION line for a full version that holds exempt content."""
        exemption = self._exemption(source)
        if exemption is None:
            return None
        return f"NOT FOR PUBLICATION by virtue of {exemption.paragraph_words} of {SCHEDULE_12A}"

    def running_marking(self, source: Source) -> str | None:
        """The marking short enough for a running header on every page."""
        exemption = self._exemption(source)
        if exemption is None:
            return None
        return f"NOT FOR PUBLICATION – Schedule 12A, {exemption.paragraph_words}"

    def _exemption(self, source: Source) -> Exemption | None:
        if source.public or source.full_data is None:
            return None
        return exemptions_in(self.shown_content(source))

    def shown_content(self, source: Source) -> object:
        """The full data this paper shows, whose exemptions its marking names."""
        return source.full_data


def meeting_line(data: object) -> str | None:
    """``Cabinet – 14 October 2026 – Item 9``: the agenda facts a withheld paper still shows
    (for a paper of a council rather than of a meeting, the council's name).

    Read from the public view, where only facts an agenda prints anyway (the committee,
    the meeting date, the item) survive a record's exemption as a whole.
    """
    committee = getattr(data, "committee", None)
    meeting_date = getattr(data, "meeting_date", None)
    if committee is None or meeting_date is None:
        council = getattr(data, "council", None)  # a paper of a council, not of a meeting
        return None if council is None else str(council)
    item = getattr(data, "item", None)
    parts = [str(committee), long_date(meeting_date)]
    if item is not None:
        parts.append(f"Item {item}")
    return " – ".join(parts)


PAPERS: dict[str, Paper] = {}


def register(paper: type[Paper]) -> type[Paper]:
    """Class decorator: add a paper kind to the registry (a name is registered once)."""
    if paper.name in PAPERS:
        raise ValueError(f"a paper kind named '{paper.name}' is already registered")
    PAPERS[paper.name] = paper()
    return paper


def papers_for(record_kind: str, data: Model | None = None) -> list[Paper]:
    """The paper kinds that accept a record of ``record_kind`` (and apply to ``data``)."""
    return [
        paper
        for paper in PAPERS.values()
        if record_kind in paper.accepts and (data is None or paper.applies(data))
    ]
