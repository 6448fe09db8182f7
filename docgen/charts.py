"""Bar charts and timetables drawn as PNG from their data, the same picture for Word and PDF.

Drawn with Pillow (already needed by WeasyPrint) and the shipped Liberation Sans,
so a chart looks the same on every machine and the same data gives the same bytes.
The labels drawn are the view's: a public chart is drawn from public data only.

A chart is first laid out as a `Scene` (every word and box and where it goes), then
drawn; the layout can therefore be checked without reading pixels. The rules it keeps:

* no title in the picture: the paper prints the chart's title as its caption, as text
  that a screen reader reads and the leak scan sees, so it is said once;
* every label whole: legends and labels wrap onto more lines and the picture grows to
  hold them (only a label beyond any sensible length ends in "…" after a few lines);
* the palette is greys with hatching, told apart by lightness and pattern: it reads in
  black-and-white print and to colour-blind readers, and gives no party its colour;
* an empty bar is drawn as nothing and labelled with nothing; the axis has a few round
  ticks (whole numbers for counts) and values may have decimals.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_CEILING, Decimal
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import attrs
from PIL import Image, ImageDraw, ImageFont

from docgen.chart_numbers import exact, is_whole, places, shared_places, written
from docgen.fonts import FONT_FILES, FONTS

WIDTH = 1600
"""Pixels across: 16 cm at 254 dpi, sharp in print and on screen. The height follows
from what the picture holds."""
DPI = 254
MARGIN = 24
INK = "#000000"
GRID = "#d9d9d9"
OUTLINE = "#262626"


@attrs.frozen
class Fill:
    """How one series is painted: a grey, and a pattern drawn over it in ``ink``."""

    grey: str
    pattern: str = "solid"
    ink: str = OUTLINE


PALETTE = (
    Fill("#262626"),
    Fill("#a6a6a6"),
    Fill("#ffffff", "diagonal"),
    Fill("#666666"),
    Fill("#ffffff", "dots"),
    Fill("#d9d9d9"),
    Fill("#a6a6a6", "back-diagonal"),
    Fill("#ffffff", "cross"),
    Fill("#666666", "diagonal", "#ffffff"),
    Fill("#d9d9d9", "horizontal"),
    Fill("#ffffff", "vertical"),
    Fill("#262626", "dots", "#ffffff"),
)
"""One fill per series, as many as a chart may have (`docgen.limits.MAX_SERIES`), no two
alike: neighbours differ most in lightness, later ones by pattern too. Greys only, so a
cross-party body never sees a party's colour given to a party or to its rival."""


@attrs.frozen
class Words:
    """One line of text drawn; ``role`` says what it labels (for checking the layout).

    ``upright`` text reads from bottom to top, its end at (``x``, ``y``), centred on ``x``.
    """

    role: str
    text: str
    x: float
    y: float
    size: int
    anchor: str
    upright: bool = False


@attrs.frozen
class Box:
    """A filled rectangle: a bar or a legend key."""

    role: str
    box: tuple[float, float, float, float]
    fill: Fill


@attrs.frozen
class Rule:
    """A straight line: an axis or a gridline."""

    points: tuple[float, float, float, float]
    colour: str
    width: int


@attrs.frozen
class Scene:
    """Everything a picture shows, and where: drawn by `png`."""

    width: int
    height: int
    words: tuple[Words, ...]
    boxes: tuple[Box, ...]
    rules: tuple[Rule, ...]

    def png(self) -> bytes:
        """The scene as PNG bytes, the same bytes for the same scene."""
        image = Image.new("RGB", (self.width, self.height), "white")
        draw = ImageDraw.Draw(image)
        for rule in self.rules:
            draw.line(rule.points, fill=rule.colour, width=rule.width)
        for box in self.boxes:
            _paint(image, box.box, box.fill)
        for words in self.words:
            if words.upright:
                _draw_upright(image, words)
                continue
            draw.text(
                (words.x, words.y),
                words.text,
                font=_font(words.size),
                fill=INK,
                anchor=words.anchor,
            )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False)
        return buffer.getvalue()


