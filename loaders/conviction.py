"""The rule that an allegation is never worded as a conviction: one rule, for the load and the dossier.

A text is worded as a conviction when it holds a conviction word (`CONVICTION`: "convicted",
"conviction", "found guilty", "pleaded guilty", "guilty verdict", ...) that its sentence does not
negate or reverse. Refused under `NOT_CONVICTED`, the legal statuses that are not a conviction
(alleged, charged, acquitted): "Convicted paedophile John Doe" on an `alleged` record. Not under
`reported` or `inferred`: they say who states the fact (its source, casegraph), not how far the law
went, and a source may report a conviction (`data/london/NOTES.md`: Bellfield's record is `reported`,
and its description says what his conviction was for).

Within one sentence (text up to `.`, `!`, `?` or a line break), a conviction word is not one when
- a negation comes before it: "none were convicted", "no one was convicted", "was not convicted",
  "never convicted", "no charge or conviction", "a charge is not a conviction";
- a reversal comes anywhere: "conviction quashed", "overturned", "set aside", "acquitted",
  "cleared of", "exonerated", "pardoned";
- a contrast follows it, saying what it is not for: "his convictions are for murder, not for offences
  in this case" (", not for", ", not of", ", not in").
Known limit: a sentence reversing anything at all lets its conviction words through ("Convicted
paedophile John Doe, cleared of one charge" passes on an `acquitted` record, where it is true).

The text is matched folded (`loaders/folding.py`: a Cyrillic "о" in "cоnvicted" reads as it looks);
the hit is quoted as written.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from casegraph.loaders.folding import fold

__all__ = ["NOT_CONVICTED", "CONVICTION", "Wording", "conviction_wording"]

NOT_CONVICTED = frozenset(("alleged", "charged", "acquitted"))
"""The claim statuses under which a text must not read as a conviction."""

CONVICTION = re.compile(
    r"\bconvict\w*|\b(?:found|pleaded|pled|proved|proven)\s+guilty\b|\bguilty\s+(?:verdicts?|pleas?)\b",
    re.IGNORECASE)
"""Words that state a conviction."""

_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|no-one|neither|nor|without)\b|n['\u2019]t\b", re.IGNORECASE)
_REVERSAL = re.compile(r"\b(?:quash\w*|overturn\w*|set\s+aside|acquit\w*|cleared|exonerat\w*|pardon\w*)",
                       re.IGNORECASE)
_CONTRAST = re.compile(r"^[^;]*?,\s*(?:but\s+)?not\s+(?:for|of|in)\b", re.IGNORECASE)
"""After a conviction word, what it is not for: ", not for offences in this case", ", not of rape"."""
_SENTENCE_END = re.compile(r"[.!?\n]")


class Wording(NamedTuple):
    """A conviction worded in a text: the words (`"Convicted"`) and their sentence, both as written."""

    words: str
    sentence: str


def conviction_wording(text: str | None, status: str | None) -> Wording | None:
    """The first words of `text` that state a conviction its `status` does not give; None when
    there are none (the status is not in `NOT_CONVICTED`, no conviction word, each one negated or
    reversed in its sentence, as the module docstring says).

    >>> conviction_wording("Convicted paedophile John Doe", "alleged").words
    'Convicted'
    >>> conviction_wording("No one was convicted", "alleged") is None
    True
    """
    if not text or status not in NOT_CONVICTED:
        return None
    folded = fold(text)
    words = folded.text
    for hit in CONVICTION.finditer(words):
        start = _sentence_start(words, hit.start())
        end = _SENTENCE_END.search(words, hit.end())
        sentence_end = end.start() if end else len(words)
        if (_NEGATION.search(words, start, hit.start()) or _REVERSAL.search(words, start, sentence_end)
                or _CONTRAST.match(words[hit.end():sentence_end])):
            continue
        return Wording(folded.original_span(*hit.span()), folded.original_span(start, sentence_end).strip())
    return None


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `text[at]` starts."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0
