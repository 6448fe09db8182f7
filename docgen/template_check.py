"""``docgen templates check``: a council's Word templates linted before they are used.

Most of the checking is docxtpl-lint's (a static linter for docxtpl templates: tags
never closed, blocks left open, Jinja syntax, template code in a tracked deletion, and
each value a template names checked against sample data). docgen gives it the data
each paper really provides — the contexts of its example records, full and public,
with the helpers templates call — and adds what only docgen knows or docxtpl-lint does
not look for: a tag Word split across runs, template code in a tracked insertion, and
a style a paper needs that the template does not define.

Every finding is reported in Word's terms — the header, body or footer, the paragraph
(and table cell), and the text of the tag or paragraph — never as a line of XML.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
from lxml import etree

from docgen.builders.environment import make_environment
from docgen.builders.wordml import LABEL_STYLE, SPAN_STYLES, W

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
OPENING = re.compile(r"\{[{%#]")
PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
QUOTED_STYLE = re.compile(r"""['"]([A-Z][A-Za-z0-9]+)['"]""")
"""A style named in template code: ``paragraph(x, 'ListBullet')``."""
HELPER_STYLES = (
    "BodyText",
    "Caption",
    "Figure",
    "TableLabel",
    "TableText",
    "HeaderTable",
    LABEL_STYLE,
    *(style for style in SPAN_STYLES.values() if style),
)
"""Styles docgen's helpers (paragraph, table, picture, runs) write into every paper."""
HELPERS = ("paragraph", "runs", "table", "picture", "chart_png")
LONGEST_QUOTE = 60


@attrs.frozen
class Finding:
    """One thing wrong with a template, where Word shows it."""

    template: Path
    where: str
    text: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        quoted = self.text if len(self.text) <= LONGEST_QUOTE else self.text[:LONGEST_QUOTE] + "…"
        label = "warning: " if self.warning else ""
        return f"{self.template}: {self.where} ({quoted!r}): {label}{self.message}"


def part_name(part: str) -> str:
    """``word/header1.xml`` as Word names it: the header (1), the body, the footer (1)."""
    stem = part.removeprefix("word/").removesuffix(".xml")
    if stem == "document":
        return "body"
    kind = stem.rstrip("0123456789")
    number = stem[len(kind) :]
    return f"{kind} {number}" if number else kind


def paragraphs(part: str, xml: bytes) -> Iterator[tuple[str, etree._Element]]:
    """Each paragraph of a part with where it is: ``body, paragraph 12`` or
    ``body, paragraph 30 (table 1, row 4, cell 2)``, numbered as docxtpl-lint does."""
    root = etree.fromstring(xml)
    tables: dict[Any, int] = {}
    for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        where = f"{part_name(part)}, paragraph {number}"
        cell = next(paragraph.iterancestors(f"{W}tc"), None)
        if cell is not None:
            row = cell.getparent()
            table = row.getparent() if row is not None else None
            if table is not None:
                index = tables.setdefault(table, len(tables) + 1)
                rows = table.findall(f"{W}tr")
                cells = row.findall(f"{W}tc") if row is not None else []
                where += (
                    f" (table {index}, row {rows.index(row) + 1}, cell {cells.index(cell) + 1})"
                )
        yield where, paragraph


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t", f"{W}delText"))


