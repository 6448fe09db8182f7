"""The benchmark: every figure of docgen's speed, each as a ratio to its reference.

Run with ``make benchmark`` (or ``.venv/bin/python benchmarks/benchmark.py``); with
``--quick`` every measure runs once on a handful of records (``make test`` runs it so,
through tests/test_benchmarks.py, so that it cannot rot); with ``--only edit``, only
edit to paper, in a few minutes. In one run it prints one table:

* Word per paper against raw docxtpl, and PDF per paper against WeasyPrint alone and
  against LibreOffice converting the same .docx (the example records that make a paper
  from themselves alone);
* where the time of one committee report's four files goes;
* edit-to-paper: after editing one committee report, ``make`` against ``docgen build``
  of that record alone, and ``docgen watch`` against the four renders in a warm
  process, in the example project (28 records) and in one of 1,000 synthetic records;
* a no-op ``make`` at 1,000 records; a 1,000-record batch on 1 and 2 workers; peak memory.

More measures: a module ``benchmarks/measure_<name>.py`` with a function
``rows(quick: bool) -> Iterable[Row]`` (or of 5-tuples in the same order) is run too,
its rows added to the same table, in the order of the module names.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import platform
import queue
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

BENCHMARKS = Path(__file__).resolve().parent
PROJECT = BENCHMARKS.parent
BIN = Path(sys.executable).parent
sys.path[:0] = [str(PROJECT), str(BENCHMARKS)]

# After the path is set: docgen from this checkout, the synthetic records beside this file.
from synthetic import SETUP_STUB, make_project  # noqa: E402

from docgen.builders.environment import make_environment  # noqa: E402
from docgen.builders.pdf import pdf_identifier  # noqa: E402
from docgen.builders.wordml import (  # noqa: E402
    Media,
    Numbering,
    paragraph_helper,
    picture_helper,
    runs,
    table,
)
from docgen.charts import chart_png  # noqa: E402
from docgen.house_style import house_style  # noqa: E402
from docgen.loading import RecordSet, load_record, load_with_related  # noqa: E402
from docgen.papers import Source, papers_for  # noqa: E402
from docgen.render import (  # noqa: E402
    ALL_FORMATS,
    Format,
    Templates,
    paper_exempt_values,
    render_record,
    withheld_exemption,
)
from docgen.scan import Needles, scan_paper  # noqa: E402
from docgen.views import Version, view  # noqa: E402

TEMPLATES = PROJECT / "templates"
EDITED = Path("london-councils/leaders-2017-03-item-7-challenge-contribution.yaml")
"""The committee report edited in the example project: one no other record draws on."""
PROFILED = PROJECT / "records" / EDITED


class Row(NamedTuple):
    """One line of the table: a figure, its reference, and their ratio."""

    measure: str
    figure: str
    reference: str = ""
    ratio: str = ""
    target: str = ""


def ratio(figure: float, reference: float) -> str:
    return f"{figure / reference:.2f}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def best(run: Callable[[], object], rounds: int) -> float:
    """The shortest of ``rounds`` runs, in seconds (after one to warm up)."""
    run()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


# --- Per paper: Word against docxtpl, PDF against WeasyPrint alone and LibreOffice ------


def self_contained(limit: int | None) -> list[Path]:
    """The example records that make a paper from themselves alone (each route here
    renders one record at a time)."""
    found = []
    for path in sorted((PROJECT / "records").rglob("*.yaml")):
        record = load_record(path)
        if (
            papers_for(record.kind, record.data)
            and not record.data.references()
            and not record.data.gathers()
        ):
            found.append(path)
    return found[:limit]


def contexts(paths: list[Path]) -> list[tuple[str, dict[str, Any], Any, str]]:
    """(Word template, context, properties, HTML template) of every paper of ``paths``,
    both versions, as docgen would render them."""
    found = []
    for path in paths:
        record = load_record(path)
        for paper in papers_for(record.kind, record.data):
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
                found.append(
                    (
                        paper.word_template,
                        paper.context(source),
                        paper.properties(source),
                        paper.html_template,
                    )
                )
    return found


def docgen_per_paper(paths: list[Path], formats: tuple[Format, ...]) -> float:
    """Seconds per paper file for docgen (render, and scan of each public paper)."""
    templates = Templates(TEMPLATES)
    records = [load_record(path) for path in paths]
    count = sum(len(render_record(r, [], templates, Path("out"), formats)) for r in records)

    def run() -> None:
        for record in records:
            render_record(record, [], templates, Path("out"), formats)

    return best(run, 2) / count


def docxtpl_per_paper(papers: list[tuple[str, dict[str, Any], Any, str]]) -> float:
    """Seconds per paper for docxtpl's own render() and save(), with docgen's helpers."""
    from docxtpl import DocxTemplate

    environment = make_environment()

    def raw(word_template: str, context: dict[str, Any]) -> bytes:
        template = DocxTemplate(TEMPLATES / word_template)  # a template object renders once
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

    def run() -> None:
        for word_template, context, _properties, _html in papers:
            raw(word_template, context)

    return best(run, 2) / len(papers)


def weasyprint_per_paper(papers: list[tuple[str, dict[str, Any], Any, str]]) -> float:
    """Seconds per paper for WeasyPrint alone: the very HTML docgen renders, its stylesheet
    parsed for each paper and nothing else reused."""
    import weasyprint

    pdf = Templates(TEMPLATES).pdf()
    # The same house values (fonts, sizes, colours) docgen gives its stylesheet.
    css = house_style(TEMPLATES).css() + (TEMPLATES / "html" / "house.css").read_text(
        encoding="utf-8"
    )
    documents = [
        pdf.environment.get_template(html).render(
            {**context, "document": properties, "house": pdf.letterhead}
        )
        for _word, context, properties, html in papers
    ]

    def run() -> None:
        for document in documents:
            weasyprint.HTML(string=document).write_pdf(stylesheets=[weasyprint.CSS(string=css)])

    return best(run, 1) / len(documents)


def libreoffice_per_paper(paths: list[Path]) -> tuple[float, float] | None:
    """Seconds per paper for LibreOffice converting the same papers' .docx in one call:
    the whole call, and after its start-up (the call less a call for one paper)."""
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
                target = work / f"{number:03d}-{output.parts[1]}-{output.stem}.docx"
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
                ]
                + [str(path) for path in batch],
                check=True,
                capture_output=True,
            )
            return time.perf_counter() - start

        convert(files[:1])  # the first start writes the profile
        one = min(convert(files[:1]) for _ in range(2))
        whole = convert(files)
    return whole / len(files), (whole - one) / max(len(files) - 1, 1)


def per_paper(quick: bool) -> Iterator[Row]:
    paths = self_contained(2 if quick else None)
    papers = contexts(paths)
    word = docgen_per_paper(paths, (Format.DOCX,))
    docxtpl = docxtpl_per_paper(papers)
    yield Row(
        "Word per paper: docgen (render + leak scan)",
        ms(word),
        f"docxtpl {ms(docxtpl)}",
        ratio(word, docxtpl),
    )
    pdf = docgen_per_paper(paths, (Format.PDF,))
    weasy = weasyprint_per_paper(papers)
    yield Row(
        "PDF per paper: docgen (tagged, leak-scanned)",
        ms(pdf),
        f"WeasyPrint alone {ms(weasy)}",
        ratio(pdf, weasy),
    )
    office = None if quick else libreoffice_per_paper(paths)
    if office is None:
        why = "skipped in --quick" if quick else "skipped: soffice is not installed"
        yield Row("PDF per paper: docgen against LibreOffice", ms(pdf), why)
    else:
        whole, after = office
        yield Row(
            "PDF per paper: docgen against LibreOffice (one batch call)",
            ms(pdf),
            f"LibreOffice {ms(whole)}",
            ratio(pdf, whole),
        )
        yield Row(
            "PDF per paper: docgen against LibreOffice after its start-up",
            ms(pdf),
            f"LibreOffice {ms(after)}",
            ratio(pdf, after),
        )


# --- Where the time of one committee report's four files goes ------------------------


def where_the_time_goes(quick: bool) -> Iterator[Row]:
    """One committee report, full and public, Word and PDF, taken apart step by step."""
    records = RecordSet(PROJECT / "records")
    loaded = load_with_related(PROFILED, records, [])
    assert loaded is not None, f"{PROFILED} does not load"
    record, related = loaded
    templates = Templates(TEMPLATES)
    pdf = templates.pdf()
    rounds = 1 if quick else 5
    parts: dict[str, float] = {}

    def timed(name: str, run: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = run()
        parts[name] = parts.get(name, 0.0) + (time.perf_counter() - start) / rounds
        return result

    render_record(record, related, templates, Path("out"))  # warm
    for _ in range(rounds):
        needles = timed(
            "needles (what the scan looks for)",
            lambda: Needles.of(paper_exempt_values(record, related, TEMPLATES)),
        )
        for paper in papers_for(record.kind, record.data):
            for version in Version:
                full = version is Version.FULL
                source = timed(
                    "views and context (×2)",
                    lambda paper=paper, version=version, full=full: Source(
                        record.id,
                        view(record.data, version),
                        version,
                        full_data=record.data if full else None,
                        templates=TEMPLATES,
                    ),
                )
                context = timed("views and context (×2)", lambda p=paper, s=source: p.context(s))
                properties = paper.properties(source)
                word = timed(
                    "Word render and zip (×2)",
                    lambda p=paper, c=context, d=properties: templates.word(p.word_template).render(
                        c, d
                    ),
                )
                html = timed(
                    "HTML template (×2)",
                    lambda p=paper, c=context, d=properties: pdf.environment.get_template(
                        p.html_template
                    ).render({**c, "document": d, "house": pdf.letterhead}),
                )
                document = timed(
                    "WeasyPrint: parse, style, lay out (×2)",
                    lambda h=html: pdf._weasyprint.HTML(
                        string=h, base_url=pdf.folder.as_uri() + "/"
                    ).render(
                        stylesheets=pdf.stylesheets,
                        font_config=pdf.font_config,
                        pdf_variant="pdf/ua-1",
                    ),
                )
                identifier = pdf_identifier(record.id, paper.name, version.value)
                data = timed(
                    "WeasyPrint: draw, tag, subset fonts, write (×2)",
                    lambda d=document, i=identifier: d.write_pdf(
                        pdf_variant="pdf/ua-1", pdf_identifier=i, uncompressed_pdf=False
                    ),
                )
                if not full:
                    timed("leak scan, public .docx", lambda w=word, n=needles: scan_paper(w, n))
                    timed("leak scan, public PDF", lambda d=data, n=needles: scan_paper(d, n))
    total = sum(parts.values())
    for name, seconds in parts.items():
        yield Row(
            f"four files of one report: {name}",
            ms(seconds),
            f"all {ms(total)}",
            f"{seconds / total:.2f}",
        )


# --- Edit to paper: make, docgen build alone, docgen watch ----------------------------


def run(command: list[str], cwd: Path, says: str = "") -> float:
    """Seconds ``command`` took; it must succeed (and print ``says``, if given)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, f"{command} failed: {done.stdout}{done.stderr}"
    assert says in done.stdout, f"{command} did not say {says!r}: {done.stdout}"
    return seconds


