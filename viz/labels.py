"""Label placement for stills: every label where it overlaps nothing, or in the key.

A still is print: a label over another label or over someone else's mark
cannot be read and may be read wrongly. Labels are placed in priority order
(the caller's order) at candidate spots around their mark: below, above,
right, left, the four corners, then further out with a leader line. A label
that fits nowhere in full is tried shortened between words ("Jay Review…");
then as its key number ("12"), the full text going to the key under the
picture. A label that fits nowhere even as a number is left off the
picture and listed in the key as unlabelled. Nothing is cut inside a word.

Boxes are estimated with `metrics.text_width` (a little wider than the
browser draws) and the font's ascent and descent, so the browser's own boxes
(the tests measure them with getBBox) fit inside the ones used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from casegraph.viz.metrics import fit_words, text_width

__all__ = ["Box", "Placed", "Occupancy", "text_box", "place_labels", "ASCENT", "DESCENT"]

ASCENT, DESCENT = 0.93, 0.24  # Liberation Sans: 0.905 and 0.212 em, rounded up
GAP = 2.0


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: "Box") -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: "Box") -> bool:
        return self.x0 >= other.x0 and self.y0 >= other.y0 and self.x1 <= other.x1 and self.y1 <= other.y1


def text_box(x: float, y: float, text: str, size: float, anchor: str = "start", bold: bool = False) -> Box:
    """The box of a text drawn at (x, baseline y) with the SVG `anchor` (start, middle, end)."""
    w = text_width(text, size, bold)
    left = x if anchor == "start" else (x - w / 2 if anchor == "middle" else x - w)
    return Box(left - 1, y - ASCENT * size - 1, left + w + 1, y + DESCENT * size + 1)


class Occupancy:
    """Boxes already taken, in a uniform grid (cells of 48 px) so a test costs O(boxes nearby)."""

    CELL = 48.0

    def __init__(self):
        self._cells: dict[tuple[int, int], list[tuple[Box, str | None]]] = {}

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.CELL
        for i in range(int(box.x0 // c), int(box.x1 // c) + 1):
            for j in range(int(box.y0 // c), int(box.y1 // c) + 1):
                yield i, j

    def add(self, box: Box, owner: str | None = None) -> None:
        """Take `box`; `owner` (a mark id) may later have its own label over it."""
        for key in self._keys(box):
            self._cells.setdefault(key, []).append((box, owner))

    def free(self, box: Box, owner: str | None = None) -> bool:
        for key in self._keys(box):
            for other, other_owner in self._cells.get(key, ()):
                if (owner is None or other_owner != owner) and other.hits(box):
                    return False
        return True


@dataclass
class Placed:
    """Where a label went: text drawn at (x, y) with `anchor`; `leader` from the mark when set."""

    owner: str
    text: str
    x: float
    y: float
    anchor: str
    size: float
    full: str
    keyed: bool = False  # the text is a key number (or shortened); the key holds the full text
    leader: tuple[float, float, float, float] | None = None


def _spots(x: float, y: float, r: float, size: float, reach: float):
    """Candidate (x, baseline y, anchor) around a mark of radius r, nearest first."""
    up, down = y - r - GAP - DESCENT * size, y + r + GAP + ASCENT * size
    mid = y + (ASCENT - DESCENT) * size / 2
    yield x, down, "middle"
    yield x, up, "middle"
    yield x + r + GAP + 2, mid, "start"
    yield x - r - GAP - 2, mid, "end"
    for dx, dy in ((0.75, 0.75), (0.75, -0.75), (-0.75, 0.75), (-0.75, -0.75)):
        yield x + dx * (r + GAP), (down if dy > 0 else up), ("start" if dx > 0 else "end")
    d = r + reach
    for k in range(16):  # further out, with a leader line back to the mark
        import math

        a = math.pi / 2 + k * math.pi / 8
        px, py = x + d * math.cos(a), y + d * math.sin(a)
        anchor = "middle" if abs(math.cos(a)) < 0.3 else ("start" if math.cos(a) > 0 else "end")
        yield px, py + (ASCENT - DESCENT) * size / 2, anchor


def place_labels(requests: Iterable[tuple[str, float, float, float, str, float]], occupied: Occupancy,
                 bounds: Box, first_number: int = 1, max_width: float = 230.0) -> tuple[list[Placed], list[tuple[str, str]], list[str]]:
    """Place labels; returns (placed, key, unlabelled).

    `requests`: (owner id, x, y, mark radius, full text, font size) in
    priority order, in the still's pixel coordinates. `occupied` holds the
    marks (with their owners) and any fixed text; placed labels are added
    to it. `key` is [(number or shortened text, full text)] for every label
    not drawn in full; `unlabelled` the full texts of marks left without a
    label. Labels stay inside `bounds`.
    """
    placed, key, unlabelled = [], [], []
    number = first_number
    for owner, x, y, r, full, size in requests:
        full = " ".join(str(full).split())
        if not full:
            continue
        short, cut = fit_words(full, size, max_width)
        forms = [(full, False)] if not cut else []
        if short:
            forms.append((short, True))
        forms.append((str(number), True))
        done = None
        for text, keyed in forms:
            for reach in (14.0, 34.0, 60.0):
                for sx, sy, anchor in _spots(x, y, r, size, reach):
                    box = text_box(sx, sy, text, size, anchor)
                    if box.inside(bounds) and occupied.free(box, None):
                        far = abs(sx - x) > r + text_width(text, size) + 8 or abs(sy - y) > r + 2 * size + 4
                        leader = (x, y, sx, sy - (ASCENT - DESCENT) * size / 2) if far else None
                        done = Placed(owner, text, sx, sy, anchor, size, full, keyed, leader)
                        occupied.add(box, None)
                        break
                if done or text != str(number):
                    break  # near spots only for names; numbers may go further out
            if done:
                break
        if done is None:
            unlabelled.append(full)
            continue
        if done.keyed:
            key.append((done.text, full))
            if done.text == str(number):
                number += 1
        placed.append(done)
    return placed, key, unlabelled
