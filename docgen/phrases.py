"""The reasoning, review and release dates of ``[exempt N]`` phrases.

A phrase mark sits inside a sentence, where there is no room for a paragraph of
public-interest reasoning and two dates, so a record gives them at its top level,
naming each phrase by its text (as marked, white space and case aside)::

    exempt_phrases:
      - phrase: £412,000 a year
        public_interest: Disclosure before the consultation closes would …
        review_by: 2027-04-01
        released_on: 2027-10-01       # optional

Loading applies them to every marked phrase with that text, then drops the list: it
is not record data, so no paper or view ever sees it. A listed phrase that no mark
holds is an error (a typo must never leave an exemption without its reasoning).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, TypeVar

import attrs
import cattrs

from docgen.exempt import Exemption, Span, SpanKind, Text
from docgen.structure import problems
from docgen.yamlnodes import Path_

PHRASES = "exempt_phrases"
"""The top-level field of any record that gives phrase marks their details."""

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class PhraseDetails:
    """What one ``exempt_phrases`` entry says about the phrases with its text."""

    phrase: str
    public_interest: str | None = None
    review_by: date | None = None
    released_on: date | None = None

    def apply(self, exemption: Exemption) -> Exemption:
        """The phrase mark's exemption (its paragraphs) with these details added."""
        return attrs.evolve(
            exemption,
            public_interest=exemption.public_interest
            + ((" ".join(self.public_interest.split()),) if self.public_interest else ()),
            review_by=self.review_by or exemption.review_by,
            released_on=self.released_on or exemption.released_on,
        )


FIELDS = tuple(f.name for f in attrs.fields(PhraseDetails))


def _key(text: str) -> str:
    """A phrase as it is matched: white space folded, case ignored."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def with_phrase_details(
    data: T, raw: Any, converter: cattrs.Converter
) -> tuple[T, list[tuple[Path_, str]]]:
    """``data`` with the details in ``raw`` (the record's ``exempt_phrases``) applied.

    Returns the new data and the problems found, each as (path, message).
    """
    if raw is None:
        return data, []
    if not isinstance(raw, list):
        return data, [((PHRASES,), "expected a list of phrases with their details")]
    details: list[PhraseDetails] = []
    found: list[tuple[Path_, str]] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            found.append(((PHRASES, index), f"expected a mapping with {', '.join(FIELDS)}"))
            continue
        try:
            details.append(converter.structure(item, PhraseDetails))
        except Exception as error:
            found.extend(problems(error, (PHRASES, index)))
    if found:
        return data, found
    by_text: dict[str, PhraseDetails] = {}
    for index, detail in enumerate(details):
        if _key(detail.phrase) in by_text:
            found.append(((PHRASES, index, "phrase"), "names a phrase listed already; keep one"))
        by_text.setdefault(_key(detail.phrase), detail)
    used: set[str] = set()
    result = _apply(data, by_text, used)
    for index, detail in enumerate(details):
        if _key(detail.phrase) not in used:
            found.append(
                (
                    (PHRASES, index, "phrase"),
                    "matches no [exempt] phrase in the record; copy the phrase as it is marked",
                )
            )
    return result, found


def _apply(value: Any, details: dict[str, PhraseDetails], used: set[str]) -> Any:
    if isinstance(value, Text):
        spans = tuple(_span(span, details, used) for span in value.spans)
        return value if spans == value.spans else Text(spans)
    if isinstance(value, tuple):
        items = tuple(_apply(item, details, used) for item in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, Exemption) or not attrs.has(type(value)):
        return value
    changes = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        new = _apply(current, details, used)
        if new is not current:
            changes[field.name] = new
    return attrs.evolve(value, **changes) if changes else value


def _span(span: Span, details: dict[str, PhraseDetails], used: set[str]) -> Span:
    if span.kind != SpanKind.EXEMPT or span.exemption is None:
        return span
    detail = details.get(_key(span.text))
    if detail is None:
        return span
    used.add(_key(span.text))
    return attrs.evolve(span, exemption=detail.apply(span.exemption))