def make(root: Path, *goals: str, says: str = "") -> float:
    return run(["make", "--no-print-directory", f"SETUP={SETUP_STUB}", *goals], root, says)


class Edits:
    """Edits of one record's title, each different, so every edit changes all four files."""

    def __init__(self, path: Path):
        self.path = path
        self.original = path.read_text(encoding="utf-8")
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        text = re.sub(r"(?m)^(title: .*)$", rf"\1 (revision {self.count})", self.original, count=1)
        self.path.write_text(text, encoding="utf-8")


class Watching:
    """``docgen watch`` running in a project, each line read with the time it came."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            [str(BIN / "docgen"), "watch"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.until("watching")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
        self.lines.put((time.perf_counter(), ""))

    def until(self, ending: str, timeout: float = 1800) -> float:
        """When the next line holding ``ending`` came."""
        while True:
            when, line = self.lines.get(timeout=timeout)
            if ending in line:
                return when
            if not line and self.process.poll() is not None:
                raise RuntimeError(f"docgen watch ended before {ending!r}")

    def papers_after(self, edit: Callable[[], None], record_id: str) -> float:
        """Seconds from the edit saved to the record's four files written."""
        start = time.perf_counter()
        edit()
        for _ in range(4):
            done = self.until(f"/{record_id}/")
        self.until(" failed")
        return done - start

    def stop(self) -> int:
        """Peak memory (MiB), then Ctrl-C."""
        status = Path(f"/proc/{self.process.pid}/status")
        peak = 0
        if status.is_file():
            found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            peak = int(found.group(1)) // 1024 if found else 0
        self.process.send_signal(2)
        self.process.wait(timeout=60)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return peak


