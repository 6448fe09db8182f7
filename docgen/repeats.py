"""Exempt text repeated unmarked: the load-time check that the public view holds none.

The public view withholds what is marked. What is *not* marked, it keeps: so a name
marked exempt in one paragraph and typed again, unmarked, in another, or in the
file name, or in another record that the same paper draws on, would reach the public
paper. This check refuses the record first, at the field that repeats it.

Text is compared as a reader reads it (`docgen.reading`), word by word: a repeat is
any *distinctive* word of exempt text (`docgen.vocabulary`) that stands, as a whole
word, in public text or in the id. A whole exempt name repeated is caught by its
distinctive words; so is its surname alone, or one unusual word of an exempt
paragraph, or an amount. Common words, the papers' own wording and the public facts
of the records (council, committee) are no evidence, and are never refused.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from docgen.errors import Problem
from docgen.reading import compact, spaced, words
from docgen.views import ExemptValue, exempt_values, plain_texts
from docgen.vocabulary import Vocabulary

if TYPE_CHECKING:
    from docgen.loading import Record

MIN_COMPACT_LENGTH = 6
"""A name of several words is also looked for run together in an id ("jobloggs")
when it is at least this long so."""


@attrs.frozen
class Repeat:
    """Exempt text (of ``source``) standing unmarked at ``field``."""

    field: str
    source: str
    whole: bool
    """Whether the whole exempt text stands there, not only some of its words."""


def repeats(
    public: Sequence[tuple[str, str]], values: Sequence[ExemptValue], vocabulary: Vocabulary
) -> Iterator[Repeat]:
    """Each public text (field, text) that holds a distinctive word of an exempt value."""
    seen: set[tuple[str, str]] = set()
    texts = [(field, text, set(words(text))) for field, text in public]
    for value in values:
        distinctive = set(vocabulary.distinctive_words(value.text))
        if not distinctive:
            continue
        for field, text, present in texts:
            if distinctive & present and (field, value.field) not in seen:
                seen.add((field, value.field))
                whole = spaced(value.text) in spaced(text)
                yield Repeat(field, value.field, whole)


def in_id(record_id: str, values: Sequence[ExemptValue], vocabulary: Vocabulary) -> list[str]:
    """The fields whose exempt text the id spells: a distinctive word of it; or the whole
    of it, if it has a distinctive word or several words ("health-and-care"), as words
    or run together ("jobloggs"). A single ordinary word ("Leader") spells nothing."""
    id_words, id_spaced, squeezed = set(words(record_id)), spaced(record_id), compact(record_id)
    found = []
    for value in values:
        distinctive = vocabulary.distinctive_words(value.text)
        several = len(words(value.text)) > 1
        together = compact(value.text)
        if (
            set(distinctive) & id_words
            or ((distinctive or several) and spaced(value.text) in id_spaced)
            or (several and len(together) >= MIN_COMPACT_LENGTH and together in squeezed)
        ):
            found.append(value.field)
    return list(dict.fromkeys(found))


def within_record(record_id: str, data: Any) -> Iterator[tuple[str, str]]:
    """(field, message) for each repeat of the record's exempt text in itself or its id."""
    values = list(exempt_values(data))
    if not values:
        return
    vocabulary = Vocabulary.of([data])
    for field in in_id(record_id, values, vocabulary):
        yield "id", _id_message(field)
    for repeat in repeats(list(plain_texts(data)), values, vocabulary):
        yield repeat.field, _message(repeat, repeat.source)


def _id_message(source: str) -> str:
    return (
        f"the record id (file name) contains the exempt text of {source}; ids "
        "appear in the public paper's path, so rename the file"
    )


def _message(repeat: Repeat, source: str) -> str:
    what = "text" if repeat.whole else "a word of the text"
    return (
        f"repeats, unmarked, {what} that {source} marks exempt; the public version would "
        "show it: mark it exempt here too, or rephrase"
    )


def across_records(record: Record, related: Sequence[Record]) -> list[Problem]:
    """Repeats between the records one paper shows: ``record`` and those of ``related``
    it shows (`Model.shown`), each record's public text against the others' exempt text.

    A peer challenge that names, unmarked, someone a Best Value record marks exempt
    reaches the Best Value papers that draw on it: the problem is reported at the field
    of the record that repeats the text.
    """
    shown_models = record.data.shown([r.data for r in related])
    shown = [r for r in related if any(r.data is m for m in shown_models)]
    group = [record, *shown]
    if len(group) < 2:
        return []
    vocabulary = Vocabulary.of([r.data for r in group])
    ids = {r.id for r in group}
    values = {  # a reference names a record by its id: that is the record's name, not text
        r.id: [v for v in exempt_values(r.data) if v.text not in ids] for r in group
    }
    problems = []
    for repeater in group:
        public = list(plain_texts(repeater.data))
        for other in group:
            if other is repeater or not values[other.id]:
                continue
            for field in in_id(repeater.id, values[other.id], vocabulary):
                problems.append(
                    Problem(repeater.path, 1, "id", _id_message(f"{other.id}: {field}"))
                )
            for repeat in repeats(public, values[other.id], vocabulary):
                problems.append(
                    repeater.problem(repeat.field, _message(repeat, f"{other.id}: {repeat.source}"))
                )
    return problems
