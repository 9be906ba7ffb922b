"""How casegraph words a count in prose: `0 cases`, `1 case`, `2 cases`, `1,234 people`.

One rule for every output that prints a count (CLI, dossiers, figures, the
explorer's pages through its `counted` and `plural` filters), so that none
prints `1 relationships` or `2 case`. English only: the singular for exactly
one, the plural for every other number (zero included).
"""

from __future__ import annotations

__all__ = ["plural", "counted"]


def plural(count: int, word: str, many: str | None = None) -> str:
    """The word for `count` things: `word` for exactly 1, else `many` (default `word` + "s").

    Works for verbs and pronouns too: `plural(n, "has", "have")`, `plural(n, "its", "their")`."""
    return word if count == 1 else (many if many is not None else word + "s")


def counted(count: int, word: str, many: str | None = None) -> str:
    """`count` with thousands separators and the word it takes: `counted(1, "case")` is "1 case",
    `counted(1234, "person", "people")` is "1,234 people", `counted(0, "row")` is "0 rows"."""
    return f"{count:,} {plural(count, word, many)}"
