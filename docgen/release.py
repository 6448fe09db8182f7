"""Records as they stand on a given day: exemptions released by then no longer apply.

An exemption may say from when its information may be published (``released_on``).
A build is made *as of* a day (today unless told otherwise): every exemption released
on or before that day is taken off the data before anything is viewed, rendered or
scanned, so the public version shows the released information and the scans no longer
look for it, while everything still exempt stays withheld exactly as before.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from docgen.exempt import Exemption, Span, Text
from docgen.models.base import Exemptable

if TYPE_CHECKING:
    from docgen.loading import Record

T = TypeVar("T")


def record_as_of(record: Record, day: date) -> Record:
    """The record (its id, file and lines kept) as it stands on ``day``."""
    data = as_of(record.data, day)
    return record if data is record.data else attrs.evolve(record, data=data)


def as_of(value: T, day: date) -> T:
    """``value`` with every exemption released on or before ``day`` taken off."""
    return _release(value, day)


def _release(value: Any, day: date) -> Any:
    if isinstance(value, Text):
        if not any(_released(s.exemption, day) for s in value.spans):
            return value
        return Text(tuple(Span(s.text) if _released(s.exemption, day) else s for s in value.spans))
    if isinstance(value, tuple):
        items = tuple(_release(item, day) for item in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, Exemption) or not attrs.has(type(value)):
        return value
    changes = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        new = _release(current, day)
        if new is not current:
            changes[field.name] = new
    if isinstance(value, Exemptable) and _released(value.exempt, day):
        changes["exempt"] = None
    return attrs.evolve(value, **changes) if changes else value


def _released(exemption: Exemption | None, day: date) -> bool:
    return exemption is not None and exemption.released_by(day)


def release_dates(value: Any) -> set[date]:
    """Every release date of an exemption in ``value`` (for make: papers change on them)."""
    found: set[date] = set()

    def walk(item: Any) -> None:
        if isinstance(item, Exemption):
            if item.released_on is not None:
                found.add(item.released_on)
        elif isinstance(item, Text):
            for span in item.spans:
                walk(span.exemption)
        elif isinstance(item, tuple):
            for element in item:
                walk(element)
        elif attrs.has(type(item)):
            for field in attrs.fields(type(item)):
                walk(getattr(item, field.name))

    walk(value)
    return found
