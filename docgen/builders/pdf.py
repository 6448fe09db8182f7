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
from docgen.errors import TemplateError
from docgen.exempt import SpanKind, Text
from docgen.fonts import FONT_FAMILY, FONT_FILES, FONTS

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
    for span in text.spans:
        css_class = SPAN_CLASSES[span.kind]
        content = escape(span.text)
        parts.append(f'<span class="{css_class}">{content}</span>' if css_class else str(content))
        if span.kind == SpanKind.EXEMPT and span.exemption is not None:
            parts.append(f'<span class="exempt-label"> {escape(span.exemption.label)}</span>')
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
    """A chart block drawn as PNG, as a data: URI for an <img>."""
    from docgen.charts import chart_png

    return png_uri(chart_png(chart))


def png_uri(data: bytes) -> str:
    """PNG bytes (a picture a paper drew) as a data: URI for an <img>."""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def font_faces() -> str:
    """@font-face rules for the fonts shipped with docgen, by absolute file URL."""
    rules = []
    for (weight, style), name in FONT_FILES.items():
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'font-style: {style}; src: url("{(FONTS / name).as_uri()}"); }}'
        )
    return "\n".join(rules)


def pdf_identifier(*parts: str) -> bytes:
    """A fixed file identifier, so the same paper gets the same bytes every build."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32].encode("ascii")


class PdfTemplates:
    """The HTML templates of one folder, the house style and fonts, loaded once."""

    def __init__(self, folder: Path):
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        self.folder = folder = folder.resolve()
        self._weasyprint = weasyprint
        self.environment = make_environment(jinja2.FileSystemLoader(folder))
        self.environment.filters["rich"] = rich
        self.environment.filters["css_string"] = css_string
        self.environment.filters["chart_uri"] = chart_uri
        self.environment.filters["png_uri"] = png_uri
        self.font_config = FontConfiguration()
        stylesheet = folder / HOUSE_STYLESHEET
        try:
            css = font_faces() + "\n" + stylesheet.read_text(encoding="utf-8")
        except OSError as error:
            raise TemplateError(
                f"cannot read the house stylesheet: {error.strerror}", path=stylesheet
            ) from None
        self.stylesheets = [
            weasyprint.CSS(string=css, base_url=folder.as_uri() + "/", font_config=self.font_config)
        ]

    def render(
        self,
        name: str,
        context: Mapping[str, Any],
        properties: DocumentProperties,
        identifier: bytes,
        images: dict[str, Any] | None = None,
    ) -> bytes:
        """The PDF for ``context`` rendered through the HTML template ``name``.

        ``images`` is WeasyPrint's cache of decoded pictures, by address: papers that show
        the same pictures (a record's full and public versions) share one, so each chart
        is decoded once; it is the caller's to drop, so a long batch does not grow it.
        """
        try:
            html = self.environment.get_template(name).render({**context, "document": properties})
        except jinja2.TemplateNotFound:
            raise TemplateError(f"no HTML template {name}", path=self.folder / name) from None
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(
                error.message or "syntax error", path=self.folder / name, line=error.lineno
            ) from None
        except jinja2.UndefinedError as error:
            raise TemplateError(
                f"{error.message} (the paper gives no such value)", path=self.folder / name
            ) from None
        except jinja2.TemplateError as error:
            raise TemplateError(str(error), path=self.folder / name) from None
        document = self._weasyprint.HTML(string=html, base_url=self.folder.as_uri() + "/")
        return document.write_pdf(
            stylesheets=self.stylesheets,
            font_config=self.font_config,
            pdf_variant="pdf/ua-1",
            pdf_identifier=identifier,
            uncompressed_pdf=False,
            cache=images,
        )
