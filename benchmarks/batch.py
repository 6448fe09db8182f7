"""Batch benchmark: docgen against the raw libraries, and whole batches with make.

Run with ``make benchmark`` (or ``.venv/bin/python benchmarks/batch.py``). In one run,
on synthetic committee reports of realistic size (5–6 pages, with exempt phrases,
an exempt paragraph and an exempt section), it measures:

* Word: docgen per paper (both versions, scanned) against raw docxtpl rendering the
  same template with the same context in a plain loop;
* a batch of N records (4 files each: Word and PDF, full and public) on all cores:
  papers per second, speed-up from 1 to 2 workers, peak memory at 10 and N records;
* make: a no-op ``make`` on the N built records, and ``make`` after touching one
  record and after touching one template;
* ``docgen verify`` against ``docgen build`` of the same records, in one process.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(PROJECT))

from docgen.builders.environment import make_environment  # noqa: E402 - after the path is set
from docgen.builders.wordml import Media, Numbering, paragraph_helper, picture_helper, runs, table  # noqa: E402
from docgen.charts import chart_png  # noqa: E402
from docgen.loading import load_record  # noqa: E402
from docgen.papers import Source, papers_for  # noqa: E402
from docgen.render import Format, Templates, render_record  # noqa: E402
from docgen.views import Version, view  # noqa: E402

SENTENCE = (
    "The council has reviewed the arrangements with its partners and proposes changes that "
    "will improve outcomes for residents while keeping within the agreed budget envelope"
)


def synthetic_record(number: int) -> str:
    """A committee report of five to six pages with exempt content of each form."""
    sections = []
    for section in range(6):
        paragraphs = "\n".join(
            f"      - >\n        {SENTENCE} ({number}.{section}.{p}). {SENTENCE}." for p in range(4)
        )
        exempt = "\n    exempt: 3" if section == 3 else ""
        sections.append(
            f"  - heading: Section {section + 1}{exempt}\n    paragraphs:\n{paragraphs}"
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
        summary: A summary naming [exempt 1]Person Number {number}[/exempt] once.
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


def make_project(root: Path, count: int) -> None:
    (root / "records").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(PROJECT / name, root / name)
    shutil.copytree(PROJECT / "tools", root / "tools")
    shutil.copytree(PROJECT / "templates", root / "templates")
    (root / ".venv").symlink_to(PROJECT / ".venv")
    (root / ".setup-done").touch()  # stands in for .venv/.setup-done: set-up never runs here
    for number in range(count):
        (root / "records" / f"report-{number:04d}.yaml").write_text(
            synthetic_record(number), encoding="utf-8"
        )


def time_word(root: Path, rounds: int) -> tuple[float, float]:
    """ms per Word paper: docgen (render, scan) and raw docxtpl (render, save)."""
    from docxtpl import DocxTemplate

    paths = sorted((root / "records").glob("*.yaml"))[:rounds]
    records = [load_record(p) for p in paths]
    templates = Templates(root / "templates")
    render_record(records[0], [], templates, root / "out", (Format.DOCX,))
    start = time.perf_counter()
    for record in records:
        render_record(record, [], templates, root / "out", (Format.DOCX,))
    docgen = (time.perf_counter() - start) / (2 * len(records))

    paper = papers_for("committee_report")[0]
    template_path = root / "templates" / paper.word_template
    environment = make_environment()
    contexts = []
    for record in records:
        for version in Version:
            source = Source(record.id, view(record.data, version), version, (), record.data)
            contexts.append(paper.context(source))

    def raw(context: dict[str, object]) -> bytes:
        template = DocxTemplate(template_path)  # docxtpl renders a template object once
        template.init_docx()
        numbering = Numbering.from_xml(template.docx.part.numbering_part.blob)
        helpers = {
            "paragraph": paragraph_helper(numbering),
            "runs": runs,
            "table": table,
            "picture": picture_helper(Media()),
            "chart_png": chart_png,
        }
        template.render({**context, **helpers}, jinja_env=environment)
        buffer = io.BytesIO()
        template.save(buffer)
        return buffer.getvalue()

    raw(contexts[0])
    start = time.perf_counter()
    for context in contexts:
        raw(context)
    docxtpl = (time.perf_counter() - start) / len(contexts)
    return docgen * 1000, docxtpl * 1000


def time_verify(root: Path, count: int, rounds: int = 2) -> tuple[float, float]:
    """Seconds to build, and to verify, the same records (Word and PDF), one process each
    way, templates compiled once per run as the commands do; the best of ``rounds``,
    taken in turn, so a busy machine weighs on both alike."""
    from docgen.build import build
    from docgen.verify import verify

    paths = sorted((root / "records").glob("*.yaml"))[:count]
    folders = {"templates_folder": root / "templates", "records_root": root / "records"}
    build(paths[:1], out=root / "warm-up", **folders)  # imports (WeasyPrint) and fonts
    built, checked = [], []
    for round_ in range(rounds):
        start = time.perf_counter()
        result = build(paths, out=root / f"built-for-verify-{round_}", **folders)
        built.append(time.perf_counter() - start)
        assert result.ok, result.errors[:3]
        start = time.perf_counter()
        verified = verify(paths, folders["records_root"], folders["templates_folder"])
        checked.append(time.perf_counter() - start)
        assert not verified.errors, verified.errors[:3]
    return min(built), min(checked)


def run_build(root: Path, jobs: int, records: list[Path] | None = None) -> tuple[float, int, int]:
    """Seconds, peak memory of the main process and of its largest worker (MiB)."""
    code = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        from docgen.build import build
        paths = {[str(p) for p in records] if records else ["records"]!r}
        result = build([Path(p) for p in paths], out=Path("outputs"), jobs={jobs})
        assert not result.errors, result.errors[:3]
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    main, children = (int(x) // 1024 for x in done.stdout.split())
    return seconds, main, children


def time_make(root: Path, touch: Path | None = None) -> float:
    if touch is not None:
        later = time.time() + 2
        os.utime(touch, (later, later))
    start = time.perf_counter()
    subprocess.run(
        ["make", "--no-print-directory", "SETUP=.setup-done"],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000, help="records in the big batch")
    parser.add_argument(
        "--sample", type=int, default=40, help="records for the per-paper and speed-up runs"
    )
    arguments = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        make_project(root, arguments.records)

        docgen_ms, docxtpl_ms = time_word(root, min(arguments.sample, arguments.records))
        rows += [
            ("Word, docgen per paper (render + leak scan)", f"{docgen_ms:.1f} ms"),
            ("Word, raw docxtpl per paper (render + save)", f"{docxtpl_ms:.1f} ms"),
            ("Word, docgen ÷ docxtpl", f"{docgen_ms / docxtpl_ms:.2f}"),
        ]

        built, checked = time_verify(root, min(arguments.sample, arguments.records))
        rows += [
            (
                f"verify, {min(arguments.sample, arguments.records)} records (Word and PDF)",
                f"{checked:.1f} s against {built:.1f} s to build them: {checked / built:.2f}×",
            )
        ]

        sample = sorted((root / "records").glob("*.yaml"))[: arguments.sample]
        one, _, _ = run_build(root, 1, sample)
        shutil.rmtree(root / "outputs")
        two, _, _ = run_build(root, 2, sample)
        shutil.rmtree(root / "outputs")
        rows += [
            (f"batch of {len(sample)} records, 1 worker", f"{4 * len(sample) / one:.1f} papers/s"),
            (f"batch of {len(sample)} records, 2 workers", f"{4 * len(sample) / two:.1f} papers/s"),
            ("speed-up from 1 to 2 workers", f"{one / two:.2f}×"),
        ]

        _, ten_main, ten_worker = run_build(
            root, cores, sorted((root / "records").glob("*.yaml"))[:10]
        )
        shutil.rmtree(root / "outputs")
        subprocess.run(
            ["make", "--no-print-directory", "SETUP=.setup-done", "outputs/.deps.mk"],
            cwd=root,
            capture_output=True,
            check=True,
        )
        seconds, big_main, big_worker = run_build(root, cores)
        rows += [
            (
                f"batch of {arguments.records} records ({4 * arguments.records} files), {cores} workers",
                f"{seconds:.0f} s, {4 * arguments.records / seconds:.1f} papers/s",
            ),
            ("peak memory, 10 records (main / largest worker)", f"{ten_main} / {ten_worker} MiB"),
            (
                f"peak memory, {arguments.records} records (main / largest worker)",
                f"{big_main} / {big_worker} MiB",
            ),
        ]

        # make: stamps from the build above are current; a first make only writes deps.
        time_make(root)
        time_make(root)
        noop = min(time_make(root) for _ in range(5))
        record = time_make(root, sorted((root / "records").glob("*.yaml"))[-1])
        template = time_make(root, root / "templates" / "html" / "house.css")
        rows += [
            (f"no-op make, {arguments.records} built records", f"{noop * 1000:.0f} ms"),
            ("make after touching one record", f"{record:.1f} s"),
            ("make after touching one template (every paper)", f"{template:.0f} s"),
        ]
    print(
        f"machine: {platform.machine()}, {cores} cores, CPython {platform.python_version()}, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB"
    )
    print()
    print("| measure | result |")
    print("|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
