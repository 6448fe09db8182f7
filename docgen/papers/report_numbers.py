"""How a committee report numbers its paragraphs, worked out once for both formats.

Two styles, chosen by the record's ``numbering``:

* ``straight`` (the default): 1, 2, 3 … through the sections and their sub-sections;
* ``sectional``: each section heading is numbered (1., 2. …) and its paragraphs 1.1,
  1.2 … (as Tower Hamlets numbers its reports).

Appendices number their paragraphs from 1 again, in either style.

In the public version a withheld section (or sub-section) reads as one notice under
its own heading, saying which paragraph numbers it holds ("Paragraphs 5 to 7 are not
for publication …"); the paragraphs after it keep the numbers of the full version.

The PDF prints the labels worked out here; the Word version asks Word to count, in
the list instances named here (a list that resumes after a withheld passage starts
at the number Word must show), so a test can check that both agree.
"""

from __future__ import annotations

from typing import Literal

import attrs

from docgen.exempt import SCHEDULE_12A, Exemption, Span, SpanKind, Text
from docgen.models.blocks import Paragraph
from docgen.models.committee_report import IMPLICATIONS, CommitteeReport, Section, Subsection

NumberingStyle = Literal["straight", "sectional"]
STRAIGHT_LIST = "paragraphs"
SECTIONAL_LIST = "sections"


@attrs.frozen(eq=False)
class ImplicationSection:
    """One implication as the report prints it: its heading and the paragraphs under it."""

    heading: Text
    paragraphs: tuple[Paragraph, ...]
    exempt: Exemption | None = None


def implication_sections(report: CommitteeReport) -> tuple[ImplicationSection, ...]:
    """The implications in order, each under the record's heading or the house style's
    ("Financial implications for the Council"); an implication not stated is left out."""
    implications = report.implications
    body = f" for {report.body}" if report.body else ""
    found = []
    for key in IMPLICATIONS:
        paragraphs = getattr(implications, key)
        if paragraphs is None:
            continue
        heading = getattr(implications, f"{key}_heading") or Text.plain(
            f"{key.capitalize()} implications{body}"
        )
        found.append(ImplicationSection(heading, paragraphs, implications.exempt))
    return tuple(found)


@attrs.frozen
class WordNumber:
    """Where a paragraph sits in Word's numbering: the list instance and the level."""

    list: str
    level: int = 0


@attrs.define
class ReportNumbers:
    """The label and Word list of every numbered paragraph and heading of one report.

    Paragraphs and headings are known by identity (they are the objects the templates
    are given), so equal paragraphs in two places are still numbered apart.
    """

    labels: dict[int, str] = attrs.field(factory=dict)
    word: dict[int, WordNumber] = attrs.field(factory=dict)
    notices: dict[int, Text] = attrs.field(factory=dict)

    def label(self, item: object) -> str | None:
        """``5.`` or ``3.2`` for a numbered paragraph or heading, else None."""
        return self.labels.get(id(item))

    def word_list(self, item: object) -> str | None:
        number = self.word.get(id(item))
        return None if number is None else number.list

    def word_level(self, item: object) -> int:
        number = self.word.get(id(item))
        return 0 if number is None else number.level

    def notice(self, item: object) -> Text | None:
        """The one notice a withheld section or sub-section reads as (public version)."""
        return self.notices.get(id(item))


def withheld_notice(first: str, last: str, exemption: Exemption) -> Text:
    """``Paragraphs 5 to 7 are not for publication by virtue of paragraph 3 of …``."""
    if first == last:
        which = f"Paragraph {first} is"
    else:
        joined = "and" if _next(first) == last else "to"
        which = f"Paragraphs {first} {joined} {last} are"
    words = (
        f"{which} not for publication by virtue of {exemption.paragraph_words} of {SCHEDULE_12A}."
    )
    return Text((Span(words, SpanKind.NOTICE, exemption),))


