"""Charts that read: every legend entry and label whole, one title (the caption), no
"0" on empty bars, round ticks, decimals, and greys that give no party its colour."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from docgen import limits
from docgen.builders.wordml import Media, picture_helper
from docgen.charts import (
    MARGIN,
    PALETTE,
    TIMELINE_LABEL_WIDTH,
    Scene,
    TimelineData,
    Words,
    _font,
    bar_chart_png,
    bar_chart_scene,
    chart_data,
    chart_png,
    scene_svg,
    ticks,
    timeline_scene,
)
from docgen.errors import RecordError
from docgen.exempt import Exemption, parse_text
from docgen.loading import load_record
from docgen.models.blocks import Chart, Series
from docgen.views import public_view

SIGNS = (
    "Breakdown of trust between leading members and senior staff",
    "High-risk change strategy",
    "Disengagement from the wider sector",
    "Serious financial difficulty or no agreed financial strategy",
    "Service-specific concern",
)
"""The five signs of the radar report's chart, whose legend used to stop after two."""


def radar_like(values: tuple[float, ...] = (1, 0, 1)) -> Scene:
    return bar_chart_scene(
        chart_data(["Stage 1", "Stage 2", "Stage 3"], [(sign, values) for sign in SIGNS])
    )


def extent(words: Words) -> tuple[float, float, float, float]:
    """Where a line of text is drawn, as Pillow measures it."""
    return _font(words.size).getbbox(words.text, anchor=words.anchor)


def drawn_box(words: Words) -> tuple[float, float, float, float]:
    left, top, right, bottom = extent(words)
    return (words.x + left, words.y + top, words.x + right, words.y + bottom)


def legend_entries(scene: Scene) -> list[str]:
    """The legend's text, one entry per key: lines that follow a key's line belong to it."""
    keys = sorted((b.box for b in scene.boxes if b.role == "key"), key=lambda b: (b[1], b[0]))
    entries: dict[tuple[float, float], list[str]] = {}
    for words in (w for w in scene.words if w.role == "legend"):
        key = max(
            (k for k in keys if k[0] < words.x and k[1] - 40 <= words.y),
            key=lambda k: (k[1], k[0]),
        )
        entries.setdefault((key[1], key[0]), []).append(words.text)
    return [" ".join(entries[k]) for k in sorted(entries)]


def test_the_radar_legend_holds_every_sign_whole() -> None:
    """Five long signs: each has its key and its whole name, all inside the picture."""
    scene = radar_like()
    assert sorted(legend_entries(scene)) == sorted(SIGNS)
    assert len([b for b in scene.boxes if b.role == "key"]) == len(SIGNS)
    for words in scene.words:
        left, top, right, bottom = drawn_box(words)
        assert left >= 0 and right <= scene.width and top >= 0 and bottom <= scene.height, words


def test_each_legend_line_is_drawn_where_the_layout_puts_it() -> None:
    """The picture itself has ink in every legend line's box (the layout is what is drawn)."""
    scene = radar_like()
    image = Image.open(io.BytesIO(scene.png())).convert("L")
    for words in (w for w in scene.words if w.role == "legend"):
        box = tuple(round(v) for v in drawn_box(words))
        assert image.crop(box).getextrema()[0] < 100, words.text


def test_the_most_series_with_long_names_wrap_and_the_picture_grows() -> None:
    """Twelve long names never run off the side: rows of keys, and a taller picture."""
    long = "a long name of a series that goes on and on past any sensible length"
    names = [f"{long} {n}" for n in range(limits.MAX_SERIES)]
    many = bar_chart_scene(chart_data(["A", "B"], [(name, (1, 2)) for name in names]))
    two = bar_chart_scene(chart_data(["A", "B"], [(name, (1, 2)) for name in names[:2]]))
    assert sorted(legend_entries(many)) == sorted(names)
    assert all(drawn_box(w)[2] <= many.width - MARGIN for w in many.words)
    assert many.height > two.height
    width, height = Image.open(io.BytesIO(many.png())).size
    assert (width, height) == (many.width, many.height)


