"""What the scan of a finished public paper looks for: the needles.

Every exempt value of the record and of the records its papers show (`Model.shown`),
matched as whole words and as a reader reads text (`docgen.reading`), and each
*distinctive* word of it on its own (`docgen.vocabulary`): a surname, an unusual
word of an exempt paragraph, an amount.

A value that has no distinctive word ("None", "Chair", "Leader", "Details", a date)
is looked for only when nothing that may lawfully be in the paper holds it: the
papers' own wording (templates and the text docgen writes) and the public data the
paper is made from (the public views of the record and of every record it shows,
their dates as papers print them). Finding such a value there is no evidence of a
leak: the paper prints it whatever the exempt data says. A value with a distinctive
word is always looked for: the load-time check (`docgen.repeats`) has already refused
any public text that repeats one, so the public data holds none, and finding one
means the paper got it from somewhere else.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from docgen.builders.environment import long_date
from docgen.reading import spaced
from docgen.views import ExemptValue, exempt_values, plain_texts, public_view
from docgen.vocabulary import PACKAGE_TEMPLATES, Vocabulary, paper_wording

if TYPE_CHECKING:
    from docgen.loading import Record


@attrs.frozen
class ExemptWord(ExemptValue):
    """One distinctive word of an exempt value (the field's), looked for on its own.

    A word is short, so it is never looked for in binary data or page-description code,
    where three letters or digits come up by chance; a word of letters is looked for in
    text, markup and metadata, a number only in text a reader reads (the text of a Word
    part, a PDF's page text): elsewhere numbers are sizes and positions."""


def needles(
    record: Record, references: Sequence[Record], templates: Path = PACKAGE_TEMPLATES
) -> list[ExemptValue]:
    """The values and words to look for in the public papers of ``record``."""
    shown_models = record.data.shown([r.data for r in references])
    shown = [r for r in references if any(r.data is m for m in shown_models)]
    models = [record.data, *(r.data for r in shown)]  # what the paper may print from
    vocabulary = Vocabulary.of(models, templates)
    lawful = _lawful_text(models, templates)
    values = [*exempt_values(record.data)]
    for reference in shown:
        values.extend(
            ExemptValue(f"{reference.id}: {v.field}", v.text) for v in exempt_values(reference.data)
        )
    found: list[ExemptValue] = []
    words_seen: set[tuple[str, str]] = set()
    for value in values:
        distinctive = vocabulary.distinctive_words(value.text)
        if distinctive or spaced(value.text) not in lawful:
            found.append(value)
        for word in distinctive:
            if (value.field, word) not in words_seen:
                words_seen.add((value.field, word))
                found.append(ExemptWord(value.field, word))
    return found


def _lawful_text(models: Sequence[Any], templates: Path) -> str:
    """What a public paper of these records may hold, as one spaced text: the papers'
    wording and the public views' text and dates."""
    pieces = list(paper_wording(templates))
    for model in models:
        public = public_view(model)
        pieces.extend(spaced(text) for _field, text in plain_texts(model))
        for day in _dates(public):
            pieces.extend((spaced(day.isoformat()), spaced(long_date(day))))
    return " ".join(pieces)


def _dates(value: Any) -> Iterator[date]:
    if isinstance(value, date):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _dates(item)
    elif attrs.has(type(value)):
        for attribute in attrs.fields(type(value)):
            yield from _dates(getattr(value, attribute.name))
