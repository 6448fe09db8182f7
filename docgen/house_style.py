"""The house style: one definition of the look of every paper, read by both formats.

docgen's own is ``house.toml`` in its templates folder. A council changes any key of it
in a ``house.toml`` of its own templates folder, or in a ``[house]`` table of its
``docgen.toml`` (which wins); every key it leaves out stays docgen's. Each value is
checked, and a bad one is reported at the file and key that set it.

The PDF's stylesheet reads the values as CSS custom properties (`css`); the Word
templates docgen ships are made from them, and the values a council sets are applied
to a Word template's named styles as each paper is rendered (`docgen.builders.house_word`),
so a restyle reaches both formats without remaking any template.
"""

from __future__ import annotations

import base64
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from docgen.errors import DocgenError, Problem, RecordError
from docgen.fonts import FONTS
from docgen.resources import shipped_templates, template_folders

HOUSE_FILE = "house.toml"
SETTINGS_TABLE = "house"
SHIPPED_FONT = "docgen:"
"""The prefix of a font file docgen ships (docgen/fonts) rather than one beside the file."""
FONT_FACES = {
    "regular": ("normal", "normal"),
    "bold": ("bold", "normal"),
    "italic": ("normal", "italic"),
    "bold_italic": ("bold", "italic"),
}
"""Each face's key in [font], and its CSS weight and style."""
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, found {type(value).__name__} {value!r}")
    return value


def _name(value: Any) -> str:
    text = _text(value).strip()
    if not text or any(char in text for char in "\"';{}<>\\"):
        raise ValueError(f"expected a font's name, found {value!r}")
    return text


