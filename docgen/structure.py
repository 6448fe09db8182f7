"""Plain values (from YAML) into the attrs models, strictly, with located failures.

A cattrs converter with ``forbid_extra_keys`` does the structuring; the hooks here
make it strict where YAML is loose (a number is not text, a string is not a list)
and turn record text into `Text`. `problems()` flattens cattrs' exception groups
into (path, message) pairs, so each problem can be given its YAML line.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from docgen.exempt import PART_1_PARAGRAPHS, Exemption, MarkError, parse_text, refuse_marks
from docgen.exempt import Text as RecordText
from docgen.limits import LimitError, check_number, check_whole_number, check_year
from docgen.models.base import NON_EMPTY_KEY, Exemptable
from docgen.when import When, WhenError, parse_when
from docgen.yamlnodes import Path_

YES_NO_HINT = "; YAML reads yes, no, on and off as true or false: put the text in quotes"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat(sep=' ')})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    return f"{type(value).__name__} {value!r}"


def _text(value: Any, _type: type) -> RecordText:
    if not isinstance(value, str):
        hint = "; put it in quotes" if isinstance(value, int | float | date) else ""
        raise TypeError(f"expected text, found {_describe(value)}{hint}")
    try:
        return parse_text(value)
    except MarkError as error:
        raise ValueError(str(error)) from None


def _string(value: Any, _type: type) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"expected text, found {_describe(value)}")
    try:
        refuse_marks(value)
    except MarkError as error:
        raise ValueError(str(error)) from None
    return value.strip()


def _date(value: Any, _type: type) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        time = "; write the date alone" if isinstance(value, datetime) else ""
        raise TypeError(f"expected a date written YYYY-MM-DD, found {_describe(value)}{time}")
    try:
        check_year(value.year)
    except LimitError as error:
        raise ValueError(str(error)) from None
    return value


def _int(value: Any, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, found {_describe(value)}")
    try:
        check_whole_number(value)
    except LimitError as error:
        raise ValueError(str(error)) from None
    return value


def _number(value: Any, _type: type) -> float:
    """A whole number or a decimal (a chart value): an int stays an int, so it is
    written without a decimal point."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, found {_describe(value)}")
    try:
        check_number(value)
    except LimitError as error:
        raise ValueError(str(error)) from None
    return value


