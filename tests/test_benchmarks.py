"""Both benchmarks run, in a tiny mode, so that they cannot rot unnoticed."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT


def _benchmark(script: str, *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / script), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_pdf_benchmark_times_every_route_it_can() -> None:
    """Records with no paper of their own, or that draw on others, are left out, not a crash."""
    table = _benchmark("pdf_speed.py", "--tiny")
    assert "| docgen (PDF) |" in table
    assert "| WeasyPrint alone, same HTML |" in table


def test_the_batch_benchmark_runs_on_a_handful_of_records() -> None:
    """The make timings touch a record that exists whatever the batch size."""
    table = _benchmark("batch.py", "--records", "3", "--sample", "2")
    assert "| make after touching one record |" in table
    assert "| no-op make, 3 built records |" in table


def test_the_pack_benchmark_compares_a_pack_with_its_reports_own_pdfs() -> None:
    table = _benchmark("pack_speed.py", "--tiny")
    assert "| the 3 reports' own PDFs, full and public |" in table
    assert "| ratio, packs to reports |" in table
