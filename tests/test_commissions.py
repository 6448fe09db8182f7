"""Commissions: the record, its checks, the annual report and the MoU draft."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.errors import RecordError
from docgen.loading import RecordSet, check, load_record
from docgen.models.commission import SUB_REGIONS, Commission, CommissionSet, spread

from .conftest import RECORDS

SET = RECORDS / "commissions/commissions-2019.yaml"

COMMISSION = """\
kind: commission
policy_area: Air quality
portfolio: Environment
year: 2019
lead: {{name: A Lead, borough: {borough}, sub_region: {region}, political_control: {party}}}
"""

SET_RECORD = textwrap.dedent("""\
    kind: commission_set
    year: 2019
    committee: Leaders' Committee
    body: London Councils
    meeting_date: 2019-10-08
    report_by: {name: A Chief Executive}
    contact: {name: An Officer}
    mou_parties: [London Councils]
    mou_signatories: [{name: A Chief Executive}]
""")


def commission(
    write_record: Callable[..., Path],
    name: str,
    region: str = "Central",
    party: str = "Labour",
    extra: str = "",
) -> Path:
    return write_record(
        COMMISSION.format(borough="Camden", region=region, party=party) + extra, name
    )


def warnings_for(tmp_path: Path, set_text: str = SET_RECORD) -> list[str]:
    path = tmp_path / "records" / "commissions-2019.yaml"
    path.write_text(set_text, encoding="utf-8")
    errors, warnings = check([path], tmp_path / "records")
    assert errors == []
    return [w.message for w in warnings]


def test_a_commission_runs_twelve_months_from_1_september(
    write_record: Callable[..., Path],
) -> None:
    """Without a period the rule gives one; a period that breaks it is an error."""
    record = load_record(commission(write_record, "ok"))
    assert isinstance(record.data, Commission)
    assert (
        record.data.effective_period.start.isoformat(),
        record.data.effective_period.end.isoformat(),
    ) == (
        "2019-09-01",
        "2020-08-31",
    )


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (
            "{start: 2019-08-01, end: 2020-07-31}",
            "starts on 2019-08-01; commissions run twelve months from 1 September",
        ),
        (
            "{start: 2019-09-01, end: 2020-03-31}",
            "ends on 2020-03-31; a commission starting 2019-09-01 runs twelve months, to 2020-08-31",
        ),
        ("{start: 2018-09-01, end: 2019-08-31}", "starts in 2018, not the commissioning year 2019"),
    ],
)
def test_a_period_that_breaks_the_cycle_is_an_error(
    write_record: Callable[..., Path], period: str, message: str
) -> None:
    """The cycle is fixed by the agreed process (reference 000 para 12)."""
    path = commission(write_record, "bad", extra=f"period: {period}\n")
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:6: period: {message}"]


def test_an_unknown_sub_region_is_an_error(write_record: Callable[..., Path]) -> None:
    """Sub-regions are the London Plan's five, so the spread can be counted."""
    with pytest.raises(RecordError, match="'Middle' is not a London sub-region"):
        load_record(commission(write_record, "bad", region="Middle"))


def balanced(write_record: Callable[..., Path]) -> None:
    for index, (region, party) in enumerate(
        [
            ("Central", "Labour"),
            ("East", "Labour"),
            ("North", "Conservative"),
            ("South", "Liberal Democrat"),
            ("West", "Conservative"),
            ("South", "Labour"),
        ]
    ):
        commission(write_record, f"c{index}", region, party)