def _points(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, found {type(value).__name__} {value!r}")
        if not low <= value <= high:
            raise ValueError(f"{value} is outside {low:g} to {high:g}")
        return float(value)

    return check


def _colour(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", text):
        raise ValueError(f"expected a colour as six hex digits (#1f4e79), found {value!r}")
    return text.lstrip("#").upper()


def _footer(value: Any) -> str:
    text = _text(value)
    unknown = set(re.findall(r"\{([^}]*)\}", text)) - {"page", "pages"}
    if unknown:
        raise ValueError(f"{{{sorted(unknown)[0]}}} is not {{page}} or {{pages}}")
    return text


def _lines(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
        raise ValueError("expected a list of lines of text")
    return tuple(value)


CHECKS: dict[str, Callable[[Any], Any]] = {
    "font.family": _name,
    **{f"font.{face}": _text for face in FONT_FACES},
    **{
        f"size.{name}": _points(4, 96)
        for name in ("body", "committee", "title", "heading1", "heading2", "caption", "header")
    },
    **{
        f"colour.{name}": _colour
        for name in ("text", "accent", "marking", "draft", "muted", "rule", "table_header")
    },
    "spacing.paragraph_after": _points(0, 72),
    "spacing.line_height": _points(1, 3),
    "page.footer": _footer,
    "council.name": _text,
    "council.logo": _text,
    "council.address": _lines,
}
"""Every key of the house style and how its value is checked (and converted)."""
FILE_KEYS = ("council.logo", *(f"font.{face}" for face in FONT_FACES))
"""Keys whose value is a file, relative to the file that sets it."""


@attrs.frozen
class HouseStyle:
    """The house style in force: every key's value, and which keys a council set."""

    values: Mapping[str, Any]
    council_keys: frozenset[str] = frozenset()
    """Keys set by a council's own files, applied to Word templates when rendering."""
    sources: tuple[Path, ...] = ()
    """The files it was read from: what a paper's look depends on, for make."""

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def size(self, name: str) -> float:
        return float(self.values[f"size.{name}"])

    def colour(self, name: str) -> str:
        return str(self.values[f"colour.{name}"])

    def font_files(self) -> dict[str, Path]:
        """The font files the PDF embeds, by face; none for a family left to the system."""
        return {face: path for face in FONT_FACES if (path := self.values[f"font.{face}"])}

    @property
    def logo(self) -> Path | None:
        logo = self.values["council.logo"]
        return logo if isinstance(logo, Path) else None

    def files(self) -> list[Path]:
        """Every file the look of a paper is made from: the settings, fonts and logo."""
        used = [*self.sources, *self.font_files().values()]
        return used + ([self.logo] if self.logo else [])

    def logo_alt(self) -> str:
        """The logo's alternative text: the council's name and "logo"."""
        text = f"{self['council.name']} logo".strip()
        return text[:1].upper() + text[1:]

    def letterhead(self) -> dict[str, Any]:
        """What the HTML templates show at the top of a paper's first page (``house``)."""
        logo = ""
        if self.logo is not None:
            kind = "png" if self.logo.suffix.lower() == ".png" else "jpeg"
            data = base64.b64encode(self.logo.read_bytes()).decode("ascii")
            logo = f"data:image/{kind};base64,{data}"
        return {
            "logo": logo,
            "logo_alt": self.logo_alt(),
            "name": self["council.name"],
            "address": list(self["council.address"]),
        }

    def pdf_family(self) -> str:
        """The family the PDF is set in: that of the font files it embeds (so the PDF
        names the font it holds: Liberation Sans standing in for Arial), else the house's."""
        files = self.font_files()
        if not files:
            return str(self["font.family"])
        return _family_of(next(iter(files.values())))

    def css(self) -> str:
        """The values as CSS (custom properties, font faces, the page footer), put
        before the house stylesheet, whose rules use them."""
        family = self.pdf_family()
        properties = {
            "--house-font": f'"{family}"',
            **{
                f"--house-size-{key.partition('.')[2]}": f"{value:g}pt"
                for key, value in self.values.items()
                if key.startswith("size.")
            },
            **{
                f"--house-colour-{key.partition('.')[2].replace('_', '-')}": f"#{value.lower()}"
                for key, value in self.values.items()
                if key.startswith("colour.")
            },
            "--house-paragraph-after": f"{self['spacing.paragraph_after']:g}pt",
            "--house-line-height": f"{self['spacing.line_height']:g}",
        }
        root = "".join(f"  {name}: {value};\n" for name, value in properties.items())
        faces = "".join(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'font-style: {style}; src: url("{self.font_files()[face].as_uri()}"); }}\n'
            for face, (weight, style) in FONT_FACES.items()
            if face in self.font_files()
        )
        footer = f"@page {{ @bottom-center {{ content: {css_pattern(self['page.footer'])}; }} }}\n"
        return f":root {{\n{root}}}\n{faces}{footer}"


@cache
def _family_of(path: Path) -> str:
    """A font file's family name (its name table's family, ID 1)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        name = font["name"].getDebugName(1)
    return re.sub(r"[\"'\\;{}<>]", "", name or path.stem)


def css_pattern(pattern: str) -> str:
    """``Page {page} of {pages}`` as a CSS content value with page counters."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            escaped = "".join(
                char if char.isalnum() or char == " " else f"\\{ord(char):06X} " for char in piece
            )
            parts.append(f'"{escaped}"')
    return " ".join(parts) or '""'


def house_style(templates: Path, settings: Path | None = None) -> HouseStyle:
    """The house style for a templates folder (docgen's own house.toml, then the folder's)
    and a project's settings file (its [house] table). Raises `RecordError` listing every
    bad value, each at its file and key."""
    templates = templates.absolute()
    settings = settings.absolute() if settings else None
    candidates = [folder / HOUSE_FILE for folder in template_folders(templates)]
    stamps = tuple(_stamp(path) for path in [*candidates, *([settings] if settings else [])])
    return _house_style(templates, settings, stamps)


def _stamp(path: Path) -> int:
    """When ``path`` last changed (0 if it is not there): read again when it has."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def shipped_house() -> HouseStyle:
    """docgen's own house style, as its templates were made with."""
    return house_style(shipped_templates())


@cache
def _house_style(templates: Path, settings: Path | None, _stamps: tuple[int, ...]) -> HouseStyle:
    layers: list[tuple[Path, dict[str, Any], str]] = []
    for folder in reversed(template_folders(templates)):
        path = folder / HOUSE_FILE
        if path.is_file():
            layers.append((path, _read(path), ""))
    if settings is not None and settings.is_file():
        table = _read(settings).get(SETTINGS_TABLE)
        if table is not None:
            if not isinstance(table, dict):
                problem = Problem(settings, None, SETTINGS_TABLE, "expected a table of settings")
                raise RecordError(settings, [problem])
            layers.append((settings, table, f"{SETTINGS_TABLE}."))
    if not layers:
        raise DocgenError(f"no {HOUSE_FILE} in {templates} or in docgen's templates")
    values: dict[str, Any] = {}
    council: set[str] = set()
    problems: list[Problem] = []
    for index, (path, table, prefix) in enumerate(layers):
        text = path.read_text(encoding="utf-8")
        for key, value in _flatten(table):
            where = (path, _line_of(text, prefix + key), prefix + key)
            if key not in CHECKS:
                problems.append(Problem(*where, f"unknown setting (known: {_known(key)})"))
                continue
            try:
                checked = CHECKS[key](value)
                if key in FILE_KEYS and checked:
                    checked = _file(path.parent, checked, key)
            except ValueError as error:
                problems.append(Problem(*where, str(error)))
                continue
            values[key] = checked
            if index > 0:  # the first layer is docgen's own house.toml
                council.add(key)
    if "font.family" in council:  # a council's font: docgen's font files are not it
        for face in FONT_FACES:
            if f"font.{face}" not in council:
                values[f"font.{face}"] = ""
    missing = sorted(set(CHECKS) - set(values))
    if missing and not problems:
        problems.append(Problem(layers[0][0], None, missing[0], "no value for this setting"))
    if problems:
        raise RecordError(layers[-1][0], problems)
    return HouseStyle(values, frozenset(council), tuple(path for path, _, _ in layers))


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DocgenError(f"{path}: cannot read the house style: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise RecordError(path, [Problem(path, None, "", f"not valid TOML: {error}")]) from error


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _known(key: str) -> str:
    section = key.partition(".")[0]
    keys = [known for known in CHECKS if known.startswith(f"{section}.")] or sorted(
        {known.partition(".")[0] for known in CHECKS}
    )
    return ", ".join(keys)


def _line_of(text: str, dotted: str) -> int | None:
    """The line that sets ``dotted`` (``house.colour.accent``): ``accent = …`` under a
    ``[house.colour]`` header, or the dotted key itself; None if it cannot be told."""
    table, _, key = dotted.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            current = header.group(1)
            continue
        assignment = re.match(r"([A-Za-z0-9_.\"' -]+?)\s*=", stripped)
        if assignment:
            name = assignment.group(1).replace(" ", "")
            if f"{current}.{name}".strip(".") == dotted or (current == table and name == key):
                return number
    return None


def _file(folder: Path, value: str, key: str) -> Path:
    path = FONTS / value.removeprefix(SHIPPED_FONT) if value.startswith(SHIPPED_FONT) else None
    path = path or (folder / value)
    if not path.is_file():
        raise ValueError(f"no such file: {path}")
    if key == "council.logo" and path.suffix.lower() not in PICTURE_SUFFIXES:
        raise ValueError("a logo must be a PNG or JPEG picture (Word shows no other kind)")
    return path.resolve()