def test_the_picture_has_no_title_the_caption_is_the_title() -> None:
    """The paper's caption prints the title once, as text; the picture does not repeat it."""
    bids = Chart(
        title=parse_text("Bids by lot"),
        categories=(parse_text("Lot 1"), parse_text("Lot 2")),
        series=(Series(name=parse_text("Bids"), values=(3, 1)),),
    )
    other = Chart(
        title=parse_text("Something else"), categories=bids.categories, series=bids.series
    )
    assert chart_png(bids) == chart_png(other)
    words = {w.text for w in bar_chart_scene(chart_data(bids.categories, [("Bids", (3, 1))])).words}
    assert not any("Bids by lot" in text for text in words)


def test_an_empty_bar_is_neither_drawn_nor_labelled() -> None:
    """A count of nothing has no bar and no "0" over it; the axis still starts at 0."""
    scene = radar_like(values=(1, 0, 2))
    assert sorted(w.text for w in scene.words if w.role == "value") == ["1"] * 5 + ["2"] * 5
    assert len([b for b in scene.boxes if b.role == "bar"]) == 2 * len(SIGNS)
    assert next(w.text for w in scene.words if w.role == "tick") == "0"


@pytest.mark.parametrize(
    ("highest", "whole", "expected"),
    [
        (1, True, ["0", "1", "2"]),
        (2, True, ["0", "1", "2"]),
        (3, True, ["0", "1", "2", "3"]),
        (7, True, ["0", "2", "4", "6", "8"]),
        (64.5, False, ["0", "20", "40", "60", "80"]),
        (0.5, False, ["0", "0.1", "0.2", "0.3", "0.4", "0.5"]),
        (0, True, ["0", "1", "2"]),
        (limits.MAX_WHOLE_NUMBER, True, [str(n * 2 * 10**11) for n in range(6)]),
    ],
)
def test_ticks_are_few_and_round_and_whole_for_counts(
    highest: float, whole: bool, expected: list[str]
) -> None:
    """Steps of 1, 2 or 5 (times a power of ten); never a bare 0–1 axis for a count of 1."""
    assert ticks(highest, whole) == [Decimal(e) for e in expected]


def test_count_axes_are_labelled_in_whole_numbers() -> None:
    scene = bar_chart_scene(chart_data(["A"], [("S", (3,))]))
    assert [w.text for w in scene.words if w.role == "tick"] == ["0", "1", "2", "3"]


def test_decimal_values_are_drawn_and_labelled_alike() -> None:
    """60 beside 64.5 is written 60.0; the axis keeps round numbers."""
    scene = bar_chart_scene(chart_data(["Central", "East"], [("Turnout", (64.5, 60))]))
    assert [w.text for w in scene.words if w.role == "value"] == ["64.5", "60.0"]
    assert [w.text for w in scene.words if w.role == "tick"] == ["0", "20", "40", "60", "80"]


def test_a_record_may_give_chart_values_with_decimals(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """64.5 was refused as not a whole number; it is a value, and the alt text says it."""
    path = write_record(_with_chart(minimal_report, "64.5, 60"))
    chart = _first_chart(load_record(path).data)
    assert chart.series[0].values == (64.5, 60)
    assert "Central 64.5, East 60." in chart.description


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (".inf, 1", "inf is not a number a chart can draw; give a finite value"),
        (".nan, 1", "nan is not a number a chart can draw; give a finite value"),
        ("1.5e+13, 1", "1.5e+13 is too large; numbers may be at most 1,000,000,000,000 either way"),
        ("'64,5', 1", "expected a number, found str '64,5'"),
        ("yes, 1", "expected a number, found yes/no (true)"),
    ],
)
def test_a_chart_value_no_chart_can_draw_is_located(
    write_record: Callable[..., Path], minimal_report: str, values: str, message: str
) -> None:
    path = write_record(_with_chart(minimal_report, values))
    with pytest.raises(RecordError) as caught:
        load_record(path)
    (problem,) = [str(p) for p in caught.value.problems]
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+: sections\[0\]\.paragraphs\[\d+\]\.chart\.series\[0\]\."
        rf"values\[0\]: {re.escape(message)}",
        problem,
    ), problem


