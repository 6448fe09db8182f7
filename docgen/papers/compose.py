"""Helpers for papers that compose their text from records (and from fixed words)."""

from __future__ import annotations

from datetime import date

from docgen.builders.environment import long_date
from docgen.exempt import Span, SpanKind, Text
from docgen.models.base import Exemptable, notice_text


def text(*parts: str | Text | None, within: Exemptable | None = None) -> Text:
    """One `Text` from plain strings and record text, keeping each span's status.

    ``within`` is the mapping the text comes from: when it is exempt as a whole, its
    plain spans become exempt spans, so the full version shades them and names the
    paragraph; in the public view, where its text is notices already, the whole is one notice.
    """
    spans: list[Span] = []
    for part in parts:
        if isinstance(part, Text):
            spans.extend(part.spans)
        elif part:
            spans.append(Span(part))
    exemption = within.exempt if within is not None else None
    if exemption is not None:
        if any(s.kind == SpanKind.NOTICE for s in spans):  # the public view: withheld already
            return notice_text(exemption)
        spans = [
            Span(s.text, SpanKind.EXEMPT, exemption) if s.kind == SpanKind.PLAIN else s
            for s in spans
        ]
    return Text(tuple(spans))


def mid_sentence(value: Text) -> Text:
    """Text that begins with "The" made to read inside a sentence ("… to the Secretary of
    State"); other text is left as it is."""
    first = value.spans[0] if value.spans else None
    if first is None or first.kind != SpanKind.PLAIN or not first.text.startswith("The "):
        return value
    return Text((Span("t" + first.text[1:]), *value.spans[1:]))


def listed(items: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: a list as a sentence has it."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_NAMES_WITH_THE = (
    "London Borough of ",
    "Royal Borough of ",
    "Borough of ",
    "City of ",
    "County of ",
)
"""How councils whose names are a description begin: "the London Borough of Tower Hamlets"."""


def council_in_sentence(name: Text) -> Text:
    """A council's name as a sentence has it: "the London Borough of Tower Hamlets", but
    "Northfield Council"; a name that already starts with "The" reads "the …"."""
    first = name.spans[0] if name.spans else None
    if (
        first is not None
        and first.kind == SpanKind.PLAIN
        and first.text.startswith(_NAMES_WITH_THE)
    ):
        return Text((Span("the "), *name.spans))
    return mid_sentence(name)


def visit_dates(start: date, end: date) -> str:
    """``5 to 8 June 2018``; ``30 June to 3 July 2018``; across a year, both dates whole."""
    if start.year != end.year:
        return f"{long_date(start)} to {long_date(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{start.day} to {long_date(end)}"


_NUMBER_WORDS = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def in_words(number: int) -> str:
    """Small counts in words, as council papers write them ("seven peers"); larger in figures."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def capitalised(words: str) -> str:
    """Words that begin a sentence: the first letter a capital ("Six policy areas …"), so
    that no sentence begins with a numeral."""
    return words[:1].upper() + words[1:]
