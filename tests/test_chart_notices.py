"""A chart that withholds a category, a series or its alt text says so, as text, where it is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docgen.build import build
from docgen.charts import chart_png
from docgen.exempt import Exemption, SpanKind, parse_text
from docgen.models.blocks import Chart, Series
from docgen.pdf_text import pdf_to_text
from docgen.render import Format
from docgen.views import public_view

from .conftest import TEMPLATES


def _chart(**changes: object) -> Chart:
    fields: dict[str, object] = {
        "title": parse_text("Bids by lot"),
        "categories": (parse_text("Lot 1"), parse_text("Lot 2")),
        "series": (Series(name=parse_text("Bids"), values=(3, 1)),),
    }
    fields.update(changes)
    return Chart(**fields)  # type: ignore[arg-type]


NOTICE = "withheld from this chart"


def test_a_chart_with_nothing_exempt_is_left_alone() -> None:
    """No notice where nothing is withheld."""
    chart = _chart()
    assert public_view(chart) == chart


def test_an_exempt_category_is_named_by_position_in_the_caption() -> None:
    """The title (the caption) says which category lost its name, and under which paragraph."""
    chart = _chart(categories=(parse_text("Lot 1"), parse_text("[exempt 3]Lot Q[/exempt]")))
    public = public_view(chart)
    assert str(public.title) == (
        "Bids by lot – withheld from this chart: the name of category 2 "
        "(paragraph 3 of Schedule 12A)"
    )
    assert public.title.spans[-1].kind == SpanKind.NOTICE
    assert NOTICE in public.description and "Lot Q" not in public.description


def test_an_exempt_series_is_left_out_not_drawn_as_nought() -> None:
    """A withheld series' bars would read as zeros: it goes, and the caption says so."""
    late = Series(name=parse_text("Late bids"), values=(1, 2), exempt=Exemption((3,)))
    public = public_view(_chart(series=(_chart().series[0], late)))
    assert [str(s.name) for s in public.series] == ["Bids"]
    assert str(public.title).endswith("series 2 (paragraph 3 of Schedule 12A)")
    assert "0" not in public.description.split(".", 1)[1]


def test_an_exempt_series_name_and_alt_text_are_noted_together() -> None:
    """Several withheld parts are listed in one notice; the alt text is written from public data."""
    chart = _chart(
        series=(Series(name=parse_text("[exempt 1]Ann Example's bids[/exempt]"), values=(3, 1)),),
        alt=parse_text("[exempt 3]Acme won lot 1 and Beta lot 2.[/exempt]"),
    )
    public = public_view(chart)
    assert str(public.title).endswith(
        "the name of series 1 and the alt text (paragraphs 1 and 3 of Schedule 12A)"
    )
    assert public.alt is None
    assert public.description.startswith("Bar chart, Bids by lot – withheld from this chart")
    assert "Lot 1 3, Lot 2 1" in public.description


def test_a_chart_with_every_series_withheld_is_withheld_whole() -> None:
    """Nothing would be left to draw: the chart becomes the statement."""
    only = Series(name=parse_text("Bids"), values=(3, 1), exempt=Exemption((3,)))
    public = public_view(_chart(series=(only,)))
    assert str(public.title).startswith("This information is not for publication")


def test_the_picture_does_not_draw_the_notice() -> None:
    """The note is text in the caption; the picture's title is the chart's own."""
    chart = _chart(categories=(parse_text("Lot 1"), parse_text("[exempt 3]Lot Q[/exempt]")))
    plain = _chart(categories=(parse_text("Lot 1"), public_view(chart).categories[1]))
    assert chart_png(public_view(chart)) == chart_png(plain)


def test_the_public_pdf_says_what_the_chart_withholds(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Where the chart is, the public paper's text names what was withheld."""
    write_record(
        minimal_report.replace(
            "      - The cost is met from the existing budget.",
            "      - text: The cost is met from the existing budget.\n"
            "        chart:\n"
            "          title: Visits by branch\n"
            "          categories: [Central, '[exempt 3]Riverside branch[/exempt]']\n"
            "          series: [{name: Visits, values: [120, 40]}]",
        )
    )
    result = build(
        (tmp_path / "records",),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=tmp_path / "records",
        formats=(Format.PDF,),
    )
    assert result.ok, result.errors
    text = " ".join(
        pdf_to_text((tmp_path / "out/public/report/committee_report.pdf").read_bytes()).split()
    )
    assert (
        "Visits by branch – withheld from this chart: the name of category 2 "
        "(paragraph 3 of Schedule 12A)" in text
    )
    assert "Riverside" not in text
