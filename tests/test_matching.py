"""Exempt text is matched as a reader reads it, and word by word, in both lines of defence.

The load-time check refuses a record whose public text (or id) repeats, unmarked, a
look-alike copy of exempt text or any distinctive word of it; the scan of a finished
paper finds the same.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.errors import RecordError
from docgen.loading import check, load_record
from docgen.render import paper_exempt_values
from docgen.scan import scan_docx, scan_text
from docgen.views import ExemptValue

from .conftest import MINIMAL_REPORT, copy_records, replace_in

NAME = "Zofia Kowalczyk-O'Hara"

LOOK_ALIKES = {
    "typographic apostrophe": "Zofia Kowalczyk-O\u2019Hara",
    "en dash for the hyphen": "Zofia Kowalczyk\u2013O'Hara",
    "soft hyphen inside": "Zofia Kowal\u00adczyk-O'Hara",
    "zero-width space inside": "Zofia Kowal\u200bczyk-O'Hara",
    "full-width letters": "\uff3aofia Kowalczyk-O'Hara",
    "upper case": "ZOFIA KOWALCZYK-O'HARA",
}

ACCENTED = "José Martínez"
ACCENT_LOOK_ALIKES = {
    "decomposed accents (NFD)": "Jose\u0301 Marti\u0301nez",
    "accents stripped": "Jose Martinez",
}


def report_with(summary: str, paragraph: str) -> str:
    return MINIMAL_REPORT.replace(
        "summary: The report proposes longer opening hours at the central library.",
        f'summary: "{summary}"',
    ).replace("- The cost is met from the existing budget.", f'- "{paragraph}"')


def refusal(path: Path) -> str:
    with pytest.raises(RecordError) as caught:
        load_record(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("exempt", "copy"),
    [
        *((NAME, v) for v in LOOK_ALIKES.values()),
        *((ACCENTED, v) for v in ACCENT_LOOK_ALIKES.values()),
    ],
    ids=[*LOOK_ALIKES, *ACCENT_LOOK_ALIKES],
)
def test_a_look_alike_copy_of_exempt_text_is_refused_at_load(
    write_record: Callable[..., Path], exempt: str, copy: str
) -> None:
    """Word types ’ where the record has ', a name comes decomposed or without accents."""
    path = write_record(
        report_with(f"The complaint of [exempt 1]{exempt}[/exempt] is upheld.", f"{copy} agreed.")
    )
    assert "sections[0].paragraphs[1].text: repeats, unmarked, text that summary marks exempt" in (
        refusal(path)
    )


@pytest.mark.parametrize(
    "copy", [*LOOK_ALIKES.values(), *ACCENT_LOOK_ALIKES.values(), "Zofia  Kowalczyk O Hara"]
)
def test_the_scan_finds_a_look_alike_copy(copy: str) -> None:
    """The second line of defence reads the file as a reader would, too."""
    exempt = ACCENTED if "Mart" in copy else NAME
    leaks = scan_text("word/document.xml", f"<w:t>{copy}</w:t>", [ExemptValue("lead", exempt)])
    assert [leak.field for leak in leaks] == ["lead"]


@pytest.mark.parametrize(
    ("summary", "paragraph"),
    [
        ("[exempt 1]Marguerite Okonkwo-Hale[/exempt] is redeployed.", "Ms Okonkwo-Hale agreed."),
        ("The bid of [exempt 3]Zenquist Facilities Ltd[/exempt] won.", "The Zenquist bid won."),
        ("The charge is [exempt 3]a fixed £270,000 a year[/exempt].", "It costs £270,000."),
        ("Call [exempt 2]Ms Tait on 01632 960 777[/exempt].", "Or call 01632 960777."),
    ],
    ids=["surname", "bidder's word", "amount", "telephone number"],
)
def test_a_distinctive_word_of_exempt_text_repeated_unmarked_is_refused(
    write_record: Callable[..., Path], summary: str, paragraph: str
) -> None:
    """A surname, a bidder's unusual word, an amount: each tells what was withheld."""
    problem = refusal(write_record(report_with(summary, paragraph)))
    assert "sections[0].paragraphs[1].text: repeats, unmarked, a word of the text that summary" in (
        problem
    )


def test_a_name_from_inside_an_exempt_paragraph_is_refused_elsewhere(
    write_record: Callable[..., Path],
) -> None:
    """A paragraph exempt as a whole: every distinctive word in it is exempt."""
    text = MINIMAL_REPORT.replace(
        "      - The cost is met from the existing budget.\n",
        "      - text: Interviews were offered to Daniel Ferreira-Mott and Hannah Szabo.\n"
        "        exempt: 1\n"
        "      - Ms Szabo has accepted.\n",
    )
    assert "sections[0].paragraphs[2].text: repeats, unmarked, a word of the text that " in refusal(
        write_record(text)
    )


def test_common_words_small_numbers_and_years_of_exempt_text_may_stand_elsewhere(
    write_record: Callable[..., Path],
) -> None:
    """ "the", "posts", "3" and "2027" tell nothing: the record loads."""
    summary = "[exempt 1]The 3 posts of the Director from 2027[/exempt] change."
    load_record(write_record(report_with(summary, "The 3 posts change from 2027.")))


