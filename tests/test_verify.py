"""Non-interference: a public paper comes out the same whatever its exempt values are.

`docgen verify` renders each public paper again with every exempt value replaced and
requires the same bytes. It passes on every example, the adversarial corpus and
random records; it fails — naming the paper, the part of the file and the field — when
exempt data reaches a public paper in a form no text scan can find.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from docgen.cli import main
from docgen.errors import RecordError
from docgen.exempt import SpanKind, Text, parse_text
from docgen.loading import RecordSet, load_record
from docgen.models.base import notice_text
from docgen.models.blocks import Chart, Series
from docgen.perturb import Variant, move_when, perturb, problems_in
from docgen.reading import normalise as fold
from docgen.render import Format, Templates, render_record
from docgen.scan import scan_paper
from docgen.verify import InterferenceError, difference, verify, verify_record
from docgen.views import Version, exempt_values, plain_texts
from docgen.when import parse_when

from .conftest import EXAMPLE_RECORDS, PROJECT, RECORDS, TEMPLATES
from .test_properties import record_yaml, texts

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def templates() -> Templates:
    """Compiled once for the module, as `docgen verify` compiles them once per run."""
    return Templates(TEMPLATES)


# --- what the perturbation does --------------------------------------------------------


def test_exempt_phrase_is_replaced_keeping_its_spans_shorter_and_longer() -> None:
    text = parse_text("Paid to [exempt 3]Acme Holdings 2024 Ltd[/exempt] in May.")
    for variant, longer in ((Variant.SHORTER, False), (Variant.LONGER, True)):
        [span_before, exempt, span_after] = _perturbed_summary(text, variant).spans
        assert (span_before.text, span_after.text) == ("Paid to ", " in May.")
        assert (exempt.kind, exempt.exemption) == (SpanKind.EXEMPT, text.spans[1].exemption)
        original = text.spans[1].text
        assert exempt.text != original
        assert exempt.text.count(" ") == original.count(" ")  # same shape: four words
        assert (len(exempt.text) > len(original)) is longer
        assert exempt.text[:1].isupper() and exempt.text.split()[2].isdigit()


def _perturbed_summary(text: Text, variant: Variant) -> Text:
    report = load_record(RECORDS / "northfield/cabinet-2026-10-senior-management-review.yaml").data
    perturbed = perturb(attrs.evolve(report, summary=text), variant).data
    summary = perturbed.summary
    assert isinstance(summary, Text)
    return summary


@pytest.mark.parametrize("path", [*EXAMPLE_RECORDS, *sorted(CORPUS.glob("*.yaml"))], ids=str)
def test_exactly_the_exempt_values_change(path: Path) -> None:
    """What the scan looks for (`exempt_values`) is varied; public text stays as it was."""
    record = load_record(path)
    for variant in Variant:
        perturbed = perturb(record.data, variant)
        assert list(plain_texts(perturbed.data)) == list(plain_texts(record.data))
        before = sorted((v.field, v.text) for v in exempt_values(record.data))
        after = sorted((v.field, v.text) for v in exempt_values(perturbed.data))
        assert [field for field, _ in after] == [field for field, _ in before]
        assert all(a != b for (_, a), (_, b) in zip(after, before, strict=True))
        assert {field for field, _ in before} == set(perturbed.replaced)
        assert perturbed.held == ()


def test_the_same_value_is_replaced_the_same_way_in_every_record() -> None:
    """Two concern cases raised by one person, and the radar gathering them, agree."""
    records = RecordSet(RECORDS)
    radar = records.load(RECORDS / "concern-cases/radar-2026-11.yaml")
    cases = [r.data for r in records.related(radar)]
    names: dict[str, set[str]] = {}
    for case in cases:
        perturbed = perturb(case, Variant.LONGER).data
        names.setdefault(str(case.raised_by.name), set()).add(str(perturbed.raised_by.name))
    assert all(len(replacements) == 1 for replacements in names.values())
    assert len(set().union(*names.values())) == len(names)  # different names stay different


def test_dates_move_keeping_their_order_and_the_record_valid() -> None:
    case = load_record(RECORDS / "concern-cases/case-2026-01.yaml").data
    for variant in Variant:
        moved = perturb(case, variant).data
        assert moved.raised_on != case.raised_on
        assert [e.stage for e in moved.history] == [e.stage for e in case.history]
        assert [e.when for e in moved.history] == sorted(e.when for e in moved.history)
        assert list(problems_in(moved)) == []


def test_timetable_dates_move_by_years_and_read_as_written() -> None:
    assert move_when(Variant.SHORTER, parse_when("Early June 2018")) == parse_when(
        "Early June 2017"
    )
    assert move_when(Variant.LONGER, parse_when("Sep – Dec 2017")) == parse_when("Sep – Dec 2019")
    assert move_when(Variant.SHORTER, parse_when("29 Feb 2024")) == parse_when("29 Feb 2020")


def test_replacements_never_stand_in_public_text() -> None:
    """So no replacement can pass for public text, or public text for a replacement."""
    for path in EXAMPLE_RECORDS:
        record = load_record(path)
        public = [fold(text) for _, text in plain_texts(record.data)]
        for variant in Variant:
            for value in exempt_values(perturb(record.data, variant).data):
                needle = fold(value.text)
                if len(needle) >= 4:
                    assert not any(needle in text for text in public), (path, value.field)


def test_a_value_the_public_view_keeps_is_not_replaced(
    write_record: Callable[..., Path], templates: Templates
) -> None:
    """An exempt commission's period is fixed by its public year, and the public view keeps
    it: it is not exempt data, so verify neither replaces it nor holds it."""
    path = write_record(
        """\
        kind: commission
        exempt: 2
        policy_area: Housing supply
        portfolio: Housing
        year: 2019
        period: {start: 2019-09-01, end: 2020-08-31}
        lead: {name: Ada Quist, borough: Ealing, sub_region: West, political_control: Labour}
        """,
        "commission",
    )
    record = load_record(path)
    perturbed = perturb(record.data, Variant.SHORTER)
    assert perturbed.held == ()
    assert "lead.name" in perturbed.replaced and "period" not in perturbed.replaced
    assert list(problems_in(perturbed.data)) == []
    assert verify_record(record, [], templates, (Format.DOCX,)).held == ()


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("_", "/"), text)
    return buffer.getvalue()


def _pdf(pages: int, title: str) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    pdf.docinfo["/Title"] = title
    buffer = io.BytesIO()
    pdf.save(buffer, static_id=True)
    return buffer.getvalue()


def test_a_difference_is_named_by_the_part_of_the_file() -> None:
    same = _zip(word_document="<w/>", word_header1="<h/>")
    assert difference(same, _zip(word_document="<w/>", word_header1="<H/>")) == (
        "zip member word/header1"
    )
    assert difference(same, _zip(word_document="<w/>")) == "the list of zip members"
    assert difference(_pdf(1, "A"), _pdf(2, "A")) == "the number of pages (1, then 2)"
    assert difference(_pdf(1, "A"), _pdf(1, "B")) == "the document information"
    assert difference(same, None) == "the paper is made in one case and not in the other"


# --- verify passes where the public view is sound --------------------------------------


def test_every_example_record_verifies(templates: Templates) -> None:
    """Every public paper of every example, Word and PDF, with every exempt value changed."""
    result = verify(EXAMPLE_RECORDS, RECORDS, TEMPLATES)
    assert result.errors == []
    assert len(result.verified) == len(EXAMPLE_RECORDS)
    assert sum(v.papers for v in result.verified) >= 30  # briefing notes: two cases only
    radar = next(v for v in result.verified if v.record.id == "radar-2026-11")
    assert radar.replaced > 100  # the cases it gathers were varied with it


def test_the_adversarial_corpus_verifies(templates: Templates) -> None:
    for path in sorted(CORPUS.glob("*.yaml")):
        record = load_record(path)
        verified = verify_record(record, [], templates)
        assert verified.papers == 2 and verified.replaced > 30


WORDS = ["budget", "Acme", "review", "Ms", "O'Neill", "Café", "1,200", "Ward", "2027/28", "—"]


@st.composite
def random_reports(draw: st.DrawFn) -> dict[str, Any]:
    """A committee report with exempt phrases and mappings in random places.

    Every word is distinct (a word with a counter joined to it), so no exempt value,
    nor any word of one, can stand unmarked elsewhere, and every record loads.
    """
    counter = iter(range(10_000))

    def text(exempt_phrase: bool = True) -> str:
        words = [
            f"{draw(st.sampled_from(WORDS))}{next(counter)}q"
            for _ in range(draw(st.integers(1, 5)))
        ]
        if exempt_phrase and draw(st.booleans()):
            start = draw(st.integers(0, len(words) - 1))
            end = draw(st.integers(start + 1, len(words)))
            words[start:end] = [
                f"[exempt {draw(st.integers(1, 7))}]{' '.join(words[start:end])}[/exempt]"
            ]
        return " ".join(words)

    def maybe_exempt(mapping: dict[str, Any]) -> dict[str, Any]:
        if draw(st.integers(0, 3)) == 0:
            mapping["exempt"] = draw(st.integers(1, 7))
        return mapping

    def paragraph() -> dict[str, Any]:
        found: dict[str, Any] = {"text": text()}
        if draw(st.booleans()):
            found["bullets"] = [text() for _ in range(draw(st.integers(1, 3)))]
        if draw(st.integers(0, 3)) == 0:
            columns = draw(st.integers(1, 3))
            found["table"] = maybe_exempt(
                {
                    "caption": text(),
                    "columns": [text(False) for _ in range(columns)],
                    "rows": [
                        maybe_exempt({"cells": [text() for _ in range(columns)]})
                        for _ in range(draw(st.integers(1, 3)))
                    ],
                }
            )
        if draw(st.integers(0, 3)) == 0:
            categories = draw(st.integers(1, 3))
            found["chart"] = maybe_exempt(
                {
                    "title": text(),
                    "categories": [text(False) for _ in range(categories)],
                    "series": [
                        maybe_exempt(
                            {
                                "name": text(),
                                "values": draw(
                                    st.lists(
                                        st.integers(0, 40), min_size=categories, max_size=categories
                                    )
                                ),
                            }
                        )
                        for _ in range(draw(st.integers(1, 2)))
                    ],
                }
            )
        return maybe_exempt(found)

    report: dict[str, Any] = {
        "kind": "committee_report",
        "committee": "Cabinet",
        "meeting_date": draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2190, 12, 31))),
        "item": "7",
        "title": text(),
        "report_by": maybe_exempt({"name": text(), "job_title": text()}),
        "contact": maybe_exempt({"name": text(), "telephone": text(), "email": text()}),
        "summary": text(),
        "recommendations": [maybe_exempt({"text": text()}) for _ in range(draw(st.integers(1, 3)))],
        "sections": [
            maybe_exempt(
                {
                    "heading": text(),
                    "paragraphs": [paragraph() for _ in range(draw(st.integers(1, 3)))],
                }
            )
            for _ in range(draw(st.integers(1, 3)))
        ],
        "implications": maybe_exempt(
            {name: maybe_exempt({"text": text()}) for name in ("financial", "legal", "equalities")}
        ),
        "background_papers": [
            maybe_exempt({"title": text()}) for _ in range(draw(st.integers(0, 2)))
        ],
    }
    if draw(st.integers(0, 7)) == 0:
        report["exempt"] = draw(st.integers(1, 7))
    return report


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(report=random_reports())
def test_random_records_verify(
    tmp_path: Path, templates: Templates, report: dict[str, Any]
) -> None:
    path = tmp_path / "random-report.yaml"
    path.write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
    record = load_record(path)
    verify_record(record, [], templates, (Format.DOCX,))


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(summary=texts, secret=texts)
def test_any_exempt_text_verifies(
    tmp_path: Path, templates: Templates, summary: str, secret: str
) -> None:
    """Whatever text an exempt phrase holds (Unicode, markup, very long), its replacement
    keeps the record valid and the public paper the same."""
    path = tmp_path / "report.yaml"
    path.write_text(record_yaml(summary, secret), encoding="utf-8")
    try:
        record = load_record(path)
    except RecordError:
        assume(False)  # text no record may hold: loading refuses it, with its line
        return
    assert verify_record(record, [], templates, (Format.DOCX,)).replaced >= 1


# --- verify fails, naming the field, where exempt data reaches a public paper ----------

CONTACT_EXEMPT = """\
kind: committee_report
committee: Cabinet
meeting_date: 2026-10-14
item: "4"
title: Library opening hours
report_by: {name: Priya Lindqvist, job_title: Chief Executive}
contact:
  name: Sam Okafor
  telephone: 01632 960 001
  email: sam.okafor@example.gov.uk
  exempt: 2
