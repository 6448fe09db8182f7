"""YAML to plain Python values, remembering the line of every value.

PyYAML's composer (the C one when available) builds the node tree; this module
turns nodes into dicts, lists and scalars itself so that it can keep each value's
line, refuse duplicate keys (which YAML would otherwise resolve by silently
dropping the first, and an officer's text with it) and report impossible dates
instead of crashing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import yaml

from docgen.limits import (
    MAX_LIST_ITEMS,
    MAX_TEXT_CHARACTERS,
    LimitError,
    check_characters,
    check_structure,
)

try:  # the C composer is ~15× faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
"""Where a value sits in a record: keys and list indices from the top."""


@attrs.define
class Document:
    """A YAML document's values with the line (1-based) of each path in it."""

    value: Any
    lines: dict[Path_, int]
    problems: list[tuple[Path_, int, str]]
    notes: list[tuple[Path_, int, str]] = attrs.field(factory=list)
    """Warnings: what is valid YAML but probably not what the officer meant."""

    def line_of(self, path: Path_) -> int | None:
        return line_of(self.lines, path)


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    for end in range(len(path), -1, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None


class YamlSyntaxError(ValueError):
    """The text is not YAML; ``line`` says where the parser gave up."""

    def __init__(self, message: str, line: int | None):
        self.line = line
        super().__init__(message)


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> YamlSyntaxError:
    """The parser's complaint, at the line a person would look at, with what to do."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "is not valid YAML"
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        # The parser only notices at the end of the file; the fault is where it opened.
        return YamlSyntaxError(
            "not valid YAML: a quote opened on this line is never closed",
            error.context_mark.line + 1,
        )
    if mark is None:
        return YamlSyntaxError(f"not valid YAML: {problem}", None)
    lines = text.splitlines()
    at = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
    if at == "\t":
        problem = "a tab; YAML indents with spaces only"
    elif problem == "mapping values are not allowed in this context":
        problem = "a colon followed by a space inside unquoted text; put the text in quotes"
    return YamlSyntaxError(f"not valid YAML: {problem}", mark.line + 1)


def parse(text: str) -> Document:
    """Parse one YAML document into values and their lines.

    Characters YAML refuses, anchors, aliases and over-deep nesting are refused first
    (`docgen.limits`), with their lines, so the composer never sees them.
    """
    try:
        check_characters(text)
        check_structure(text)
    except LimitError as error:
        raise YamlSyntaxError(str(error), error.line) from None
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(f"not valid YAML: {error}", None) from None
    if len(nodes) > 1:
        second = nodes[1].start_mark.line + 1
        raise YamlSyntaxError("holds more than one YAML document; one record per file", second)
    document = Document(None, {}, [])
    if nodes:
        document.value = _Converter(document).value(nodes[0], ())
    return document


@attrs.define
class _Converter:
    document: Document
    scalars: yaml.constructor.SafeConstructor = attrs.field(
        factory=yaml.constructor.SafeConstructor
    )

    def value(self, node: yaml.Node, path: Path_) -> Any:
        self.document.lines.setdefault(path, node.start_mark.line + 1)  # a field: its key's line
        handlers: dict[type, Callable[[Any, Path_], Any]] = {
            yaml.MappingNode: self.mapping,
            yaml.SequenceNode: self.sequence,
        }
        handler = handlers.get(type(node), self.scalar)
        return handler(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> Any:
        if len(node.value) > MAX_LIST_ITEMS:
            line = self.document.lines[path]
            self.document.problems.append(
                (path, line, f"has {len(node.value):,} fields; no record kind has so many")
            )
            return _Unreadable("mapping")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.document.problems.append((path, line, "YAML merge keys (<<) are not used"))
                continue
            key = self.scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                raw = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                hint = (
                    f"; YAML reads '{raw}' as {_describe_scalar(key)}, so put it in quotes"
                    if key is not None
                    else ""
                )
                self.document.problems.append((path, line, f"field names must be text{hint}"))
                continue
            if key in result:
                first = self.document.lines[(*path, key)]
                self.document.problems.append(
                    ((*path, key), line, f"appears twice (first on line {first}); keep one")
                )
                continue
            self.document.lines[(*path, key)] = line
            result[key] = self.value(value_node, (*path, key))
            self.document.lines[(*path, key)] = line
        return result

    def sequence(self, node: yaml.SequenceNode, path: Path_) -> Any:
        if len(node.value) > MAX_LIST_ITEMS:
            line = self.document.lines[path]
            self.document.problems.append(
                (
                    path,
                    line,
                    f"has {len(node.value):,} entries; a list may have at most {MAX_LIST_ITEMS:,}",
                )
            )
            return _Unreadable("list")
        if node.flow_style and _split_at_a_comma(node):
            self.document.notes.append(
                (
                    path,
                    node.start_mark.line + 1,
                    "a list in [ ] is split at every comma, and here an item seems cut in two "
                    f"({', '.join(repr(item.value) for item in node.value)}); put each item on "
                    "its own line as '- …', or put quotes round an item holding a comma",
                )
            )
        return [self.value(item, (*path, index)) for index, item in enumerate(node.value)]

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node.value, str) and len(node.value) > MAX_TEXT_CHARACTERS:
            line = self.document.lines[path]
            self.document.problems.append(
                (
                    path,
                    line,
                    f"is {len(node.value):,} characters long; one field may hold at most "
                    f"{MAX_TEXT_CHARACTERS:,} (split it into paragraphs)",
                )
            )
            return _Unreadable("text")
        try:
            return self.scalars.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError):
            line = node.start_mark.line + 1
            raw = node.value if isinstance(node.value, str) else "value"
            message = f"'{raw}' is not a real date; expected YYYY-MM-DD"
            if node.tag != "tag:yaml.org,2002:timestamp":
                message = f"'{raw}' cannot be read as {node.tag.rsplit(':', 1)[-1]}"
            self.document.problems.append((path, line, message))
            return _Unreadable(raw)


def _split_at_a_comma(node: yaml.SequenceNode) -> bool:
    """Whether a ``[a, b]`` list of unquoted text looks like one sentence cut at its comma:
    its last item ends a sentence and an item before it does not (``[Report to Cabinet,
    October 2026.]``)."""
    items = node.value
    if len(items) < 2 or not all(
        isinstance(item, yaml.ScalarNode) and not item.style for item in items
    ):
        return False
    words = [str(item.value) for item in items]
    return words[-1].endswith(".") and any(not w.endswith((".", "?", "!")) for w in words[:-1])


def _describe_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    return type(value).__name__


@attrs.frozen
class _Unreadable:
    """A scalar that could not be read; its problem is already recorded."""

    raw: str
