"""Synthetic records and throw-away projects for the benchmarks.

A synthetic record is a committee report of five to six pages with exempt content of
each form (a phrase, an exempt section), valid under every check `docgen check` runs:
its exempt text repeats nothing the public version shows.
"""

from __future__ import annotations

import shutil
import string
import textwrap
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SENTENCE = (
    "The council has reviewed the arrangements with its partners and proposes changes that "
    "will improve outcomes for residents while keeping within the agreed budget envelope"
)
CONFIDENTIAL = (
    "Commercial terms tendered by {name} Holdings: pricing negotiated privately, discounts "
    "withheld from rival bidders, and penalties agreed under seal with the supplier."
)
"""The exempt section's paragraphs: words no public part of the record uses."""
EXEMPT_SECTION = 3
SETUP_STUB = ".setup-done"
"""Stands in for .venv/.setup-done in a benchmark project: make never runs set-up there."""


def _letters(number: int) -> str:
    """``number`` in letters (0 → "Aa", 27 → "Bb"): a name no other record's text holds."""
    digits = string.ascii_lowercase
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = digits[digit] + word
        if number == 0:
            break
    return word.rjust(2, "a").capitalize()


def synthetic_record(number: int) -> str:
    """A committee report of five to six pages with an exempt phrase and an exempt section."""
    sections = []
    for section in range(6):
        exempt = section == EXEMPT_SECTION
        text = (
            CONFIDENTIAL.format(name=_letters(number))
            if exempt
            else f"{SENTENCE} ({number}.{section}.{{p}}). {SENTENCE}."
        )
        paragraphs = "\n".join(f"      - >\n        {text.format(p=p)}" for p in range(4))
        marked = "\n    exempt: 3" if exempt else ""
        sections.append(
            f"  - heading: Section {section + 1}{marked}\n    paragraphs:\n{paragraphs}"
        )
    return (
        textwrap.dedent(f"""\
        kind: committee_report
        committee: Cabinet
        meeting_date: 2026-10-14
        item: "{number}"
        title: Synthetic report {number}
        report_by: {{name: Officer {number}, job_title: Director}}
        contact: {{name: Contact {number}, telephone: "01632 960 000", email: contact{number}@example.gov.uk}}
        summary: A summary naming [exempt 1]Councillor {_letters(number)}[/exempt] once.
        recommendations:
          - agree the proposals;
          - note the consultation.
        """)
        + "sections:\n"
        + "\n".join(sections)
        + textwrap.dedent("""
        implications:
          financial: None
          legal: None
          equalities: None
        """)
    )


def make_project(root: Path, count: int = 0, examples: bool = False) -> Path:
    """A project at ``root`` that ``make`` can build: the Makefile, tools and templates
    copied, the virtual environment linked, and ``count`` synthetic records (or a copy
    of the example records). Returns its records folder."""
    records = root / "records"
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(PROJECT / name, root / name)
    shutil.copytree(PROJECT / "tools", root / "tools")
    shutil.copytree(PROJECT / "templates", root / "templates")
    (root / ".venv").symlink_to(PROJECT / ".venv")
    (root / SETUP_STUB).touch()
    if examples:
        shutil.copytree(PROJECT / "records", records)
    else:
        records.mkdir()
    for number in range(count):
        (records / f"report-{number:04d}.yaml").write_text(
            synthetic_record(number), encoding="utf-8"
        )
    return records