summary: The report proposes longer opening hours at the central library.
recommendations:
  - agree the longer opening hours from January.
sections:
  - heading: Proposal
    paragraphs:
      - text: Visits by branch.
        chart:
          title: Visits
          categories: [Central, North]
          series:
            - {name: Adults, values: [30, 12]}
            - {name: Under-fives, values: [8, 2], exempt: 2}
implications:
  financial: None
  legal: None
  equalities: None
"""


def _careless_series(self: Series) -> Series:
    """A withheld series that keeps its values "so the chart keeps its scale"."""
    assert self.exempt is not None
    return type(self)(name=notice_text(self.exempt), values=self.values, exempt=self.exempt)


def careless_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """A public view that draws a withheld series, keeping its values."""
    monkeypatch.setattr(Series, "withheld", _careless_series)
    monkeypatch.setattr(Chart, "noted", lambda _self, viewed: viewed)


CHART_TOTAL = "{{ item.chart.series | map(attribute='values') | map('sum') | sum }}"


def interfering_templates(folder: Path) -> Path:
    """A copy of the templates whose committee report, Word and PDF, prints under each
    chart the total of its bars: a count, which no text scan can tell from any other."""
    copy = folder / "templates"
    shutil.copytree(TEMPLATES, copy)
    html = copy / "html/committee_report.html"
    caption = "{{ item.chart.title | rich }}"
    assert caption in html.read_text(encoding="utf-8")
    html.write_text(
        html.read_text(encoding="utf-8").replace(caption, f"{caption} (in all {CHART_TOTAL})"),
        encoding="utf-8",
    )
    word = copy / "committee_report.docx"
    with zipfile.ZipFile(word) as original:
        members = [(info, original.read(info)) for info in original.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as changed:
        for info, data in members:
            if info.filename == "word/document.xml":
                opening = b"{%p if item.chart %}</w:t></w:r></w:p>"
                assert opening in data
                total = (
                    f'<w:p><w:r><w:t xml:space="preserve">In all {CHART_TOTAL}</w:t></w:r></w:p>'
                )
                data = data.replace(opening, opening + total.encode())
            changed.writestr(info, data)
    word.write_bytes(buffer.getvalue())
    return copy


CHART = "sections[0].paragraphs[0].chart.series[1].values"


def test_an_interfering_template_is_named_with_the_field_it_reads(
    tmp_path: Path, write_record: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Templates see only the public view, where a withheld series is left out, so
    a template that prints a chart's total cannot leak them. Given a view that keeps
    them, it prints a figure the scan cannot find — and verify names both values."""
    record = load_record(write_record(CONTACT_EXEMPT))
    templates = Templates(interfering_templates(tmp_path))
    assert verify_record(record, [], templates).papers == 2  # a sound view: nothing to leak

    careless_view(monkeypatch)
    public = render_record(record, [], templates, tmp_path / "out", versions=(Version.PUBLIC,))
    for data in public.values():  # rendered and scanned: no exempt text found
        assert "In all 52" in _text_of(data) or "(in all 52)" in _text_of(data)
    with pytest.raises(InterferenceError) as raised:
        verify_record(record, [], templates)
    problems = raised.value.problems
    assert [(p.path, p.line, p.field) for p in problems] == [
        (record.path, 24, f"{CHART}[0]"),
        (record.path, 24, f"{CHART}[1]"),
    ] * 2
    assert (
        "report/committee_report.docx changes with it (zip members word/document.xml, word/media/"
        in problems[0].message
    )
    assert "report/committee_report.pdf changes with it (page 1;" in problems[2].message