@pytest.mark.parametrize(
    ("name", "exempt"),
    [
        ("jose-martinez-review", "José Martínez"),
        ("okonkwo-hale-redeployment", "Marguerite Okonkwo-Hale"),
        ("zofiakowalczyk", "Zofia Kowalczyk"),
        ("2019-health-and-care", "Health and Care"),
    ],
)
def test_an_id_holding_a_word_or_transliteration_of_exempt_text_is_refused(
    write_record: Callable[..., Path], name: str, exempt: str
) -> None:
    """File names are ids, and ids are paths of the public papers."""
    path = write_record(
        report_with(f"The case of [exempt 1]{exempt}[/exempt].", "A paragraph."), name=name
    )
    assert f"{path}:1: id: the record id (file name) contains the exempt text of summary" in (
        refusal(path)
    )


def docx_holding(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def test_the_scan_finds_a_surname_of_an_exempt_name_alone(
    write_record: Callable[..., Path],
) -> None:
    """The same word-level rule, applied to the finished file."""
    record = load_record(
        write_record(report_with("[exempt 1]Marguerite Okonkwo-Hale[/exempt] agreed.", "Fine."))
    )
    values = paper_exempt_values(record, [])
    leaks = scan_docx(docx_holding("Ms Okonkwo\u2013Hale has agreed."), values)
    assert {leak.field for leak in leaks} == {"summary"}
    assert scan_docx(docx_holding("Ms Hale has agreed."), values) == []  # "hale" is English


def test_a_peer_challenge_repeating_a_best_value_records_exempt_name_is_refused(
    tmp_path: Path,
) -> None:
    """The Best Value papers draw on the peer challenge: the name would reach them.

    (The same name as a peer's name would not: it would say the person is a peer, not
    what the Best Value record withholds.)"""
    root = copy_records(
        tmp_path,
        "best-value/tower-hamlets-directions-2017.yaml",
        "peer-challenges/tower-hamlets-2018.yaml",
    )
    best_value = root / "best-value/tower-hamlets-directions-2017.yaml"
    challenge = root / "peer-challenges/tower-hamlets-2018.yaml"
    replace_in(
        best_value,
        "    - {name: LGA Principal Adviser for London}",
        "    - {name: Ifeoma Ransley-Dunn, exempt: 1}",
    )
    replace_in(
        challenge,
        "require by 1 August 2018.",
        "require by 1 August 2018, as the Board's Ifeoma Ransley\u2010Dunn advised.",
    )
    errors, _ = check([best_value], root)
    assert any(
        f"{challenge}:11: scope: repeats, unmarked, text that "
        "tower-hamlets-directions-2017: board.external[0].name marks exempt" in str(e)
        for e in errors
    ), [str(e) for e in errors]


def test_one_commission_repeating_anothers_exempt_name_is_refused(tmp_path: Path) -> None:
    """Both are shown in the year's report: the one would give the other away."""
    root = copy_records(
        tmp_path,
        "commissions/commissions-2019.yaml",
        "commissions/2019-health-and-care.yaml",
        "commissions/2019-housing-supply.yaml",
    )
    replace_in(
        root / "commissions/2019-health-and-care.yaml",
        "  - {name: Farid Okonjo, borough: Newham, profession: Director of Adult Social Services}",
        "  - {name: Farid Okonjo, borough: Newham, profession: Director, exempt: 1}",
    )
    housing = root / "commissions/2019-housing-supply.yaml"
    housing.write_text(
        housing.read_text(encoding="utf-8")
        + "experience: Worked with Farid Okónjo on the housing board.\n",
        encoding="utf-8",
    )
    errors, _ = check([root / "commissions/commissions-2019.yaml"], root)
    assert any(
        f"{housing}" in str(e)
        and "experience: repeats, unmarked, text that 2019-health-and-care: "
        "supporting_group[0].name marks exempt"
        in str(e)
        for e in errors
    ), [str(e) for e in errors]


def test_a_report_about_a_concern_case_naming_its_council_by_a_short_form_is_refused(
    tmp_path: Path,
) -> None:
    """The case's authority is exempt by nature; "Brackenford" alone gives it away."""
    root = copy_records(tmp_path, "concern-cases/case-2026-01.yaml")
    report = root / "report.yaml"
    report.write_text(
        MINIMAL_REPORT.replace(
            "- The cost is met from the existing budget.",
            "- Support for Bräckenford continues.",
        )
        + "about: case-2026-01\n",
        encoding="utf-8",
    )
    errors, _ = check([report], root)
    assert any(
        f"{report}:15: sections[0].paragraphs[1].text: repeats, unmarked, a word of the text that "
        "case-2026-01: authority marks exempt" in str(e)
        for e in errors
    ), [str(e) for e in errors]


def test_a_number_that_cites_the_law_may_stand_elsewhere(
    write_record: Callable[..., Path],
) -> None:
    """ "section 151" is the law's, not a secret; the amount beside it is."""
    summary = "[exempt 3]The section 151 officer doubts Zenquist's £412,000 bid[/exempt]."
    load_record(write_record(report_with(summary, "The section 151 officer, or s151, agrees.")))
    assert "a word of the text that summary" in refusal(
        write_record(report_with(summary, "The section 151 officer doubts a £412,000 bid."))
    )


def test_a_reports_id_spelling_the_council_of_the_case_it_is_about_is_refused(
    tmp_path: Path,
) -> None:
    """The report's papers are published under its id."""
    root = copy_records(tmp_path, "concern-cases/case-2026-01.yaml")
    report = root / "brackenford-support.yaml"
    report.write_text(MINIMAL_REPORT + "about: case-2026-01\n", encoding="utf-8")
    errors, _ = check([report], root)
    assert any(
        f"{report}:1: id: the record id (file name) contains the exempt text of "
        "case-2026-01: authority" in str(e)
        for e in errors
    ), [str(e) for e in errors]
