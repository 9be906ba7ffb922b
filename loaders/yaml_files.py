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
from casegraph.schemas.text import clip, describe_character

__all__ = ["read_yaml", "MAX_DEPTH", "ALIAS_BUDGET", "Located"]

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings a data file may have (records need 3)."""

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

    __slots__ = ("container", "key", "key_line", "size", "height", "anchor")

    def __init__(self, container: Any, anchor: str | None):
        self.container, self.anchor = container, anchor
        self.key: str | None = None
        self.key_line: int | None = None
        self.size, self.height = 1, 1


def _document(events: Iterator) -> Any:
    """Build the one document of a file from its events: no recursion, aliases within ALIAS_BUDGET."""
    stack: list[_Open] = []
    anchors: dict[str, tuple[Any, int, int]] = {}  # anchor -> (value, values in it, levels in it)
    root: Any = None
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
            stack.append(_Open(container, event.anchor))
            continue
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            done = stack.pop()
            value, size, height = done.container, done.size, done.height
            if done.anchor:
                anchors[done.anchor] = (value, size, height)
        elif isinstance(event, ScalarEvent):
            value, size, height = _scalar(event), 1, 0
            if event.anchor:
                anchors[event.anchor] = (value, size, height)
        elif isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                raise _Refused(_line(event), f"alias {clip(event.anchor)} names no anchor before it")
            value, size, height = anchors[event.anchor]
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
        _add(top, value, event)
    return root


def _add(top: _Open, value: Any, event) -> None:
    """Put a finished value into the open list or mapping `top`: an item, a key, or a key's value."""
    container = top.container
    if isinstance(container, list):
        container.append(value)
        return
    if top.key is None:  # a key (a scalar: collections as keys are refused when they start)
        if not isinstance(event, ScalarEvent):
            raise _Refused(_line(event), "an alias used as a key: expected a field name")
        top.key, top.key_line = str(event.value), _line(event)
        return
    key, line = top.key, top.key_line
    top.key = top.key_line = None
    if key in container:
        raise _Refused(line, f"duplicate key {clip(key)}: first at line {container.field_lines[key]}, "
                             f"again at line {line}; a record states each field once")
    container[key] = value
    container.field_lines[key] = line


def read_yaml(path: Path) -> Iterator[RawRecord]:
    """Yield the records of a YAML file: a list of mappings, or one mapping.

    Raises LoadError (file, line, what was expected) for text that is not
    YAML 1.2, a duplicate key, nesting deeper than MAX_DEPTH, an unsupported
    tag, or aliases past ALIAS_BUDGET; yields nothing for a file with no
    document (the caller decides whether that is an error).
    """
    name = str(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        document = _document(YAML(typ="safe", pure=True).parse(text))
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
    if document is None:
        return
    items = document if isinstance(document, list) else [document]
    for index, item in enumerate(items):
        if not isinstance(item, Located):
            raise LoadError([Problem(name, None, f"#{index + 1}", None,
                                     "expected a mapping of fields (a record), got "
                                     f"{type(item).__name__}")])
        yield RawRecord(name, item.line, dict(item), item.field_lines)
