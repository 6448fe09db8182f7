"""Exemption marks inside text: ``[exempt N]…[/exempt]``."""

from __future__ import annotations

import pytest

from docgen.exempt import Exemption, MarkError, SpanKind, parse_text


def test_a_phrase_mark_makes_an_exempt_span_with_its_paragraph() -> None:
    """The marked phrase is one span, exempt under the named paragraph."""
    text = parse_text("Paid to [exempt 3]Acme Ltd[/exempt] in May.")
    assert [(s.text, s.kind) for s in text.spans] == [
        ("Paid to ", SpanKind.PLAIN),
        ("Acme Ltd", SpanKind.EXEMPT),
        (" in May.", SpanKind.PLAIN),
    ]
    assert text.spans[1].exemption == Exemption((3,))


def test_a_mark_may_name_several_paragraphs() -> None:
    """``[exempt 2, 1]`` names paragraphs 1 and 2, sorted."""
    text = parse_text("[exempt 2, 1]Jo Bloggs[/exempt]")
    assert text.spans[0].exemption == Exemption((1, 2))


def test_white_space_is_folded_as_in_a_paragraph() -> None:
    """Line breaks from YAML block scalars become single spaces."""
    assert str(parse_text("  two\n  lines  ")) == "two lines"


def test_redacted_text_keeps_the_plain_spans_and_shows_a_notice() -> None:
    """The public form names the paragraph but not the phrase."""
    redacted = parse_text("Paid to [exempt 3]Acme Ltd[/exempt].").redacted()
    assert str(redacted) == "Paid to [Not for publication: paragraph 3 of Schedule 12A]."
    assert "Acme" not in str(redacted)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("[exempt 1]open", "never closed"),
        ("closed[/exempt]", "never opened"),
        ("[exempt 1]a [exempt 2]b[/exempt][/exempt]", "cannot be nested"),
        ("[exempt 8]x[/exempt]", "'8', which is not a paragraph"),
        ("[exempt 0]x[/exempt]", "'0', which is not a paragraph"),
        ("[exempt]x[/exempt]", "needs the paragraph"),
        ("[exempt one]x[/exempt]", "'one', which is not a paragraph"),
        ("[exempt 1][/exempt]", "is empty"),
        ("", "is empty"),
        ("bell \x07 here", r"U\+0007"),
    ],
)
def test_malformed_marks_are_refused_with_a_reason(raw: str, message: str) -> None:
    """Each kind of malformed mark says what is wrong."""
    with pytest.raises(MarkError, match=message):
        parse_text(raw)


def test_the_statutory_wording_lists_paragraphs_in_order() -> None:
    """Notices and statements use the paragraph numbers as the Act does."""
    assert Exemption((1,)).paragraph_words == "paragraph 1"
    assert Exemption((4, 1, 3)).paragraph_words == "paragraphs 1, 3 and 4"
    assert "Part 1 of Schedule 12A to the Local Government Act 1972" in Exemption((5,)).statement


def test_an_exemption_outside_part_1_cannot_be_made() -> None:
    """Paragraphs are 1 to 7."""
    with pytest.raises(ValueError, match="not in Part 1"):
        Exemption((9,))


def test_phrases_of_one_exemption_parted_by_punctuation_are_labelled_once_after_the_last() -> None:
    text = parse_text(
        "[exempt 1]Lavinia Strachan-Obi[/exempt] ([exempt 1]Croydon[/exempt]), "
        "[exempt 1]Director of Children's Services[/exempt]"
    )
    labels = [label for label in text.labels() if label]
    assert labels == ["[Exempt: paragraph 1 of Schedule 12A]"]
    assert text.labels()[-1] == labels[0]


def test_phrases_parted_by_words_or_of_other_exemptions_keep_their_own_labels() -> None:
    apart = parse_text("[exempt 1]Ann[/exempt] met [exempt 1]Bob[/exempt]")
    other = parse_text("[exempt 1]Ann[/exempt], [exempt 3]£412,000[/exempt]")
    assert len([label for label in apart.labels() if label]) == 2
    assert [label for label in other.labels() if label] == [
        "[Exempt: paragraph 1 of Schedule 12A]",
        "[Exempt: paragraph 3 of Schedule 12A]",
    ]
