"""Text widths without a browser: the advance widths of the house font.

Stills are laid out in Python (labels placed, cells sized) before any
browser sees them, so they need the width a text will take. The house font
is Liberation Sans, metric-compatible with Arial/Helvetica; the widths
below are Helvetica's published AFM advance widths (1/1000 em) for
printable ASCII, which Liberation Sans shares by design. Other characters
count as 0.6 em (wide enough for the quotes, dashes and ellipses the data
uses); bold adds 8%. A small margin makes every estimate a little wider
than the browser's own measure (the overlap tests check it with getBBox).
"""

from __future__ import annotations

__all__ = ["FONT", "text_width", "fit_words"]

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

_ASCII = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611,
     722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
     556, 500, 722, 500, 500, 500, 334, 260, 334, 584],
)
_WIDTH = dict(zip(_ASCII[0], _ASCII[1]))
_OTHER = {"…": 1000, "—": 1000, "–": 556, "·": 278, "×": 584, "’": 222, "‘": 222, "“": 333, "”": 333, "≥": 549}
MARGIN = 1.04


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in px of `text` at font size `size` px (an upper estimate of what Chromium draws)."""
    em = sum(_WIDTH.get(ch) or _OTHER.get(ch, 600) for ch in str(text)) / 1000.0
    return em * size * MARGIN * (1.08 if bold else 1.0)


def fit_words(text: str, size: float, width: float, bold: bool = False) -> tuple[str, bool]:
    """The longest start of `text` that fits `width`, cut between words (never inside one), with "…".

    Returns (text, shortened). A first word too long to fit on its own comes
    back as "" so the caller can fall back to a key number.
    """
    text = " ".join(str(text).split())
    if text_width(text, size, bold) <= width:
        return text, False
    words, kept = text.split(" "), ""
    for word in words:
        candidate = f"{kept} {word}".strip()
        if text_width(candidate.rstrip(",;:·-–") + "…", size, bold) > width:
            break
        kept = candidate
    kept = kept.rstrip(",;:·-– ")
    return (kept + "…" if kept else ""), True
