"""PDF time per paper: docgen against WeasyPrint alone and against LibreOffice.

Run with ``make benchmark-pdf`` (or ``.venv/bin/python benchmarks/pdf_speed.py``).
All three routes turn the same example papers into PDF in one run on one machine,
and the table reports each as milliseconds per paper and as a ratio to docgen:

* docgen — ``render_record`` for PDF only, templates, stylesheet and fonts loaded once;
* WeasyPrint alone — the very HTML docgen renders, given to ``HTML(...).write_pdf``
  with the same stylesheet text but nothing reused between papers;
* LibreOffice — ``soffice --headless --convert-to pdf`` on the same papers' .docx, all
  in one call (the route an officer would otherwise take), when soffice is installed.
"""

from __future__ import annotations

import argparse
import ctypes.util
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from docgen.house_style import house_style  # noqa: E402 - after the path is set
from docgen.loading import load_record  # noqa: E402
from docgen.papers import Source, papers_for  # noqa: E402
from docgen.render import Format, Templates, render_record, withheld_exemption  # noqa: E402
from docgen.views import Version, view  # noqa: E402

TEMPLATES = PROJECT / "templates"


def papers(rounds: int, limit: int | None = None) -> list[Path]:
    """The example records that make a paper from themselves alone, ``rounds`` times over.

    Records of kinds with no paper of their own (they are drawn into others' papers),
    and those that refer to or gather others, are left out: each route here renders one
    record at a time.
    """
    records = []
    for path in sorted((PROJECT / "records").rglob("*.yaml")):
        record = load_record(path)
        if (
            papers_for(record.kind, record.data)
            and not record.data.references()
            and not record.data.gathers()
        ):
            records.append(path)
    return [path for _ in range(rounds) for path in records[:limit]]


def time_docgen(paths: list[Path]) -> float:
    templates = Templates(TEMPLATES)
    render_record(load_record(paths[0]), [], templates, Path("out"), (Format.PDF,))  # warm up
    start = time.perf_counter()
    for path in paths:
        render_record(load_record(path), [], templates, Path("out"), (Format.PDF,))
    return (time.perf_counter() - start) / (2 * len(paths))


def time_weasyprint(paths: list[Path]) -> float:
    import weasyprint

    templates = Templates(TEMPLATES)
    pdf = templates.pdf()
    css = house_style(TEMPLATES).css() + (TEMPLATES / "html/house.css").read_text(encoding="utf-8")
    documents = []
    for path in paths:
        record = load_record(path)
        paper = papers_for(record.kind, record.data)[0]
        for version in Version:
            full = version is Version.FULL
            source = Source(
                record.id,
                view(record.data, version),
                version,
                full_data=record.data if full else None,
                templates=TEMPLATES,
            )
            if not full and withheld_exemption(record, paper, source) is not None:
                continue  # a wholly withheld public paper is a notice, not this paper
            context = {
                **paper.context(source),
                "document": paper.properties(source),
                "house": pdf.letterhead,
            }
            documents.append(pdf.environment.get_template(paper.html_template).render(context))
    weasyprint.HTML(string=documents[0]).write_pdf(stylesheets=[weasyprint.CSS(string=css)])
    start = time.perf_counter()
    for html in documents:
        weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(string=css)])
    return (time.perf_counter() - start) / len(documents)


def time_libreoffice(paths: list[Path]) -> tuple[float, float] | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    templates = Templates(TEMPLATES)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        files = []
        for number, path in enumerate(paths):
            rendered = render_record(load_record(path), [], templates, Path("out"), (Format.DOCX,))
            for output, data in rendered.items():
                target = work / f"{number:04d}-{output.parts[1]}-{path.stem}.docx"
                target.write_bytes(data)
                files.append(target)
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"

        def convert(batch: list[Path]) -> float:
            start = time.perf_counter()
            subprocess.run(
                [
                    soffice,
                    profile,
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work / "pdf"),
                    *map(str, batch),
                ],
                check=True,
                capture_output=True,
            )
            return time.perf_counter() - start

        convert(files[:1])  # first start creates the profile
        one = convert(files[:1])
        batch = convert(files)
    return batch / len(files), (batch - one) / max(len(files) - 1, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each example record is built")
    parser.add_argument(
        "--tiny", action="store_true", help="two records once, no LibreOffice: a quick check"
    )
    arguments = parser.parse_args()
    rounds = 1 if arguments.tiny else arguments.rounds
    paths = papers(rounds, 2 if arguments.tiny else None)
    count = 2 * len(paths)
    docgen = time_docgen(paths)
    weasy = time_weasyprint(paths)
    office = None if arguments.tiny else time_libreoffice(paths)
    subsetter = "yes" if ctypes.util.find_library("harfbuzz-subset") else "no (fontTools fallback)"
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{len(__import__('os').sched_getaffinity(0))} cores; HarfBuzz subsetter: {subsetter}"
    )
    print(f"papers: {count} ({len(paths) // rounds} records x {rounds} rounds x full and public)")
    print()
    print("| route | ms per paper | relative to docgen |")
    print("|---|---:|---:|")
    print(f"| docgen (PDF) | {docgen * 1000:.0f} | 1.00 |")
    print(f"| WeasyPrint alone, same HTML | {weasy * 1000:.0f} | {weasy / docgen:.2f} |")
    if office is None:
        print("| LibreOffice batch (.docx to PDF) | not installed | – |")
    else:
        per_paper, after_start = office
        print(
            f"| LibreOffice batch, whole call | {per_paper * 1000:.0f} | {per_paper / docgen:.2f} |"
        )
        print(
            f"| LibreOffice batch, after its start-up | {after_start * 1000:.0f} | {after_start / docgen:.2f} |"
        )


if __name__ == "__main__":
    main()
