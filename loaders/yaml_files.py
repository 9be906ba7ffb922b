"""Hand-curated YAML: a list of records per file, with line numbers kept.

One file per case is friendly to editors and to review in git.

ruamel.yaml parses (it implements YAML 1.2; PyYAML only 1.1, whose implicit
types turn `010` into 8, `1:30` into 90 and `yes` into true). Its events are
turned into values here, one event at a time, so that what a data file may
hold is decided in one place:

- plain scalars follow the YAML 1.2 core schema (spec 1.2.2, section 10.3.2)
  except that dates stay text (`published: 2025-11-10` is a string) and a
  number must be written in decimal (`0x10`, `0o10` are refused, not
  converted);
- a repeated key is an error naming both lines; aliases (`*name`) may
  repeat at most `ALIAS_BUDGET` values in a file (an alias bomb is refused
  at once, nothing is expanded); nesting deeper than `MAX_DEPTH`, also
  through an alias, is refused;
- a `%YAML` directive other than 1.2, a second document and any tag other
  than `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map` are
  refused.

A refused value (a number not in decimal, a disallowed tag on a value, a
repeated key) does not stop the file: its problem is kept, the field holding
it is left out of its record (`RawRecord.refused`, so it is not also called
missing) and every other record and field is still read and checked. What
leaves the document's shape unknown (not YAML, a second document, nesting too
deep, an alias bomb, a collection or alias as a key) stops the file there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
    SequenceEndEvent, SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from casegraph.loaders.problems import LoadError, Problem
from casegraph.loaders.raw import RawRecord
from casegraph.schemas.text import MAX_DEPTH, clip, describe_character

__all__ = ["read_yaml", "MAX_DEPTH", "ALIAS_BUDGET", "Located"]

ALIAS_BUDGET = 100_000
"""Most values aliases may repeat in one file: enough for any file PyYAML writes (it
aliases a list shared by records), far too few for an alias bomb (9 levels of 9 aliases
repeat 387 million)."""

_CORE = "tag:yaml.org,2002:"
_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")} | {"!"}

# The YAML 1.2 core schema's plain scalars (spec 1.2.2, 10.3.2).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
_OTHER_BASE = re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_DIGITS = 40
"""Longer decimal numbers are refused as text (no 64-bit field can hold them)."""


class Located(dict):
    """A mapping with the line it starts on and the line of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.field_lines: dict[str, int] = {}


_REFUSED = object()
"""Where a refused value was: the field holding it is left out of its record."""


