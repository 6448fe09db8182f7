"""`docgen watch`: a running watcher rebuilds exactly the papers an edit affects.

Each test starts ``docgen watch`` in a project of its own, changes files under it, and
waits (with a time-out, never a timing assertion) for the line that ends each rebuild.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.pdf_text import pdf_to_text

from .conftest import MINIMAL_REPORT, PROJECT, RECORDS, TEMPLATES, replace_in
from .test_make import SETUP_STUB

TIME_OUT = 240.0
"""Seconds a watcher may take to answer: generous, since the machine may be busy."""
DOCGEN = Path(sys.executable).parent / "docgen"
REPORT = "cabinet-a"
SET = "commissions-2019"


class RunningWatcher:
    """``docgen watch`` in a subprocess, its output (stdout and stderr) read as it comes."""

    def __init__(self, project: Path, *arguments: str):
        self.process = subprocess.Popen(
            [str(DOCGEN), "watch", *arguments],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, ending: str) -> list[str]:
        """The lines printed up to and including the next one that holds ``ending``."""
        seen: list[str] = []
        deadline = time.monotonic() + TIME_OUT
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                pytest.fail(f"no line with {ending!r} within {TIME_OUT} s; saw {seen}")
            if line is None:
                pytest.fail(f"the watcher ended before {ending!r}; saw {seen}")
            seen.append(line)
            if ending in line:
                return seen

    def rebuild(self) -> list[str]:
        """What the watcher printed for the next change, up to its summary line."""
        return self.until(" failed")

    def stop(self) -> list[str]:
        """Ctrl-C: the watcher says it stopped, and exits 0 with no traceback."""
        self.process.send_signal(signal.SIGINT)
        rest = self.until("stopped")
        assert self.process.wait(timeout=TIME_OUT) == 0
        assert not any("Traceback" in line for line in rest)
        self.close()
        return rest

    def close(self) -> None:
        """End the process if it is still running, and close its output."""
        assert self.process.stdout is not None
        if self.process.stdout.closed:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=TIME_OUT)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two committee reports and a commission set with its three commissions; templates of
    its own, to be edited."""
    records = tmp_path / "records"
    records.mkdir()
    (records / f"{REPORT}.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    (records / "cabinet-b.yaml").write_text(
        MINIMAL_REPORT.replace("Library", "Leisure"), encoding="utf-8"
    )
    for name in (SET, "2019-health-and-care", "2019-business-rates", "2018-business-rates"):
        shutil.copy2(RECORDS / "commissions" / f"{name}.yaml", records / f"{name}.yaml")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    return tmp_path


@pytest.fixture
def start(project: Path) -> Iterator[Callable[[], RunningWatcher]]:
    """Starts watchers on the project; each is ended after the test, whatever happened."""
    started: list[RunningWatcher] = []

    def start() -> RunningWatcher:
        started.append(RunningWatcher(project))
        return started[-1]

    yield start
    for running in started:
        running.close()


@pytest.fixture
def watcher(start: Callable[[], RunningWatcher]) -> RunningWatcher:
    """A watcher started on the project, once it has built every paper and is watching."""
    running = start()
    running.until("watching")
    return running


def written(lines: list[str]) -> set[str]:
    """The papers a rebuild wrote, as ``<version>/<id>/<file>``."""
    return {
        "/".join(Path(line.removeprefix("wrote ")).parts[-3:])
        for line in lines
        if line.startswith("wrote ")
    }


def papers(project: Path, record_id: str) -> dict[str, bytes]:
    found = sorted((project / "outputs").glob(f"*/{record_id}/*.*"))
    return {"/".join(path.parts[-3:]): path.read_bytes() for path in found}


def test_the_watcher_builds_what_is_missing_then_waits(
    start: Callable[[], RunningWatcher],
) -> None:
    running = start()
    lines = running.until("watching")
    assert f"public/{REPORT}/committee_report.pdf" in written(lines)
    assert f"full/{SET}/mou_draft.docx" in written(lines)
    running.stop()


def test_editing_a_record_rebuilds_it_and_only_it(project: Path, watcher: RunningWatcher) -> None:
    replace_in(project / "records" / f"{REPORT}.yaml", "until 8pm", "until 9pm")
    lines = watcher.rebuild()
    assert written(lines) == {
        f"{version}/{REPORT}/committee_report.{suffix}"
        for version in ("full", "public")
        for suffix in ("docx", "pdf")
    }
    paper = project / "outputs" / "public" / REPORT / "committee_report.pdf"
    assert "until 9pm" in pdf_to_text(paper.read_bytes())
    watcher.stop()


def test_editing_a_gathered_record_rebuilds_the_set_that_gathers_it(
    project: Path, watcher: RunningWatcher
) -> None:
    commission = project / "records" / "2019-business-rates.yaml"
    replace_in(commission, "Penelope Marchetti", "Sam Ngata")  # the set's papers name the lead
    lines = watcher.rebuild()
    assert {path.split("/")[1] for path in written(lines)} == {SET}
    mou = project / "outputs" / "full" / SET / "mou_draft.docx"
    assert "Sam Ngata" in docx_to_text(mou.read_bytes())
    watcher.stop()


