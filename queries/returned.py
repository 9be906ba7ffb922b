"""The names of an ad-hoc query's columns as its text gives them, one rule for both engines.

Neo4j names a returned expression without an alias by its text as written
(`count(*)`, `c.id`); LadybugDB by its own form of it (`COUNT_STAR()`), an
internal name that differs between engines for the same query. `returned_names`
reads the names from the text itself: an alias where the item has one, else
the item's text.
"""

from __future__ import annotations

from casegraph.queries.guard import tokenize

__all__ = ["returned_names"]

_OPEN, _CLOSE = set("([{"), set(")]}")
_ENDS = {"ORDER", "SKIP", "OFFSET", "LIMIT", "UNION"}


def returned_names(cypher: str) -> list[str] | None:
    """The column names of `cypher`'s final RETURN (the first one at the outermost level: a UNION's
    parts share it): each item's alias, else its text; None for `RETURN *` or a text without such a
    RETURN. Raises `WriteRefused` for a text no engine would lex (`guard.tokenize`)."""
    tokens, depth, start = tokenize(cypher), 0, None
    for at, token in enumerate(tokens):
        if token.kind == "punct" and token.text in _OPEN:
            depth += 1
        elif token.kind == "punct" and token.text in _CLOSE:
            depth -= 1
        elif depth == 0 and token.kind == "word" and token.text.upper() == "RETURN":
            start = at + 1
            break
    if start is None:
        return None
    if start < len(tokens) and tokens[start].kind == "word" and tokens[start].text.upper() == "DISTINCT":
        start += 1
    items, item, depth = [], [], 0
    for token in tokens[start:]:
        if depth == 0 and token.kind == "word" and token.text.upper() in _ENDS:
            break
        if token.kind == "punct" and token.text in _OPEN:
            depth += 1
        elif token.kind == "punct" and token.text in _CLOSE:
            depth -= 1
        if depth == 0 and token.text == ",":
            items.append(item)
            item = []
        elif token.text != ";":
            item.append(token)
    items.append(item)
    if not all(items) or (len(items) == 1 and items[0][0].text == "*"):
        return None
    return [_name(cypher, item) for item in items]


def _name(cypher: str, item: list) -> str:
    if len(item) >= 3 and item[-2].kind == "word" and item[-2].text.upper() == "AS":
        alias = item[-1]
        return alias.text[1:-1].replace("``", "`") if alias.kind == "name" else alias.text
    last = item[-1]
    return cypher[item[0].offset:last.offset + len(last.text)]
