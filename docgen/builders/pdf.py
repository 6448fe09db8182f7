"""The PDF builder: Jinja2 HTML templates rendered by WeasyPrint as tagged PDF/UA.

WeasyPrint is imported when the first PDF is built, never on the CLI's start-up
path. One `PdfTemplates` per process keeps the Jinja environment (templates are
compiled once), the parsed house stylesheet and WeasyPrint's font configuration,
so a batch pays for them once rather than per paper.

It knows HTML and PDF, not the domain: papers hand it a context of plain values
and the document properties, which become the HTML metadata WeasyPrint writes into
the PDF's Info dictionary and XMP (title, author, subject, keywords, dates).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from docgen.builders.environment import make_environment
from docgen.builders.properties import DocumentProperties
from docgen.builders.wordml import column_percentages
from docgen.errors import TemplateError
from docgen.exempt import SpanKind, Text
from docgen.house_style import HouseStyle, house_style

HOUSE_STYLESHEET = "house.css"

SPAN_CLASSES = {SpanKind.PLAIN: None, SpanKind.EXEMPT: "exempt", SpanKind.NOTICE: "withheld"}


def rich(text: Text | str | None) -> Markup:
    """HTML for record text: exempt and withheld spans get their classes, and an exempt
    phrase (full version) the label naming the paragraph of Schedule 12A that applies."""
    if text is None:
        return Markup("")
    if not isinstance(text, Text):
        return escape(text)
    parts = []
    for span, label in zip(text.spans, text.labels(), strict=True):
        css_class = SPAN_CLASSES[span.kind]
        content = escape(span.text)
        parts.append(f'<span class="{css_class}">{content}</span>' if css_class else str(content))
        if label is not None:
            parts.append(f'<span class="exempt-label"> {escape(label)}</span>')
    return Markup("".join(parts))


def css_string(value: str) -> Markup:
    """A CSS string literal, every non-alphanumeric character escaped (so no value can
    close the string, the rule or the <style> element it stands in). Each escape is
    six hex digits and a space, the space being the escape's own terminator."""
    escaped = "".join(
        char if (char.isalnum() and char.isascii()) or char == " " else f"\\{ord(char):06X} "
        for char in str(value)
    )
    return Markup(f'"{escaped}"')


def chart_uri(chart: Any) -> str:
    """A chart block drawn as SVG (vector, its words real text), as a data: URI for an
    <img>, which the PDF tags as a figure with the chart's alt text."""
    from docgen.charts import chart_svg

    return svg_uri(chart_svg(chart))


def svg_uri(svg: str) -> str:
    """SVG text (a picture a paper drew) as a data: URI for an <img>."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def png_uri(data: bytes) -> str:
    """PNG bytes (a picture a paper drew) as a data: URI for an <img>."""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def colgroup(columns: Any, rows: Any, shares: Any = None) -> Markup:
    """A table's <colgroup>: its columns as wide as in the Word version of the paper."""
    cols = "".join(
        f'<col style="width: {share:g}%">' for share in column_percentages(columns, rows, shares)
    )
    return Markup(f"<colgroup>{cols}</colgroup>")


