"""The two views of a record: full (as written) and public (exempt data gone).

The public view is made here, once, before any template runs. Every paper's public
version is rendered from it, so a template cannot show what it was never given.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Any, TypeVar

import attrs

from docgen.exempt import Exemption, SpanKind, Text, merge_exemptions
from docgen.models.base import (
    ALWAYS_PUBLIC_KEY,
    EXEMPT_BY_DEFAULT,
    FIXED_CHOICE_KEY,
    Exemptable,
    notice_text,
)
from docgen.models.blocks import Chart

T = TypeVar("T")


class Version(Enum):
    """Which version of a paper: the full one, or the public one for the website."""

    FULL = "full"
    PUBLIC = "public"


def view(data: T, version: Version) -> T:
    """The record data as the given version of a paper may show it."""
    return data if version is Version.FULL else public_view(data)


def public_view(value: Any) -> Any:
    """``value`` with every exempt phrase, mapping and default-exempt field withheld.

    The exemptions left in it (for the notices) keep only their paragraphs: the
    public-interest reasoning and the dates are for the register, not for publication.
    """
    return _paragraphs_only(_public_view(value))


def _paragraphs_only(value: Any) -> Any:
    if isinstance(value, Exemption):
        bare = Exemption(value.paragraphs)
        return value if bare == value else bare
    if isinstance(value, Text):
        spans = tuple(
            attrs.evolve(s, exemption=_paragraphs_only(s.exemption)) if s.exemption else s
            for s in value.spans
        )
        return value if spans == value.spans else Text(spans)
    if isinstance(value, tuple):
        items = tuple(_paragraphs_only(item) for item in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if not attrs.has(type(value)):
        return value
    changes = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        new = _paragraphs_only(current)
        if new is not current:
            changes[field.name] = new
    return attrs.evolve(value, **changes) if changes else value


def _public_view(value: Any) -> Any:
    if isinstance(value, Text):
        return value.redacted()
    if isinstance(value, tuple):
        return tuple(_public_view(item) for item in value)
    if not attrs.has(type(value)):
        return value
    if isinstance(value, Exemptable) and value.exempt is not None:
        return _redact_kept(value.withheld())
    changes = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        default = field.metadata.get(EXEMPT_BY_DEFAULT)
        if default and current is not None:
            new = _withhold_field(current, Exemption(default))
        else:
            new = _public_view(current)
        if new is not current:
            changes[field.name] = new
    viewed = attrs.evolve(value, **changes) if changes else value
    return value.noted(viewed) if isinstance(value, Chart) else viewed


def _redact_kept(value: Any) -> Any:
    """What a class keeps of itself when withheld, with any phrase marked inside it gone.

    A withheld mapping keeps only placeholders and facts an agenda shows (a committee,
    a meeting date); a phrase marked exempt inside such a fact is still withheld.
    """
    if isinstance(value, Text):
        return value.redacted()
    if isinstance(value, tuple):
        return tuple(_redact_kept(item) for item in value)
    if not attrs.has(type(value)):
        return value
    changes = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        new = _redact_kept(current)
        if new is not current:
            changes[field.name] = new
    return attrs.evolve(value, **changes) if changes else value


def _withhold_field(value: Any, exemption: Exemption) -> Any:
    """A field exempt by default: text becomes a notice, mappings are withheld."""
    if isinstance(value, Text):
        return notice_text(exemption)
    if isinstance(value, tuple):
        return tuple(_withhold_field(item, exemption) for item in value)
    if isinstance(value, Exemptable):
        return _public_view(attrs.evolve(value, exempt=exemption.merge(value.exempt)))
    return None


@attrs.frozen
class ExemptValue:
    """One piece of exempt text and the field it came from (for scans and checks)."""

    field: str
    text: str


def exempt_values(value: Any, field: str = "") -> Iterator[ExemptValue]:
    """Every exempt text in ``value``: marked phrases, and all text in exempt mappings.

    What the public view keeps is never listed, whatever marks it sits under: a
    withheld mapping that keeps its council's name, or a commission's period, has
    not withheld them, so finding them in a public paper is no leak.
    """
    yield from _exempt_values(value, public_view(value), field, False)


def _exempt_values(value: Any, public: Any, field: str, inherited: bool) -> Iterator[ExemptValue]:
    if public is value or (type(public) is type(value) and public == value):
        return  # kept as it is by the public view
    if isinstance(value, Text):
        as_is = isinstance(public, Text) and public == value.redacted()  # marks aside
        if inherited and not as_is:
            yield ExemptValue(field, str(value))
        else:
            for span in value.spans:
                if span.kind == SpanKind.EXEMPT:
                    yield ExemptValue(field, span.text)
        return
    if isinstance(value, tuple):
        kept = public if isinstance(public, tuple) else ()
        for index, item in enumerate(value):
            counterpart = kept[index] if index < len(kept) else None
            yield from _exempt_values(item, counterpart, f"{field}[{index}]", inherited)
        return
    if isinstance(value, str) and inherited:
        yield ExemptValue(field, value)
        return
    if isinstance(value, date) and inherited:  # as a paper would print it, either way
        yield ExemptValue(field, value.isoformat())
        yield ExemptValue(field, f"{value.day} {value:%B %Y}")
        return
    if not attrs.has(type(value)):
        return
    inside = inherited or (isinstance(value, Exemptable) and value.exempt is not None)
    same_shape = type(public) is type(value)
    for attribute in attrs.fields(type(value)):
        if attribute.name == "exempt" or attribute.metadata.get(FIXED_CHOICE_KEY):
            continue
        name = f"{field}.{attribute.name}" if field else attribute.name
        default = bool(attribute.metadata.get(EXEMPT_BY_DEFAULT))
        always = bool(attribute.metadata.get(ALWAYS_PUBLIC_KEY))
        keep = (inside and not always) or default
        counterpart = getattr(public, attribute.name) if same_shape else None
        yield from _exempt_values(getattr(value, attribute.name), counterpart, name, keep)


def plain_texts(value: Any, field: str = "") -> Iterator[tuple[str, str]]:
    """(field, text) for the text a public view keeps, to check it repeats no exempt value."""
    public = public_view(value)
    yield from _texts(public, field)


def _texts(value: Any, field: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, Text):
        text = "".join(s.text for s in value.spans if s.kind == SpanKind.PLAIN)
        if text:
            yield field, text
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _texts(item, f"{field}[{index}]")
    elif isinstance(value, str):
        yield field, value
    elif attrs.has(type(value)) and not isinstance(value, Exemption):  # no paper prints it
        for attribute in attrs.fields(type(value)):
            name = f"{field}.{attribute.name}" if field else attribute.name
            yield from _texts(getattr(value, attribute.name), name)


def exemptions_in(value: Any) -> Exemption | None:
    """Every Schedule 12A paragraph that applies to something in ``value``, merged."""
    found: list[Exemption] = []

    def walk(item: Any) -> None:
        if isinstance(item, Text):
            found.extend(item.exemptions)
        elif isinstance(item, Exemption):
            found.append(item)
        elif isinstance(item, tuple):
            for element in item:
                walk(element)
        elif attrs.has(type(item)):
            for attribute in attrs.fields(type(item)):
                default = attribute.metadata.get(EXEMPT_BY_DEFAULT)
                if default and getattr(item, attribute.name) is not None:
                    found.append(Exemption(default))
                walk(getattr(item, attribute.name))

    walk(value)
    return merge_exemptions(found)
