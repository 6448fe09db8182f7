"""The benchmark runs in its quick mode, so that it cannot rot unnoticed."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import PROJECT


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_the_benchmark_prints_every_figure_against_its_reference() -> None:
    """Every measure, once, on a few records: the table has a row for each."""
    result = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "benchmark.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert table.startswith("machine: ")
    for measure in (
        "| Word per paper: docgen (render + leak scan) |",
        "| PDF per paper: docgen (tagged, leak-scanned) |",
        "| PDF per paper: docgen against LibreOffice |",  # skipped in the quick mode
        "| four files of one report: WeasyPrint: parse, style, lay out (×2) |",
        "| edit to paper, example project, 1 records: make |",
        "| edit to paper, example project, 1 records: docgen watch |",
        "| edit to paper, 4 records: make |",
        "| edit to paper, 4 records: docgen watch |",
        "| no-op make, 4 built records |",
        "| batch of 4 records (16 files), 2 workers |",
        "| batch of 4 records, 1 worker |",
        "| peak memory, batch of 4 records (main / largest worker) |",
        "| agenda packs of 3 reports, public and full",
    ):
        assert measure in table, f"{measure} missing from:\n{table}"