def check_word_template(
    path: Path, contexts: Iterable[Mapping[str, Any]] = (), needs: Iterable[str] = ()
) -> list[Finding]:
    """Everything wrong with the Word template at ``path``. ``contexts``: what the papers
    that use it provide; ``needs``: styles those papers ask for besides the template's own."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile) as error:
        return [Finding(path, "the file", path.name, f"not a Word document: {error}")]
    findings: list[Finding] = []
    try:
        findings += _docxtpl_lint(path, parts, list(contexts))
        findings += _runs_and_revisions(path, parts)
        findings += _missing_styles(path, parts, needs)
    except etree.XMLSyntaxError as error:
        findings.append(Finding(path, "the file", path.name, f"its XML is damaged: {error}"))
    return findings


def _docxtpl_lint(
    path: Path, parts: Mapping[str, bytes], contexts: list[Mapping[str, Any]]
) -> list[Finding]:
    from docxtpl_lint import lint

    result = lint(
        path,
        contexts=[_plain(context) for context in contexts] or None,
        jinja_env=make_environment(),
        autoescape=True,
    )
    texts = {
        (part_name(name), where): paragraph_text(paragraph)
        for name, data in parts.items()
        if PARTS.match(name)
        for where, paragraph in paragraphs(name, data)
    }
    findings = []
    broken = any(issue.rule < "DTL200" for issue in result.issues)
    for issue in result.issues:
        if broken and issue.rule.startswith("DTL3"):
            continue  # a template that does not parse names no values worth checking
        location = issue.location
        where = f"{location.part}, paragraph {location.paragraph}"
        where += "".join(f" (table {c.table}, row {c.row}, cell {c.col})" for c in location.cells)
        text = issue.snippet or texts.get((location.part, where), "")
        message = issue.message
        if issue.rule == "DTL301":
            message = f"the paper gives no value {issue.params.get('path', '')!r}"
        findings.append(Finding(path, where, text, message, warning=issue.severity != "error"))
    return findings


def _runs_and_revisions(path: Path, parts: Mapping[str, bytes]) -> list[Finding]:
    findings = []
    for name, data in parts.items():
        if not PARTS.match(name):
            continue
        for where, paragraph in paragraphs(name, data):
            text = paragraph_text(paragraph)
            if not OPENING.search(text):
                continue
            for inserted in paragraph.iter(f"{W}ins"):
                if OPENING.search(paragraph_text(inserted)):
                    findings.append(
                        Finding(
                            path,
                            where,
                            text,
                            "template code inside a tracked insertion: accept or reject the "
                            "change in Word (Review, Accept) before using the template",
                        )
                    )
            starts = _run_starts(paragraph)
            for tag in TAG.finditer(text):
                runs = {index for index, start in enumerate(starts) if start <= tag.start()}
                first = max(runs) if runs else 0
                last = max(i for i, start in enumerate(starts) if start < tag.end())
                if last > first:
                    findings.append(
                        Finding(
                            path,
                            where,
                            tag.group(),
                            f"Word split this tag into {last - first + 1} runs (pieces of "
                            "differing formatting); docgen reads it whole, but retype it in "
                            "one go so that it keeps one format",
                            warning=True,
                        )
                    )
    return findings


def _run_starts(paragraph: etree._Element) -> list[int]:
    """Where each run's text starts in the paragraph's text."""
    starts, offset = [], 0
    for run in paragraph.iter(f"{W}r"):
        starts.append(offset)
        offset += sum(len(t.text or "") for t in run.iter(f"{W}t", f"{W}delText"))
    return starts


def _missing_styles(path: Path, parts: Mapping[str, bytes], needs: Iterable[str]) -> list[Finding]:
    styles_xml = parts.get("word/styles.xml")
    defined = set()
    if styles_xml is not None:
        root = etree.fromstring(styles_xml)
        defined = {style.get(f"{W}styleId") for style in root.iter(f"{W}style")}
    findings = []
    reported: set[str] = set()
    for name, data in parts.items():
        if not PARTS.match(name):
            continue
        for where, paragraph in paragraphs(name, data):
            text = paragraph_text(paragraph)
            used = {
                element.get(f"{W}val")
                for element in paragraph.iter(f"{W}pStyle", f"{W}rStyle")
                if element.get(f"{W}val")
            }
            for tag in TAG.findall(text):
                used |= set(QUOTED_STYLE.findall(tag))
            for style in sorted(used - defined - reported):
                reported.add(style)
                findings.append(
                    Finding(
                        path,
                        where,
                        text,
                        f"the style {style!r} is not defined in this template "
                        "(Word would show its text as Normal)",
                    )
                )
    for style in sorted(set(needs) - defined - reported):
        findings.append(
            Finding(
                path,
                "styles",
                style,
                f"the style {style!r}, which docgen gives tables, pictures or exempt text, "
                "is not defined in this template",
            )
        )
    return findings


def _plain(value: Any, depth: int = 0) -> Any:
    """A paper's context as plain data (dicts, lists, text) for docxtpl-lint's data checks:
    attrs instances become dicts of their fields, callables stay names that exist."""
    if depth > 12:
        return None
    if isinstance(value, Mapping):
        return {str(key): _plain(item, depth + 1) for key, item in value.items()}
    if attrs.has(type(value)):
        return {
            field.name: _plain(getattr(value, field.name), depth + 1)
            for field in attrs.fields(type(value))
        }
    if isinstance(value, list | tuple):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if callable(value):
        return "function"
    return str(value)


def paper_contexts(name: str) -> list[dict[str, Any]]:
    """The contexts papers rendered through the Word template ``name`` provide: those of
    docgen's example records that have such papers, full and public, with the helpers."""
    from docgen.loading import RecordSet
    from docgen.papers import PAPERS, papers_for
    from docgen.render import WITHHELD_WORD, record_source, withheld_exemption
    from docgen.resources import shipped_templates, skeleton
    from docgen.views import Version

    examples = skeleton() / "records"
    records = RecordSet(examples)
    helpers = {helper: "function" for helper in HELPERS}
    contexts: list[dict[str, Any]] = []
    kinds = {
        kind for paper in PAPERS.values() if paper.word_template == name for kind in paper.accepts
    }
    for path in sorted(examples.rglob("*.yaml")):
        try:
            record = records.load(path)
        except Exception:  # an example another kind's loader refuses is not this check's
            continue
        if name != WITHHELD_WORD and record.kind not in kinds:
            continue
        references = records.related(record)
        sources = {v: record_source(record, references, v, shipped_templates()) for v in Version}
        for paper in papers_for(record.kind, record.data):
            for version in Version:
                full = version is Version.FULL
                source = sources[version]
                withheld = None if full else withheld_exemption(record, paper, source)
                if name == WITHHELD_WORD and withheld is not None:
                    contexts.append({**paper.withheld_context(source, withheld), **helpers})
                elif paper.word_template == name and withheld is None:
                    context = {**paper.context(source), **helpers}
                    if paper.contents_pages:  # laid out from the PDF at build time
                        context["contents_pages"] = defaultdict(lambda: 1)
                    if paper.pack_pages:  # read from the agenda pack's layout
                        context["pack_pages"] = defaultdict(lambda: 1)
                    contexts.append(context)
    return contexts


def check_folder(folder: Path) -> tuple[list[Finding], list[str]]:
    """Every Word template in ``folder`` checked; the findings, and the names of docgen's
    templates the folder does not hold (docgen's own are used for them)."""
    from docgen.papers import PAPERS
    from docgen.render import WITHHELD_WORD

    known = sorted(
        {paper.word_template for paper in PAPERS.values() if not paper.pdf_only} | {WITHHELD_WORD}
    )
    findings: list[Finding] = []
    for path in sorted(folder.glob("*.docx")):
        contexts = paper_contexts(path.name) if path.name in known else []
        findings += check_word_template(path, contexts, HELPER_STYLES)
    missing = [name for name in known if not (folder / name).is_file()]
    return findings, missing
