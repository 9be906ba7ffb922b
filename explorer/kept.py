"""What the explorer keeps between pages: a bounded least-recently-used store of work done once.

A borough's selection read whole from the store (`Explorer.hydrate`), a
view's figure, a PNG still's bytes, an export's file: each costs from tens
to hundreds of milliseconds and grows with the selection, and an
investigator looking at a borough asks for several of them in turn (its
overview, its patterns, a still, an export). Each is kept under a key that
starts with the build it was made from, so a new build never answers with
the old one's data, and the store holds at most `weight` units in all (a
kept graph weighs its nodes and relationships, a file its kilobytes): the
least recently used go first. Nothing kept is changed after it is made
(pages only read graphs and figures), so one object serves every request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

__all__ = ["Kept"]


class Kept:
    """A least-recently-used map bounded by the sum of its entries' weights (thread-safe)."""

    def __init__(self, weight: int) -> None:
        self.limit = weight
        self.weight = 0
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any], weigh: Callable[[Any], int]) -> Any:
        """The value kept under `key`, else `make()` kept (unless it alone weighs more than the
        limit). Errors raised by `make` propagate and nothing is kept. Two requests for the
        same missing key may both make it: the second replaces the first, no harm done."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        value = make()
        weight = max(1, weigh(value))
        if weight <= self.limit:
            with self._lock:
                if key in self._entries:
                    self.weight -= self._entries.pop(key)[1]
                self._entries[key] = (value, weight)
                self.weight += weight
                while self.weight > self.limit:
                    self.weight -= self._entries.popitem(last=False)[1][1]
        return value

    def touch(self, key: Hashable) -> None:
        """Mark what is kept under `key` (if anything) as just used."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget everything kept."""
        with self._lock:
            self._entries.clear()
            self.weight = 0