def in_process(root: Path, record: Path) -> float:
    """Seconds for the record's four renders (with the leak scan) in a warm process."""
    records = RecordSet(root / "records")
    loaded = load_with_related(record, records, [])
    assert loaded is not None, f"{record} does not load"
    templates = Templates(root / "templates")
    return best(lambda: render_record(*loaded, templates, root / "out", ALL_FORMATS), 3)


def edit_to_paper(root: Path, record: Path, label: str, rounds: int) -> Iterator[Row]:
    """make after an edit against docgen build of that record alone; watch against the
    renders in a warm process. The project has been built by make already."""
    edit = Edits(record)
    made, built = [], []
    for _ in range(rounds):
        edit()
        made.append(make(root, says="4 written, 0 unchanged"))  # that record alone
        built.append(
            run([str(BIN / "docgen"), "build", "--quiet", str(record.relative_to(root))], root)
        )
    watcher = Watching(root)
    watched = [watcher.papers_after(edit, record.stem) for _ in range(rounds)]
    peak = watcher.stop()
    edit.path.write_text(edit.original, encoding="utf-8")
    make(root)
    renders = in_process(root, record)
    m, b, w = (statistics.median(x) for x in (made, built, watched))
    yield Row(
        f"edit to paper, {label}: make",
        f"{m:.2f} s",
        f"docgen build of it alone {b:.2f} s",
        ratio(m, b),
        "≤ 1.3",
    )
    yield Row(
        f"edit to paper, {label}: docgen watch",
        f"{w:.2f} s",
        f"four renders in a warm process {renders:.2f} s",
        ratio(w, renders),
        "≤ 1.2",
    )
    yield Row(f"peak memory, docgen watch, {label}", f"{peak} MiB")


