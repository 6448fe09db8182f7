"""What each record's papers are made from, written as a make include file.

``docgen deps`` writes ``<out>/.deps.mk``: for every record, a stamp target
(``<out>/.stamps/<id>.stamp``, touched when the record's papers are built) that
depends on the record, the records it refers to or gathers (every record of a
gathered kind, since any of them may join), the templates and shared template parts
its papers use, the shipped fonts and docgen's version. The Makefile includes it, so
``make`` rebuilds exactly the stale records' papers — in one docgen process — and,
with nothing changed, starts no Python process at all.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path

from docgen import __version__
from docgen.errors import Problem, RecordError
from docgen.fingerprint import Index, Project
from docgen.fonts import FONT_FILES, FONTS
from docgen.house_style import house_style
from docgen.papers import Paper
from docgen.resources import shipped_templates, template_file
from docgen.withdraw import STAMPS, stamp_fingerprint

MAKE_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\"'$#%:;\\*?()|&<>=!{}`~^\[\]]")
"""Characters make (or the shell in its recipes) cannot carry in a file name; the
Makefile leaves out of its prerequisites the names that hold one (`tools/record-files.sh`)."""
DEPS_FILE = ".deps.mk"
VERSION_FILE = ".docgen-version"
MEMBERS = ".members"
"""Under the output folder: per gathered kind, the record files that may be of it.

Rewritten only when that list changes, so a record that gathers depends on it and is
built again when one of its records is deleted (its other inputs are all older).
"""


def _make_path(path: Path, here: Path | None = None, index: Index | None = None) -> str:
    """A path as make reads it: relative (to ``here``, the current folder resolved) where
    it can be, spaces escaped. An ``index`` resolves it (once for all who ask)."""
    here = here or Path.cwd().resolve()
    resolved = Path(index.name(path)) if index is not None else path.resolve()
    try:
        shown = resolved.relative_to(here)
    except ValueError:
        shown = resolved
    return _escape(str(shown))


def _escape(text: str) -> str:
    return text.replace(" ", "\\ ").replace(":", "\\:").replace("#", "\\#")


def _refuse_names_make_cannot_carry(records_root: Path, files: Iterable[Path]) -> None:
    """A record make cannot name would be left out of a build without a word: refuse it."""
    problems = []
    for path in files:
        odd = MAKE_UNSAFE.search(str(path.relative_to(records_root)))
        if odd is not None:
            problems.append(
                Problem(
                    path,
                    1,
                    "id",
                    f"make cannot carry a file name holding {odd.group()!r}; rename the file "
                    "(letters, digits and - _ . + , @ are safe), or build it with `docgen build`",
                )
            )
    if problems:
        raise RecordError(records_root, problems)


def paper_templates(paper: Paper, templates: Path) -> list[Path]:
    """Every template file a paper's rendering reads."""
    return [template_file(templates, name) for name in paper.template_files()]


def _write_members(out: Path, kind: str, members: list[Path]) -> Path:
    """``out/.members/<kind>``: the files listed, one a line, touched only if they changed."""
    target = out / MEMBERS / kind
    text = "".join(f"{_make_path(path)}\n" for path in sorted(members))
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target


RELEASES = ".releases"
"""Under the output folder: one empty file per release date that has come."""


def _on_release(stamp: str, records: list[Path], project: Project, out: Path) -> list[str]:
    """Make a record stale once on each release date of the records its papers are made
    from.

    The papers of a build depend on the day (an exemption released by then no longer
    applies), so on the first ``make`` on or after a release date the stamp gains a
    prerequisite made then: newer than the stamp, it rebuilds the papers once.
    ``$(TODAY)`` is compared as text: ISO dates sort as days do.
    """
    days: set[date] = set()
    for path in records:
        made = project.contributions.get(path)
        if made is not None:
            days.update(made.release_dates)
    lines = []
    for day in sorted(days):
        lines.append(f"ifeq ($(firstword $(sort $(TODAY) {day})),{day})")
        lines.append(f"{stamp}: {_make_path(out / RELEASES / day.isoformat())}")
        lines.append("endif")
    return lines


