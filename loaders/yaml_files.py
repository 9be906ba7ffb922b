"""Hand-curated YAML: a list of records per file, with line numbers kept.

One file per case is friendly to editors and to review in git.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import yaml

from casegraph.loaders.problems import LoadError, Problem
from casegraph.loaders.raw import RawRecord

__all__ = ["read_yaml"]


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping and key."""


def _construct_located(loader: _LineLoader, node: yaml.MappingNode) -> "_Located":
    mapping = loader.construct_mapping(node, deep=True)
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return _Located(mapping, node.start_mark.line + 1, lines)


class _Located(dict):
    def __init__(self, mapping, line: int, field_lines: dict[str, int]):
        super().__init__(mapping)
        self.line = line
        self.field_lines = field_lines


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_located)

# YAML would read `2012-2016` as a string but `yes`/`no`/`on` as booleans and
# dates as dates; keep timestamps as text so `published: 2025-11-10` stays a string.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Iterator[RawRecord]:
    """Yield the records of a YAML file: a list of mappings, or one mapping."""
    name = str(path)
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as error:
        raise LoadError([Problem(name, None, None, None, f"not UTF-8 text: {error.reason} "
                                                        f"at byte {error.start}")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        context = f" ({error.context})" if error.context else ""
        raise LoadError([Problem(name, mark.line + 1 if mark else None, None, None,
                                 f"not valid YAML: {error.problem}{context}")]) from None
    except yaml.YAMLError as error:
        raise LoadError([Problem(name, None, None, None, f"not valid YAML: {error}")]) from None
    if document is None:
        return
    items = document if isinstance(document, list) else [document]
    for index, item in enumerate(items):
        if not isinstance(item, _Located):
            raise LoadError([Problem(name, None, f"#{index + 1}", None,
                                     "expected a mapping of fields (a record), got "
                                     f"{type(item).__name__}")])
        yield RawRecord(name, item.line, dict(item), item.field_lines)
