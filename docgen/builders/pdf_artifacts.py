"""Running headers and footers drawn as PDF artifacts, as PDF/UA-1 asks (ISO 14289-1, 7.8).

WeasyPrint (to version 70) tags the text of the page-margin boxes — the running header,
the page number, the DRAFT and NOT FOR PUBLICATION markings — as real content whose
structure elements it then leaves out of the structure tree, so a screen reader that
reads content rather than the tree announces "Page 3 of 9" in the middle of a sentence
(WeasyPrint's own tracker records it as an open bug). The fix it names is the one made
here: each margin box is drawn inside one ``/Artifact`` marked-content sequence of type
Pagination (subtype Header or Footer), untagged, and left out of the structure tree.

It is done by wrapping two of WeasyPrint's module functions, once per process:
drawing a stacking context (margin boxes are stacking contexts of their own) and
building the structure tree. Both wrappers change only tagged output of margin boxes;
any other PDF WeasyPrint writes in the process is untouched. `install` refuses a
WeasyPrint whose functions are not the ones wrapped (an error the command prints),
rather than write margins as content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docgen.errors import DocgenError

_INSTALLED = False


def _subtype(margin_box: Any) -> str:
    """``/Header`` for the boxes above the page area, ``/Footer`` for those below, else
    none (the side boxes, which docgen does not use, are neither)."""
    keyword = str(getattr(margin_box, "at_keyword", ""))
    if keyword.startswith("@top-"):
        return "/Header"
    if keyword.startswith("@bottom-"):
        return "/Footer"
    return ""


def install() -> None:
    """Wrap WeasyPrint's margin-box drawing and tagging, once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    import pydyf
    import weasyprint
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    draw_context: Callable[..., None] = draw.draw_stacking_context
    build_tree: Callable[..., Iterator[Any]] = tags._build_box_tree
    if getattr(draw_context, "__module__", None) != "weasyprint.draw" or (
        getattr(build_tree, "__module__", None) != "weasyprint.pdf.tags"
    ):
        raise DocgenError(
            f"WeasyPrint {weasyprint.__version__} draws page margins in a way docgen does not "
            "know; install the version in docgen's constraints.txt"
        )

    def draw_stacking_context(stream: Any, stacking_context: Any) -> None:
        box = stacking_context.box
        if not isinstance(box, boxes.MarginBox) or stream._tags is None:
            draw_context(stream, stacking_context)
            return
        properties = pydyf.Dictionary({"Type": "/Pagination"})
        if subtype := _subtype(box):
            properties["Subtype"] = subtype
        saved_tags, stream._tags = stream._tags, None
        pydyf.Stream.begin_marked_content(stream, "Artifact", properties)
        try:
            draw_context(stream, stacking_context)
        finally:
            pydyf.Stream.end_marked_content(stream)
            stream._tags = saved_tags

    def _build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
        if isinstance(box, boxes.MarginBox):
            return iter(())
        return build_tree(box, *args)

    draw.draw_stacking_context = draw_stacking_context
    tags._build_box_tree = _build_box_tree
    _INSTALLED = True
