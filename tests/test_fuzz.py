"""Fuzzing the example records: whatever the input, the promise about errors holds.

Each example record (one of every kind) is mutated — lines dropped, doubled, swapped
or re-indented, characters inserted, values replaced with hostile ones — and loaded
as ``docgen check`` loads it, with every other example beside it. Whatever comes
out, there is never a traceback: a record loads, or it fails with `DocgenError`s
whose every problem names the file and a line. A few mutated records are then built
end to end, beside a good record: the exit code is 0 or 1, a failing record writes
nothing, and the good one is built.

The run is derandomised and its size fixed, so it costs the same few seconds in
every run of the suite and a failure can be reproduced.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.cli import main
from docgen.errors import DocgenError, RecordError
from docgen.loading import RecordSet, check, load_record, load_with_related
from docgen.render import Format, Templates, render_record

from .conftest import PROJECT, RECORDS

ONE_OF_EACH_KIND = [
    RECORDS / "northfield" / "cabinet-2026-10-senior-management-review.yaml",
    RECORDS / "commissions" / "2019-health-and-care.yaml",
    RECORDS / "commissions" / "commissions-2019.yaml",
    RECORDS / "concern-cases" / "case-2026-01.yaml",
    RECORDS / "concern-cases" / "radar-2026-11.yaml",
    RECORDS / "peer-challenges" / "northfield-2027.yaml",
    RECORDS / "best-value" / "tower-hamlets-directions-2017.yaml",
]
HOSTILE_VALUES = [
    "",
    "~",
    "10" + "0" * 400,
    "-1",
    "1e400",
    ".nan",
    "9999-12-31",
    "0001-01-01",
    "2017-02-30",
    "Spring 9999",
    "&anchor value",
    "*alias",
    "&a [*a]",
    "[" * 200 + "]" * 200,
    "{a: {b: {c: [1, [2, [3]]]}}}",
    "'" + "x" * 25_000 + "'",
    "\x01",
    '"\\x01 escaped"',
    "\ufeff",
    "{{ 7*7 }} {%p if 1 %} {{r x }} & <b>",
    "[exempt 3]half a mark",
    "[exempt 9]x[/exempt]",
    "!!python/object:os.system ls",
    "!!binary aGVsbG8=",
    "<<: {a: 1}",
    "[" + ", ".join(["1"] * 1_200) + "]",
    "yes",
    "0x1F",
    "2026-10-14T10:00:00",
    "|\n  a block",
    "- a list item",
    "? complex key",
    "%YAML 1.1",
    "---",
    "...",
    "key: value: other",
    "'unterminated",
    "Ⅻ ｆｕｌｌ-ｗｉｄｔｈ 🙂",
]
ALL_RECORDS = sorted(RECORDS.rglob("*.yaml"))


def mutate(text: str, choices: random.Random) -> str:
    """One to three random edits of ``text``, each of a kind hostile input takes."""
    lines = text.split("\n")
    for _ in range(choices.randint(1, 3)):
        index = choices.randrange(len(lines))
        edit = choices.randrange(7)
        if edit == 0:
            del lines[index]
        elif edit == 1:
            lines.insert(index, lines[index])
        elif edit == 2:
            other = choices.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        elif edit == 3:
            lines[index] = " " * choices.randint(1, 3) + lines[index]
        elif edit == 4:
            where = choices.randint(0, len(lines[index]))
            insert = choices.choice(
                ["\t", ":", "-", "#", "'", '"', "[", "{", "&", "*", "!", "\x00"]
            )
            lines[index] = lines[index][:where] + insert + lines[index][where:]
        else:
            key, colon, _value = lines[index].partition(": ")
            if colon:
                lines[index] = f"{key}: {choices.choice(HOSTILE_VALUES)}"
            else:
                lines[index] = lines[index] + " " + choices.choice(HOSTILE_VALUES)
        if not lines:
            lines = [""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def records_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example record, copied, so a mutated one can stand among the others."""
    root = tmp_path_factory.mktemp("fuzz") / "records"
    shutil.copytree(RECORDS, root)
    return root