SVG_WIDTH_MM = 160
"""How wide a chart is printed: the picture's width across the PDF's text."""
SVG_FAMILY = "Liberation Sans"
"""The family the PDF embeds (docgen/fonts), in which the scene's words were measured."""
SVG_STEP = 18
"""Pixels between the lines (or dots) of a pattern, as in the PNG."""
SVG_PATTERNS = {
    "diagonal": '<path d="M-9,9 l18,-18 M0,18 l18,-18 M9,27 l18,-18" stroke="{ink}" stroke-width="4"/>',
    "back-diagonal": '<path d="M-9,9 l18,18 M0,0 l18,18 M9,-9 l18,18" stroke="{ink}" stroke-width="4"/>',
    "cross": '<path d="M-9,9 l18,-18 M0,18 l18,-18 M9,27 l18,-18 M-9,9 l18,18 M0,0 l18,18 '
    'M9,-9 l18,18" stroke="{ink}" stroke-width="4"/>',
    "horizontal": '<path d="M0,9 h18" stroke="{ink}" stroke-width="4"/>',
    "vertical": '<path d="M9,0 v18" stroke="{ink}" stroke-width="4"/>',
    "dots": '<circle cx="9" cy="9" r="4" fill="{ink}"/>',
}
"""The tile of each pattern, drawn over a bar's grey: the same marks the PNG paints."""


def scene_svg(scene: Scene) -> str:
    """The scene as SVG, for the PDF: vector bars and rules, and words as real text in
    the embedded font, so they print sharp, can be selected and read out, and the leak
    scan reads them as it reads the rest of the page. The same scene as the PNG Word
    shows, so both formats show the same chart; the same scene gives the same text."""
    fills = sorted({box.fill for box in scene.boxes if box.fill.pattern != "solid"}, key=repr)
    pattern_ids = {fill: f"pattern{number}" for number, fill in enumerate(fills)}
    defs = "".join(
        f'<pattern id="{pattern_ids[fill]}" width="{SVG_STEP}" height="{SVG_STEP}" '
        f'patternUnits="userSpaceOnUse"><rect width="{SVG_STEP}" height="{SVG_STEP}" '
        f'fill="{fill.grey}"/>{SVG_PATTERNS[fill.pattern].format(ink=fill.ink)}</pattern>'
        for fill in fills
    )
    parts = [
        f'<line x1="{_n(a)}" y1="{_n(b)}" x2="{_n(c)}" y2="{_n(d)}" stroke="{rule.colour}" '
        f'stroke-width="{rule.width}"/>'
        for rule in scene.rules
        for a, b, c, d in (rule.points,)
    ]
    for box in scene.boxes:
        x0, y0, x1, y1 = box.box
        if x1 <= x0 or y1 <= y0:
            continue
        paint = box.fill.grey if box.fill not in pattern_ids else f"url(#{pattern_ids[box.fill]})"
        parts.append(
            f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(x1 - x0)}" height="{_n(y1 - y0)}" '
            f'fill="{paint}" stroke="{OUTLINE}" stroke-width="2"/>'
        )
    parts.extend(_svg_words(words) for words in scene.words)
    height_mm = SVG_WIDTH_MM * scene.height / scene.width
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH_MM}mm" '
        f'height="{height_mm:.2f}mm" viewBox="0 0 {scene.width} {scene.height}">'
        f'<defs>{defs}</defs><rect width="{scene.width}" height="{scene.height}" fill="white"/>'
        f'<g font-family="{SVG_FAMILY}" fill="{INK}">{"".join(parts)}</g></svg>'
    )


def _n(value: float) -> str:
    """A coordinate, short and always the same for the same value."""
    return f"{value:.1f}".removesuffix(".0")


SVG_ANCHORS = {"l": "start", "m": "middle", "r": "end"}


