"""Pages of a long list: one rule for every paged list the explorer shows.

A catalog query's answer, search hits and an entity page's lists (its
neighbours by relationship, the cases it connects, the records citing a
source) are each shown a page at a time, and each says the same things the
same way (`Pages`): which items of the whole it shows and how many there are,
links to the pages either side, and, for a page past the end (a bookmarked
page of a list that has since shrunk, a hand-edited URL), that the page holds
nothing, with a link to the last page that holds something. Past the end is
not an error (the list exists; that page of it is empty): the page is served,
saying so, with status 200, as the catalog's engines answer it.

A page number in a URL (`page=N`, from 1) is read by `page_number`: a page
of 0, a negative, a non-numeric one or one above MAX_PAGE is a 400 saying what
a page is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from casegraph.schemas.text import NUMBER_TEXT

__all__ = ["Pages", "page_number", "by_page_number", "MAX_PAGE"]

MAX_PAGE = 1_000_000
"""The highest page number a URL may ask for: more than any list's pages (a search of every node of
100,000 cases is some 12,000 pages), so a larger one is a mistyped URL, not a page past the end."""


@dataclass(frozen=True)
class Pages:
    """Where one page sits in its list: items from `start` (0-based) of `total`, `size` a page, `shown` of
    them on this page; `link(start)` is the URL (path and query) of the page starting at item `start`."""

    start: int
    size: int
    total: int
    shown: int
    link: Callable[[int], str]

    @property
    def first(self) -> int:
        """The number (from 1) of the first item shown; past the end, of the first item asked for."""
        return self.start + 1

    @property
    def last(self) -> int:
        """The number of the last item shown (less than `first` on a page past the end)."""
        return self.start + self.shown

    @property
    def past_end(self) -> bool:
        """The page asked for starts after the list's last item (a list of none has one, empty, page)."""
        return self.start > 0 and self.start >= self.total

    @property
    def whole(self) -> bool:
        """The list fits on this one page: no page links to show."""
        return self.start == 0 and self.shown >= self.total

    @property
    def last_start(self) -> int:
        """Where the last page holding items starts."""
        return (max(self.total - 1, 0) // self.size) * self.size

    @property
    def last_page(self) -> str:
        """The URL of the last page holding items."""
        return self.link(self.last_start)

    @property
    def previous(self) -> str | None:
        """The page before this one (from past the end: the last page holding items); None on the first, and
        past the end of an empty list (whose one page is no page before: the text links to it)."""
        if self.start == 0 or not self.total:
            return None
        return self.link(min(max(0, self.start - self.size), self.last_start))

    @property
    def next(self) -> str | None:
        """The page after this one; None when this one reaches the list's end."""
        return self.link(self.start + self.size) if self.start + self.shown < self.total else None


def page_number(params: QueryParams, name: str = "page") -> int:
    """The page number `params` give in `name` (from 1; 1 when absent or empty). Raises a 400 for 0, a
    negative or a non-numeric page, saying what a page is."""
    text = params.get(name, "").strip()
    if text == "":
        return 1
    value = int(text) if NUMBER_TEXT["int"].fullmatch(text) else 0
    if not 1 <= value <= MAX_PAGE:
        raise HTTPException(400, f"{name}: expected a page number, a whole number from 1 (the first page) to "
                                 f"{MAX_PAGE:,}, got {text[:20]!r}")
    return value


def by_page_number(path: str, pairs: list[tuple[str, str]], size: int, name: str = "page") -> Callable[[int], str]:
    """`Pages.link` for a list paged by number: the URL of `path` with `pairs` and the page that starts at
    an item (page 1 without a page parameter)."""
    def link(start: int) -> str:
        page = start // size + 1
        return f"{path}?{urlencode(pairs + ([(name, str(page))] if page > 1 else []))}"
    return link
