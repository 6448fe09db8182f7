"""Paragraphs and what they may carry (bullets, quotations, tables, charts).

A chart is data, not a picture: builders draw it from the view they are given, so
the chart in a public paper is drawn from public data only, and its alt text (when
the record gives none) is written from the same data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

import attrs

from docgen.chart_numbers import written
from docgen.exempt import Exemption, Span, SpanKind, Text, merge_exemptions
from docgen.limits import MAX_BARS, MAX_CATEGORIES, MAX_SERIES
from docgen.models.base import NON_EMPTY, Exemptable, notice_text, statement_text


@attrs.frozen(kw_only=True)
class TableRow(Exemptable):
    """One row of a table; in a record a list of cells, or a mapping with ``cells``."""

    list_shorthand = "cells"

    cells: tuple[Text, ...] = attrs.field(metadata=NON_EMPTY)

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            cells=tuple(notice_text(self.exempt) for _ in self.cells), exempt=self.exempt
        )


@attrs.frozen(kw_only=True)
class Table(Exemptable):
    """A table with a caption, column headings and rows."""

    caption: Text
    columns: tuple[Text, ...] = attrs.field(metadata=NON_EMPTY)
    rows: tuple[TableRow, ...] = attrs.field(metadata=NON_EMPTY)

    def problems(self) -> Iterator[tuple[str | None, str]]:
        for index, row in enumerate(self.rows):
            if len(row.cells) != len(self.columns):
                yield (
                    "rows",
                    (f"row {index + 1} has {len(row.cells)} cells for {len(self.columns)} columns"),
                )

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            caption=statement_text(self.exempt), columns=(), rows=(), exempt=self.exempt
        )


@attrs.frozen(kw_only=True)
class Series(Exemptable):
    """One set of bars in a chart: a name and a value per category.

    A value is a whole number or a decimal (64.5); finite and within the limits.
    """

    name: Text
    values: tuple[float, ...] = attrs.field(metadata=NON_EMPTY)

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            name=notice_text(self.exempt), values=(0,) * len(self.values), exempt=self.exempt
        )


@attrs.frozen(kw_only=True)
class Chart(Exemptable):
    """A bar chart: categories along the bottom, one bar per series in each."""

    title: Text
    alt: Text | None = None
    categories: tuple[Text, ...] = attrs.field(metadata=NON_EMPTY)
    series: tuple[Series, ...] = attrs.field(metadata=NON_EMPTY)

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if len(self.categories) > MAX_CATEGORIES:
            yield (
                "categories",
                f"{len(self.categories)} categories; a chart can show at most {MAX_CATEGORIES} "
                "readably (use a table for more)",
            )
        if len(self.series) > MAX_SERIES:
            yield (
                "series",
                f"{len(self.series)} series; a chart can show at most {MAX_SERIES} readably "
                "(use a table for more)",
            )
        elif len(self.series) * len(self.categories) > MAX_BARS:
            yield (
                "series",
                f"{len(self.series)} series of {len(self.categories)} categories make "
                f"{len(self.series) * len(self.categories)} bars; a chart can show at most "
                f"{MAX_BARS} readably (use a table for more)",
            )
        for index, series in enumerate(self.series):
            if len(series.values) != len(self.categories):
                yield (
                    "series",
                    (
                        f"series {index + 1} has {len(series.values)} values for "
                        f"{len(self.categories)} categories"
                    ),
                )
            if any(value < 0 for value in series.values):
                yield "series", f"series {index + 1} has a negative value; bars count things"

    @property
    def description(self) -> str:
        """The alt text: the record's own, or the data in words."""
        if self.alt is not None:
            return str(self.alt)
        if all(span.kind == SpanKind.NOTICE for span in self.title.spans):
            return f"Bar chart not shown. {self.title}"  # withheld whole: nothing to describe
        parts = []
        for series in self.series:
            counts = ", ".join(
                f"{category} {written(value)}"
                for category, value in zip(self.categories, series.values, strict=True)
            )
            parts.append(f"{series.name}: {counts}" if len(self.series) > 1 else counts)
        return f"Bar chart, {str(self.title).rstrip('.')}. " + "; ".join(parts) + "."

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            title=statement_text(self.exempt),
            categories=(notice_text(self.exempt),),
            series=(Series(name=notice_text(self.exempt), values=(0,)),),
            exempt=self.exempt,
        )

    def noted(self, viewed: Self) -> Self:
        """The public view of this chart (``viewed``), saying in its title what it withholds.

        A chart is a picture, so a notice drawn in it is no notice at all: the title
        (the caption, and the alt text written from it) says which categories, series
        or alt text are withheld and why — by position, never by content. A withheld
        series is left out rather than drawn as bars of nought; with every series
        withheld there is nothing left to draw, and the chart is withheld whole.
        """
        parts: list[str] = []
        found: list[Exemption] = []
        for index, category in enumerate(self.categories):
            if category.has_exempt:
                parts.append(f"the name of category {index + 1}")
                found.extend(category.exemptions)
        kept = []
        for index, (series, shown) in enumerate(zip(self.series, viewed.series, strict=True)):
            if series.exempt is not None:
                parts.append(f"series {index + 1}")
                found.append(series.exempt)
                continue
            if series.name.has_exempt:
                parts.append(f"the name of series {index + 1}")
                found.extend(series.name.exemptions)
            kept.append(shown)
        withheld_alt = self.alt is not None and self.alt.has_exempt
        if withheld_alt:
            parts.append("the alt text")
            found.extend(self.alt.exemptions if self.alt is not None else ())
        exemption = merge_exemptions(found)
        if exemption is None:
            return viewed
        if not kept:
            return attrs.evolve(self, exempt=exemption).withheld()
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        note = Span(
            f" – withheld from this chart: {listed} ({exemption.paragraph_words} of Schedule 12A)",
            SpanKind.NOTICE,
            exemption,
        )
        return attrs.evolve(
            viewed,
            title=Text((*viewed.title.spans, note)),
            series=tuple(kept),
            alt=None if withheld_alt else viewed.alt,
        )


@attrs.frozen(kw_only=True)
class Paragraph(Exemptable):
    """A numbered paragraph; it may hold bullets, a quotation and text after them.

    In a record a paragraph is either plain text or a mapping with ``text``.
    """

    shorthand = "text"

    text: Text
    bullets: tuple[Text, ...] = ()
    quote: Text | None = None
    table: Table | None = None
    chart: Chart | None = None
    continued: Text | None = None

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(text=notice_text(self.exempt), exempt=self.exempt)