def _with_chart(report: str, values: str) -> str:
    chart = (
        "      - text: Turnout was higher in the centre.\n"
        "        chart:\n"
        "          title: Turnout by area\n"
        "          categories: [Central, East]\n"
        f"          series: [{{name: Turnout, values: [{values}]}}]\n"
    )
    marker = "      - The cost is met from the existing budget.\n"
    assert marker in report
    return report.replace(marker, marker + chart)


def _first_chart(report: object) -> Chart:
    for section in report.sections:  # type: ignore[attr-defined]
        for paragraph in section.paragraphs:
            if paragraph.chart is not None:
                return paragraph.chart  # type: ignore[no-any-return]
    raise AssertionError("no chart")


PARTY_COLOURS = {
    "Conservative": (0x00, 0x87, 0xDC),
    "Labour": (0xE4, 0x00, 0x3B),
    "Liberal Democrat": (0xFA, 0xA6, 0x1A),
    "Green": (0x02, 0xA9, 0x5B),
    "Reform UK": (0x12, 0xB6, 0xCF),
    "SNP": (0xFD, 0xF3, 0x8E),
    "Plaid Cymru": (0x00, 0x5B, 0x54),
}


def test_the_palette_gives_no_party_its_colour() -> None:
    """Every pixel of a chart of the most series is a grey: no hue, so no party's."""
    names = list(PARTY_COLOURS) + [f"Group {n}" for n in range(limits.MAX_SERIES - 7)]
    png = bar_chart_png(chart_data(["A", "B"], [(name, (1, 2)) for name in names]))
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is not None
    assert all(r == g == b for _, (r, g, b) in colours)
    assert not set(PARTY_COLOURS.values()) & {colour for _, colour in colours}


def test_every_series_has_its_own_fill_told_apart_without_colour() -> None:
    """As many fills as a chart may have series, no two alike in grey and pattern."""
    assert len(PALETTE) >= limits.MAX_SERIES
    assert len({(f.grey, f.pattern, f.ink) for f in PALETTE}) == len(PALETTE)
    neighbours = itertools.pairwise(PALETTE)
    assert all(a.grey != b.grey or a.pattern != b.pattern for a, b in neighbours)


def test_a_long_timetable_activity_is_wrapped_not_cut() -> None:
    """ "Submission of position statement …" lost its last words; now every word is drawn."""
    label = "Submission of position statement to LGA"
    scene = timeline_scene(
        TimelineData(
            "Peer challenge timetable",
            (
                ("Review scoping", date(2026, 9, 1), date(2026, 10, 31), "Sep – Oct 2026"),
                (label, date(2027, 2, 1), date(2027, 2, 1), "1 Feb 2027"),
            ),
        )
    )
    activities = [w for w in scene.words if w.role == "activity"]
    assert " ".join(w.text for w in activities) == f"Review scoping {label}"
    assert all(drawn_box(w)[2] <= MARGIN + TIMELINE_LABEL_WIDTH for w in activities)
    assert "Peer challenge timetable" not in {w.text for w in scene.words}


def test_the_same_chart_gives_the_same_bytes() -> None:
    data = chart_data(["Stage 1", "Stage 2"], [(sign, (1.5, 2)) for sign in SIGNS])
    assert bar_chart_png(data) == bar_chart_png(data)