def test_editing_a_template_rebuilds_the_papers_that_use_it(
    project: Path, watcher: RunningWatcher
) -> None:
    replace_in(
        project / "templates" / "html" / "mou_draft.html",
        "<h2>Parties</h2>",
        "<h2>Parties to it</h2>",
    )
    lines = watcher.rebuild()
    assert written(lines) == {f"{version}/{SET}/mou_draft.pdf" for version in ("full", "public")}
    paper = project / "outputs" / "public" / SET / "mou_draft.pdf"
    assert "Parties to it" in pdf_to_text(paper.read_bytes())
    watcher.stop()


def test_an_edit_that_breaks_a_record_keeps_its_last_good_papers(
    project: Path, watcher: RunningWatcher
) -> None:
    good = papers(project, REPORT)
    replace_in(project / "records" / f"{REPORT}.yaml", "2026-10-14", "2026-02-30")
    lines = watcher.rebuild()
    assert (
        f"error: {Path('records') / REPORT}.yaml:3: meeting_date: '2026-02-30' is not a real date;"
        " expected YYYY-MM-DD"
    ) in lines
    assert ", 1 failed: in " in lines[-1]
    assert papers(project, REPORT) == good
    # Mended, it builds again.
    replace_in(project / "records" / f"{REPORT}.yaml", "2026-02-30", "2026-10-14")
    assert " 0 failed" in watcher.rebuild()[-1]
    watcher.stop()


def test_a_new_record_is_built_and_a_deleted_one_withdrawn(
    project: Path, watcher: RunningWatcher
) -> None:
    records = project / "records"
    (records / "cabinet-c.yaml").write_text(
        MINIMAL_REPORT.replace("Library", "Museum"), encoding="utf-8"
    )
    assert "public/cabinet-c/committee_report.pdf" in written(watcher.rebuild())

    (records / "cabinet-b.yaml").unlink()
    lines = watcher.rebuild()
    assert (
        f"withdrawn: {Path('outputs') / 'public' / 'cabinet-b' / 'committee_report.pdf'}: "
        f"its record {Path('records') / 'cabinet-b.yaml'} no longer exists"
    ) in lines
    assert not (project / "outputs" / "public" / "cabinet-b").exists()
    watcher.stop()


def test_deleting_a_gathered_record_rebuilds_the_set(
    project: Path, watcher: RunningWatcher
) -> None:
    (project / "records" / "2019-health-and-care.yaml").unlink()
    lines = watcher.rebuild()
    assert f"full/{SET}/mou_draft.docx" in written(lines)
    watcher.stop()


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_make_after_the_watcher_rebuilds_nothing(
    project: Path, start: Callable[[], RunningWatcher]
) -> None:
    """The watcher keeps the stamps, the index and make's include file as make would."""
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(PROJECT / name, project / name)
    shutil.copytree(PROJECT / "tools", project / "tools")
    (project / ".venv").symlink_to(PROJECT / ".venv")
    (project / SETUP_STUB).touch()

    def make() -> str:
        done = subprocess.run(
            ["make", "--no-print-directory", f"SETUP={SETUP_STUB}"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "MAKEFLAGS": ""},
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    assert "written" in make()
    running = start()
    assert running.until("watching")[-2].startswith("0 written")  # make left nothing to do
    replace_in(project / "records" / f"{REPORT}.yaml", "until 8pm", "until 9pm")
    running.rebuild()
    (project / "records" / "2019-health-and-care.yaml").unlink()
    running.rebuild()
    running.stop()
    assert "written" not in make()


def save_as_an_editor_does(path: Path, text: str) -> None:
    """Write a new file beside ``path`` and rename it into place, as many editors save."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def test_editing_the_settings_rebuilds_every_paper_and_a_bad_value_keeps_them(
    project: Path, start: Callable[[], RunningWatcher]
) -> None:
    """docgen.toml's [house] table restyles every paper: each save of it rebuilds them all,
    a value that does not read is reported where it is and builds nothing, and the next
    save (the file replaced each time) is seen too."""
    settings = project / "docgen.toml"
    settings.write_text("[house.size]\nbody = 11\n", encoding="utf-8")
    watcher = start()
    watcher.until("watching")
    every = {
        "/".join(path.parts[-3:])
        for path in (project / "outputs").glob("*/*/*.*")
        if path.suffix in (".docx", ".pdf")
    }
    before = papers(project, REPORT)

    save_as_an_editor_does(settings, "[house.size]\nbody = 12\n")
    assert written(watcher.rebuild()) == every
    restyled = papers(project, REPORT)
    assert all(restyled[name] != before[name] for name in before if "register" not in name)

    save_as_an_editor_does(settings, "[house.size]\nbody = 200\n")
    lines = watcher.rebuild()
    assert f"error: {settings}:2: house.size.body: 200 is outside 4 to 96" in lines
    assert ", 1 failed: in " in lines[-1]
    assert papers(project, REPORT) == restyled

    save_as_an_editor_does(settings, "[house.size]\nbody = 10.5\n")
    assert written(watcher.rebuild()) == every
    watcher.stop()