def example_project(root: Path, quick: bool, rounds: int) -> Iterator[Row]:
    records = make_project(root, examples=not quick)
    if quick:  # the edited record alone
        (records / EDITED).parent.mkdir(parents=True)
        shutil.copy2(PROJECT / "records" / EDITED, records / EDITED)
    make(root)
    count = len(list(records.rglob("*.yaml")))
    yield from edit_to_paper(root, records / EDITED, f"example project, {count} records", rounds)


# --- 1,000 records: batch on 1 and 2 workers, memory, make ---------------------------


def batch(
    root: Path, jobs: int, out: str, formats: tuple[str, ...] = ("docx", "pdf")
) -> tuple[float, int, int]:
    """Seconds to build every record, peak memory of the main process and its largest worker."""
    code = textwrap.dedent(f"""
        import resource
        from pathlib import Path
        from docgen.build import build
        from docgen.render import Format
        result = build(
            [Path("records")],
            out=Path({out!r}),
            templates_folder=Path("templates"),  # the project's, as make's are
            records_root=Path("records"),
            formats=[Format(name) for name in {formats!r}],
            jobs={jobs},
        )
        assert not result.errors, result.errors[:3]
        # This process's own peak: ru_maxrss would carry the benchmark's across exec.
        status = Path("/proc/self/status").read_text()
        peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
        print(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    main, children = (int(x) // 1024 for x in done.stdout.split())
    return seconds, main, children


def many_records(root: Path, count: int, rounds: int) -> Iterator[Row]:
    """The big project; the 1-worker batch comes last, being the longest."""
    records = make_project(root, count)
    make(root, "outputs/.deps.mk")  # the index, so the batch's stamps hold fingerprints
    two, main, worker = batch(root, 2, "outputs")
    files = 4 * count
    yield Row(
        f"batch of {count} records ({files} files), 2 workers",
        f"{files / two:.1f} papers/s",
        f"{two:.0f} s",
    )
    yield Row(
        f"peak memory, batch of {count} records (main / largest worker)", f"{main} / {worker} MiB"
    )
    make(root)  # settles what the build left (nothing, if the stamps agree)
    noop = min(make(root) for _ in range(5))
    yield Row(f"no-op make, {count} built records", ms(noop))
    yield from edit_to_paper(
        root, sorted(records.glob("*.yaml"))[count // 2], f"{count} records", rounds
    )
    one, _, _ = batch(root, 1, "outputs-1")
    yield Row(
        f"batch of {count} records, 1 worker",
        f"{files / one:.1f} papers/s",
        f"2 workers {files / two:.1f} papers/s",
        ratio(files / one, files / two),
    )


def many_records_edit(root: Path, count: int, rounds: int) -> Iterator[Row]:
    """Edit to paper alone in the big project, made quick to set up: the other records'
    papers are built in Word only (a PDF batch of 1,000 records takes twenty minutes).
    Their stamps are as make leaves them, and each has its folder of papers, so ``make``
    and ``docgen watch`` find the same work as in a project built whole; the edited
    record's four files are built as in `many_records`."""
    records = make_project(root, count)
    make(root, "outputs/.deps.mk")  # the index, so the batch's stamps hold fingerprints
    batch(root, 2, "outputs", formats=("docx",))
    make(root)  # settles what the build left (nothing, if the stamps agree)
    yield from edit_to_paper(
        root, sorted(records.glob("*.yaml"))[count // 2], f"{count} records", rounds
    )


# --- More measures, each in its own module --------------------------------------------


def more_measures(quick: bool) -> Iterator[Row]:
    for module in sorted(BENCHMARKS.glob("measure_*.py")):
        measures = importlib.import_module(module.stem)
        for row in measures.rows(quick):
            yield Row(*row)


# --- The table ------------------------------------------------------------------------


def machine() -> str:
    import weasyprint

    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        found = re.search(r"(?m)^model name\s*:\s*(.+)$", cpuinfo.read_text())
        model = found.group(1).strip() if found else model
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    office = "LibreOffice not installed"
    if shutil.which("soffice"):
        version = subprocess.run(
            ["soffice", "--version"], capture_output=True, text=True, check=False
        )
        office = " ".join(version.stdout.split()[:2]) or "LibreOffice (version unknown)"
    return (
        f"{platform.machine()}, nproc {os.cpu_count()} ({len(os.sched_getaffinity(0))} usable), "
        f"{model}, {memory:.0f} GiB; {platform.python_implementation()} {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}, {office}; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every measure once, on a few records")
    parser.add_argument("--records", type=int, default=1000, help="records in the big project")
    parser.add_argument("--rounds", type=int, default=3, help="edits timed per project (median)")
    parser.add_argument(
        "--only",
        choices=["edit"],
        help="only edit to paper (make and docgen watch), in the example project and the big "
        "one (whose other records are built in Word only): minutes, not half an hour",
    )
    arguments = parser.parse_args()
    quick = arguments.quick
    count = 4 if quick else arguments.records
    rounds = 1 if quick else arguments.rounds
    print(f"machine: {machine()}", flush=True)
    rows: list[Row] = []

    def add(found: Iterable[Row]) -> None:
        for row in found:
            rows.append(row)
            print(
                f"  {row.measure}: {row.figure} {row.reference} {row.ratio}",
                file=sys.stderr,
                flush=True,
            )

    edit_only = arguments.only == "edit"
    if not edit_only:
        add(per_paper(quick))
        add(where_the_time_goes(quick))
    with tempfile.TemporaryDirectory() as folder:
        add(example_project(Path(folder), quick, rounds))
    with tempfile.TemporaryDirectory() as folder:
        big = many_records_edit if edit_only else many_records
        add(big(Path(folder), count, rounds))
    if not edit_only:
        add(more_measures(quick))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    rows.append(Row("peak memory, this benchmark's own process", f"{peak} MiB"))
    print()
    print("| measure | figure | reference | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row.measure} | {row.figure} | {row.reference} | {row.ratio} | {row.target} |")


if __name__ == "__main__":
    main()
