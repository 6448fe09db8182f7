"""Helpers for papers that compose their text from records (and from fixed words)."""

from __future__ import annotations

from docgen.exempt import Span, SpanKind, Text
from docgen.models.base import Exemptable, notice_text


def text(*parts: str | Text | None, within: Exemptable | None = None) -> Text:
    """One `Text` from plain strings and record text, keeping each span's status.

    ``within`` is the mapping the text comes from: when it is exempt as a whole, its
    plain spans become exempt spans, so the full version shades them and names the
    paragraph; in the public view, where its text is notices already, the whole is one notice.
    """
    spans: list[Span] = []
    for part in parts:
        if isinstance(part, Text):
            spans.extend(part.spans)
        elif part:
            spans.append(Span(part))
    exemption = within.exempt if within is not None else None
    if exemption is not None:
        if any(s.kind == SpanKind.NOTICE for s in spans):  # the public view: withheld already
            return notice_text(exemption)
        spans = [
            Span(s.text, SpanKind.EXEMPT, exemption) if s.kind == SpanKind.PLAIN else s
            for s in spans
        ]
    return Text(tuple(spans))
