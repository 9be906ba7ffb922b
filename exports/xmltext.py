"""GraphML and GEXF written as text: the escapes and the layout both formats share.

Why text, not an element tree: an export of a borough at 100,000 cases has about
80,000 values, and building one element per value costs 1.5-2 µs in ElementTree and
in lxml alike (networkx's writers build such a tree, then serialise it in pure
Python: about a second per export). Written as lines, a value costs a dictionary
look-up and a format. The escaping is the standard library's (`xml.sax.saxutils`), the
layout the one networkx's writers gave (two spaces of indent per level, `<tag ... />` for
an empty element), so the files are the bytes they were; the tests read them back with
networkx's readers.
"""

from __future__ import annotations

import re
from typing import Iterator
from xml.sax.saxutils import escape

from casegraph.exports.base import EdgeItem, NodeItem

__all__ = ["DECLARATION", "attribute", "content", "tag", "INDENT", "edge_order"]

DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"

INDENT = "  "
"""One level of indent."""


_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
"""Beyond `&`, `<` and `>`: what a double-quoted attribute value needs (ElementTree's choice: a tab
or a line break as a character reference, which a reader keeps, where a raw one becomes a space)."""


_ATTRIBUTE_ESCAPED = re.compile('[&<>"\r\n\t]')
_CONTENT_ESCAPED = re.compile("[&<>]")
"""What each escape replaces: a text holding none of it is its own escape. Most values (ids, names,
statuses, dates) hold none, and one search costs a tenth of the escape's seven replacements (half of a
borough's GEXF export at 100,000 cases)."""


def attribute(text: str) -> str:
    """`text` escaped for a double-quoted attribute value, by the standard library's XML escape."""
    return escape(text, _ATTRIBUTE_ENTITIES) if _ATTRIBUTE_ESCAPED.search(text) else text


def content(text: str) -> str:
    """`text` escaped for an element's content (`&`, `<`, `>`), by the standard library's XML escape.
    (Characters no XML file can hold never get here: `base.refuse_unfit` refuses them first.)"""
    return escape(text) if _CONTENT_ESCAPED.search(text) else text


def tag(name: str, attributes: dict[str, str], close: bool = False) -> str:
    """`<name a="v" ...>`, or `<name a="v" ... />` when `close` (an element without content)."""
    inside = "".join(f' {key}="{attribute(value)}"' for key, value in attributes.items())
    return f"<{name}{inside}{' />' if close else '>'}"


def edge_order(nodes: list[NodeItem], edges: list[EdgeItem]) -> Iterator[EdgeItem]:
    """`edges` (in the items' order) as networkx's writers gave them: by their source in the order
    of `nodes`, then by their target in the order first met, then in their own order. Every
    source must be among `nodes` (`Exporter.write` sees to it)."""
    by_source: dict[str, dict[str, list[EdgeItem]]] = {}
    for edge in edges:
        by_source.setdefault(edge.source, {}).setdefault(edge.target, []).append(edge)
    for node in nodes:
        for parallel in by_source.get(node.id, {}).values():
            yield from parallel
