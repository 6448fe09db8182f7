"""`docgen deps` loads only the records changed since its last run, and fingerprints
what each record's papers are made from by content."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from docgen.deps import write_deps
from docgen.fingerprint import Index, Project
from docgen.loading import RecordSet

from .conftest import MINIMAL_REPORT, PROJECT, RECORDS


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "cabinet-a.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    (folder / "cabinet-b.yaml").write_text(
        MINIMAL_REPORT.replace("Library", "Leisure"), encoding="utf-8"
    )
    for name in ("commissions-2019", "2019-health-and-care", "2019-business-rates"):
        shutil.copy2(RECORDS / "commissions" / f"{name}.yaml", folder / f"{name}.yaml")
    return folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the record files loaded, in order."""
    loaded: list[str] = []
    original = RecordSet.load

    def counting(self: RecordSet, path: Path, **options: bool):  # type: ignore[no-untyped-def]
        loaded.append(path.name)
        return original(self, path, **options)

    monkeypatch.setattr(RecordSet, "load", counting)
    return loaded


def test_deps_loads_only_the_records_changed_since_its_last_run(
    records: Path, tmp_path: Path, loads: list[str]
) -> None:
    out = tmp_path / "out"
    write_deps(records, out, PROJECT / "templates")
    assert len(loads) == 5
    first = (out / ".deps.mk").read_text(encoding="utf-8")
    loads.clear()
    write_deps(records, out, PROJECT / "templates")
    assert loads == [] and (out / ".deps.mk").read_text(encoding="utf-8") == first
    path = records / "cabinet-b.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Leisure", "Lido"), "utf-8")
    write_deps(records, out, PROJECT / "templates")
    assert loads == ["cabinet-b.yaml"]


def test_a_restored_copy_with_its_old_times_has_another_fingerprint(
    records: Path, tmp_path: Path
) -> None:
    """Same size, same modification time, other content: the change time tells."""
    out = tmp_path / "out"
    path = records / "cabinet-b.yaml"
    stat = path.stat()
    index = Index.load(out)
    before = Project(records, PROJECT / "templates", index).fingerprint(path)
    index.save()  # the next run reads the saved hashes
    path.write_text(path.read_text(encoding="utf-8").replace("Leisure", "Lantern"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = Project(records, PROJECT / "templates", Index.load(out)).fingerprint(path)
    assert after != before


def test_a_gathering_record_s_fingerprint_follows_every_record_it_gathers(
    records: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    gathering = records / "commissions-2019.yaml"
    report = records / "cabinet-a.yaml"

    def prints() -> tuple[str, str]:
        project = Project(records, PROJECT / "templates", Index.load(out))
        return project.fingerprint(gathering), project.fingerprint(report)

    before = prints()
    (records / "2019-business-rates.yaml").unlink()
    after = prints()
    assert after[0] != before[0] and after[1] == before[1]
