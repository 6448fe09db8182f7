"""Rendering one record's papers: every paper kind, both versions, every format.

Everything is rendered in memory; nothing here writes a file. The public version
of each paper is scanned for exempt text before it is returned, so a caller never
receives a leaking public paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from docgen.builders.docx import WordTemplate
from docgen.builders.pdf import pdf_identifier
from docgen.builders.properties import DocumentProperties
from docgen.errors import DocgenError, LeakError
from docgen.exempt import Exemption
from docgen.house_style import HouseStyle, house_style
from docgen.loading import Record
from docgen.needles import needles
from docgen.papers import PAPERS, Paper, Source, papers_for
from docgen.papers.pack import AgendaPack
from docgen.resources import template_file, template_folders
from docgen.scan import Needles, scan_paper
from docgen.views import ExemptValue, Version, view
from docgen.vocabulary import PACKAGE_TEMPLATES

if TYPE_CHECKING:
    from docgen.builders.pdf import PdfTemplates


class Format(Enum):
    """An output format, named as ``--format`` takes it."""

    DOCX = "docx"
    PDF = "pdf"

    @property
    def suffix(self) -> str:
        return f".{self.value}"

    @classmethod
    def suffixes(cls) -> tuple[str, ...]:
        return tuple(f.suffix for f in cls)


ALL_FORMATS = (Format.DOCX, Format.PDF)
WITHHELD_WORD, WITHHELD_HTML = "withheld.docx", "withheld.html"
"""The public version of a paper exempt as a whole: a statement, and nothing else."""
HTML_FOLDER = "html"


@attrs.define
class Templates:
    """The templates of one folder, each loaded and compiled once per process.

    Word templates sit in the folder itself; HTML templates and the house stylesheet
    in its ``html/`` sub-folder. Each file the folder lacks is docgen's own, so a
    council's folder holds only what it changed. WeasyPrint is loaded with the first PDF.
    """

    folder: Path
    settings: Path | None = None
    """The project's docgen.toml, whose [house] table restyles the papers."""
    _word: dict[str, WordTemplate] = attrs.field(factory=dict)
    _pdf: PdfTemplates | None = None

    @property
    def house(self) -> HouseStyle:
        """The house style in force (read once per process; `house_style` caches it)."""
        return house_style(self.folder, self.settings)

    def word(self, name: str) -> WordTemplate:
        if name not in self._word:
            self._word[name] = WordTemplate(template_file(self.folder, name), self.house)
        return self._word[name]

    def check(self, formats: tuple[Format, ...] = (Format.DOCX, Format.PDF)) -> list[DocgenError]:
        """Load the house style and every template the papers use, once: what is wrong
        with them is then one error for a whole batch, never one per record."""
        from docgen.builders.pdf import check_html
        from docgen.papers import PAPERS

        try:
            self.house.files()  # read and checked here, once
        except DocgenError as error:
            return [error]
        errors: list[DocgenError] = []
        if Format.DOCX in formats:
            for name in sorted(
                {paper.word_template for paper in PAPERS.values() if not paper.pdf_only}
                | {WITHHELD_WORD}
            ):
                try:
                    self.word(name)
                except DocgenError as error:
                    errors.append(error)
        if Format.PDF in formats:
            names = sorted({paper.html_template for paper in PAPERS.values()} | {WITHHELD_HTML})
            folders = [folder / HTML_FOLDER for folder in template_folders(self.folder)]
            errors.extend(check_html(folders, names))
        return errors

    def pdf(self) -> PdfTemplates:
        if self._pdf is None:
            from docgen.builders.pdf import PdfTemplates

            self._pdf = PdfTemplates(
                *(folder / HTML_FOLDER for folder in template_folders(self.folder)),
                house=self.house,
            )
        return self._pdf

    def forget(self, changed: Iterable[Path]) -> None:
        """Drop what was compiled from the ``changed`` files, so the next paper reads them
        afresh (a process that stays up, `docgen.watch`); the rest stays compiled.

        An HTML template, the stylesheet or a file they include drops the PDF side
        whole (its environment, stylesheet and font configuration are made together);
        wording read from the folder (`docgen.vocabulary`, the MoU's text) is read again.
        """
        from docgen.papers.commissions import _wording
        from docgen.vocabulary import paper_wording, wording_words

        folder = self.folder.absolute()
        for path in changed:
            try:
                name = path.absolute().relative_to(folder)
            except ValueError:
                continue
            self._word.pop(name.as_posix(), None)
            if name.parts[0] == HTML_FOLDER:
                self._pdf = None
        paper_wording.cache_clear()
        wording_words.cache_clear()
        _wording.cache_clear()


def output_path(out: Path, version: Version, record_id: str, paper: Paper, suffix: str) -> Path:
    """``out/full/<id>/<paper>.docx``, ``out/public/<id>/<paper>.pdf`` and so on."""
    return out / version.value / record_id / f"{paper.name}{suffix}"


