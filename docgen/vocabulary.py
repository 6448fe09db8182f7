"""Which words of exempt text are distinctive: evidence of a leak when they stand elsewhere.

A surname from an exempt full name, a bidder's unusual word, a reference number: any
of these repeated unmarked in public text tells a reader what was withheld. "the",
"Chair", "None", "Leader" or "2026" do not: they stand in any paper, and the papers'
own wording prints them. A word is *distinctive* unless it is

* an English word (the shipped list ``data/common_words.txt.gz``: the words of a
  British English dictionary written in lower case, so "ward" and "green" are
  English words while "Edwards" and "Martínez" are only names; see
  tools/common_words.py),
* wording of the papers themselves (the templates' text, and the text docgen writes
  into papers: headings, labels, the statutory sentences),
* a word of a public fact of the records in question (a field that a public agenda
  shows whatever is exempt: the council, the committee, a meeting's date; or a name
  the public view shows as somebody's name), or
* shorter than three letters, or a number of fewer than three digits, or a year, or a
  number that cites the law ("section 114", "s151").
"""

from __future__ import annotations

import ast
import gzip
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from docgen.exempt import SpanKind, Text
from docgen.models.base import ALWAYS_PUBLIC_KEY
from docgen.reading import spaced, words
from docgen.resources import shipped_templates, template_folders
from docgen.views import public_view

MIN_WORD_LENGTH = 3
MIN_NUMBER_DIGITS = 3
YEARS = range(1900, 2100)
PACKAGE = Path(__file__).resolve().parent
PACKAGE_TEMPLATES = shipped_templates()
WORDING_MODULES = ("papers", "models", "builders")
"""The packages whose string constants are text docgen itself puts into papers."""

NAME_FIELD = "name"
"""The field that names a person (or a lead, a peer, a board) in every record kind."""
CITING_WORDS = frozenset(
    ("section", "sections", "paragraph", "schedule", "part", "regulation", "article", "clause")
)
"""A number after one of these cites the law, not a secret."""
_STATUTORY = re.compile(r"s\d+[a-z]?")
"""Section numbers written short: s151, s114, s15."""
_OUTWARD_CODE = re.compile(r"[a-z]{1,2}\d[a-z\d]?")
_INWARD_CODE = re.compile(r"\d[a-z]{2}")
"""A postcode's two halves (SW1P 3HZ): the district, and the few streets within it."""

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


@cache
def common_words() -> frozenset[str]:
    """The shipped list of common English words (normalised)."""
    data = resources.files("docgen").joinpath("data/common_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


@cache
def paper_wording(templates: Path = PACKAGE_TEMPLATES) -> tuple[str, ...]:
    """The papers' own wording, as spaced texts (see `docgen.reading.spaced`).

    The text of every template in ``templates`` (tags and template logic removed) and
    every string constant in docgen's paper, model and builder code (docstrings
    excepted): what a paper prints with no record data in it at all.
    """
    found: list[str] = []
    for folder in template_folders(templates):  # a council's files, then docgen's own
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                found.extend(_template_texts(path))
    for package in WORDING_MODULES:
        for path in sorted((PACKAGE / package).glob("*.py")):
            found.extend(_string_constants(path.read_text(encoding="utf-8")))
    return tuple(dict.fromkeys(spaced(text) for text in found if text.strip()))


def _template_texts(path: Path) -> Iterator[str]:
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".xml"):
                    yield _strip(archive.read(name).decode("utf-8", errors="replace"), "")
    elif path.suffix in (".html", ".yaml", ".yml", ".txt"):
        yield _strip(path.read_text(encoding="utf-8", errors="replace"), " ")


def _strip(markup: str, between: str) -> str:
    """Text of a template: template logic removed, then tags (joined by ``between``:
    nothing in Word, where one word may be split across runs)."""
    return _TAG.sub(between, _JINJA.sub(" ", markup))


def _string_constants(source: str) -> Iterator[str]:
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


@cache
def wording_words(templates: Path = PACKAGE_TEMPLATES) -> frozenset[str]:
    return frozenset(word for text in paper_wording(templates) for word in text.split())


def public_facts(model: Any) -> Iterator[str]:
    """The public facts of ``model``: what its public view shows in an always-public
    field (what an agenda shows whatever else is exempt: council, committee, body) or
    as a name (of a person, a lead, a peer), marked phrases left out.

    A name that the record publishes as somebody's name is public: an exempt paragraph
    that mentions the report's author does not make the author's name a secret.
    """
    yield from _facts(public_view(model))


def _facts(value: Any) -> Iterator[str]:
    if isinstance(value, tuple):
        for item in value:
            yield from _facts(item)
        return
    if not attrs.has(type(value)):
        return
    for attribute in attrs.fields(type(value)):
        field = getattr(value, attribute.name)
        if attribute.metadata.get(ALWAYS_PUBLIC_KEY) or attribute.name == NAME_FIELD:
            yield from _plain(field)
        else:
            yield from _facts(field)


def _plain(value: Any) -> Iterator[str]:
    if isinstance(value, Text):
        yield "".join(s.text for s in value.spans if s.kind == SpanKind.PLAIN)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, date):
        yield value.isoformat()
    elif isinstance(value, tuple):
        for item in value:
            yield from _plain(item)


@attrs.frozen
class Vocabulary:
    """Tells distinctive words from ordinary ones, for one set of records."""

    ordinary: frozenset[str]

    @classmethod
    def of(cls, models: Iterable[Any], templates: Path = PACKAGE_TEMPLATES) -> Vocabulary:
        """The vocabulary for papers made from ``models`` with ``templates``."""
        facts = {word for model in models for text in public_facts(model) for word in words(text)}
        return cls(common_words() | wording_words(templates) | facts)

    def distinctive(self, word: str) -> bool:
        """Whether ``word`` (normalised) would tell a reader something if it leaked."""
        if word.isdigit():
            return len(word) >= MIN_NUMBER_DIGITS and not (len(word) == 4 and int(word) in YEARS)
        return len(word) >= MIN_WORD_LENGTH and word not in self.ordinary

    def distinctive_words(self, text: str) -> list[str]:
        """The distinctive words of ``text``, each once, in order.

        A number that cites the law ("section 114", "s151", "paragraph 3") is no one's
        secret: it is not distinctive however many digits it has. Nor is a postcode's
        district (SW1P of "SW1P 4DF"), which thousands of addresses share (the LGA's and a
        government department's): its second half still tells the address.
        """
        found = words(text)
        return list(
            dict.fromkeys(
                word
                for index, word in enumerate(found)
                if self.distinctive(word)
                and not _STATUTORY.fullmatch(word)
                and not (word.isdigit() and index and found[index - 1] in CITING_WORDS)
                and not _postcode_district(found, index)
            )
        )


def _postcode_district(found: list[str], index: int) -> bool:
    """Whether ``found[index]`` is the first half of a postcode written whole."""
    following = found[index + 1] if index + 1 < len(found) else ""
    return bool(_OUTWARD_CODE.fullmatch(found[index]) and _INWARD_CODE.fullmatch(following))