def assert_located(error: DocgenError, path: Path) -> None:
    """A failure is a `RecordError` whose every problem names ``path`` and a line."""
    assert isinstance(error, RecordError), f"{type(error).__name__}: {error}"
    assert error.problems
    for problem in error.problems:
        assert problem.path == path, str(problem)
        assert problem.line is not None and problem.line >= 1, str(problem)
        assert str(problem).startswith(f"{path}:{problem.line}:"), str(problem)


@settings(
    max_examples=140,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    original=st.sampled_from(ONE_OF_EACH_KIND),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_a_mutated_record_loads_or_fails_located(
    records_copy: Path, original: Path, seed: int
) -> None:
    """Whatever the mutation, loading (as `docgen check` does) raises nothing unlocated."""
    path = records_copy / original.relative_to(RECORDS)
    text = mutate(original.read_text(encoding="utf-8"), random.Random(seed))
    path.write_text(text, encoding="utf-8")
    try:
        errors, _warnings = check([path], records_copy)
        for error in errors:
            if isinstance(error, RecordError) and error.path != path:
                continue  # a record it refers to or gathers: reported against that file
            assert_located(error, path)
    finally:
        path.write_bytes(original.read_bytes())


@pytest.fixture(scope="module")
def templates() -> Templates:
    return Templates(PROJECT / "templates")


@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    original=st.sampled_from(ONE_OF_EACH_KIND),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_a_mutated_record_that_loads_renders_or_fails_located(
    records_copy: Path, templates: Templates, original: Path, seed: int
) -> None:
    """A mutation that still loads renders (Word, both versions), or fails with a
    `DocgenError` naming the record; it never raises anything else."""
    path = records_copy / original.relative_to(RECORDS)
    choices = random.Random(seed)
    try:
        for _attempt in range(20):  # a mutation that still loads
            path.write_text(mutate(original.read_text(encoding="utf-8"), choices), encoding="utf-8")
            loaded = load_with_related(path, RecordSet(records_copy), [])
            if loaded is not None:
                break
        else:
            return
        record, related = loaded
        try:
            render_record(record, related, templates, Path("out"), (Format.DOCX,))
        except DocgenError as error:
            assert error.path == path, str(error)
    finally:
        path.write_bytes(original.read_bytes())


def test_a_mutated_commission_fails_its_set_by_name(records_copy: Path) -> None:
    """A gathered record that no longer loads fails the paper that gathers it."""
    path = records_copy / "commissions" / "2019-housing-supply.yaml"
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"policy_area:", b"policy_aera:"))
    try:
        errors, _ = check([records_copy / "commissions" / "commissions-2019.yaml"], records_copy)
    finally:
        path.write_bytes(original)
    assert len(errors) == 1
    assert "2019-housing-supply.yaml" in str(errors[0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_mutated_record_built_end_to_end_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """``docgen build``: exit 0 or 1, no traceback, nothing written for a failing record,
    and the good record beside it built."""
    choices = random.Random(seed)
    original = choices.choice(
        [p for p in ONE_OF_EACH_KIND if p.stem.startswith(("cabinet", "northfield-2027", "case"))]
    )
    records = tmp_path / "records"
    records.mkdir()
    good = RECORDS / "london-councils" / "leaders-2017-02-challenge-key-themes.yaml"
    shutil.copy2(good, records / good.name)
    mutated = records / original.name
    failing = None
    for _attempt in range(50):  # a mutation that breaks the record, to test the failure path
        mutated.write_text(mutate(original.read_text(encoding="utf-8"), choices), encoding="utf-8")
        try:
            load_record(mutated, records)
        except RecordError as error:
            failing = error
            break
    assert failing is not None
    (tmp_path / "templates").symlink_to(PROJECT / "templates")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "-j", "1", "--quiet", "records"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{Path('records') / original.name}:" in result.output
    assert not (tmp_path / "outputs" / "full" / original.stem).exists()
    assert not (tmp_path / "outputs" / "public" / original.stem).exists()
    built = sorted(p.name for p in (tmp_path / "outputs" / "public" / good.stem).iterdir())
    assert built == ["committee_report.docx", "committee_report.pdf"]
