"""Bar charts drawn as PNG from a chart's data, the same picture for Word and PDF.

Drawn with Pillow (already needed by WeasyPrint) and the shipped Liberation Sans,
so a chart looks the same on every machine and the same data gives the same bytes.
The labels drawn are the view's: a public chart is drawn from public data only.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

import attrs
from PIL import Image, ImageDraw, ImageFont

from docgen.exempt import SpanKind, Text
from docgen.fonts import FONT_FILES, FONTS

WIDTH, HEIGHT = 1600, 900
"""Pixels: 16 cm by 9 cm at 254 dpi, sharp in print and on screen."""
DPI = 254
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#404040")
"""Dark, distinct, and readable by people with the common colour-vision deficiencies."""


@attrs.frozen
class ChartData:
    """What a bar chart shows, as plain strings and numbers."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = FONT_FILES[("bold" if bold else "normal", "normal")]
    return ImageFont.truetype(str(FONTS / name), size)


def _ticks(highest: int) -> list[int]:
    """Whole-number gridlines, at most about six of them."""
    step = max(1, math.ceil(max(highest, 1) / 6))
    return list(range(0, max(highest, 1) + step, step))


def bar_chart_png(data: ChartData) -> bytes:
    """The chart as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    title_font, label_font, small_font = _font(44, bold=True), _font(32), _font(28)
    draw.text((40, 24), data.title, font=title_font, fill="black")

    legend_height = 60 if len(data.series) > 1 else 0
    left, right, top, bottom = 130, WIDTH - 40, 150 + legend_height, HEIGHT - 130
    highest = max((v for _, values in data.series for v in values), default=0)
    ticks = _ticks(highest)
    scale = (bottom - top) / ticks[-1]
    for tick in ticks:
        y = bottom - tick * scale
        draw.line((left, y, right, y), fill="#d9d9d9", width=2)
        draw.text((left - 20, y), str(tick), font=small_font, fill="black", anchor="rm")
    draw.line((left, top, left, bottom), fill="black", width=3)
    draw.line((left, bottom, right, bottom), fill="black", width=3)

    slot = (right - left) / max(len(data.categories), 1)
    bar = slot * 0.7 / max(len(data.series), 1)
    for index, category in enumerate(data.categories):
        start = left + index * slot + slot * 0.15
        for number, (_, values) in enumerate(data.series):
            x0 = start + number * bar
            height = values[index] * scale
            draw.rectangle(
                (x0, bottom - height, x0 + max(bar - 4, 1), bottom),
                fill=COLOURS[number % len(COLOURS)],
            )
            draw.text(
                (x0 + bar / 2, bottom - height - 8),
                str(values[index]),
                font=small_font,
                fill="black",
                anchor="md",
            )
        label = "\n".join(textwrap.wrap(category, width=max(8, int(slot / 17)))[:3])
        draw.multiline_text(
            (left + (index + 0.5) * slot, bottom + 16),
            label,
            font=small_font,
            fill="black",
            anchor="ma",
            align="center",
        )

    if len(data.series) > 1:
        x: float = left
        for number, (name, _) in enumerate(data.series):
            draw.rectangle((x, 100, x + 36, 136), fill=COLOURS[number % len(COLOURS)])
            draw.text((x + 48, 118), name, font=label_font, fill="black", anchor="lm")
            x += 48 + draw.textlength(name, font=label_font) + 60

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False)
    return buffer.getvalue()


def chart_data(
    title: object, categories: Sequence[object], series: Sequence[tuple[object, Sequence[int]]]
) -> ChartData:
    """Chart data from any text-like values (record `Text` included)."""
    return ChartData(
        str(title),
        tuple(str(c) for c in categories),
        tuple((str(name), tuple(values)) for name, values in series),
    )


def chart_png(chart: Any) -> bytes:
    """The PNG for a chart block (anything with title, categories and series).

    The title drawn leaves out notices: what a public chart withholds is said in its
    caption and alt text, where a reader (and a screen reader) finds it as text.
    """
    series = [(s.name, s.values) for s in chart.series]
    title = chart.title
    if isinstance(title, Text):
        title = "".join(s.text for s in title.spans if s.kind != SpanKind.NOTICE)
    return bar_chart_png(chart_data(title, chart.categories, series))


@attrs.frozen
class TimelineData:
    """A Gantt-style timetable: each activity's label, first and last day, and wording."""

    title: str
    rows: tuple[tuple[str, date, date, str], ...]


def timeline_png(data: TimelineData) -> bytes:
    """A horizontal bar per activity across the months it spans, as PNG bytes."""
    label_font, small_font, title_font = _font(30), _font(26), _font(44, bold=True)
    height = 170 + 64 * len(data.rows) + 60
    image = Image.new("RGB", (WIDTH, max(height, 400)), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 24), data.title, font=title_font, fill="black")
    first = min(start for _, start, _, _ in data.rows).replace(day=1)
    last = max(end for _, _, end, _ in data.rows)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    left, right, top = 600, WIDTH - 40, 150
    span = (date(last.year + (last.month == 12), last.month % 12 + 1, 1) - first).days
    scale = (right - left) / max(span, 1)
    for index in range(months):
        year, month = (
            first.year + (first.month - 1 + index) // 12,
            (first.month - 1 + index) % 12 + 1,
        )
        x = left + (date(year, month, 1) - first).days * scale
        draw.line((x, top - 10, x, top + 64 * len(data.rows)), fill="#d9d9d9", width=2)
        if months <= 18 or index % 2 == 0:
            draw.text(
                (x + 4, top - 14),
                f"{date(year, month, 1):%b}\n{year % 100:02d}",
                font=small_font,
                fill="black",
                anchor="ld",
            )
    for row, (label, start, end, _written) in enumerate(data.rows):
        y = top + 64 * row
        shown = label if len(label) <= 34 else label[:33] + "…"
        draw.text((40, y + 26), shown, font=label_font, fill="black", anchor="lm")
        x0 = left + (start - first).days * scale
        x1 = left + ((end - first).days + 1) * scale
        draw.rectangle((x0, y + 8, max(x1, x0 + 8), y + 46), fill=COLOURS[0])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False)
    return buffer.getvalue()


def timeline_description(data: TimelineData) -> str:
    """The timetable in words: the alt text of its chart."""
    return (
        f"Gantt chart, {data.title}: "
        + "; ".join(f"{label}, {written}" for label, _, _, written in data.rows)
        + "."
    )
