"""Every exempt value of a record replaced by another, for `docgen.verify`.

A public paper must not depend on exempt data. To test that, the record is changed
in exactly the values its public view withholds — the same values the leak scan
looks for (`docgen.views.exempt_values`): marked phrases, everything inside an exempt
mapping except the facts marked always public, and the fields a kind makes exempt
by default — and nowhere else. The change is made on the loaded, validated data, so
the result is still a valid record:

* text keeps its spans (marks, kinds, paragraphs of Schedule 12A), its white space and
  punctuation; each word and number is replaced by another of a different length
  (shorter in one variant, longer in the other), made of letters that no public text
  is likely to hold;
* dates move by a fixed number of days (order between them is kept), numbers grow,
  timetable dates move by whole years and are read again as officers write them.

Replacement is a function of the value alone, word by word, so the same exempt
value — in this record or in one it refers to or gathers — becomes the same
replacement everywhere, and a paper that compares values sees them compare alike.
A value whose every change would make the record invalid (a commission's period,
which the rules fix from its public year) is held as it is, and said so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from enum import Enum
from typing import Any

import attrs

from docgen.exempt import SpanKind, Text
from docgen.models.base import ALWAYS_PUBLIC_KEY, EXEMPT_BY_DEFAULT, Exemptable, Model
from docgen.views import exempt_values
from docgen.when import When, WhenError, parse_when


class Variant(Enum):
    """Two ways to replace every exempt value, so a paper that reads lengths is caught."""

    SHORTER = "shorter"
    LONGER = "longer"


DAYS = {Variant.SHORTER: -383, Variant.LONGER: 761}
"""How far each variant moves an exempt date: a different year, month and weekday."""
YEARS = {Variant.SHORTER: -1, Variant.LONGER: 2}
"""How far each variant moves an exempt timetable date ("Early June 2018")."""
_RUN = re.compile(r"[^\W\d_]+|\d+")
_FIRST = "qxzj"
_REST = "bcdfghjklmnpqrstvwxz"
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def _digest(variant: Variant, value: str) -> bytes:
    return hashlib.sha256(f"{variant.value}\0{value}".encode()).digest()


def _length(variant: Variant, length: int) -> int:
    if variant is Variant.SHORTER:
        return max(1, length // 2)
    return length + 2 + length // 2


def _word(variant: Variant, word: str) -> str:
    """Another word of another length, with the first letter's case (and the word's
    capitals, if it is all capitals)."""
    digest = _digest(variant, word)
    length = _length(variant, len(word))
    letters = [_FIRST[digest[0] % len(_FIRST)]]
    letters += [_REST[digest[(i % 31) + 1] % len(_REST)] for i in range(1, length)]
    made = "".join(letters)
    if word.isupper() and len(word) > 1:
        return made.upper()
    return made.capitalize() if word[0].isupper() else made


def _number(variant: Variant, digits: str) -> str:
    digest = _digest(variant, digits)
    length = _length(variant, len(digits))
    made = "".join(str(digest[i % 32] % 10) for i in range(length))
    if made == digits:  # a single digit that hashed to itself
        made = str((int(digits) + 1) % 10)
    return made


def replace_words(variant: Variant, text: str) -> str:
    """``text`` with each word and number replaced; white space and punctuation kept."""

    def one(match: re.Match[str]) -> str:
        run = match.group(0)
        return _number(variant, run) if run.isdigit() else _word(variant, run)

    replaced = _RUN.sub(one, text)
    if replaced == text:  # no word or number in it ("–"): still make it another value
        replaced = _word(variant, "Xx") + text
    return replaced


def move_date(variant: Variant, day: date) -> date:
    try:
        return day + timedelta(days=DAYS[variant])
    except OverflowError:
        return day - timedelta(days=DAYS[variant])


def _years_later(years: int) -> Callable[[re.Match[str]], str]:
    return lambda match: str(int(match.group(0)) + years)


def move_when(variant: Variant, when: When) -> When:
    """A timetable date moved by whole years, still written as the officer wrote it
    (by four years if the nearer year lacks the day: 29 February)."""
    for years in (YEARS[variant], 4 if YEARS[variant] > 0 else -4):
        written = _YEAR.sub(_years_later(years), when.written)
        try:
            return parse_when(written)
        except (WhenError, ValueError):
            continue
    return when  # not one it can move and read again: held, and said so


def move_number(variant: Variant, number: int) -> int:
    return number + 1 if variant is Variant.SHORTER else number * 2 + 3


@attrs.define
class _Walk:
    """One pass over a record, replacing the exempt values ``chosen`` picks."""

    variant: Variant
    chosen: Callable[[str], bool]
    exempt: dict[str, set[str]]
    """The exempt texts of each field, as `exempt_values` finds them: which values are
    exempt is decided there, once, for the scan, the checks and this alike."""
    skip: frozenset[str]
    """Fields never replaced: the ids of records referred to (they name files)."""
    held: frozenset[str] = frozenset()
    """Fields left as they are because replacing what is under them fails a check."""
    replaced: list[str] = attrs.field(factory=list)
    unvaried: list[str] = attrs.field(factory=list)
    """Exempt values it found no other valid value for (held as they are)."""

    def value(self, value: Any, field: str, inherited: bool) -> Any:
        if isinstance(value, Text):
            return self.text(value, field)
        if isinstance(value, tuple):
            items = tuple(
                self.value(item, f"{field}[{index}]", inherited) for index, item in enumerate(value)
            )
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        if isinstance(value, When):
            exempt = any(f"{field}.{part}" in self.exempt for part in ("written", "start", "end"))
            return self.leaf(value, field, exempt, lambda v: move_when(self.variant, v))
        if isinstance(value, date):
            exempt = field in self.exempt
            return self.leaf(value, field, exempt, lambda v: move_date(self.variant, v))
        if isinstance(value, bool):
            return value
        if isinstance(value, int):  # no text for the scan: exempt by the same rule, here
            return self.leaf(value, field, inherited, lambda v: move_number(self.variant, v))
        if isinstance(value, str):
            exempt = field in self.exempt and field not in self.skip
            return self.leaf(value, field, exempt, lambda v: replace_words(self.variant, v))
        if not attrs.has(type(value)):
            return value
        return self.mapping(value, field, inherited)

    def picks(self, field: str) -> bool:
        return self.chosen(field) and not _under(field, self.held)

    def leaf(self, value: Any, field: str, exempt: bool, change: Callable[[Any], Any]) -> Any:
        if not exempt or not self.picks(field):
            return value
        new = change(value)
        (self.replaced if new != value else self.unvaried).append(field)
        return new

    def text(self, value: Text, field: str) -> Text:
        texts = self.exempt.get(field)
        if texts is None or not self.picks(field):
            return value
        whole = str(value) in texts  # all of it exempt, not only its marked phrases
        spans = tuple(
            attrs.evolve(span, text=replace_words(self.variant, span.text))
            if whole or span.kind == SpanKind.EXEMPT
            else span
            for span in value.spans
        )
        self.replaced.append(field)
        return Text(spans)

    def mapping(self, value: Any, field: str, inherited: bool) -> Any:
        inside = inherited or (isinstance(value, Exemptable) and value.exempt is not None)
        changes = {}
        for attribute in attrs.fields(type(value)):
            if attribute.name == "exempt":
                continue
            name = f"{field}.{attribute.name}" if field else attribute.name
            default = bool(attribute.metadata.get(EXEMPT_BY_DEFAULT))
            public = bool(attribute.metadata.get(ALWAYS_PUBLIC_KEY))
            current = getattr(value, attribute.name)
            new = self.value(current, name, (inside and not public) or default)
            if new is not current:
                changes[attribute.name] = new
        return attrs.evolve(value, **changes) if changes else value


def problems_in(value: Any, field: str = "") -> Iterator[str]:
    """The fields whose checks fail (`Exemptable.problems`), as loading would find them."""
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from problems_in(item, f"{field}[{index}]")
        return
    if not attrs.has(type(value)):
        return
    if isinstance(value, Exemptable):
        for name, _message in value.problems():
            yield f"{field}.{name}" if field and name else (name or field)
    for attribute in attrs.fields(type(value)):
        name = f"{field}.{attribute.name}" if field else attribute.name
        yield from problems_in(getattr(value, attribute.name), name)


def _under(field: str, held: frozenset[str]) -> bool:
    return any(not h or field == h or field.startswith((f"{h}.", f"{h}[")) for h in held)


@attrs.frozen
class Perturbed:
    """A record's data with its exempt values replaced; which were, and which were held."""

    data: Model
    replaced: tuple[str, ...]
    held: tuple[str, ...]


def perturb(
    data: Model, variant: Variant, chosen: Callable[[str], bool] = lambda _field: True
) -> Perturbed:
    """``data`` with every exempt value that ``chosen`` picks replaced, still valid.

    Where replacing makes a check fail, the values under the failing field are held
    as they were and the record is perturbed again.
    """
    skip = frozenset(reference.field for reference in data.references())
    exempt: dict[str, set[str]] = {}
    for found in exempt_values(data):
        exempt.setdefault(found.field, set()).add(found.text)
    before = set(problems_in(data))
    held: set[str] = set()
    while True:
        walk = _Walk(variant, chosen, exempt, skip, frozenset(held))
        new = walk.value(data, "", False)
        failing = set(problems_in(new)) - before
        if not failing:
            return Perturbed(new, tuple(walk.replaced), tuple(sorted(held | set(walk.unvaried))))
        if failing <= held:  # cannot be made valid by holding more: hold everything
            return Perturbed(data, (), ("",))
        held |= failing