def test_a_balanced_october_set_raises_no_warning(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Every sub-region served, no party or sub-region with most of them, reported in October."""
    balanced(write_record)
    assert warnings_for(tmp_path) == []


def test_the_report_goes_to_the_october_leaders_committee(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Another committee or month is worth a warning, not an error."""
    balanced(write_record)
    text = SET_RECORD.replace("Leaders' Committee", "Executive").replace("2019-10-08", "2019-11-12")
    assert warnings_for(tmp_path, text) == [
        "the annual commissions report goes to Leaders' Committee, not Executive",
        "the 2019 commissions are reported to the October 2019 Leaders' Committee, not on 2019-11-12",
    ]


def test_one_sub_region_or_party_holding_most_is_a_warning(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Reference 000 para 13: the diversity of the boroughs the group works for."""
    for index in range(3):
        commission(write_record, f"c{index}", "Central", "Labour")
    commission(write_record, "c3", "West", "Conservative")
    assert warnings_for(tmp_path) == [
        "the Central sub-region holds 3 of the 4 commissions",
        "no commission is held in the East sub-region",
        "no commission is held in the North sub-region",
        "no commission is held in the South sub-region",
        "boroughs under Labour control hold 3 of the 4 commissions",
    ]


def test_warnings_never_stop_a_build_but_strict_checks_fail(
    write_record: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``docgen check`` reports; ``docgen check --strict`` fails on warnings."""
    from click.testing import CliRunner

    from docgen.cli import main

    commission(write_record, "c0")
    (tmp_path / "records" / "commissions-2019.yaml").write_text(SET_RECORD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    relaxed = CliRunner().invoke(main, ["check"])
    assert (
        relaxed.exit_code == 0
        and "warning: no commission is held in the East sub-region" in relaxed.output
    )
    assert CliRunner().invoke(main, ["check", "--strict"]).exit_code == 1


def test_the_example_year_raises_no_warning() -> None:
    """The shipped 2019 commissions follow every rule."""
    errors, warnings = check([SET], RECORDS)
    assert errors == [] and warnings == []


def test_a_set_with_a_broken_commission_fails_rather_than_leave_it_out(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """A paper must never quietly drop a record it should hold."""
    balanced(write_record)
    write_record("kind: commission\npolicy_area: Broken\n", "broken")
    path = tmp_path / "records" / "commissions-2019.yaml"
    path.write_text(SET_RECORD, encoding="utf-8")
    errors, _ = check([path], tmp_path / "records")
    assert len(errors) == 1 and "draws in commission records with problems" in str(errors[0])


def test_years_as_lead_are_derived_from_the_history(example_papers: dict[str, bytes]) -> None:
    """Health and care has had the same lead since 2017: 2019 is her third year."""
    text = docx_to_text(example_papers["commissions-2019/annual_commissions_report/full.docx"])
    rows = re.findall(
        r"\| \[Table Text\] (Health and care integration|Business rates retention)\n(?:.*\n){3}.*\| \[Table Text\] (\w+)",
        text,
    )
    assert dict(rows) == {"Health and care integration": "3rd", "Business rates retention": "2nd"}


def test_the_diversity_table_and_chart_agree_with_the_records(
    example_papers: dict[str, bytes],
) -> None:
    """Counts by sub-region and party, in the table and in the chart's alt text, are the records'."""
    records = RecordSet(RECORDS)
    record_set = records.load(SET)
    assert isinstance(record_set.data, CommissionSet)
    members = record_set.data.members([r.data for r in records.related(record_set)])
    regions, parties = spread(members)
    for version in ("full", "public"):
        text = docx_to_text(
            example_papers[f"commissions-2019/annual_commissions_report/{version}.docx"]
        )
        for region in SUB_REGIONS:
            assert f"| [Table Text] {region}\n    | [Table Text] {regions[region]}\n" in text
        for party, count in parties.items():
            assert f"| [Table Text] {party}\n    | [Table Text] {count}\n" in text
            by_region = ", ".join(
                f"{r} {sum(1 for m in members if m.lead.sub_region == r and m.lead.political_control == party)}"
                for r in SUB_REGIONS
            )
            assert f"{party}: {by_region}" in text
        assert (
            "{picture: Bar chart, Commissions 2019–20 by sub-region and political control." in text
        )


def test_the_mou_numbers_its_clauses_in_word_numbering(example_papers: dict[str, bytes]) -> None:
    """Parts 1, 2 … and clauses 1.1, 1.2 … from the template's multi-level list."""
    text = docx_to_text(example_papers["commissions-2019/mou_draft/public.docx"])
    labels = re.findall(r"\[Clause(?: Heading)? ([\d.]+)\]", text)
    assert labels[:5] == ["1.", "1.1", "1.2", "1.3", "2."]
    assert (
        "[Draft Banner] DRAFT – for discussion" in text
        and "\t{HeaderDraftRun: DRAFT – for discussion}" in text  # right of the one-line header
    )


def test_the_exempt_supporting_member_is_withheld_in_public(
    example_papers: dict[str, bytes],
) -> None:
    """The one exempt member is shaded in full and a notice in public."""
    full = docx_to_text(example_papers["commissions-2019/annual_commissions_report/full.docx"])
    public = docx_to_text(example_papers["commissions-2019/annual_commissions_report/public.docx"])
    assert (
        "{ExemptText: Lavinia Strachan-Obi}" in full
        and "NOT FOR PUBLICATION by virtue of paragraph 1" in full
    )
    assert (
        "Lavinia" not in public
        and "[List Bullet •] {WithheldText: [Not for publication: paragraph 1 of Schedule 12A]}"
        in public
    )


def test_no_sentence_starts_with_a_numeral(example_papers: dict[str, bytes]) -> None:
    """ "Six policy areas …", "Two expressions …": counts in words, as the clerk writes them."""
    text = docx_to_text(example_papers["commissions-2019/annual_commissions_report/full.docx"])
    assert "Six policy areas have a Lead Chief Executive this year:" in text
    assert "Two expressions of interest were considered." in text
    assert "One expression of interest was considered." in text
    sentences = re.findall(r"(?:\] |\. )(\d+ [a-z]+)", text)
    assert sentences == []


def test_no_health_detail_of_a_named_person_in_the_examples() -> None:
    """A committee report has no place for anyone's health, withheld or not."""
    for path in (RECORDS / "commissions").glob("*.yaml"):
        assert "health reasons" not in path.read_text(encoding="utf-8"), path.name


def test_the_mou_schedule_is_captioned_once_and_its_lead_words_are_bold(
    example_papers: dict[str, bytes],
) -> None:
    word = docx_to_text(example_papers["commissions-2019/mou_draft/full.docx"])
    assert "[heading 1] Schedule\n[caption] Commissions from 1 September 2019" in word
    assert "Schedule: commissions" not in word
    assert "[Clause 2.1] **Accountability. **A Lead Chief Executive" in word
    assert "[Clause 2.2] **The pivot. **The Chief Executive of London Councils" in word
    pdf = example_papers["commissions-2019/mou_draft/full.pdf"]
    from docgen.pdf_text import pdf_to_text

    assert "Schedule: commissions" not in pdf_to_text(pdf)
