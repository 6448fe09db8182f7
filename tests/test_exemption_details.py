"""An exemption's reasoning, review date and release date survive everything done to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from docgen.exempt import Exemption, merge_exemptions, parse_text
from docgen.loading import load_record
from docgen.models.base import Person
from docgen.views import _withhold_field

NEGOTIATION = "Disclosure during negotiations would weaken the Council's position."
PERSONAL = "The officer has a reasonable expectation that their health stays private."


def test_merging_keeps_every_reason_and_the_earlier_review_date() -> None:
    """Two exemptions' reasoning both survive a merge; the sooner review date wins."""
    first = Exemption((3,), public_interest=NEGOTIATION, review_by=date(2027, 4, 1))
    second = Exemption((1,), public_interest=PERSONAL, review_by=date(2026, 12, 1))
    merged = first.merge(second)
    assert merged.paragraphs == (1, 3)
    assert merged.public_interest == (NEGOTIATION, PERSONAL)
    assert merged.review_by == date(2026, 12, 1)


def test_merging_with_an_exemption_without_details_keeps_the_details() -> None:
    """A bare ``exempt: 1`` merged in takes nothing away."""
    detailed = Exemption((3,), public_interest=NEGOTIATION, review_by=date(2027, 4, 1))
    for merged in (detailed.merge(Exemption((1,))), Exemption((1,)).merge(detailed)):
        assert merged.public_interest == (NEGOTIATION,)
        assert merged.review_by == date(2027, 4, 1)


def test_the_same_reason_twice_is_kept_once() -> None:
    """Merging an exemption with itself does not repeat its reasoning."""
    one = Exemption((3,), public_interest=NEGOTIATION)
    assert one.merge(one).public_interest == (NEGOTIATION,)


def test_merged_information_is_released_only_when_both_release_it() -> None:
    """Released on the later date; never while one of them has no release date."""
    early = Exemption((3,), released_on=date(2027, 1, 1))
    late = Exemption((1,), released_on=date(2028, 1, 1))
    assert early.merge(late).released_on == date(2028, 1, 1)
    assert early.merge(Exemption((1,))).released_on is None
    assert Exemption((1,)).merge(early).released_on is None


def test_merge_exemptions_keeps_the_reasons_in_the_order_given() -> None:
    """The register lists reasons as the record gives them."""
    merged = merge_exemptions(
        [Exemption((3,), public_interest=NEGOTIATION), Exemption((1,), public_interest=PERSONAL)]
    )
    assert merged is not None and merged.public_interest == (NEGOTIATION, PERSONAL)


def test_a_default_exemption_keeps_the_mappings_own_reasoning() -> None:
    """A person exempt by default who is also marked keeps the mark's reasoning and date."""
    marked = Exemption((1,), public_interest=PERSONAL, review_by=date(2027, 1, 1))
    person = Person(name=parse_text("Ann Example"), exempt=marked)
    withheld = _withhold_field(person, Exemption((2,)))
    assert withheld.exempt.public_interest == (PERSONAL,)
    assert withheld.exempt.review_by == date(2027, 1, 1)


def test_a_record_reads_the_reasoning_review_and_release_dates(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``exempt:`` as a mapping gives all four; the reasoning's white space is folded."""
    path = write_record(
        minimal_report.replace(
            "      - The cost is met from the existing budget.",
            "      - text: The cost is met from the existing budget.\n"
            "        exempt:\n          paragraphs: [3]\n"
            "          public_interest: >\n            Disclosure would\n            weaken us.\n"
            "          review_by: 2027-04-01\n          released_on: 2027-06-01",
        )
    )
    exemption = load_record(path).data.sections[0].paragraphs[1].exempt
    assert exemption == Exemption(
        (3,),
        public_interest="Disclosure would weaken us.",
        review_by=date(2027, 4, 1),
        released_on=date(2027, 6, 1),
    )

