"""Pieces shared by every record kind: the exemptable base, people, paragraphs.

Every model is a frozen attrs class with keyword-only fields, so a base class can
carry the optional ``exempt`` mark that any mapping in a record may have.

Each class that can be exempt says, in ``withheld()``, what is left of it in the
public view. ``withheld()`` builds its result from the exemption alone (and from
counts that a reader of the public paper needs, such as how many numbered
paragraphs to keep numbers for); it never copies the exempt values across.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import ClassVar, Self

import attrs

from docgen.exempt import Exemption, Span, SpanKind, Text

EXEMPT_BY_DEFAULT = "docgen.exempt_by_default"
"""Field metadata key: the Schedule 12A paragraphs that make a field exempt unmarked."""

NON_EMPTY_KEY = "docgen.non_empty"
NON_EMPTY = {NON_EMPTY_KEY: True}
"""Field metadata: a list that must have at least one entry."""

ALWAYS_PUBLIC_KEY = "docgen.always_public"
ALWAYS_PUBLIC = {ALWAYS_PUBLIC_KEY: True}
"""Field metadata: kept in the public view even when the whole record is exempt.

Only for facts a public agenda shows anyway (committee, meeting date, item number);
an ``[exempt N]`` phrase inside such a field is still withheld.
"""


FIXED_CHOICE_KEY = "docgen.fixed_choice"
FIXED_CHOICE = {FIXED_CHOICE_KEY: True}
"""Field metadata: one word from a short list (a sub-region, a political party).

Withheld with the mapping that holds it like any other field, but not searched for in
finished papers: the same word stands in them for other rows (a table lists every
sub-region), so finding it proves nothing. What could single out a withheld value of
such a field is a count, and counts are made from the public view only.
"""


def notice_text(exemption: Exemption) -> Text:
    """The notice left in place of withheld text."""
    return Text((Span(exemption.notice, SpanKind.NOTICE, exemption),))


def statement_text(exemption: Exemption) -> Text:
    """The statement left in place of a withheld section, appendix or paper."""
    return Text((Span(exemption.statement, SpanKind.NOTICE, exemption),))


@attrs.frozen(kw_only=True)
class Exemptable(ABC):
    """A mapping in a record; ``exempt`` marks everything inside it as exempt."""

    exempt: Exemption | None = None

    shorthand: ClassVar[str | None] = None
    """The field a bare string fills when the record gives text instead of a mapping."""
    list_shorthand: ClassVar[str | None] = None
    """The field a bare list fills when the record gives a list instead of a mapping."""

    @classmethod
    def prepare(cls, value: object) -> object:
        """The record's mapping as the fields expect it (a class may accept shorthands)."""
        return value

    @abstractmethod
    def withheld(self) -> Self:
        """What the public view shows instead of this exempt mapping."""

    def problems(self) -> Iterator[tuple[str | None, str]]:
        """Checks across fields, as (field or None, message); loading locates them."""
        return iter(())


@attrs.frozen(kw_only=True)
class Person(Exemptable):
    """Somebody named in a paper: a report author, a peer, a member."""

    name: Text
    job_title: Text | None = None

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(name=notice_text(self.exempt), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Sender(Exemptable):
    """The body a letter is from (the LGA, a council) and its postal address: printed at
    the top right of the letter's first page, as its letterhead, in place of the house's.

    An exempt sender keeps nothing, like a person: its name is the notice, its address
    goes. A letter's sender is a public body, yet its name is only text the record gave,
    and ``withheld()`` never copies exempt values across.
    """

    name: Text
    address: tuple[Text, ...] = ()

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(name=notice_text(self.exempt), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Contact(Exemptable):
    """The contact officer in a paper's header block."""

    name: Text
    telephone: Text | None = None
    email: Text | None = None

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(name=notice_text(self.exempt), exempt=self.exempt)


@attrs.frozen
class Gather:
    """Which other records a record draws in: every record of ``kind`` (whose ``field``
    equals ``value``, when given). A year's commissions, all open concern cases…"""

    kind: str
    field: str | None = None
    value: object = None
    required: bool = False
    """Whether gathering nothing is an error: a year's commission set with no commissions
    is a records folder that is not the one meant; a radar with no open case, or a case
    with no radar yet, is not."""

    def matches(self, model: object) -> bool:
        if getattr(model, "kind", None) != self.kind:
            return False
        return self.field is None or getattr(model, self.field, None) == self.value


@attrs.frozen
class Reference:
    """A record this one refers to by id: the field naming it, and the kind it must be."""

    field: str
    record_id: str
    kind: str | None = None


class Model(Exemptable):
    """A record kind's top-level model: its ``kind`` name and how it is withheld."""

    kind: ClassVar[str]
    default_public_interest: ClassVar[str | None] = None
    """Why the fields this kind makes exempt by default are withheld (for the register)."""

    def references(self) -> list[Reference]:
        """The records this one names by id (each must exist, and be of its kind)."""
        return []

    def gathers(self) -> Gather | None:
        """The records this one draws in, for papers made from many records."""
        return None

    def warnings(self, related: Sequence[Model]) -> Iterator[tuple[str | None, str]]:
        """Domain checks that warn (never stop a build), given the records drawn in."""
        return iter(())

    def shown(self, related: Sequence[Model]) -> Sequence[Model]:
        """Those of ``related`` whose content this record's papers show (all, unless a
        kind draws some in only to work something out from them, as a year's
        commissions consult earlier years to count a lead's years)."""
        return related