def _stale_by_content(out: Path, record_id: str, fingerprint: str) -> bool:
    """A stamp built from other content than there is now is made older than anything,
    so make rebuilds its papers even when every input's time is older than the stamp.
    True if the record's papers were made from other content (or are not made yet)."""
    stamp = out / STAMPS / f"{record_id}.stamp"
    if not stamp.is_file():
        return True
    if stamp_fingerprint(stamp) != fingerprint:
        os.utime(stamp, (0, 0))
        return True
    return False


def write_deps(
    records_root: Path,
    out: Path,
    templates: Path | None = None,
    settings: Path | None = None,
    project: Project | None = None,
    check: Collection[Path] | None = None,
    stale: list[Path] | None = None,
) -> Path:
    """Write ``out/.deps.mk`` (and ``out/.docgen-version``, when it changed).

    ``settings``: the project's docgen.toml; it and the house style's files (fonts, a
    logo) are inputs of every paper, as the templates are.

    What each record contributes comes from the index (`docgen.fingerprint`), so only
    the records changed since the last run are loaded; a process that keeps the records'
    dependencies in memory (`docgen watch`) passes them as ``project``, and as ``check``
    the records whose stamps may hold another fingerprint than now (those drawing on a
    file it saw change); every record's is checked otherwise. ``stale``, if given, is
    filled with the records (of those checked) whose papers were made from other content
    than there is now, or are not made yet.
    """
    templates = templates or shipped_templates()
    out.mkdir(parents=True, exist_ok=True)
    version = out / VERSION_FILE
    if not version.is_file() or version.read_text(encoding="utf-8") != __version__:
        version.write_text(__version__, encoding="utf-8")
    fonts = [FONTS / name for name in FONT_FILES.values()]
    house = house_style(templates, settings).files()
    if project is None:
        project = Project(records_root, templates, Index.load(out), house)
    _refuse_names_make_cannot_carry(records_root, project.contributions)
    index = project.index
    here = Path.cwd().resolve()
    # One run: the same inputs recur for every record, and resolving a path costs a
    # system call per part of it.
    shown = functools.cache(lambda path: _make_path(path, here, index))
    stamps = shown(out / STAMPS)

    lines = ["# Written by `docgen deps`: what each record's papers are made from.", ""]
    shared = [*fonts, *house, version]
    # Records of a kind share their templates, fonts and house style: shown once for all.
    after: dict[tuple[Path, ...], list[str]] = {}
    for path, made in project.contributions.items():
        record_id = path.stem
        if made.kind is not None and not made.has_papers:
            continue  # a record with no papers of its own has nothing to build
        records, used_templates = project.record_inputs(path)
        if made.gathers is not None:
            members = _write_members(out, made.gathers, project.members(made.gathers))
            rest = [shown(p) for p in [*used_templates, members, *shared]]
        else:
            key = tuple(used_templates)
            rest = after.get(key) or after.setdefault(
                key, list(dict.fromkeys(shown(p) for p in [*used_templates, *shared]))
            )
        checked = check is None or path in check
        old = checked and _stale_by_content(out, record_id, project.fingerprint(path))
        if old and stale is not None:
            stale.append(path)
        stamp = f"{stamps}/{_escape(record_id)}.stamp"
        unique = list(dict.fromkeys([*(shown(p) for p in records), *rest]))
        lines.append(f"{stamp}: {' '.join(unique)}")
        lines.append(f"{stamp}: RECORD := {shown(path)}")
        lines.append(f"STAMPS += {stamp}")
        lines.extend(_on_release(stamp, records, project, out))
        lines.append("")
    # As gcc -MP does: an empty rule for each record file, so that deleting a record is not
    # "no rule to make target" before make has written this file afresh.
    if any(line.startswith("ifeq") for line in lines):
        lines.append("# A release date's marker, made the first time make runs on or after it.")
        lines.append("TODAY ?= $(shell date +%F)")
        lines.append(f"{_make_path(out / RELEASES)}/%:")
        lines.append("\t@mkdir -p $(@D) && touch $@")
        lines.append("")
    lines.append("# Records, as targets of their own, so a deleted one is no error.")
    lines.extend(f"{shown(path)}:" for path in project.contributions)
    lines.append("# The house style's files, likewise.")
    lines.extend(f"{shown(path)}:" for path in house)
    lines.append("")
    target = out / DEPS_FILE
    text = "\n".join(lines)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    else:
        target.touch()
    index.save()
    return target