def _svg_words(words: Words) -> str:
    """One line of text where Pillow's anchor puts it: SVG places text by its baseline,
    so the baseline is found from the font's ascent and descent."""
    ascent, descent = _font(words.size).getmetrics()
    text = xml_escape(words.text)
    if words.upright:
        # Turned a quarter to the left, its end at (x, y), its line centred on x.
        baseline = words.x - _line_height(words.size) / 2 + ascent
        return (
            f'<text transform="translate({_n(baseline)} {_n(words.y)}) rotate(-90)" '
            f'font-size="{words.size}" text-anchor="end">{text}</text>'
        )
    horizontal, vertical = words.anchor[0], words.anchor[1]
    offset = {"a": ascent, "t": ascent, "m": (ascent - descent) / 2, "s": 0, "b": -descent}
    y = words.y + offset.get(vertical, -descent)
    return (
        f'<text x="{_n(words.x)}" y="{_n(y)}" font-size="{words.size}" '
        f'text-anchor="{SVG_ANCHORS[horizontal]}">{text}</text>'
    )


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / FONT_FILES[("normal", "normal")]), size)


def _draw_upright(image: Image.Image, words: Words) -> None:
    """Text turned a quarter to the left, for labels too many to stand side by side."""
    font = _font(words.size)
    tile = Image.new("L", (math.ceil(font.getlength(words.text)) + 2, _line_height(words.size)))
    ImageDraw.Draw(tile).text((0, 0), words.text, font=font, fill=255, anchor="la")
    turned = tile.rotate(90, expand=True)
    corner = (round(words.x - turned.width / 2), round(words.y))
    image.paste(Image.new("RGB", turned.size, INK), corner, turned)


def _line_height(size: int) -> int:
    return round(size * 1.25)