def test_chart_bars_drawn_from_withheld_values_are_named(
    write_record: Callable[..., Path], templates: Templates, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bar's height is no text: the scan cannot find it; verify names each value."""
    record = load_record(write_record(CONTACT_EXEMPT))
    careless_view(monkeypatch)
    public = render_record(
        record, [], templates, Path("out"), (Format.DOCX,), versions=(Version.PUBLIC,)
    )
    assert all(not scan_paper(data, exempt_values(record.data)) for data in public.values())
    with pytest.raises(InterferenceError) as raised:
        verify_record(record, [], templates, (Format.DOCX,))
    assert [p.field for p in raised.value.problems] == [f"{CHART}[0]", f"{CHART}[1]"]
    assert all("word/media/docgen-chart1.png" in p.message for p in raised.value.problems)


def _text_of(data: bytes) -> str:
    from docgen.docx_text import docx_to_text
    from docgen.pdf_text import pdf_to_text

    return pdf_to_text(data) if data.startswith(b"%PDF") else docx_to_text(data)


def test_the_command_reports_interference_located_and_exits_1(
    tmp_path: Path,
    write_record: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_record(CONTACT_EXEMPT, "libraries")
    (tmp_path / "templates").symlink_to(PROJECT / "templates")
    monkeypatch.chdir(tmp_path)
    clean = CliRunner().invoke(main, ["verify"])
    assert clean.exit_code == 0, clean.output
    assert "2 public paper(s) of 1 record(s) verified: none depends on exempt data" in clean.output

    careless_view(monkeypatch)
    result = CliRunner().invoke(main, ["verify", "--format", "docx"])
    assert result.exit_code == 1
    assert (
        f"error: records/libraries.yaml:24: {CHART}[0]: exempt, yet the public "
        "libraries/committee_report.docx changes with it (zip members word/document.xml, "
        "word/media/docgen-chart1.png; values made shorter)"
    ) in result.output
    assert "Traceback" not in result.output