def _next(label: str) -> str:
    """The label after ``label`` in its run: ``7`` → ``8``, ``3.2`` → ``3.3``."""
    head, dot, last = label.rpartition(".")
    return f"{head}{dot}{int(last) + 1}"


@attrs.define
class _Counter:
    """Numbers one run of paragraphs, and names the Word list instances that show them."""

    numbers: ReportNumbers
    sectional: bool
    list_name: str
    section: int = 0
    paragraph: int = 0
    resumed: int = 0
    restart: bool = False
    """The next numbered item starts a new Word list instance (after a withheld passage)."""

    def heading(self, section: object) -> None:
        if not self.sectional:
            return
        self.section += 1
        self.paragraph = 0
        self._word(section, 0, f"{self.section}")
        self.numbers.labels[id(section)] = f"{self.section}."

    def paragraphs(self, items: tuple[Paragraph, ...]) -> None:
        for item in items:
            self.paragraph += 1
            self._word(item, 1 if self.sectional else 0, self._start())
            self.numbers.labels[id(item)] = self._shown()

    def withhold(self, holder: Section | Subsection, count: int, exemption: Exemption) -> None:
        """One notice for ``count`` withheld paragraphs; their numbers are skipped."""
        if count == 0:
            return
        first = self.paragraph + 1
        self.paragraph += count
        self.numbers.notices[id(holder)] = withheld_notice(
            self._shown(first).rstrip("."), self._shown().rstrip("."), exemption
        )
        # Word goes on counting where nothing is numbered, so the list starts again at
        # the number after the withheld ones; in sectional numbering the next heading
        # starts the next section anyway.
        self.restart = not self.sectional

    def _shown(self, paragraph: int | None = None) -> str:
        number = self.paragraph if paragraph is None else paragraph
        return f"{self.section}.{number}" if self.sectional else f"{number}."

    def _start(self) -> str:
        return f"{self.section}.{self.paragraph}" if self.sectional else f"{self.paragraph}"

    def _word(self, item: object, level: int, start: str) -> None:
        if self.restart:
            self.resumed += 1
            root = self.list_name.partition("@")[0]
            root = root if "/" in root else f"{root}/main"
            self.list_name = f"{root}-resumed-{self.resumed}@{start}"
            self.restart = False
        self.numbers.word[id(item)] = WordNumber(self.list_name, level)


def report_numbers(
    report: CommitteeReport,
    *,
    public: bool,
    implications: tuple[ImplicationSection, ...] | None = None,
) -> ReportNumbers:
    """The numbers of ``report`` as the version being rendered shows them.

    In sectional numbering the implications are numbered sections too (``implications``:
    the ones the templates are given, so their headings are known by identity).
    """
    numbers = ReportNumbers()
    sectional = report.numbering == "sectional"
    main = _Counter(numbers, sectional, SECTIONAL_LIST if sectional else STRAIGHT_LIST)
    _sections(main, report.sections, public)
    if sectional:
        for part in implication_sections(report) if implications is None else implications:
            main.heading(part)
            main.paragraphs(part.paragraphs)
    for index, appendix in enumerate(report.appendices, start=1):
        counter = _Counter(numbers, False, f"{STRAIGHT_LIST}/appendix-{index}")
        counter.paragraphs(appendix.paragraphs)
        _sections(counter, appendix.sections, public, numbered_headings=False)
    return numbers


def _sections(
    counter: _Counter,
    sections: tuple[Section, ...],
    public: bool,
    numbered_headings: bool = True,
) -> None:
    for section in sections:
        if numbered_headings:
            counter.heading(section)
        if public and section.exempt is not None:
            counter.withhold(section, len(section.paragraphs), section.exempt)
            continue
        counter.paragraphs(section.paragraphs)
        for sub in section.subsections:
            if public and sub.exempt is not None and not counter.sectional:
                counter.withhold(sub, len(sub.paragraphs), sub.exempt)
            else:
                counter.paragraphs(sub.paragraphs)