def pdf_identifier(*parts: str) -> bytes:
    """A fixed file identifier, so the same paper gets the same bytes every build."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32].encode("ascii")


def html_environment(folders: list[Path]) -> jinja2.Environment:
    """The Jinja environment of the HTML templates in ``folders`` (first found wins)."""
    environment = make_environment(jinja2.FileSystemLoader(folders))
    environment.filters["rich"] = rich
    environment.filters["css_string"] = css_string
    environment.filters["chart_uri"] = chart_uri
    environment.filters["png_uri"] = png_uri
    environment.filters["svg_uri"] = svg_uri
    environment.filters["paper_body"] = _paper_body
    environment.globals["colgroup"] = colgroup
    return environment


def check_html(folders: list[Path], names: list[str]) -> list[TemplateError]:
    """Compile each HTML template ``names`` and find the stylesheet, without WeasyPrint:
    what is wrong with them, each once."""
    environment = html_environment(folders)
    errors = []
    for name in names:
        found = next((f / name for f in folders if (f / name).is_file()), folders[0] / name)
        try:
            environment.get_template(name)
        except jinja2.TemplateNotFound:
            errors.append(TemplateError(f"no HTML template {name}", path=found))
        except jinja2.TemplateSyntaxError as error:
            message = error.message or "syntax error"
            errors.append(TemplateError(message, path=found, line=error.lineno))
    if not any((folder / HOUSE_STYLESHEET).is_file() for folder in folders):
        errors.append(TemplateError("no house stylesheet", path=folders[0] / HOUSE_STYLESHEET))
    return errors


class PdfTemplates:
    """The HTML templates of one folder, the house style and fonts, loaded once."""

    def __init__(self, folder: Path, *fallbacks: Path, house: HouseStyle | None = None):
        """``fallbacks``: folders a template or the stylesheet is looked for in, in order,
        when ``folder`` does not have it (docgen's own, for a council's partial folder).
        ``house``: the house style whose values the stylesheet uses (default: the folder's)."""
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        from docgen.builders import pdf_artifacts

        pdf_artifacts.install()  # running headers and footers as artifacts, not content

        self.folder = folder = folder.resolve()
        self.folders = [folder, *(fallback.resolve() for fallback in fallbacks)]
        self._weasyprint = weasyprint
        self.environment = html_environment(self.folders)
        self.house = house or house_style(folder.parent)
        self.letterhead = self.house.letterhead()
        self.font_config = FontConfiguration()
        stylesheet = self.located(HOUSE_STYLESHEET)
        try:
            css = self.house.css() + stylesheet.read_text(encoding="utf-8")
        except OSError as error:
            raise TemplateError(
                f"cannot read the house stylesheet: {error.strerror}", path=stylesheet
            ) from None
        self.stylesheets = [
            weasyprint.CSS(
                string=css, base_url=stylesheet.parent.as_uri() + "/", font_config=self.font_config
            )
        ]

    def anchor_pages(
        self, name: str, context: Mapping[str, Any], properties: DocumentProperties
    ) -> dict[str, int]:
        """The page (from 1) on which each element with an ``id`` starts, as the PDF lays
        the paper out: the page numbers of a Word contents list, true when it is opened."""
        document = self._document(name, context, properties).render(
            stylesheets=self.stylesheets, font_config=self.font_config
        )
        pages: dict[str, int] = {}
        for number, page in enumerate(document.pages, start=1):
            for anchor in page.anchors:
                pages.setdefault(anchor, number)
        return pages

    def located(self, name: str) -> Path:
        """The file ``name`` in the first folder that has it (the first folder if none)."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return self.folder / name

    def render(
        self,
        name: str,
        context: Mapping[str, Any],
        properties: DocumentProperties,
        identifier: bytes,
        images: dict[str, Any] | None = None,
        *,
        page_labels: bool = False,
    ) -> bytes:
        """The PDF for ``context`` rendered through the HTML template ``name``.

        ``images`` is WeasyPrint's cache of decoded pictures, by address: papers that show
        the same pictures (a record's full and public versions) share one, so each chart
        is decoded once; it is the caller's to drop, so a long batch does not grow it.
        """
        return self._document(name, context, properties).write_pdf(
            stylesheets=self.stylesheets,
            font_config=self.font_config,
            pdf_variant="pdf/ua-1",
            pdf_identifier=identifier,
            uncompressed_pdf=False,
            finisher=_label_pages if page_labels else None,  # "Page 17" is page 17
            cache=images,
        )

    def _document(
        self, name: str, context: Mapping[str, Any], properties: DocumentProperties
    ) -> Any:
        """WeasyPrint's document for the HTML template ``name`` filled from ``context``."""
        try:
            html = self.environment.get_template(name).render(
                {**context, "document": properties, "house": self.letterhead}
            )
        except jinja2.TemplateNotFound:
            raise TemplateError(f"no HTML template {name}", path=self.located(name)) from None
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(
                error.message or "syntax error", path=self.located(name), line=error.lineno
            ) from None
        except jinja2.UndefinedError as error:
            raise TemplateError(
                f"{error.message} (the paper gives no such value)", path=self.located(name)
            ) from None
        except jinja2.TemplateError as error:
            raise TemplateError(str(error), path=self.located(name)) from None
        return self._weasyprint.HTML(string=html, base_url=self.folder.as_uri() + "/")


@jinja2.pass_context
def _paper_body(outer: Any, context: Mapping[str, Any], name: str) -> Markup:
    """What another paper's template puts in its page body, rendered from ``context``: a
    document made of several papers (an agenda pack) holds each one's body. What the
    outer render adds to every paper's context (the document's properties) is passed on."""
    environment = outer.environment
    html = environment.get_template(name).render({**outer.get_all(), **context})
    start = html.index(">", html.index("<body")) + 1
    return Markup(html[start : html.rindex("</body>")])


def _label_pages(_document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher: page labels 1, 2, 3 … (decimal from the first page), so a
    viewer's page box shows the number printed at the foot of each page."""
    import pydyf

    pdf.catalog["PageLabels"] = pydyf.Dictionary(
        {"Nums": pydyf.Array([0, pydyf.Dictionary({"S": "/D"})])}
    )