def _bool(value: Any, _type: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected yes or no (true or false), found {_describe(value)}")
    return value


def _when(value: Any, _type: type) -> When:
    if not isinstance(value, str | date) or isinstance(value, datetime):
        raise TypeError(f"expected a date as written in a timetable, found {_describe(value)}")
    try:
        when = parse_when(value)
        check_year(when.start.year)
        check_year(when.end.year)
    except (WhenError, LimitError) as error:
        raise ValueError(str(error)) from None
    return when


EXEMPTION_DETAILS = ("public_interest", "review_by", "released_on")
"""What an exemption may say besides its paragraphs (for the register and releases)."""


def exemption_details(value: dict[str, Any]) -> dict[str, Any]:
    """An exemption mapping's reasoning (white space folded) and dates, checked."""
    details: dict[str, Any] = {}
    if value.get("public_interest") is not None:
        details["public_interest"] = " ".join(_string(value["public_interest"], str).split())
    for key in ("review_by", "released_on"):
        if value.get(key) is not None:
            details[key] = _date(value[key], date)
    return details


def _exemption(value: Any, _type: type) -> Exemption:
    """``3``, ``[1, 2]`` or ``{paragraphs: [1], public_interest: …, review_by: …,
    released_on: …}``."""
    extra: dict[str, Any] = {}
    if isinstance(value, dict):
        unknown = set(value) - {"paragraphs", *EXEMPTION_DETAILS}
        if unknown:
            raise ValueError(
                f"unknown field(s) {', '.join(sorted(unknown))} in the exemption; "
                f"expected paragraphs, {', '.join(EXEMPTION_DETAILS)}"
            )
        if "paragraphs" not in value:
            raise ValueError("the exemption needs 'paragraphs' (1 to 7)")
        extra.update(exemption_details(value))
        value = value["paragraphs"]
    numbers = value if isinstance(value, list) else [value]
    if not numbers or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        raise ValueError(
            "exempt: expects the paragraph of Part 1 of Schedule 12A (1 to 7), or a list "
            f"of them; found {_describe(value)}"
        )
    outside = [n for n in numbers if n not in PART_1_PARAGRAPHS]
    if outside:
        raise ValueError(
            f"exempt: {outside[0]} is not a paragraph of Part 1 of Schedule 12A; "
            "expected a number from 1 to 7"
        )
    return Exemption(tuple(numbers), **extra)


def _is_tuple(type_: Any) -> bool:
    return typing.get_origin(type_) is tuple


def make_converter() -> cattrs.Converter:
    """The converter every record kind is structured with."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(RecordText, _text)
    converter.register_structure_hook(str, _string)
    converter.register_structure_hook(date, _date)
    converter.register_structure_hook(int, _int)
    converter.register_structure_hook(float, _number)
    converter.register_structure_hook(bool, _bool)
    converter.register_structure_hook(When, _when)
    converter.register_structure_hook(Exemption, _exemption)

    def tuple_hook(type_: Any) -> Any:
        (item_type, _ellipsis) = typing.get_args(type_)

        def structure(value: Any, _type: Any) -> tuple:
            if not isinstance(value, list):
                raise TypeError(f"expected a list, found {_describe(value)}")
            errors: list[Exception] = []
            items = []
            for index, item in enumerate(value):
                try:
                    items.append(converter.structure(item, item_type))
                except Exception as error:
                    error.__notes__ = [IterableValidationNote(f"@ index {index}", index, item)]
                    errors.append(error)
            if errors:
                raise IterableValidationError("list items failed", errors, type_)
            return tuple(items)

        return structure

    converter.register_structure_hook_factory(_is_tuple, tuple_hook)

    def model_hook(cls: type[Exemptable]) -> Any:
        mapping: Any = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        shorthand = cls.shorthand
        list_shorthand = cls.list_shorthand
        non_empty = [f for f in attrs.fields(cls) if f.metadata.get(NON_EMPTY_KEY)]

        def structure(value: Any, _type: Any) -> Any:
            if shorthand is not None and isinstance(value, str):
                value = {shorthand: value}
            if list_shorthand is not None and isinstance(value, list):
                value = {list_shorthand: value}
            value = cls.prepare(value)
            if not isinstance(value, dict):
                if shorthand is not None:
                    # The usual form is text; a mapping of fields is for the few who need more.
                    hint = YES_NO_HINT if isinstance(value, bool) else ""
                    raise TypeError(f"expected text, found {_describe(value)}{hint}")
                raise TypeError(f"expected a mapping of fields, found {_describe(value)}")
            errors: list[Exception] = [
                _at_field(ValueError("needs at least one entry"), cls, field)
                for field in non_empty
                if value.get(field.name) == []
            ]
            try:
                model = mapping(value, cls)
            except ClassValidationError as error:
                errors.extend(error.exceptions)
            else:
                for name, message in model.problems():
                    problem = ValueError(message)
                    errors.append(
                        _at_field(problem, cls, attrs.fields_dict(cls)[name]) if name else problem
                    )
            if errors:
                raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
            return model

        return structure

    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Exemptable), model_hook
    )
    return converter


def _at_field(error: Exception, cls: type, field: attrs.Attribute) -> Exception:
    """Attach the note cattrs uses to say which attribute an error belongs to."""
    error.__notes__ = [
        AttributeValidationNote(
            f"Structuring class {cls.__qualname__} @ attribute {field.name}", field.name, field.type
        )
    ]
    return error


def _meant(error: ForbiddenExtraKeysError, key: str) -> str | None:
    """The known field an unknown ``key`` is most likely a misspelling of."""
    known = sorted(f.name for f in attrs.fields(error.cl))
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def problems(error: BaseException, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Flatten a structuring failure into (path, message) for each problem in it.

    A misspelt field is reported once, as the misspelling: the correctly spelt field it
    stands for is not also reported missing.
    """
    if isinstance(error, ForbiddenExtraKeysError):
        known = sorted(f.name for f in attrs.fields(error.cl))
        for key in sorted(error.extra_fields):
            meant = _meant(error, key)
            hint = f"; did you mean '{meant}'?" if meant else ""
            yield (*path, key), f"unknown field{hint} (known fields: {', '.join(known)})"
    elif isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without_notes = error.group_exceptions()
        misspelt = {
            _meant(inner, key)
            for inner in without_notes
            if isinstance(inner, ForbiddenExtraKeysError)
            for key in inner.extra_fields
        }
        for inner in without_notes:
            yield from problems(inner, path)
        for inner, note in with_notes:
            step: str | int
            if isinstance(note, AttributeValidationNote):
                step = note.name
                if isinstance(inner, KeyError) and step in misspelt:
                    continue
            elif isinstance(note, IterableValidationNote):
                step = note.index
            else:  # pragma: no cover - cattrs adds no other note kinds
                step = str(note)
            yield from problems(inner, (*path, step))
    elif isinstance(error, KeyError):
        yield path, "is required but missing"
    else:
        yield path, str(error)


def field_name(path: Path_) -> str:
    """``("sections", 2, "heading")`` → ``sections[2].heading``."""
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else step)
    return name