def test_word_gives_a_chart_its_own_proportions() -> None:
    """A chart as tall as its legend needs is placed at that height, not squeezed to 16:9."""
    png = radar_like().png()
    width, height = Image.open(io.BytesIO(png)).size
    xml = str(picture_helper(Media())(png, "alt", "title"))
    cx, cy = map(int, re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', xml).groups())  # type: ignore[union-attr]
    assert cy / cx == pytest.approx(height / width, rel=1e-3)


def test_a_chart_withheld_whole_is_described_by_its_statement() -> None:
    """Not "[Not for publication …] 0": the alt text says the chart is not shown, and why."""
    only = Series(name=parse_text("Bids"), values=(3, 1), exempt=Exemption((3,)))
    chart = Chart(
        title=parse_text("Bids by lot."),
        categories=(parse_text("Lot 1"), parse_text("Lot 2")),
        series=(only,),
    )
    assert chart.description == "Bar chart, Bids by lot. Lot 1 3, Lot 2 1."
    withheld = public_view(chart)
    assert withheld.description == (
        "Bar chart not shown. This information is not for publication by virtue of "
        "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."
    )


def _drawn_by_weasyprint(scene: Scene) -> Image.Image:
    """The scene's SVG as the PDF prints it (WeasyPrint, the shipped font), rasterised
    at the PNG's size."""
    import base64

    import pypdfium2
    import weasyprint

    from docgen.fonts import FONTS

    height_mm = 160 * scene.height / scene.width
    regular = (FONTS / "LiberationSans-Regular.ttf").as_uri()
    svg = base64.b64encode(scene_svg(scene).encode("utf-8")).decode("ascii")
    html = (
        f'<style>@font-face {{ font-family: "Liberation Sans"; src: url("{regular}"); }} '
        f"@page {{ size: 160mm {height_mm:.3f}mm; margin: 0 }} body {{ margin: 0 }} "
        "img { width: 160mm; display: block }</style>"
        f'<img alt="" src="data:image/svg+xml;base64,{svg}">'
    )
    page = pypdfium2.PdfDocument(weasyprint.HTML(string=html).write_pdf())[0]
    picture = page.render(scale=scene.width / page.get_width()).to_pil().convert("L")
    return picture.resize((scene.width, scene.height))


@pytest.mark.parametrize(
    "scene",
    [
        radar_like((1, 0, 3.5)),
        bar_chart_scene(
            chart_data([f"Category {n} of many" for n in range(12)], [("A", range(12))])
        ),
        timeline_scene(
            TimelineData(
                "Timetable",
                (
                    ("Review scoping", date(2017, 9, 1), date(2017, 12, 31), "Sep – Dec 2017"),
                    ("Submission of position statement", date(2018, 1, 1), date(2018, 3, 1), "Q1"),
                ),
            )
        ),
    ],
    ids=["legend and decimals", "upright labels", "timetable"],
)
def test_the_pdf_draws_the_same_chart_as_word_in_vector_with_its_words_as_text(
    scene: Scene,
) -> None:
    """The SVG the PDF holds is the PNG Word holds, drawn again: the same picture (grey
    levels differ only where edges are smoothed), and every word of it a text element."""
    from PIL import ImageChops, ImageStat

    png = Image.open(io.BytesIO(scene.png())).convert("L")
    difference = ImageChops.difference(png, _drawn_by_weasyprint(scene))
    assert ImageStat.Stat(difference).mean[0] < 8
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", scene_svg(scene))
    assert texts == [words.text.replace("&", "&amp;") for words in scene.words]
    assert scene_svg(scene) == scene_svg(scene)


def test_a_chart_in_the_pdf_is_text_a_reader_can_select(example_papers: dict[str, bytes]) -> None:
    """The radar's legend and labels are words of the PDF (so the leak scan reads them too)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(example_papers["radar-2026-11/radar_report/full.pdf"])
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    assert "Stage 1" in text and "Service-specific concern" in text


def test_a_category_s_bars_are_centred_on_its_label_empty_ones_taking_no_room() -> None:
    """West with one party's bar: that bar stands under West, not in the first of three slots."""
    scene = bar_chart_scene(
        chart_data(
            ["North", "West"],
            [("Conservative", (1, 0)), ("Labour", (1, 0)), ("Liberal Democrat", (0, 1))],
        )
    )
    bars = [box.box for box in scene.boxes if box.role == "bar"]
    labels = {w.text: w.x for w in scene.words if w.role == "category"}
    west = bars[-1]
    assert (west[0] + west[2] + 4) / 2 == pytest.approx(labels["West"], abs=1)
    north = bars[:2]
    assert (north[0][0] + north[1][2] + 4) / 2 == pytest.approx(labels["North"], abs=1)
