"""The committee report: the one paper every council body produces.

The fields follow the reference papers' anatomy: header block, Summary,
Recommendations, headed sections of paragraphs numbered straight through,
Financial / Legal / Equalities implications, appendices and background papers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Literal, Self

import attrs

from docgen.exempt import Exemption, Text
from docgen.models.base import (
    ALWAYS_PUBLIC,
    NON_EMPTY,
    Contact,
    Exemptable,
    Model,
    Person,
    Reference,
    notice_text,
    statement_text,
)
from docgen.models.blocks import Paragraph

WITHHELD_HEADING = "Not for publication"
RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""A record id as a reference may give it: a file stem, never a path."""


def withheld_paragraphs(
    paragraphs: tuple[Paragraph, ...], exempt: Exemption
) -> tuple[Paragraph, ...]:
    """One numbered placeholder per paragraph, so public numbering matches the full one.

    The first carries the statement of why the passage is withheld; the rest a notice.
    """
    return tuple(
        Paragraph(text=statement_text(exempt) if index == 0 else notice_text(exempt), exempt=exempt)
        for index, _ in enumerate(paragraphs)
    )


@attrs.frozen(kw_only=True)
class Subsection(Exemptable):
    """A sub-heading inside a section and the paragraphs under it."""

    heading: Text
    paragraphs: tuple[Paragraph, ...] = attrs.field(metadata=NON_EMPTY)

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            heading=Text.plain(WITHHELD_HEADING),
            paragraphs=withheld_paragraphs(self.paragraphs, self.exempt),
            exempt=self.exempt,
        )


@attrs.frozen(kw_only=True)
class Section(Exemptable):
    """A headed section: its own paragraphs, then any sub-headed groups of paragraphs."""

    heading: Text
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Subsection, ...] = ()

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if not self.paragraphs and not self.subsections:
            yield None, "a section needs paragraphs or subsections under its heading"

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            heading=Text.plain(WITHHELD_HEADING),
            paragraphs=withheld_paragraphs(self.all_paragraphs, self.exempt),
            exempt=self.exempt,
        )

    @property
    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        return self.paragraphs + tuple(p for s in self.subsections for p in s.paragraphs)


@attrs.frozen(kw_only=True)
class Recommendation(Exemptable):
    """One recommendation; in a record plain text or a mapping with ``text``."""

    shorthand = "text"

    text: Text

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(text=notice_text(self.exempt), exempt=self.exempt)