def record_source(
    record: Record, references: Sequence[Record], version: Version, templates: Path
) -> Source:
    """What a paper of ``record`` is made from in ``version``: the record and the records
    it refers to in that version's view (the public one holds no exempt value), and in a
    full version the full data too."""
    full = version is Version.FULL
    return Source(
        record_id=record.id,
        data=view(record.data, version),
        version=version,
        references=tuple(view(r.data, version) for r in references),
        full_data=record.data if full else None,
        full_references=tuple(r.data for r in references) if full else (),
        templates=templates,
    )


def render_record(
    record: Record,
    references: list[Record],
    templates: Templates,
    out: Path,
    formats: tuple[Format, ...] = ALL_FORMATS,
    *,
    versions: tuple[Version, ...] = (Version.FULL, Version.PUBLIC),
    scan: bool = True,
    exempt: Sequence[ExemptValue] | None = None,
) -> dict[Path, bytes]:
    """Every paper for ``record``, in ``versions`` (both) and ``formats``, as {path: bytes}.

    Raises a `DocgenError` on any failure, including exempt text found in a public
    paper (`LeakError`); what to do with papers already on disk is the caller's to
    decide (`docgen.build` withdraws every one that leaks). ``scan=False`` skips that
    scan: only for renders that are compared, never written (`docgen.verify`).
    ``exempt``: what the scan looks for (`paper_exempt_values`), if the caller has it.
    """
    rendered: dict[Path, bytes] = {}
    images: dict[str, Any] = {}  # pictures decoded for one PDF, shared with the others
    # Worked out once for every public paper of the record, in every format.
    if exempt is None and scan:
        exempt = paper_exempt_values(record, references, templates.folder)
    values = Needles.of(exempt if scan and exempt is not None else [])
    # The views do not depend on the paper: made once per version for all of them.
    sources = {v: record_source(record, references, v, templates.folder) for v in versions}
    for paper in papers_for(record.kind, record.data):
        for version in versions:
            full = version is Version.FULL
            source = sources[version]
            withheld = None if full else withheld_exemption(record, paper, source)
            if withheld is None:
                context = paper.context(source)
                properties = paper.properties(source)
                if paper.pack_pages:
                    pack = PAPERS["agenda_pack"]
                    assert isinstance(pack, AgendaPack)
                    item_pages = pack.item_pages(source, templates.pdf().anchor_pages)
                    context = {**context, "pack_pages": item_pages}
                word_template, html_template = paper.word_template, paper.html_template
            else:
                context = paper.withheld_context(source, withheld)
                properties = DocumentProperties(
                    title=f"{paper.title}: not for publication", subject="", author=""
                )
                word_template, html_template = WITHHELD_WORD, WITHHELD_HTML
            for output_format in formats:
                if paper.pdf_only and output_format is not Format.PDF:
                    continue
                path = output_path(out, version, record.id, paper, output_format.suffix)
                if output_format is Format.DOCX:
                    if paper.contents_pages and withheld is None:
                        pages = templates.pdf().anchor_pages(html_template, context, properties)
                        context = {**context, "contents_pages": pages}
                    data = templates.word(word_template).render(context, properties)
                else:
                    identifier = pdf_identifier(record.id, paper.name, version.value)
                    data = templates.pdf().render(
                        html_template,
                        context,
                        properties,
                        identifier,
                        images,
                        page_labels=paper.page_labels and withheld is None,
                    )
                if scan and version is Version.PUBLIC:
                    _refuse_leaks(path, data, values, record, paper)
                rendered[path] = data
    return rendered


def withheld_exemption(record: Record, paper: Paper, source: Source) -> Exemption | None:
    """Why the public version of ``paper`` is withheld whole, or None if it is not.

    A record exempt as a whole has every public paper withheld whole, whatever the
    paper draws from other records (a commission set's commissions, a radar's cases):
    the mark on the record covers everything its papers would show.
    """
    own = paper.withheld_in_public(source)
    if record.data.exempt is None:
        return own
    return record.data.exempt.merge(own)


def _refuse_leaks(path: Path, data: bytes, values: Needles, record: Record, paper: Paper) -> None:
    leaks = scan_paper(data, values, name=str(path))
    if leaks:
        details = "; ".join(str(leak) for leak in leaks)
        raise LeakError(
            f"public {paper.name}{path.suffix} not written: exempt text found ({details})",
            path=record.path,
        )


def paper_exempt_values(
    record: Record, references: list[Record], templates: Path | None = None
) -> list[ExemptValue]:
    """What the scan looks for in a public paper of ``record``: every exempt value its
    papers could draw on, its shown references' included, and their distinctive words
    (`docgen.needles`)."""
    return needles(record, references, templates or PACKAGE_TEMPLATES)
