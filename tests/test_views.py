"""The public view: exempt data is gone before any template runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from docgen.exempt import SpanKind, Text, parse_text
from docgen.loading import load_record
from docgen.models.base import EXEMPT_BY_DEFAULT, Exemptable, Person
from docgen.views import Version, exempt_values, exemptions_in, public_view, view

from .conftest import MINIMAL_REPORT as MINIMAL

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "records/northfield/cabinet-2026-10-senior-management-review.yaml"
)


def all_text(value: object) -> str:
    """Every string reachable in a model, joined: what any template could print."""
    if isinstance(value, Text):
        return str(value)
    if isinstance(value, tuple):
        return " ".join(all_text(v) for v in value)
    if attrs.has(type(value)):
        return " ".join(all_text(getattr(value, f.name)) for f in attrs.fields(type(value)))
    return str(value)


def test_the_full_view_is_the_record_as_written() -> None:
    """Nothing is removed from the full version."""
    data = load_record(EXAMPLE).data
    assert view(data, Version.FULL) is data


def test_no_exempt_value_survives_anywhere_in_the_public_view() -> None:
    """Every exempt value of the example is absent from everything the public view holds."""
    data = load_record(EXAMPLE).data
    public_text = all_text(view(data, Version.PUBLIC)).casefold()
    values = list(exempt_values(data))
    assert len(values) > 10
    for value in values:
        assert value.text.strip().casefold() not in public_text, value.field


def test_an_exempt_paragraph_keeps_its_place_with_a_notice() -> None:
    """The paragraph stays (so its number stays) but says only why it is withheld."""
    data = load_record(EXAMPLE).data
    full = data.sections[1].paragraphs[3]
    public = public_view(data).sections[1].paragraphs[3]
    assert "Marguerite" in str(full.text)
    assert str(public.text) == "[Not for publication: paragraph 1 of Schedule 12A]"
    assert public.exempt is not None and public.exempt.paragraphs == (1,)


def test_an_exempt_section_keeps_one_placeholder_per_paragraph() -> None:
    """Paragraph numbers after a withheld section match the full version's."""
    data = load_record(EXAMPLE).data
    section = public_view(data).sections[2]
    assert str(section.heading) == "Not for publication"
    assert len(section.paragraphs) == len(data.sections[2].paragraphs) == 2
    assert str(section.paragraphs[0].text).startswith(
        "This information is not for publication by virtue of paragraph 3"
    )


def test_an_exempt_appendix_becomes_its_statement() -> None:
    """The title and content go; the statement names the paragraphs."""
    appendix = public_view(load_record(EXAMPLE).data).appendices[1]
    assert appendix.paragraphs == () and appendix.sections == ()
    assert "paragraphs 1 and 4 of Part 1 of Schedule 12A" in str(appendix.title)


def test_a_whole_exempt_record_keeps_only_what_an_agenda_shows(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Committee, date and item number stay; everything else is withheld."""
    data = load_record(write_record("exempt: 3\n" + minimal_report)).data
    public = public_view(data)
    assert str(public.committee) == "Cabinet" and str(public.item) == "4"
    assert "Library" not in all_text(public) and "Okafor" not in all_text(public)
    assert [v.field for v in exempt_values(data)][:2] == ["title", "report_by.name"]


def test_exempt_values_name_their_fields() -> None:
    """The scanner reports fields, so the values carry where they came from."""
    fields = {v.field for v in exempt_values(load_record(EXAMPLE).data)}
    assert {
        "recommendations[1].text",
        "sections[1].paragraphs[2].text",
        "implications.legal[0].text",
        "appendices[1].title",
        "background_papers[1].title",
    } <= fields


def test_exemptions_in_merges_every_paragraph_used() -> None:
    """The full version's marking names every paragraph that applies."""
    merged = exemptions_in(load_record(EXAMPLE).data)
    assert merged is not None and merged.paragraphs == (1, 3, 4, 5)


@attrs.frozen(kw_only=True)
class Case(Exemptable):
    """A model with a field exempt by default, as confidential kinds declare them."""

    authority: Text = attrs.field(metadata={EXEMPT_BY_DEFAULT: (1, 2)})
    lead: Person
    stage: int

    def withheld(self) -> Case:
        raise AssertionError("not used")


def test_a_field_exempt_by_default_is_withheld_without_a_mark() -> None:
    """Kinds can make fields exempt so officers need not remember to mark them."""
    case = Case(authority=parse_text("Eastmere"), lead=Person(name=parse_text("Jo")), stage=2)
    public = public_view(case)
    assert public.authority.spans[0].kind == SpanKind.NOTICE
    assert "Eastmere" not in str(public.authority)
    assert str(public.lead.name) == "Jo" and public.stage == 2
    assert [v.field for v in exempt_values(case)] == ["authority"]


def test_what_a_withheld_mapping_keeps_is_redacted_in_turn(
    write_record: Callable[..., Path],
) -> None:
    """A wholly exempt record keeps its committee; a phrase marked inside it still goes."""
    text = "exempt: 3\n" + MINIMAL.replace(
        "committee: Cabinet", "committee: Cabinet [exempt 1]Jo Bloggs[/exempt]"
    )
    public = public_view(load_record(write_record(text)).data)
    assert str(public.committee).startswith("Cabinet [Not for publication: paragraph 1")
    assert "Bloggs" not in all_text(public)
