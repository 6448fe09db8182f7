"""An agenda pack of ten reports against those ten reports' own PDFs.

Run with ``.venv/bin/python benchmarks/measure_packs.py`` (``--tiny`` for a quick check).
A meeting of ten reports is made from the example Northfield reports (six heard in
public, four in private), in a temporary records folder. Both routes render both
versions, PDF only, with templates, stylesheet and fonts loaded once and no scan:

* the reports — each report's own ``committee_report`` PDF, full and public;
* the pack — the meeting's ``agenda_pack``, public and full, each one WeasyPrint
  document holding every report (the full pack holds the private ones twice over:
  their reasons-restricted page and their full text).

The table gives the seconds of each (best of ``--rounds``) and their ratio.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from docgen.loading import Record, RecordSet  # noqa: E402 - after the path is set
from docgen.papers import PAPERS  # noqa: E402
from docgen.pdf_text import page_texts  # noqa: E402
from docgen.render import Format, Templates, record_source, render_record  # noqa: E402
from docgen.views import Version  # noqa: E402

TEMPLATES = PROJECT / "templates"
EXAMPLES = PROJECT / "records" / "northfield"
PUBLIC_REPORTS = ("cabinet-2026-10-budget-monitoring", "cabinet-2026-10-leisure-contract-extension")
PRIVATE_REPORTS = ("cabinet-2026-10-senior-management-review", "cabinet-2026-10-land-disposal")


def make_meeting(folder: Path, reports: int) -> Path:
    """A meeting of ``reports`` reports (three in five public), copies of the examples."""
    private = reports * 2 // 5
    lines = (EXAMPLES / "cabinet-2026-10-14.yaml").read_text(encoding="utf-8")
    head = lines[: lines.index("items:")]
    items = ["items:", "  - standard: apologies"]
    for index in range(reports - private):
        source = PUBLIC_REPORTS[index % len(PUBLIC_REPORTS)]
        shutil.copy(EXAMPLES / f"{source}.yaml", folder / f"public-{index}.yaml")
        items.append(f"  - report: public-{index}")
    if private:
        items.append("  - standard: exclusion")
    for index in range(private):
        source = PRIVATE_REPORTS[index % len(PRIVATE_REPORTS)]
        shutil.copy(EXAMPLES / f"{source}.yaml", folder / f"private-{index}.yaml")
        items.append(f"  - report: private-{index}")
        items.append(f"    public_title: Private item {index + 1}")
    meeting = folder / "meeting.yaml"
    meeting.write_text(head + "\n".join(items) + "\n", encoding="utf-8")
    return meeting


def render_pack(meeting: Record, related: list[Record], templates: Templates) -> list[bytes]:
    """The meeting's two agenda packs, public and full."""
    paper = PAPERS["agenda_pack"]
    packs = []
    for version in Version:
        source = record_source(meeting, related, version, templates.folder)
        packs.append(
            templates.pdf().render(
                paper.html_template,
                paper.context(source),
                paper.properties(source),
                b"0" * 32,
                page_labels=True,
            )
        )
    return packs


def render_reports(related: list[Record], templates: Templates) -> list[bytes]:
    """Each report's own PDF, full and public."""
    found: list[bytes] = []
    for report in related:
        found.extend(
            render_record(report, [], templates, Path("out"), (Format.PDF,), scan=False).values()
        )
    return found


def best(rounds: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(reports: int, rounds: int) -> dict[str, float]:
    """Seconds for the reports' own PDFs and for the packs, and pages of each."""
    with tempfile.TemporaryDirectory() as folder:
        meeting_path = make_meeting(Path(folder), reports)
        records = RecordSet(Path(folder))
        meeting = records.load(meeting_path)
        related = records.related(meeting)
        templates = Templates(TEMPLATES)
        render_pack(meeting, related, templates)  # warm up: templates, fonts, WeasyPrint
        render_reports(related[:1], templates)
        reports_time = best(rounds, lambda: render_reports(related, templates))
        pack_time = best(rounds, lambda: render_pack(meeting, related, templates))
        pack_pages = sum(len(page_texts(p)) for p in render_pack(meeting, related, templates))
        report_pages = sum(len(page_texts(p)) for p in render_reports(related, templates))
    return {
        "reports": reports_time,
        "pack": pack_time,
        "report_pages": report_pages,
        "pack_pages": pack_pages,
    }


def rows(quick: bool) -> list[tuple[str, str, str, str, str]]:
    """The pack's line in `make benchmark`'s table (three reports once in the quick mode)."""
    reports, rounds = (3, 1) if quick else (10, 3)
    result = measure(reports, rounds)
    return [
        (
            f"agenda packs of {reports} reports, public and full ({result['pack_pages']:.0f} pages)",
            f"{result['pack']:.2f} s",
            f"the reports' own PDFs {result['reports']:.2f} s ({result['report_pages']:.0f} pages)",
            f"{result['pack'] / result['reports']:.2f}",
            "",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10, help="reports in the meeting")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument("--tiny", action="store_true", help="three reports once: a quick check")
    arguments = parser.parse_args()
    reports, rounds = (3, 1) if arguments.tiny else (arguments.reports, arguments.rounds)
    result = measure(reports, rounds)
    print(f"Agenda pack of {reports} reports, both versions ({platform.python_version()}):")
    print()
    print("| route | seconds | pages |")
    print("|---|---:|---:|")
    print(
        f"| the {reports} reports' own PDFs, full and public | "
        f"{result['reports']:.2f} | {result['report_pages']:.0f} |"
    )
    print(
        f"| the agenda packs, public and full | {result['pack']:.2f} | {result['pack_pages']:.0f} |"
    )
    print(f"| ratio, packs to reports | {result['pack'] / result['reports']:.2f} | |")


if __name__ == "__main__":
    main()