def _paragraphs(value: Paragraph | tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """An implication as the paragraphs under its heading (one, or several in order)."""
    return (value,) if isinstance(value, Paragraph) else tuple(value)


def _optional_paragraphs(
    value: Paragraph | tuple[Paragraph, ...] | None,
) -> tuple[Paragraph, ...] | None:
    return None if value is None else _paragraphs(value)


def _one_paragraph(key: str, item: object) -> bool:
    """Whether ``item`` is an implication given as one paragraph rather than a list."""
    return key in IMPLICATIONS and not isinstance(item, list)


@attrs.frozen(kw_only=True)
class Implications(Exemptable):
    """The implications a report states: financial and legal always ("None" rather than
    absent), equalities unless the body's house style has no such heading.

    Each is a paragraph or a list of them; its heading is the house style's unless the
    record names it (Tower Hamlets: "Comments of the Chief Finance Officer").
    """

    financial: tuple[Paragraph, ...] = attrs.field(converter=_paragraphs)
    legal: tuple[Paragraph, ...] = attrs.field(converter=_paragraphs)
    equalities: tuple[Paragraph, ...] | None = attrs.field(
        default=None, converter=_optional_paragraphs
    )
    risk: tuple[Paragraph, ...] | None = attrs.field(default=None, converter=_optional_paragraphs)
    financial_heading: Text | None = None
    legal_heading: Text | None = None
    equalities_heading: Text | None = None
    risk_heading: Text | None = None

    @classmethod
    def prepare(cls, value: object) -> object:
        """A record may give an implication as one paragraph or a list: make it a list.

        Anything else (nothing, yes/no) is wrapped too, so that it is reported as the text
        it should have been (at ``financial[0]``), not as a list it need not be.
        """
        if not isinstance(value, dict):
            return value
        return {key: [item] if _one_paragraph(key, item) else item for key, item in value.items()}

    def withheld(self) -> Self:
        exempt = self.exempt
        assert exempt is not None

        def placeholder() -> tuple[Paragraph, ...]:
            return (Paragraph(text=statement_text(exempt), exempt=exempt),)

        return type(self)(
            financial=placeholder(),
            legal=placeholder(),
            equalities=None if self.equalities is None else placeholder(),
            risk=None if self.risk is None else placeholder(),
            exempt=exempt,
        )


IMPLICATIONS = ("financial", "legal", "equalities", "risk")
"""The implications a report may state, in the order it states them."""


@attrs.frozen(kw_only=True)
class Appendix(Exemptable):
    """An appendix: a title, then paragraphs and sections numbered from 1 again."""

    title: Text
    paragraphs: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if not self.paragraphs and not self.sections:
            yield None, "an appendix needs paragraphs or sections"

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(title=statement_text(self.exempt), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class BackgroundPaper(Exemptable):
    """A background paper listed at the end; exempt ones are left out of the public list."""

    shorthand = "title"

    title: Text

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(title=notice_text(self.exempt), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class SignOff(Exemptable):
    """An officer's clearance of the report (the Monitoring Officer, the Chief Finance
    Officer): their role, name and the day they signed it off."""

    role: Text
    name: Text
    signed_on: date | None = None

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(role=self.role, name=notice_text(self.exempt), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class CommitteeReport(Model):
    """A report to a committee or board (``kind: committee_report``)."""

    kind = "committee_report"

    committee: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    body: Text | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    meeting_date: date | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    """Optional only for a copy of a paper that prints none (a reproduction)."""
    item: Text | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    title: Text
    report_by: Person
    contact: Contact
    purpose: Text | None = None
    action: Text | None = None
    wards_affected: Text | None = None
    key_decision: bool | None = None
    forward_plan_reference: Text | None = None
    portfolio_holder: Person | None = None
    sign_off: tuple[SignOff, ...] = ()
    summary: Text
    recommendations_lead_in: Text | None = None
    recommendations: tuple[Recommendation, ...] = attrs.field(metadata=NON_EMPTY)
    sections: tuple[Section, ...] = attrs.field(metadata=NON_EMPTY)
    reasons_for_recommendations: tuple[Paragraph, ...] = ()
    alternative_options: tuple[Paragraph, ...] = ()
    implications: Implications
    appendices: tuple[Appendix, ...] = ()
    background_papers: tuple[BackgroundPaper, ...] = ()
    closing_lists: tuple[Literal["background_papers", "attachments"], ...] = ("background_papers",)
    """The lists that close the report: background papers, and/or "Attachments" (the
    appendices by title), each "None" when empty."""
    about: str | None = None
    numbering: Literal["straight", "sectional"] = attrs.field(
        default="straight", metadata=ALWAYS_PUBLIC
    )
    """``straight`` (1, 2, 3 … through the report) or ``sectional`` (1.1, 1.2, 2.1 …)."""

    def references(self) -> list[Reference]:
        return [] if self.about is None else [Reference("about", self.about)]

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if self.forward_plan_reference is not None and not self.key_decision:
            yield (
                "forward_plan_reference",
                "only a key decision has a Forward Plan reference; add key_decision: true",
            )
        if self.about is not None and not RECORD_ID.fullmatch(self.about):
            yield (
                "about",
                (
                    f"'{self.about}' is not a record id: ids are file names without folders or "
                    "suffix (letters, digits, '.', '_' and '-')"
                ),
            )

    def withheld(self) -> Self:
        """A whole exempt report keeps only its committee, date and item number."""
        assert self.exempt is not None
        exempt = self.exempt
        statement = Paragraph(text=statement_text(exempt), exempt=exempt)
        return type(self)(
            committee=self.committee.redacted(),
            body=self.body.redacted() if self.body else None,
            meeting_date=self.meeting_date,
            item=self.item.redacted() if self.item else None,
            title=Text.plain("Exempt item"),
            report_by=Person(name=notice_text(exempt), exempt=exempt),
            contact=Contact(name=notice_text(exempt), exempt=exempt),
            summary=statement_text(exempt),
            recommendations=(Recommendation(text=notice_text(exempt), exempt=exempt),),
            sections=(Section(heading=Text.plain(WITHHELD_HEADING), paragraphs=(statement,)),),
            implications=Implications(financial=statement, legal=statement, equalities=statement),
            about=None,
            exempt=exempt,
        )


@attrs.frozen(kw_only=True)
class ReportDetails(Exemptable):
    """A report that a paper composes: its header, summary, recommendations and implications.

    The rest of the report is written by the paper from the record it belongs to (a peer
    challenge's proposal, a Best Value board progress report).
    """

    committee: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    meeting_date: date = attrs.field(metadata=ALWAYS_PUBLIC)
    item: Text | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    report_by: Person
    contact: Contact
    purpose: Text | None = None
    summary: Text
    recommendations_lead_in: Text | None = None
    recommendations: tuple[Recommendation, ...] = attrs.field(metadata=NON_EMPTY)
    implications: Implications
    background_papers: tuple[BackgroundPaper, ...] = ()

    def withheld(self) -> Self:
        assert self.exempt is not None
        notice = notice_text(self.exempt)
        placeholder = Paragraph(text=notice, exempt=self.exempt)
        return type(self)(
            committee=self.committee,
            meeting_date=self.meeting_date,
            item=self.item,
            report_by=Person(name=notice, exempt=self.exempt),
            contact=Contact(name=notice, exempt=self.exempt),
            summary=notice,
            recommendations=(Recommendation(text=notice, exempt=self.exempt),),
            implications=Implications(
                financial=placeholder, legal=placeholder, equalities=placeholder
            ),
            exempt=self.exempt,
        )
