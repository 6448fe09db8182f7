"""Exempt information (Schedule 12A, Local Government Act 1972) as a property of data.

Two ways to mark it in a record:

* ``exempt: 3`` (or ``[1, 2]``, or a mapping with ``paragraphs``, ``public_interest``,
  ``review_by`` and ``released_on``) on any mapping: everything inside the mapping is
  exempt;
* ``[exempt 3]a phrase[/exempt]`` inside any text.

Text is kept as `Text`, a sequence of `Span`s, so the exempt phrases are known by
position and never have to be found again by searching rendered output.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

import attrs

PART_1_PARAGRAPHS = range(1, 8)

SCHEDULE_12A = "Part 1 of Schedule 12A to the Local Government Act 1972"


def _paragraph_tuple(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(value)))


def _check_paragraphs(_instance: object, _attribute: object, value: tuple[int, ...]) -> None:
    if not value:
        raise ValueError("names no paragraph of Schedule 12A; expected a number from 1 to 7")
    for number in value:
        if number not in PART_1_PARAGRAPHS:
            raise ValueError(
                f"paragraph {number} is not in Part 1 of Schedule 12A; expected 1 to 7"
            )


def _reasons(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The public-interest reasoning as a tuple of distinct reasons, in order given."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(dict.fromkeys(value))


def _earliest(first: date | None, second: date | None) -> date | None:
    return min((d for d in (first, second) if d is not None), default=None)


@attrs.frozen
class Exemption:
    """Why something is exempt: the paragraphs of Part 1 of Schedule 12A that apply.

    Councils must also say why the public interest in withholding outweighs that in
    disclosing (``public_interest``, every reason that applies), when the exemption is
    to be reviewed (``review_by``) and, once it is decided, from when the information
    may be published (``released_on``).
    """

    paragraphs: tuple[int, ...] = attrs.field(
        converter=_paragraph_tuple, validator=_check_paragraphs
    )
    public_interest: tuple[str, ...] = attrs.field(default=(), converter=_reasons)
    review_by: date | None = None
    released_on: date | None = None

    def merge(self, other: Exemption | None) -> Exemption:
        """The exemption of something exempt under both ``self`` and ``other``.

        Every paragraph and every reason of both apply; the earlier review date is the
        one to keep (reviewing one exemption means looking at the other); and the
        information is released only when both have released it: on the later date,
        or never while either has no release date.
        """
        if other is None:
            return self
        released = (
            max(self.released_on, other.released_on)
            if self.released_on is not None and other.released_on is not None
            else None
        )
        return Exemption(
            self.paragraphs + other.paragraphs,
            public_interest=self.public_interest + other.public_interest,
            review_by=_earliest(self.review_by, other.review_by),
            released_on=released,
        )

    def released_by(self, day: date) -> bool:
        """Whether the information may be published on ``day`` (released on or before it)."""
        return self.released_on is not None and self.released_on <= day

    @property
    def paragraph_words(self) -> str:
        """``paragraph 3`` or ``paragraphs 1 and 2``, as the statutory wording has it."""
        numbers = [str(n) for n in self.paragraphs]
        if len(numbers) == 1:
            return f"paragraph {numbers[0]}"
        return "paragraphs " + ", ".join(numbers[:-1]) + " and " + numbers[-1]

    @property
    def label(self) -> str:
        """The label a full version shows in the shading: which paragraph applies."""
        return f"[Exempt: {self.paragraph_words} of Schedule 12A]"

    @property
    def notice(self) -> str:
        """The short notice left where an exempt phrase or paragraph was."""
        return f"[Not for publication: {self.paragraph_words} of Schedule 12A]"

    @property
    def statement(self) -> str:
        """The sentence that replaces a withheld section, appendix or paper."""
        return (
            "This information is not for publication by virtue of "
            f"{self.paragraph_words} of {SCHEDULE_12A}."
        )


def merge_exemptions(exemptions: Iterable[Exemption]) -> Exemption | None:
    """One exemption covering all of ``exemptions`` (None when there are none)."""
    merged: Exemption | None = None
    for exemption in exemptions:
        merged = exemption if merged is None else merged.merge(exemption)
    return merged


class SpanKind:
    """What a span of text is: ordinary, exempt (full view) or a notice (public view)."""

    PLAIN = "plain"
    EXEMPT = "exempt"
    NOTICE = "notice"


@attrs.frozen
class Span:
    """A run of text with one status; builders map ``kind`` to a visible style."""

    text: str
    kind: str = SpanKind.PLAIN
    exemption: Exemption | None = None


@attrs.frozen
class Text:
    """Record text, as spans. ``str()`` gives what a reader of this view may see."""

    spans: tuple[Span, ...]

    @classmethod
    def plain(cls, text: str) -> Text:
        return cls((Span(text),))

    def __str__(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def exemptions(self) -> tuple[Exemption, ...]:
        return tuple(s.exemption for s in self.spans if s.exemption is not None)

    @property
    def has_exempt(self) -> bool:
        return any(s.kind == SpanKind.EXEMPT for s in self.spans)

    def labels(self) -> tuple[str | None, ...]:
        """The label printed after each span (full version): after an exempt phrase, the
        one naming its paragraph of Schedule 12A; said once for phrases of one exemption
        parted only by spaces and punctuation, after the last of them ("Lavinia
        Strachan-Obi (Croydon), Director …" then one label, not four)."""
        labels: list[str | None] = []
        for index, span in enumerate(self.spans):
            label = None
            if span.kind == SpanKind.EXEMPT and span.exemption is not None:
                label = span.exemption.label
                for later in self.spans[index + 1 :]:
                    if later.kind == SpanKind.EXEMPT:
                        if later.exemption is not None and later.exemption.label == label:
                            label = None  # said after the later phrase
                        break
                    if any(character.isalnum() for character in later.text):
                        break
            labels.append(label)
        return tuple(labels)

    def redacted(self) -> Text:
        """This text with each exempt phrase replaced by its notice."""
        if not self.has_exempt:
            return self
        return Text(
            tuple(
                Span(s.exemption.notice, SpanKind.NOTICE, s.exemption)
                if s.kind == SpanKind.EXEMPT and s.exemption is not None
                else s
                for s in self.spans
            )
        )


class MarkError(ValueError):
    """An exemption mark inside text is malformed; the message says how."""


_MARK = re.compile(r"\[\s*(/?)\s*exempt(?![a-z])([^\]\[]*)\]", re.IGNORECASE)
"""A mark: square brackets, ``exempt`` in any case, spaces anywhere inside the brackets,
the paragraph numbers after it with or without a space (``[Exempt 3]``, ``[ exempt 1, 2 ]``,
``[exempt3]``), and ``[/exempt]`` to close."""
_WHITESPACE = re.compile(r"\s+")

_BRACKETS = "[]{}()<>［］｛｝（）＜＞【】〔〕〖〗⟦⟧«»‹›"
_OPENERS = re.escape(_BRACKETS[0::2])
_CLOSERS = re.escape(_BRACKETS[1::2])
_NEAR_MARK = re.compile(
    rf"[{_OPENERS}]\s*(?P<slash>[/／\\]?)\s*(?P<word>[^\W\d_]{{4,9}})\s*"
    rf"(?P<numbers>[\d０-９][\d０-９,，\s]*)?[{_CLOSERS}]"
)
"""Any bracketed token shaped like a mark: a bracket of any kind, an optional slash, one
word, optional numbers, a closing bracket. Whether the word is nearly ``exempt`` is
decided by `_near_exempt`."""
_NOT_MARKS = frozenset({"except", "expect", "exert", "extent", "excerpt"})
"""Words a distance of two or less from ``exempt`` that prose may put in brackets."""


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swap of two letters counts as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _near_exempt(word: str) -> bool:
    folded = unicodedata.normalize("NFKC", word).casefold()
    if folded in _NOT_MARKS:
        return False
    return folded.startswith("exempt") or _edit_distance(folded, "exempt") <= 2


_OPEN_SQUARE = re.compile(r"[\[［]\s*[/／]?\s*([^\W\d_]{4,9})")
"""A square bracket and a word: with a word like ``exempt`` and no mark, a mark left unclosed."""


def check_near_marks(text: str) -> None:
    """Refuse a bracketed token that is nearly a mark but is not one, saying which it meant.

    ``[exmept 3]``, ``{exempt 3}``, ``［exempt 3］`` or ``[/exmept]`` must never reach a
    paper as text: the officer meant to mark a phrase, and the public version would
    show it. Real marks (`_MARK`) are removed before looking.
    """
    rest = _MARK.sub(" ", text)
    for match in _NEAR_MARK.finditer(rest):
        if not _near_exempt(match.group("word")):
            continue
        if match.group("slash"):
            meant = "[/exempt]"
        else:
            numbers = unicodedata.normalize("NFKC", match.group("numbers") or "").strip(" ,")
            meant = f"[exempt {numbers}]" if numbers else "[exempt N]"
        raise MarkError(
            f"'{match.group(0)}' is not an exemption mark; did you mean '{meant}'? "
            "(marks are written in square brackets: [exempt N]…[/exempt])"
        )
    for match in _OPEN_SQUARE.finditer(rest):
        if _near_exempt(match.group(1)):
            raise MarkError(
                f"'{match.group(0)}…' starts an exemption mark that is not finished; "
                "write [exempt N] to open a phrase and [/exempt] to close it"
            )


def _is_xml_char(char: str) -> bool:
    code = ord(char)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def check_characters(raw: str) -> None:
    """Refuse characters that no Word or PDF file can hold (control characters)."""
    for char in raw:
        if not _is_xml_char(char):
            raise MarkError(
                f"contains the control character U+{ord(char):04X}, which a paper cannot "
                "hold; remove it"
            )


def refuse_marks(raw: str) -> None:
    """For a field that cannot hold an exempt phrase (a fixed choice, an id): refuse any mark.

    Such a field prints as it is written, so a mark inside it would reach the public
    version with its brackets; the whole mapping must be marked instead.
    """
    folded = _WHITESPACE.sub(" ", raw).strip()
    check_near_marks(folded)
    if _MARK.search(folded):
        raise MarkError(
            "cannot hold an [exempt] phrase (it is a fixed value, not text); mark the "
            "mapping that holds it with exempt: N instead"
        )


def parse_paragraph_numbers(spec: str) -> tuple[int, ...]:
    """``"3"`` or ``"1, 2"`` → (3,) / (1, 2); anything else is a `MarkError`."""
    parts = [p for p in re.split(r"[,\s]+", spec.strip()) if p]
    if not parts:
        raise MarkError("[exempt] needs the paragraph of Schedule 12A, e.g. [exempt 1]")
    numbers = []
    for part in parts:
        if not part.isdigit() or int(part) not in PART_1_PARAGRAPHS:
            raise MarkError(
                f"[exempt {spec.strip()}] names '{part}', which is not a paragraph of "
                "Part 1 of Schedule 12A; expected a number from 1 to 7"
            )
        numbers.append(int(part))
    return _paragraph_tuple(numbers)


def parse_text(raw: str) -> Text:
    """Parse record text: fold white space, check characters, resolve phrase marks."""
    check_characters(raw)
    folded = _WHITESPACE.sub(" ", raw).strip()
    check_near_marks(folded)
    spans: list[Span] = []
    position = 0
    open_exemption: Exemption | None = None
    for match in _MARK.finditer(folded):
        closing, spec = match.group(1), match.group(2)
        before = folded[position : match.start()]
        if closing:
            if spec.strip():
                raise MarkError(f"'{match.group(0)}' should be written [/exempt]")
            if open_exemption is None:
                raise MarkError("[/exempt] closes a phrase that was never opened")
            if not before.strip():
                raise MarkError("an [exempt] phrase is empty")
            spans.append(Span(before, SpanKind.EXEMPT, open_exemption))
            open_exemption = None
        else:
            if open_exemption is not None:
                raise MarkError("[exempt] phrases cannot be nested; close the first one")
            if before:
                spans.append(Span(before))
            open_exemption = Exemption(parse_paragraph_numbers(spec))
        position = match.end()
    if open_exemption is not None:
        raise MarkError("an [exempt] phrase is never closed with [/exempt]")
    rest = folded[position:]
    if rest:
        spans.append(Span(rest))
    if not spans or not "".join(s.text for s in spans).strip():
        raise MarkError("is empty; write the text, or leave the field out if it is optional")
    return Text(tuple(spans))