class _Refused(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _line(event) -> int:
    return event.start_mark.line + 1


def _tag(event) -> str | None:
    tag = getattr(event, "tag", None)
    return None if tag is None else str(getattr(tag, "value", tag))


def _scalar(event: ScalarEvent) -> Any:
    """A scalar's value: text, unless it is a plain scalar the core schema types."""
    tag, text = _tag(event), event.value
    if tag is not None and tag not in _TAGS:
        raise _Refused(_line(event), f"tag {clip(tag)} is not allowed in a data file")
    if tag in (None, "!") and event.style:  # quoted or block scalar
        return text
    kind = tag[len(_CORE):] if tag and tag.startswith(_CORE) else None
    if kind == "str" or (kind is None and tag == "!"):
        return text
    if kind in (None, "null") and _NULL.match(text):
        return None
    if kind in (None, "bool") and (_TRUE.match(text) or _FALSE.match(text)):
        return bool(_TRUE.match(text))
    if kind in (None, "int", "float") and _OTHER_BASE.match(text):
        raise _Refused(_line(event), f"number {clip(text)} is not decimal: write it in decimal digits")
    if kind in (None, "int") and _DECIMAL.match(text):
        if len(text.lstrip("+-")) > _DIGITS:
            raise _Refused(_line(event), f"a number of {len(text)} digits: no field holds it")
        return int(text)
    if kind in (None, "float") and (_FLOAT.match(text) or text.lower() in _SPECIAL_FLOAT):
        if len(text) > _DIGITS * 2:
            raise _Refused(_line(event), f"a number of {len(text)} characters: no field holds it")
        return _SPECIAL_FLOAT.get(text.lower()) if text.lower() in _SPECIAL_FLOAT else float(text)
    if kind is not None:
        raise _Refused(_line(event), f"{clip(text)} is not a valid !!{kind}")
    return text


class _Open:
    """A list or mapping being read: its values so far, a pending key, its size and height."""

    __slots__ = ("container", "key", "key_line", "size", "height", "anchor", "line", "item_lines")

    def __init__(self, container: Any, anchor: str | None, line: int):
        self.container, self.anchor, self.line = container, anchor, line
        self.item_lines: list[int] = []  # a list's: the line each item starts on
        self.key: str | None = None
        self.key_line: int | None = None
        self.size, self.height = 1, 1


def _document(events: Iterator, refused: list[_Refused]) -> tuple[Any, list[int]]:
    """Build the one document of a file from its events: (the document, the line of each item when it is a
    list). No recursion, aliases within ALIAS_BUDGET. A refused value is `_REFUSED`, a repeated key keeps
    its first value; each adds its problem to `refused`. Raises _Refused for what leaves the document's
    shape unknown."""
    stack: list[_Open] = []
    anchors: dict[str, tuple[Any, int, int]] = {}  # anchor -> (value, values in it, levels in it)
    root: Any = None
    root_lines: list[int] = []
    documents = expanded = 0
    for event in events:
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(_line(event), "a second YAML document (`---`): expected one document per file")
            if event.version and tuple(event.version) != (1, 2):
                raise _Refused(_line(event), "a `%YAML` directive for another version: data files are YAML 1.2")
            continue
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            tag = _tag(event)
            if tag is not None and tag not in _TAGS:
                raise _Refused(_line(event), f"tag {clip(tag)} is not allowed in a data file")
            if len(stack) >= MAX_DEPTH:
                raise _Refused(_line(event), f"nested more than {MAX_DEPTH} levels deep")
            if stack and isinstance(stack[-1].container, Located) and stack[-1].key is None:
                raise _Refused(_line(event), "a list or mapping used as a key: expected a field name")
            container = Located(_line(event)) if isinstance(event, MappingStartEvent) else []
            stack.append(_Open(container, event.anchor, _line(event)))
            continue
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            done = stack.pop()
            value, size, height, line = done.container, done.size, done.height, done.line
            if not stack:
                root_lines = done.item_lines
            if done.anchor:
                anchors[done.anchor] = (value, size, height)
        elif isinstance(event, ScalarEvent):
            try:
                value = _scalar(event)
            except _Refused as error:
                refused.append(error)
                value = _REFUSED
            size, height, line = 1, 0, _line(event)
            if event.anchor:
                anchors[event.anchor] = (value, size, height)
        elif isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                raise _Refused(_line(event), f"alias {clip(event.anchor)} names no anchor before it")
            value, size, height = anchors[event.anchor]
            line = _line(event)
            expanded += size
            if expanded > ALIAS_BUDGET:
                raise _Refused(_line(event), f"aliases (`*name`) repeat more than {ALIAS_BUDGET:,} values: "
                                             "write the values out")
            if len(stack) + height > MAX_DEPTH:
                raise _Refused(_line(event), f"nested more than {MAX_DEPTH} levels deep (through an alias)")
        else:
            continue
        if not stack:
            root = value
            continue
        top = stack[-1]
        top.size += size
        top.height = max(top.height, height + 1)
        _add(top, value, line, event, refused)
    return root, root_lines


def _add(top: _Open, value: Any, line: int, event, refused: list[_Refused]) -> None:
    """Put a finished value (starting on `line`) into the open list or mapping `top`: an item, a key, or a
    key's value."""
    container = top.container
    if isinstance(container, list):
        container.append(value)
        top.item_lines.append(line)
        return
    if top.key is None:  # a key (a scalar: collections as keys are refused when they start)
        if not isinstance(event, ScalarEvent):
            raise _Refused(_line(event), "an alias used as a key: expected a field name")
        top.key, top.key_line = str(event.value), _line(event)
        return
    key, line = top.key, top.key_line
    top.key = top.key_line = None
    if key in container:
        refused.append(_Refused(line, f"duplicate key {clip(key)}: first at line {container.field_lines[key]}, "
                                      f"again at line {line}; a record states each field once"))
        return
    container[key] = value
    container.field_lines[key] = line


def read_yaml(path: Path) -> Iterator[RawRecord]:
    """Yield the records of a YAML file: a list of mappings, or one mapping.

    Raises LoadError (file, line, what was expected): at once for text that is
    not YAML 1.2, nesting deeper than MAX_DEPTH or aliases past ALIAS_BUDGET;
    after the last record, with every problem, for refused values (a
    duplicate key, an unsupported tag, a number not in decimal). An item
    that is no mapping is yielded `broken` (`RawRecord`), at its line.
    Yields nothing for a file with no document (the caller decides whether
    that is an error).
    """
    name = str(path)
    text = path.read_text(encoding="utf-8-sig")
    refused: list[_Refused] = []
    try:
        document, lines = _document(YAML(typ="safe", pure=True).parse(text), refused)
    except _Refused as error:
        raise LoadError([Problem(name, error.line, None, None, error.message)]) from None
    except ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        what = describe_character(chr(error.character)) if isinstance(error.character, int) else clip(error.character)
        raise LoadError([Problem(name, line, None, None,
                                 f"not valid YAML: character {what} is not allowed in YAML text")]) from None
    except MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        context = f" ({error.context})" if error.context else ""
        raise LoadError([Problem(name, mark.line + 1 if mark else None, None, None,
                                 f"not valid YAML: {error.problem}{context}")]) from None
    except YAMLError as error:
        raise LoadError([Problem(name, None, None, None, f"not valid YAML: {clip(str(error), 200)}")]) from None
    if not isinstance(document, list):
        document, lines = ([] if document is None else [document]), [getattr(document, "line", 1)]
    problems, records = [], []
    for position, (item, line) in enumerate(zip(document, lines), start=1):
        if item is _REFUSED:  # its own problem says what it was
            continue
        if not isinstance(item, Located):
            records.append(RawRecord(name, line, {}, position=position, broken=(
                f"expected a mapping of fields (a record), got {clip(item)}")))
            continue
        left_out = frozenset(key for key, value in item.items() if _holds(value, _REFUSED)) if refused else frozenset()
        data = {key: value for key, value in item.items() if key not in left_out}
        records.append(RawRecord(name, item.line, data, _lines(item), refused=left_out, position=position))
    for error in refused:
        record, field = _place(records, error.line)
        problems.append(Problem(name, error.line, record, field, error.message))
    yield from records
    if problems:
        raise LoadError(problems)


def _place(records: list[RawRecord], line: int | None) -> tuple[str | None, str | None]:
    """The record (its name) and top-level field a line of the file is in; (None, None) outside them."""
    holder = None
    for raw in records:  # in file order
        if line is None or raw.line > line:
            break
        holder = raw
    if holder is None:
        return None, None
    fields = [(at, key) for key, at in (holder.field_lines or {}).items() if at <= line and "." not in key]
    return holder.name, max(fields)[1] if fields else None


def _lines(record: Located) -> dict[str, int]:
    """The line of each field of a record, and of each mapping item and field nested in it, named as problems
    name them (`citations.0`, `citations.0.credibility`); no recursion."""
    lines = dict(record.field_lines)
    stack: list[tuple[str, Any]] = list(record.items())
    while stack:
        path, value = stack.pop()
        if isinstance(value, Located):
            for key, inner in value.items():
                lines[f"{path}.{key}"] = value.field_lines[key]
                stack.append((f"{path}.{key}", inner))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                if isinstance(inner, Located):
                    lines[f"{path}.{index}"] = inner.line
                if isinstance(inner, (Located, list)):
                    stack.append((f"{path}.{index}", inner))
    return lines


def _holds(value: Any, marker: object) -> bool:
    """Whether `marker` is `value` or inside it (its lists and mappings, however deep: no recursion)."""
    stack = [value]
    while stack:
        value = stack.pop()
        if value is marker:
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False