def _paint(image: Image.Image, box: tuple[float, float, float, float], fill: Fill) -> None:
    """A rectangle in ``fill``'s grey and pattern, outlined so a pale one still shows."""
    x0, y0, x1, y1 = (round(v) for v in box)
    width, height = x1 - x0, y1 - y0
    if width <= 0 or height <= 0:
        return
    tile = Image.new("RGB", (width, height), fill.grey)
    draw = ImageDraw.Draw(tile)
    step = 18
    if fill.pattern in ("diagonal", "cross"):
        for k in range(-height, width, step):
            draw.line((k, height, k + height, 0), fill=fill.ink, width=4)
    if fill.pattern in ("back-diagonal", "cross"):
        for k in range(-height, width, step):
            draw.line((k, 0, k + height, height), fill=fill.ink, width=4)
    if fill.pattern == "horizontal":
        for y in range(step // 2, height, step):
            draw.line((0, y, width, y), fill=fill.ink, width=4)
    if fill.pattern == "vertical":
        for x in range(step // 2, width, step):
            draw.line((x, 0, x, height), fill=fill.ink, width=4)
    if fill.pattern == "dots":
        for row, y in enumerate(range(step // 2, height, step)):
            for x in range(step // 2 + (row % 2) * step // 2, width, step):
                draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=fill.ink)
    image.paste(tile, (x0, y0))
    ImageDraw.Draw(image).rectangle((x0, y0, x1, y1), outline=OUTLINE, width=2)


def wrap(text: str, size: int, width: float, most: int) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels at ``size``, whole words kept.

    A word wider than a line is broken where it must be. Past ``most`` lines (only a label
    far longer than any chart needs) the last line ends in "…"; the alt text and the
    paper's table carry every label whole.
    """
    font = _font(size)
    lines: list[str] = []
    for word in text.split():
        while font.getlength(word) > width and len(word) > 1:
            cut = max(1, _fitting(word, font, width))
            if lines and font.getlength(f"{lines[-1]} {word[:cut]}") <= width:
                lines[-1] = f"{lines[-1]} {word[:cut]}"
            else:
                lines.append(word[:cut])
            word = word[cut:]
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
        if len(lines) > most:
            break
    if len(lines) > most:
        last = lines[most - 1]
        while last and font.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines = [*lines[: most - 1], last.rstrip() + " …"]
    return lines or [""]


def _fitting(word: str, font: ImageFont.FreeTypeFont, width: float) -> int:
    """How many of ``word``'s first characters fit in ``width``."""
    low, high = 0, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def ticks(highest: float, whole: bool) -> list[Decimal]:
    """Round gridline values from 0 past ``highest``: steps of 1, 2 or 5 times a power of
    ten, at most five steps and at least two (so a count of 1 is not drawn on a bare 0–1
    axis); whole steps for whole numbers."""
    top = exact(highest) if highest > 0 else Decimal(1)
    for exponent in range(-3, 16):
        for mantissa in (1, 2, 5):
            step = Decimal(mantissa).scaleb(exponent)
            if whole and step < 1:
                continue
            count = int((top / step).to_integral_value(rounding=ROUND_CEILING))
            if count <= 5:
                return [step * n for n in range(max(count, 2) + 1)]
    raise ValueError(f"no axis for {highest}")  # pragma: no cover - limits keep values smaller


@attrs.frozen
class ChartData:
    """What a bar chart shows, as plain strings and numbers (its title is the caption's)."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]


PLOT_HEIGHT = 520
"""Pixels from the axis to the top gridline."""
LEGEND_SIZE, LABEL_SIZE = 30, 28
LEGEND_TEXT_WIDTH = 640
"""A legend entry's text wraps at this width, so two long entries share a row."""
KEY = 36
"""A legend key's side."""
MAX_BAR = 180
"""A bar's greatest width: a chart of few bars is not a wall of ink."""
UPRIGHT_LABEL_LENGTH = 360
"""Where categories are too many for their words to stand side by side, each label is
turned upright, on one line of at most this many pixels."""


def bar_chart_scene(data: ChartData) -> Scene:
    """The layout of a bar chart: legend, axis, bars, labels; as tall as they need."""
    values = [v for _, series in data.series for v in series]
    whole = all(is_whole(v) for v in values)
    gridlines = ticks(max(values, default=0), whole)
    tick_places = 0 if whole else places(gridlines[1])
    tick_words = [written(t, tick_places) for t in gridlines]
    font = _font(LABEL_SIZE)
    left = MARGIN + max(font.getlength(w) for w in tick_words) + 20
    right = WIDTH - MARGIN
    words: list[Words] = []
    boxes: list[Box] = []
    rules: list[Rule] = []

    y: float = MARGIN
    if len(data.series) > 1:
        y = _legend(data, left, right, y, words, boxes) + 24
    top = y + _line_height(LABEL_SIZE) + 8  # room for the value label of the tallest bar
    bottom = top + PLOT_HEIGHT
    scale = PLOT_HEIGHT / float(gridlines[-1])
    for tick, label in zip(gridlines, tick_words, strict=True):
        level = bottom - float(tick) * scale
        if tick:
            rules.append(Rule((left, level, right, level), GRID, 2))
        words.append(Words("tick", label, left - 16, level, LABEL_SIZE, "rm"))
    rules.append(Rule((left, top - 8, left, bottom), INK, 3))
    rules.append(Rule((left, bottom, right, bottom), INK, 3))

    slot = (right - left) / max(len(data.categories), 1)
    bar = min(slot * 0.7 / max(len(data.series), 1), MAX_BAR)
    upright = any(
        font.getlength(word) > slot - 12
        for category in data.categories
        for word in category.split()
    )
    value_places = shared_places(values)
    labelled = all(font.getlength(written(v, value_places)) <= bar + 6 for v in values)
    lowest = bottom + 14
    for index, category in enumerate(data.categories):
        # The category's bars side by side, centred on its label: an empty bar takes no
        # room (nothing to draw, nothing to label), and each bar's fill says its series.
        shown = [n for n, (_, series) in enumerate(data.series) if series[index] > 0]
        start = left + index * slot + (slot - bar * len(shown)) / 2
        for place, number in enumerate(shown):
            value = data.series[number][1][index]
            x0 = start + place * bar
            height = max(float(value) * scale, 3)
            boxes.append(
                Box("bar", (x0, bottom - height, x0 + max(bar - 4, 2), bottom), _fill(number))
            )
            if labelled:
                words.append(
                    Words(
                        "value",
                        written(value, value_places),
                        x0 + (bar - 4) / 2,
                        bottom - height - 6,
                        LABEL_SIZE,
                        "md",
                    )
                )
        centre = left + (index + 0.5) * slot
        if upright:
            (line,) = wrap(category, LABEL_SIZE, UPRIGHT_LABEL_LENGTH, 1)
            words.append(Words("category", line, centre, bottom + 14, LABEL_SIZE, "la", True))
            lowest = max(lowest, bottom + 14 + font.getlength(line) + 2)
            continue
        lines = wrap(category, LABEL_SIZE, slot - 12, 4)
        for row, line in enumerate(lines):
            y_line = bottom + 14 + row * _line_height(LABEL_SIZE)
            words.append(Words("category", line, centre, y_line, LABEL_SIZE, "ma"))
            lowest = max(lowest, y_line + _line_height(LABEL_SIZE))
    return Scene(WIDTH, math.ceil(lowest + MARGIN), tuple(words), tuple(boxes), tuple(rules))


def _legend(
    data: ChartData, left: float, right: float, top: float, words: list[Words], boxes: list[Box]
) -> float:
    """Lay out a key per series, row after row as they fit; returns the legend's foot."""
    font, line = _font(LEGEND_SIZE), _line_height(LEGEND_SIZE)
    x, row_top, row_height = left, top, 0
    for number, (name, _) in enumerate(data.series):
        width = min(LEGEND_TEXT_WIDTH, right - left - KEY - 12)
        lines = wrap(name, LEGEND_SIZE, width, 3)
        entry = KEY + 12 + max(font.getlength(t) for t in lines)
        if x > left and x + entry > right:
            x, row_top, row_height = left, row_top + row_height + 12, 0
        key_top = row_top + (line - KEY) / 2
        boxes.append(Box("key", (x, key_top, x + KEY, key_top + KEY), _fill(number)))
        for row, text in enumerate(lines):
            words.append(
                Words("legend", text, x + KEY + 12, row_top + row * line, LEGEND_SIZE, "la")
            )
        row_height = max(row_height, len(lines) * line)
        x += entry + 44
    return row_top + row_height


def _fill(number: int) -> Fill:
    return PALETTE[number % len(PALETTE)]


@lru_cache(maxsize=64)
def bar_chart_png(data: ChartData) -> bytes:
    """The chart as PNG bytes, drawn once for the Word and the PDF paper, and for the
    full and the public version when they show the same data (the data is the key)."""
    return bar_chart_scene(data).png()


@lru_cache(maxsize=64)
def bar_chart_svg(data: ChartData) -> str:
    """The chart as SVG text, for the PDF: the same scene as `bar_chart_png`."""
    return scene_svg(bar_chart_scene(data))


def chart_data(
    categories: Sequence[object], series: Sequence[tuple[object, Sequence[float]]]
) -> ChartData:
    """Chart data from any text-like values (record `Text` included)."""
    return ChartData(
        tuple(str(c) for c in categories),
        tuple((str(name), tuple(values)) for name, values in series),
    )


def chart_png(chart: Any) -> bytes:
    """The PNG for a chart block (anything with categories and series).

    Its title is not drawn: the paper prints it as the caption, with any notice of what
    a public chart withholds, where a reader (and a screen reader) finds it as text.
    """
    series = [(s.name, s.values) for s in chart.series]
    return bar_chart_png(chart_data(chart.categories, series))


def chart_svg(chart: Any) -> str:
    """The SVG for a chart block: as `chart_png`, with its words as text."""
    series = [(s.name, s.values) for s in chart.series]
    return bar_chart_svg(chart_data(chart.categories, series))


@attrs.frozen
class TimelineData:
    """A Gantt-style timetable: each activity's label, first and last day, and wording.

    The title names it in the alt text; the picture does not draw it (the paper's
    heading above the chart says what it is).
    """

    title: str
    rows: tuple[tuple[str, date, date, str], ...]


TIMELINE_LABEL_WIDTH = 520
"""Pixels for an activity's name, wrapped onto as many lines as it needs (up to three)."""
TIMELINE_SIZE, MONTH_SIZE = 30, 26
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200)
"""Months between labelled gridlines: the fewest that leave each label room."""


def timeline_scene(data: TimelineData) -> Scene:
    """The layout of a timetable: a row per activity, its name wrapped, its bar across
    the months it spans under a row of month labels."""
    first = min(start for _, start, _, _ in data.rows).replace(day=1)
    last = max(end for _, _, end, _ in data.rows)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    left, right = MARGIN + TIMELINE_LABEL_WIDTH + 40, WIDTH - MARGIN
    top = MARGIN + 2 * _line_height(MONTH_SIZE) + 12
    span = (date(last.year + (last.month == 12), last.month % 12 + 1, 1) - first).days
    scale = (right - left) / max(span, 1)
    words: list[Words] = []
    boxes: list[Box] = []
    rules: list[Rule] = []

    line = _line_height(TIMELINE_SIZE)
    row_top = float(top)
    for label, start, end, _written in data.rows:
        lines = wrap(label, TIMELINE_SIZE, TIMELINE_LABEL_WIDTH, 3)
        height = max(64, len(lines) * line + 20)
        for number, text in enumerate(lines):
            y = row_top + (height - len(lines) * line) / 2 + number * line
            words.append(Words("activity", text, MARGIN, y, TIMELINE_SIZE, "la"))
        x0 = left + (start - first).days * scale
        x1 = left + ((end - first).days + 1) * scale
        middle = row_top + height / 2
        boxes.append(Box("bar", (x0, middle - 19, max(x1, x0 + 8), middle + 19), PALETTE[0]))
        row_top += height

    per_month = (right - left) / months
    every = next((n for n in MONTH_STEPS if n * per_month >= 64), MONTH_STEPS[-1])
    for index in range(0, months, every):
        year, month = (
            first.year + (first.month - 1 + index) // 12,
            (first.month - 1 + index) % 12 + 1,
        )
        x = left + (date(year, month, 1) - first).days * scale
        rules.append(Rule((x, top - 10, x, row_top), GRID, 2))
        if x + 4 + _font(MONTH_SIZE).getlength(f"{year}") > WIDTH - 4:
            continue  # the last month's label would run off the picture
        words.append(Words("month", f"{date(year, month, 1):%b}", x + 4, MARGIN, MONTH_SIZE, "la"))
        words.append(
            Words("month", f"{year}", x + 4, MARGIN + _line_height(MONTH_SIZE), MONTH_SIZE, "la")
        )
    return Scene(WIDTH, math.ceil(row_top + MARGIN), tuple(words), tuple(boxes), tuple(rules))


def timeline_png(data: TimelineData) -> bytes:
    """A horizontal bar per activity across the months it spans, as PNG bytes."""
    return timeline_scene(data).png()


def timeline_svg(data: TimelineData) -> str:
    """The timetable as SVG text, for the PDF: the same scene as `timeline_png`."""
    return scene_svg(timeline_scene(data))


def timeline_description(data: TimelineData) -> str:
    """The timetable in words: the alt text of its chart."""
    return (
        f"Gantt chart, {data.title}: "
        + "; ".join(f"{label}, {written}" for label, _, _, written in data.rows)
        + "."
    )
