"""Write docgen's Word templates (templates/*.docx) from the definitions here.

Their fonts, sizes, colours, spacing and footer come from the house style
(templates/house.toml, applied by `docgen.builders.house_word`). Run ``make templates``
(``python tools/make_docx_templates.py``) after changing a definition or the house
style; nothing else runs it. The templates are ordinary docxtpl templates, and
a council may open one in Word, change it and keep it: this script records what it
last wrote (``.made-by-docgen`` in the folder) and refuses to overwrite a template
that has changed since, unless given ``--force``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wordparts import (
    CONTENT_TYPES,
    DOCUMENT_RELS,
    FONT_TABLE,
    HEADINGS_LIST,
    PACKAGE_RELS,
    PLACEHOLDER_APP,
    PLACEHOLDER_CORE,
    SETTINGS,
    cell,
    document,
    footer_part,
    header_part,
    kept_together,
    numbering,
    para,
    row,
    run,
    styles,
    table,
    tag,
    tag_row,
    with_first_page_rels,
    with_first_page_types,
)

from docgen.builders.house_word import apply_to_styles, footer_runs
from docgen.house_style import CHECKS, house_style

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HOUSE = house_style(TEMPLATES)
"""docgen's house style (templates/house.toml): every template's styles are made from it."""
TABLE_HEADER = HOUSE.colour("table_header")
LABEL, VALUE = 2438, 7200

KEEP = "<w:keepNext/><w:keepLines/>"
"""A paragraph that stays on the page of the one after it (a lead-in, a letter's close)."""

SHADE = "shaded=(item.exempt is not none and not public)"
BLOCK_SHADE = "shaded=(shade or (item.exempt is not none and not public))"


def label_row(label: str, value: str) -> str:
    return row(cell(LABEL, para("TableLabel", run(label)), shade=TABLE_HEADER), cell(VALUE, value))


def optional_row(condition: str, label: str, value: str) -> list[str]:
    return [
        tag_row(f"{{%tr if {condition} %}}", 2),
        label_row(label, value),
        tag_row("{%tr endif %}", 2),
    ]


def page_footer() -> str:
    """The footer every paper has: the house style's (Page X of Y), from Word's own fields."""
    return footer_part(para("Footer", footer_runs(HOUSE["page.footer"])))


def paper_parts(body: list[str], *header: str) -> dict[str, str]:
    """A paper's document, its header (by default the running header and, in a full
    version with exempt content, the marking) and its footer."""
    header = header or (running_header(),)
    return {
        "word/document.xml": document("".join(body)),
        "word/header1.xml": header_part(*header),
        "word/footer1.xml": page_footer(),
    }


def running_header() -> str:
    """The running header on one line, as the PDF's: what the paper is at the left, the
    short NOT FOR PUBLICATION marking at the right (the full statutory sentence is on
    the first page, once)."""
    return para(
        "Header",
        run("{{ running_header }}"),
        run("{% if running_marking %}"),
        "<w:r><w:tab/></w:r>",
        run("{{ running_marking }}", '<w:rStyle w:val="HeaderMarkingRun"/>'),
        run("{% endif %}"),
        properties='<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs><w:jc w:val="left"/>',
    )


def letter_parts(body: list[str]) -> dict[str, str]:
    """A letter's parts: its first page has no running header and no page number (the
    letterhead's place), every later page has both."""
    return {
        "word/document.xml": document("".join(body), first_page=True),
        "word/header1.xml": header_part(running_header()),
        "word/footer1.xml": page_footer(),
        "word/header2.xml": header_part(para("Header")),
        "word/footer2.xml": footer_part(para("Footer")),
    }


def paragraph_macro() -> list[str]:
    """One record paragraph: its (numbered) text, bullets, quotation and closing text.

    ``shade`` is true when an enclosing section or appendix is exempt (full version).
    """
    return [
        tag("{%p macro block(item, style, list, shade, level=0, label=none) %}"),
        tag(
            "{{p paragraph(item.text, style, list=list, level=level, label=label, "
            "keep_with_next=(item.table or item.chart), " + BLOCK_SHADE + ") }}"
        ),
        tag("{%p for bullet in item.bullets %}"),
        tag("{{p paragraph(bullet, 'ListBullet', " + BLOCK_SHADE + ") }}"),
        tag("{%p endfor %}"),
        tag("{%p if item.quote %}"),
        tag("{{p paragraph(item.quote, 'Quote', " + BLOCK_SHADE + ") }}"),
        tag("{%p endif %}"),
        tag("{%p if item.table %}"),
        tag(
            "{{p table(item.table.caption, item.table.columns, item.table.rows, "
            "shade_exempt_rows=not public, " + BLOCK_SHADE + ") }}"
        ),
        tag("{%p endif %}"),
        tag("{%p if item.chart %}"),
        tag(
            "{{p paragraph(item.chart.title, 'Caption', keep_with_next=true, "
            + BLOCK_SHADE
            + ") }}"
        ),
        tag(
            "{{p picture(chart_png(item.chart), item.chart.description, "
            "item.chart.title | string, " + BLOCK_SHADE + ") }}"
        ),
        tag("{%p endif %}"),
        tag("{%p if item.continued %}"),
        tag("{{p paragraph(item.continued, 'ContinuedText', " + BLOCK_SHADE + ") }}"),
        tag("{%p endif %}"),
        tag("{%p endmacro %}"),
    ]


def numbered_block(item: str, shade: str) -> str:
    """A record paragraph in the report's numbering (its list and level from the paper)."""
    return tag(
        f"{{{{p block({item}, 'NumberedParagraph', word_list({item}), {shade}, "
        f"level=word_level({item}), label=exempt_label({item})) }}}}"
    )


def section_body(holder: str, shade: str) -> list[str]:
    """A section's paragraphs, or (withheld, public version) the one notice for them."""
    return [
        tag(f"{{%p if withheld_notice({holder}) %}}"),
        tag(f"{{{{p paragraph(withheld_notice({holder}), 'BodyText') }}}}"),
        tag("{%p else %}"),
        tag(f"{{%p for para in {holder}.paragraphs %}}"),
        numbered_block("para", shade),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
    ]


def sections_loop(sections: str, outer_shade: str) -> list[str]:
    """Headed sections and sub-sections, numbered as the paper says (``word_list``)."""
    section_shade = f"({outer_shade} or (item.exempt is not none and not public))"
    sub_shade = f"({section_shade} or (sub.exempt is not none and not public))"
    return [
        tag(f"{{%p for item in {sections} %}}"),
        tag(
            f"{{{{p paragraph(item.heading, 'Heading1', list=word_list(item), "
            f"label=exempt_label(item), shaded={section_shade}) }}}}"
        ),
        *section_body("item", section_shade),
        tag("{%p for sub in item.subsections %}"),
        tag(
            f"{{{{p paragraph(sub.heading, 'Heading2', label=exempt_label(sub), "
            f"shaded={sub_shade}) }}}}"
        ),
        *section_body("sub", sub_shade),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
    ]


def committee_report() -> dict[str, str]:
    """The committee report in the house style of the reference papers."""
    header_rows = [
        label_row("Title", para("TableText", run("{{r runs(report.title, bold=True) }}"))),
        *optional_row("report.item", "Item no", para("TableText", run("{{r runs(report.item) }}"))),
        label_row("Report by", para("TableText", run("{{r runs(report.report_by.name) }}"))),
        *optional_row(
            "report.report_by.job_title",
            "Job title",
            para("TableText", run("{{r runs(report.report_by.job_title) }}")),
        ),
        *optional_row("meeting_date", "Date", para("TableText", run("{{ meeting_date }}"))),
        label_row("Contact officer", para("TableText", run("{{r runs(report.contact.name) }}"))),
        *optional_row(
            "report.contact.telephone",
            "Telephone",
            para("TableText", run("{{r runs(report.contact.telephone) }}")),
        ),
        *optional_row(
            "report.contact.email",
            "Email",
            para("TableText", run("{{r runs(report.contact.email) }}")),
        ),
        *optional_row(
            "report.purpose", "Purpose", para("TableText", run("{{r runs(report.purpose) }}"))
        ),
        *optional_row(
            "report.action", "Action", para("TableText", run("{{r runs(report.action) }}"))
        ),
        *optional_row(
            "report.wards_affected",
            "Wards affected",
            para("TableText", run("{{r runs(report.wards_affected) }}")),
        ),
        *optional_row(
            "key_decision", "Key decision", para("TableText", run("{{r runs(key_decision) }}"))
        ),
        *optional_row(
            "report.portfolio_holder",
            "Portfolio holder",
            para(
                "TableText",
                run(
                    "{{r runs(report.portfolio_holder.name) }}{% if report.portfolio_holder."
                    "job_title %}, {{r runs(report.portfolio_holder.job_title) }}{% endif %}"
                ),
            ),
        ),
        tag_row("{%tr for role, signed in sign_off %}", 2),
        row(
            cell(LABEL, para("TableLabel", run("{{r runs(role) }}")), shade=TABLE_HEADER),
            cell(VALUE, para("TableText", run("{{r runs(signed) }}"))),
        ),
        tag_row("{%tr endfor %}", 2),
        *optional_row(
            "appendix_list",
            "Appendices",
            tag("{%p for line in appendix_list %}")
            + tag("{{p paragraph(line, 'TableText') }}")
            + tag("{%p endfor %}"),
        ),
    ]
    summary_rows = [
        label_row("Summary", para("TableText", run("{{r runs(report.summary) }}"))),
        label_row(
            "Recommendations",
            para("TableText", run("{{r runs(lead_in) }}"))
            + tag("{%p for item in report.recommendations %}")
            + tag(
                "{{p paragraph(item.text, 'Recommendation', list='recommendations', "
                "label=exempt_label(item), " + SHADE + ") }}"
            )
            + tag("{%p endfor %}"),
        ),
    ]
    part_shade = "(part.exempt is not none and not public)"
    implications = [
        tag("{%p for part in implications %}"),
        tag(
            "{{p paragraph(part.heading, 'Heading1', list=word_list(part), "
            f"label=exempt_label(part), shaded={part_shade}) }}}}"
        ),
        tag("{%p for para in part.paragraphs %}"),
        tag("{%p if word_list(para) %}"),
        numbered_block("para", part_shade),
        tag("{%p else %}"),
        tag(f"{{{{p block(para, 'BodyText', none, {part_shade}, label=exempt_label(para)) }}}}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
    ]
    body = [
        *paragraph_macro(),
        para("Committee", run("{{r runs(report.committee) }}")),
        tag("{%p if marking %}"),
        para("Marking", run("{{ marking }}")),
        tag("{%p endif %}"),
        tag("{%p if publication_note %}"),
        para("PublicationNote", run("{{r runs(publication_note) }}")),
        tag("{%p endif %}"),
        table([LABEL, VALUE], *header_rows, caption="Report details"),
        para("BodyText"),
        table([LABEL, VALUE], *summary_rows, caption="Summary and recommendations"),
        para("ReportTitle", run("{{r runs(report.title) }}")),
        *sections_loop("report.sections", "false"),
        *implications,
        tag("{%p if background_papers_shown %}"),
        para("ClosingHeading", run("Background papers")),
        tag("{%p for item in background_papers %}"),
        tag("{{p paragraph(item.title, 'ListBullet', label=exempt_label(item), " + SHADE + ") }}"),
        tag("{%p else %}"),
        para("BodyText", run("None")),
        tag("{%p endfor %}"),
        tag("{%p if withheld_background_papers %}"),
        para("BodyText", run("{{r runs(withheld_background_papers) }}")),
        tag("{%p endif %}"),
        tag("{%p endif %}"),
        tag("{%p if attachments_shown %}"),
        para("ClosingHeading", run("Attachments")),
        tag("{%p for line in appendix_list %}"),
        tag("{{p paragraph(line, 'ListBullet') }}"),
        tag("{%p else %}"),
        para("BodyText", run("None")),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        tag("{%p if reasons %}"),
        para("Heading1", run("Reasons for exemption")),
        tag(
            "{{p table('Each exempt item, the paragraph of Schedule 12A that applies, why and "
            "when it is reviewed', reasons_columns, reasons, shade_exempt_rows=false, "
            "shares=[5, 4, 10, 3]) }}"
        ),
        tag("{%p endif %}"),
        tag("{%p for appendix in report.appendices %}"),
        tag("{%p set appendix_shade = appendix.exempt is not none and not public %}"),
        para("AppendixHeading", run("Appendix {{ loop.index }}")),
        tag(
            "{{p paragraph(appendix.title, 'AppendixTitle', label=exempt_label(appendix), "
            "shaded=appendix_shade) }}"
        ),
        tag("{%p for para in appendix.paragraphs %}"),
        numbered_block("para", "appendix_shade"),
        tag("{%p endfor %}"),
        *sections_loop("appendix.sections", "appendix_shade"),
        tag("{%p endfor %}"),
    ]
    return paper_parts(body)


def mou_draft() -> dict[str, str]:
    """The Memorandum of Understanding: parties, numbered clauses, schedule, signatures."""
    body = [
        para("Committee", run("Memorandum of Understanding")),
        para("Banner", run("{{ banner }}")),
        tag("{%p if marking %}"),
        para("Marking", run("{{ marking }}")),
        tag("{%p endif %}"),
        para(
            "ReportTitle",
            run(
                "Commissioned support to {{r runs(mou.body) }} from chief executives and senior staff"
            ),
        ),
        para("BodyText", run("{{ date_line }}")),
        para("Heading1", run("Parties")),
        tag("{%p for party in mou.mou_parties %}"),
        tag("{{p paragraph(party, 'ListBullet') }}"),
        tag("{%p endfor %}"),
        tag("{%p for part in parts %}"),
        tag("{{p paragraph(part.heading, 'ClauseHeading', list='clauses', level=0) }}"),
        tag("{%p for clause in part.clauses %}"),
        tag("{{p paragraph(clause.text, 'Clause', list='clauses', level=1, lead=clause.lead) }}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        para("Heading1", run("Schedule")),
        tag(
            "{{p table(schedule.caption, schedule.columns, schedule.rows, shade_exempt_rows=not public) }}"
        ),
        para("Heading1", run("Signed")),
        tag("{%p for person in mou.mou_signatories %}"),
        para("Signature", run("Signature: ______________________________   Date: ______________")),
        tag("{{p paragraph(person.name, 'BodyText', bold=true) }}"),
        tag("{%p if person.job_title %}"),
        tag("{{p paragraph(person.job_title, 'BodyText') }}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]
    return {
        "word/document.xml": document("".join(body)),
        "word/header1.xml": header_part(draft_running_header()),
        "word/footer1.xml": page_footer(),
    }


def draft_running_header() -> str:
    """A draft's running header on one line, as the PDF's: what the paper is at the left,
    the DRAFT marking at the right (in the marking's colour, after the NOT FOR PUBLICATION
    marking, when the version carries one)."""
    return para(
        "Header",
        run("{{ running_header }}"),
        "<w:r><w:tab/></w:r>",
        run("{% if running_marking %}"),
        run("{{ banner }} – {{ running_marking }}", '<w:rStyle w:val="HeaderMarkingRun"/>'),
        run("{% else %}"),
        run("{{ banner }}", '<w:rStyle w:val="HeaderDraftRun"/>'),
        run("{% endif %}"),
        properties='<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs><w:jc w:val="left"/>',
    )


def contents_list() -> list[str]:
    """The contents, one line per part with its page number, laid out from the PDF's pages
    when the paper is built (``contents_pages``): correct when the file is opened, with no
    field for Word to update."""
    return [
        tag("{%p for entry in toc %}"),
        para(
            "TOC1",
            run("{{ entry.text }}"),
            "<w:r><w:tab/></w:r>",
            run("{{ contents_pages[entry.anchor] }}"),
        ),
        tag("{%p endfor %}"),
    ]


def position_statement() -> dict[str, str]:
    """The council's position statement: cover (with what a draft lacks), contents, context,
    then the areas in turn, flowing (no page each)."""
    page_break = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    body = [
        *paragraph_macro(),
        para("CoverTitle", run("{{r runs(challenge.council) }}")),
        para("CoverSubtitle", run("LGA Corporate Peer Challenge")),
        para("CoverSubtitle", run("Position statement")),
        para("BodyText", run("{{ visit_line }}")),
        tag("{%p if marking %}"),
        para("Marking", run("{{ marking }}")),
        tag("{%p endif %}"),
        tag("{%p if draft %}"),
        para("Banner", run("{{ draft }}")),
        para("BodyText", run("Still to be written:"), properties=KEEP),
        tag("{%p for item in missing %}"),
        para("ListBullet", run("{{ item }}")),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        page_break,
        para("Heading1", run("Contents")),
        *contents_list(),
        page_break,
        tag("{%p if challenge.context %}"),
        para("Heading1", run("Context")),
        tag("{%p endif %}"),
        tag("{%p for para in challenge.context %}"),
        tag("{{p block(para, 'BodyText', none, false) }}"),
        tag("{%p endfor %}"),
        tag("{%p for area in areas %}"),
        tag("{{p paragraph(area.title, 'Heading1', list='headings') }}"),
        tag("{{p paragraph(area.question, 'Quote', keep_with_next=true) }}"),
        tag("{%p for part in area.parts %}"),
        tag("{{p paragraph(part.heading, 'Heading2') }}"),
        tag("{%p for item in part.entries %}"),
        tag("{{p paragraph(item, 'ListBullet', shaded=(part.shaded)) }}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        para("Heading1", run("Timetable")),
        tag("{%p if gantt %}"),
        tag("{{p picture(gantt.png, gantt.alt, gantt.title, aspect=gantt.aspect) }}"),
        tag("{%p endif %}"),
        tag(
            "{{p table(timetable.caption, timetable.columns, timetable.rows, shade_exempt_rows=not public) }}"
        ),
        para("ClosingHeading", run("Background documents")),
        tag("{%p for item in challenge.background_documents %}"),
        tag("{{p paragraph(item, 'ListBullet') }}"),
        tag("{%p else %}"),
        para("BodyText", run("None")),
        tag("{%p endfor %}"),
    ]
    return paper_parts(body)


def sender_letterhead() -> list[str]:
    """A letter's own letterhead, when its record names a sender: the sender's name and
    address lines, right-aligned at the top of the first page (``sender``, which also
    keeps the council's letterhead of the house style off the letter), then 12pt, as the
    PDF's ``div.letterhead``."""
    last_line = "<w:spacing w:after=\"{{ '240' if loop.last else '0' }}\"/>"
    name_only = "<w:spacing w:after=\"{{ '0' if sender.address else '240' }}\"/>"
    return [
        tag("{%p if sender %}"),
        para("Letterhead", run("{{r runs(sender.name) }}"), properties=name_only),
        tag("{%p for line in sender.address %}"),
        para("Letterhead", run("{{r runs(line) }}"), properties=last_line),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
    ]


def feedback_letter() -> dict[str, str]:
    """The peer team's letter: addressee block, date, reference, findings, sign-off."""
    body = [
        *sender_letterhead(),
        tag("{%p if marking %}"),
        para("Marking", run("{{ marking }}")),
        tag("{%p endif %}"),
        para("LetterAddress", run("{{r runs(letter.addressee.name) }}")),
        tag("{%p if letter.addressee.job_title %}"),
        tag("{{p paragraph(letter.addressee.job_title, 'LetterAddress') }}"),
        tag("{%p endif %}"),
        tag("{{p paragraph(challenge.council, 'LetterAddress') }}"),
        tag("{%p for line in letter.address %}"),
        tag("{{p paragraph(line, 'LetterAddress') }}"),
        tag("{%p endfor %}"),
        para("LetterDate", run("{{ date_line }}")),
        tag("{%p if letter.reference %}"),
        para("BodyText", run("Our reference: {{r runs(letter.reference) }}")),
        tag("{%p endif %}"),
        para("BodyText", run("{{r runs(letter.salutation) }},")),
        para("Heading1", run("Corporate Peer Challenge: {{r runs(challenge.council) }}")),
        para("BodyText", run("{{ opening }}")),
        tag("{%p for section in sections %}"),
        tag("{{p paragraph(section.heading, 'Heading2') }}"),
        tag("{%p for finding in section.findings %}"),
        tag("{{p paragraph(finding, 'BodyText', shaded=section.shaded) }}"),
        tag("{%p endfor %}"),
        tag("{%p if section.recommendations %}"),
        para("BodyText", run("Our recommendations:"), properties=KEEP),
        tag("{%p for recommendation in section.recommendations %}"),
        tag("{{p paragraph(recommendation, 'ListBullet', shaded=section.shaded) }}"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        para("Heading2", run("Next steps")),
        kept_together(
            para("BodyText", run("{{ follow_up }}")),
            para("LetterClose", run("Yours sincerely,")),
            para("Signatory", run("{{r runs(letter.signed_by.name) }}")),
            tag("{%p if letter.signed_by.job_title %}"),
            tag("{{p paragraph(letter.signed_by.job_title, 'BodyText') }}"),
            tag("{%p endif %}"),
            para("BodyText", run("On behalf of the peer team")),
        ),
        para("BodyText"),
    ]
    return letter_parts(body)


def numbered_heading(style: str, text: str) -> str:
    """A heading numbered by Word (the ``headings`` list: 1., 2. … and a space), as the PDF
    numbers it in its text."""
    return para(
        style,
        run(text),
        properties=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{HEADINGS_LIST}"/></w:numPr>',
    )


def dclg_submission() -> dict[str, str]:
    """The submission: covering letter, progress table, independent review, action plan, annexes."""
    body = [
        *sender_letterhead(),
        tag("{%p if marking %}"),
        para("Marking", run("{{ marking }}")),
        tag("{%p endif %}"),
        para("LetterAddress", run("{{r runs(submission.addressee) }}")),
        tag("{{p paragraph(submission.department, 'LetterAddress') }}"),
        tag("{%p for line in submission.address %}"),
        tag("{{p paragraph(line, 'LetterAddress') }}"),
        tag("{%p endfor %}"),
        para("LetterDate", run("{{ date_line }}")),
        para("BodyText", run("{{r runs(submission.salutation) }},")),
        para("Heading1", run("Best Value directions: {{r runs(record.council) }}")),
        para("BodyText", run("{{r runs(opening) }}"), properties=KEEP),
        para("LetterClose", run("Yours sincerely,")),
        tag("{%p for person in submission.signatories %}"),
        tag("{{p paragraph(person.name, 'Signatory', keep_with_next=true) }}"),
        tag("{%p if person.job_title %}"),
        tag("{{p paragraph(person.job_title, 'BodyText') }}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        numbered_heading("AreaHeading", "Progress against the directions"),
        tag(
            "{{p table(progress.caption, progress.columns, progress.rows, shade_exempt_rows=not public) }}"
        ),
        numbered_heading("Heading1", "Independent review of achievement"),
        para("BodyText", run("{{r runs(review_source) }}"), properties=KEEP),
        tag("{%p for section in review %}"),
        tag("{{p paragraph(section.heading, 'Heading2') }}"),
        tag("{%p for finding in section.findings %}"),
        tag("{{p paragraph(finding, 'BodyText') }}"),
        tag("{%p endfor %}"),
        tag("{%p for recommendation in section.recommendations %}"),
        tag("{{p paragraph(recommendation, 'ListBullet') }}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        numbered_heading("Heading1", "Action plan"),
        tag(
            "{{p table(action_plan.caption, action_plan.columns, action_plan.rows, shade_exempt_rows=not public) }}"
        ),
        numbered_heading("Heading1", "Annexes"),
        tag("{%p for annex in submission.annexes %}"),
        tag("{{p paragraph(annex, 'ListBullet') }}"),
        tag("{%p else %}"),
        para("BodyText", run("None")),
        tag("{%p endfor %}"),
    ]
    return letter_parts(body)


def withheld() -> dict[str, str]:
    """The public stand-in for a paper exempt as a whole: its name and a statement."""
    body = [
        para("Committee", run("{{ heading }}")),
        tag("{%p if meeting %}"),
        para("BodyText", run("{{ meeting }}")),
        tag("{%p endif %}"),
        para("WithheldMarking", run("Not for publication")),
        para("BodyText", run("{{ statement }}")),
    ]
    return {
        "word/document.xml": document("".join(body)),
        "word/header1.xml": header_part(
            para("Header", run("{{ running_header }}"), properties='<w:jc w:val="left"/>')
        ),
        "word/footer1.xml": page_footer(),
    }


STRONG = '<w:rStyle w:val="Strong"/>'


def agenda_label(label: str, value: str) -> str:
    """A line of the summons: its label in the Strong style ("Venue:"), then the value."""
    return para("BodyText", run(label, STRONG), run(f" {value}"))


def agenda_item(note: str = "") -> list[str]:
    """One agenda item in real Word numbering (``item.word_list`` starts a list at the
    item's own number where the numbers skip), hung as the PDF hangs it; ``note`` (the
    italic line under it) and what is attached are further lines of the item's own
    paragraph, so no page parts them from it. The last two items of a part stay
    together, so the last never stands alone on a page."""
    pages = (
        "item.title ~ ((' (page ' ~ pack_pages[item.number] ~ ' of the reports pack)') "
        "if item.number in pack_pages else '')"
    )
    note_line = f"('AgendaItemNote', {note})" if note else "('AgendaItemNote', '')"
    attached = "('AgendaItemDetail', ('Attached: ' ~ item.attachment) if item.attachment else '')"
    return [
        tag(
            f"{{{{p paragraph({pages}, 'AgendaItem', list=item.word_list, "
            f"lines=[{note_line}, {attached}], keep_with_next=(loop.revindex == 2)) }}}}"
        ),
    ]


def agenda() -> dict[str, str]:
    """The agenda: the summons, the Part 1 items, the exclusion resolution, the Part 2 items."""
    body = [
        para("Committee", run("{{ body }}")),
        para("ReportTitle", run("{{ heading }}")),
        agenda_label("Date and time:", "{{ when }}"),
        agenda_label("Venue:", "{{ venue }}"),
        para(
            "BodyText",
            run("Chair:", STRONG),
            run(" {{ chair }}"),
            run("{% if vice_chair %}"),
            run("; "),
            run("Vice-chair:", STRONG),
            run(" {{ vice_chair }}"),
            run("{% endif %}"),
        ),
        agenda_label("Members:", "{{ members | join(', ') }}"),
        agenda_label(
            "Contact:",
            "{{ clerk.name }}{% if clerk.telephone %}, {{ clerk.telephone }}{% endif %}"
            "{% if clerk.email %}, {{ clerk.email }}{% endif %}",
        ),
        para("BodyText", run("Published {{ published }}")),
        para("Heading1", run("Part 1 – items to be heard in public")),
        tag("{%p for item in part_1 %}"),
        *agenda_item("item.exempt_appendices"),
        tag("{%p endfor %}"),
        tag("{%p if resolution %}"),
        para("Heading1", run("Exclusion of the press and public")),
        para("BodyText", run("{{ resolution }}")),
        para(
            "BodyText",
            run(
                "In all the circumstances of the case the public interest in maintaining the "
                "exemption outweighs the public interest in disclosing the information"
                "{% if public_interest %}, because:{% else %}.{% endif %}"
            ),
        ),
        tag("{%p if public_interest %}"),
        tag("{%p for reason in public_interest %}"),
        para("ListBullet", run("{{ reason }}")),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        para("Heading1", run("Part 2 – items to be heard in private")),
        tag("{%p for item in part_2 %}"),
        *agenda_item("'Not for publication: ' ~ item.paragraphs ~ ' of Schedule 12A'"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
    ]
    return paper_parts(body)


def template_bytes(parts: dict[str, str]) -> bytes:
    """A template package with fixed entry times, so regenerating is reproducible."""
    every_part = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": PLACEHOLDER_CORE,
        "docProps/app.xml": PLACEHOLDER_APP,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": apply_to_styles(styles().encode("utf-8"), HOUSE, CHECKS).decode("utf-8"),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        "word/numbering.xml": numbering(),
        **parts,
    }
    if "word/header2.xml" in parts:
        every_part["[Content_Types].xml"] = with_first_page_types(CONTENT_TYPES)
        every_part["word/_rels/document.xml.rels"] = with_first_page_rels(DOCUMENT_RELS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, xml in every_part.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, xml.encode("utf-8"))
    return buffer.getvalue()


TEMPLATE_DEFINITIONS = {
    "committee_report.docx": committee_report,
    "mou_draft.docx": mou_draft,
    "withheld.docx": withheld,
    "position_statement.docx": position_statement,
    "feedback_letter.docx": feedback_letter,
    "dclg_submission.docx": dclg_submission,
    "agenda.docx": agenda,
}


MADE = ".made-by-docgen"
"""The digest of each template as this script last wrote it, one ``<sha256>  <name>`` a line."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _made(target: Path) -> dict[str, str]:
    record = target / MADE
    if not record.is_file():
        return {}
    lines = record.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, _, name in (line.partition("  ") for line in lines)}


def edited_since_made(target: Path) -> list[str]:
    """The templates in ``target`` that differ from what this script last wrote there
    (edited in Word, or never written by it), and that it would now write differently."""
    made = _made(target)
    edited = []
    for name, definition in TEMPLATE_DEFINITIONS.items():
        path = target / name
        if not path.is_file():
            continue
        current = _digest(path.read_bytes())
        if current != made.get(name) and current != _digest(template_bytes(definition())):
            edited.append(name)
    return edited


def main(target: Path = TEMPLATES, force: bool = False) -> list[str]:
    """Write every template into ``target``; the names of those refused (edited since
    this script wrote them, kept unless ``force``)."""
    target.mkdir(parents=True, exist_ok=True)
    refused = [] if force else edited_since_made(target)
    made = _made(target)
    for name, definition in TEMPLATE_DEFINITIONS.items():
        if name in refused:
            continue
        data = template_bytes(definition())
        path = target / name
        if not path.is_file() or path.read_bytes() != data:
            temporary = path.with_suffix(".docx.tmp")
            temporary.write_bytes(data)
            temporary.replace(path)
        made[name] = _digest(data)
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(made.items()))
    (target / MADE).write_text(lines, encoding="utf-8")
    return refused


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write docgen's Word templates, keeping any edited since they were written."
    )
    parser.add_argument(
        "target", nargs="?", type=Path, default=TEMPLATES, help="folder to write (templates/)"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace templates edited since they were written"
    )
    return parser.parse_args()


if __name__ == "__main__":
    options = _arguments()
    kept = main(options.target, force=options.force)
    for name in kept:
        print(
            f"{name}: not overwritten: it has changed since this script wrote it "
            "(edited in Word?); run with --force (make templates FORCE=1) to replace it",
            file=sys.stderr,
        )
    sys.exit(1 if kept else 0)
