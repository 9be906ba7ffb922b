"""Folding text for the safety checks: what a reader sees, whatever characters spell it.

"аged 14" with a Cyrillic а, "a 14-\\u00adyear-old" with a soft hyphen, "Chloë", "Chlоe" with a Cyrillic о and
"J-a-s-m-i-n-e" all read as the text they imitate; the publication-safety rules (`loaders/safety.py`) and the
pseudonym check (`loaders/checks.py`) match the folded text, and quote the original through `Folded.original`.

Folding, character by character (so every folded character keeps the index of the one it came from):

- compatibility decomposition (NFKD: "ﬁ" -> "fi", fullwidth "１４" -> "14", "²" -> "2"), then combining marks
  dropped: accents fold away ("Chloë", "Jasmíne", a separate U+0308 too). Dropping the marks makes the
  recomposition of NFKC needless;
- format characters (Unicode category Cf: the soft hyphen U+00AD, zero-width spaces and joiners, bidi
  controls) dropped: they show nothing, or a hyphen only at a line break;
- the Cyrillic and Greek letters that look like Latin ones, and the hyphens and dashes drawn like "-"
  (`_LOOK_ALIKES`), read as those;
- a word spelt out letter by letter with hyphens, dots, underscores, asterisks or single spaces between its
  letters ("J-a-s-m-i-n-e", "J.a.s.m.i.n.e", three letters or more, one separator throughout) joined into the word.

Names are read further (`name_words`, for the check of restricted names, `loaders/checks.py`): a word mixing digits
and letters as the name it imitates ("Chl0e", "Sy1via"), a name split by hyphens, spaces and the like ("Ch-loe"),
as the conviction check reads "jai-led", and an underscore as a space ("olivia_review"). Only against the known
names: read so everywhere, "1" would change the ages the rules match.

No well-kept Python library does this: Unicode's confusables (TR39 skeletons, as PyICU's SpoofChecker gives)
fold Latin text too ("l" and "1", "rn" and "m"), which would change the digits and words the rules match;
the packages on PyPI that list homoglyphs detect or generate them, and none maps text back to its original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Folded", "fold", "NameWords", "name_skeletons", "name_words"]

_LOOK_ALIKES = str.maketrans({
    # Cyrillic capitals and small letters drawn like Latin ones
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "х": "x", "у": "y", "ѕ": "s", "і": "i", "ј": "j", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ԁ": "d",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
    # hyphens and dashes drawn like "-" ("14‑year‑old" with non-breaking hyphens); not the em dash, a pause
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\ufe63": "-",
})
"""Cyrillic and Greek letters a reader takes for Latin ones (Unicode's confusables.txt, restricted to letters
that fold to one Latin letter), and the hyphens drawn like "-"; NFKD folds none of them."""

_SPELT_OUT = re.compile(r"\b[^\W\d_]([-.*_ ])[^\W\d_](?:\1[^\W\d_])+\b")
"""Three letters or more, each alone, one separator between them all: "J-a-s-m-i-n-e", "J a s m i n e"."""


@dataclass(frozen=True)
class Folded:
    """A text folded (`text`) and the index in the original of each folded character (`at`, one per
    character of `text`, then the original's length)."""

    original: str
    text: str
    at: tuple[int, ...] | None = None  # None: `text` is `original`, index for index

    def original_span(self, start: int, end: int) -> str:
        """The original text of the folded `text[start:end]` (both ends in folded indexes)."""
        if self.at is None:
            return self.original[start:end]
        if end <= start:
            return ""
        return self.original[self.at[start]:self.at[end - 1] + 1]

    def without(self, drop: set[int]) -> Folded:
        """This folding with the folded characters at the indexes `drop` left out (the separators of a word
        spelt out, of "jai-led"), each kept character still pointing at its original."""
        if not drop:
            return self
        at = self.at if self.at is not None else range(len(self.original) + 1)
        kept = [i for i in range(len(self.text)) if i not in drop]
        return Folded(self.original, "".join(self.text[i] for i in kept),
                      tuple(at[i] for i in kept) + (len(self.original),))


def fold(text: str) -> Folded:
    """`text` folded as the module docstring says. An ASCII text with no word spelt out letter by letter is
    its own folding (most texts: the check stays as fast as on the original)."""
    if text.isascii() and not _SPELT_OUT.search(text):
        return Folded(text, text)
    return _fold(text)


@lru_cache(maxsize=65536)
def _fold(text: str) -> Folded:
    chars, at = [], []
    for index, char in enumerate(text):
        if char.isascii():
            chars.append(char)
            at.append(index)
            continue
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.category(part) in ("Mn", "Me", "Cf"):
                continue
            chars.append(part.translate(_LOOK_ALIKES))
            at.append(index)
    folded = Folded(text, "".join(chars), tuple(at) + (len(text),))
    return folded.without({index for found in _SPELT_OUT.finditer(folded.text)
                           for index in range(found.start() + 1, found.end(), 2)})  # each separator between two letters


_NAME_WORD = re.compile(r"[^\W_]+")
"""A word of a name: letters and digits; an underscore separates words ("olivia_review")."""
_DIGIT_LETTERS = str.maketrans("0134578", "oleaste")
"""The digits written for the letters they look like ("Chl0e", "Sy1via"), "1" for "l" and "i" alike."""
_JOIN = re.compile(r"(?:[^\S\n]|[-*_/\\|+~=^.'\u00b7\u2022]){1,3}")
"""What may split a name's letters ("Ch-loe", "Chl oe", "Ch*loe"), one to three of them: as the conviction
check reads "jai-led" (`loaders/conviction.py` `_SPLIT`); not a comma or a line break."""


def _skeleton(word: str) -> str:
    """A word in small letters, its look-alike digits as letters and "i" as "l" (as "1" reads either)."""
    return word.casefold().translate(_DIGIT_LETTERS).replace("i", "l")


@dataclass(frozen=True)
class NameWords:
    """The words of restricted names, for `name_words`: each word's skeleton (`_skeleton`) -> the word, and every
    start of a word and of a skeleton (a join is tried only where its first piece starts a name's word: most
    words start none, and are read at the cost of a set's look-up)."""

    skeletons: dict[str, str]
    starts: frozenset[str]
    letters: frozenset[str]


def _cased_alike(pieces: list[str]) -> bool:
    """Whether the pieces of a word split apart are cased as one word's (its letters all small, all capitals or
    capitalised as one word: "Ch-loe", "CH-LOE", "ch-l0e"), or as each capitalised; digits aside."""
    letters = ["".join(c for c in piece if c.isalpha()) for piece in pieces]
    joined = "".join(letters)
    return (joined.islower() or joined.isupper() or joined.istitle()
            or all(piece.istitle() for piece in letters if piece))


def name_skeletons(words) -> NameWords:
    """The `NameWords` of the given words of names (in small letters)."""
    words = set(words)
    skeletons = {_skeleton(word): word for word in words}
    return NameWords(skeletons, frozenset(s[:n] for s in skeletons for n in range(1, len(s))),
                     frozenset(w[:n] for w in words for n in range(1, len(w))))


def name_words(text: str, known: NameWords) -> list[tuple[int, int, str]]:
    """The words of a folded `text` as (start, end, word in small letters), read as a reader takes a name: a word
    mixing digits and letters whose skeleton is a known name's word is that word ("Sy1via" is "sylvia", "Chl0e"
    "chloe"), and two to four pieces split by `_JOIN` that joined are one ("Ch-loe", "Chl oe", "C-hl0e") are that
    word, the pieces cased alike (all small, all capitals, capitalised as one word, or each capitalised). `known`:
    `name_skeletons` of the names' words. A word of letters alone is read as it is ("all" is never "Ali")."""
    found = list(_NAME_WORD.finditer(text))
    lowers = [m.group(0).casefold() for m in found]
    if not any(lower in known.letters if lower.isalpha() else not lower.isdigit() for lower in lowers):
        return [(m.start(), m.end(), lower) for m, lower in zip(found, lowers)]  # most texts: no piece of a name
    words, index = [], 0
    while index < len(found):
        start, lower = found[index], lowers[index]
        piece = start.group(0)
        joined = None  # the longest join of this piece and the next ones that is a name's word: (last, word)
        if lower in known.letters if piece.isalpha() else _skeleton(piece) in known.starts:
            pieces, skeleton = [piece], _skeleton(piece)
            for last in range(index + 1, min(index + 4, len(found))):  # up to four pieces
                if not _JOIN.fullmatch(text[found[last - 1].end():found[last].start()]):
                    break
                pieces.append(found[last].group(0))
                skeleton += _skeleton(pieces[-1])
                if skeleton in known.skeletons and _cased_alike(pieces):
                    joined = last, known.skeletons[skeleton]
                if skeleton not in known.starts:  # no longer the start of a name's word
                    break
        if joined is not None:
            words.append((start.start(), found[joined[0]].end(), joined[1]))
            index = joined[0] + 1
            continue
        if not (piece.isalpha() or piece.isdigit()):
            lower = known.skeletons.get(_skeleton(piece), lower)
        words.append((start.start(), start.end(), lower))
        index += 1
    return words
