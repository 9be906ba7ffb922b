"""Folding text as it reads (`loaders/folding.py`), and back to what was written."""

from __future__ import annotations

import pytest

from casegraph.loaders.folding import fold, name_skeletons, name_words


@pytest.mark.parametrize("text, folded", [
    ("She was \u0430ged 14.", "She was aged 14."),            # Cyrillic а
    ("a 14-\u00adyear-old", "a 14-year-old"),                # soft hyphen
    ("a 14\u200b-year-old", "a 14-year-old"),                # zero-width space
    ("Chlo\u00eb", "Chloe"), ("Chloe\u0308", "Chloe"),        # accent, precomposed or combining
    ("Chl\u043ee", "Chloe"), ("\u0391\u03bf", "Ao"),          # Cyrillic о, Greek Α and ο
    ("\uff11\uff14", "14"), ("\ufb01ve", "five"),             # fullwidth digits, a ligature
    ("14\u2011year\u2013old", "14-year-old"), ("14\u00a0years", "14 years"),  # hyphens, a no-break space
    ("J-a-s-m-i-n-e said", "Jasmine said"), ("J.a.s.m.i.n.e.", "Jasmine."), ("J a s m i n e", "Jasmine"),
    ("J-a-s-m-i-n-e x", "Jasmine x"),                         # one separator throughout
    ("a-b c, 13- and 14-year-old", "a-b c, 13- and 14-year-old"),  # two letters, or digits: as written
])
def test_text_folds_as_it_reads(text, folded):
    assert fold(text).text == folded


def test_a_span_of_the_folded_text_is_quoted_as_written():
    text = "She was \u0430ged 1\u00ad4 in J-a-s-m-i-n-e's class."
    result = fold(text)
    start = result.text.index("aged 14")
    assert result.original_span(start, start + len("aged 14")) == "\u0430ged 1\u00ad4"
    start = result.text.index("Jasmine")
    assert result.original_span(start, start + len("Jasmine")) == "J-a-s-m-i-n-e"
    plain = fold("plain text")
    assert plain.text == "plain text" and plain.original_span(0, 5) == "plain"


NAMES = name_skeletons(["chloe", "sylvia", "olivia", "ali", "flat", "3", "14", "acacia"])


@pytest.mark.parametrize("text, words", [
    ("Ch-loe said", ["chloe", "said"]), ("Chl oe said", ["chloe", "said"]), ("CH*LOE", ["chloe"]),
    ("Chl0e", ["chloe"]), ("C-hl0e", ["chloe"]), ("Sy1via", ["sylvia"]), ("SYLV1A", ["sylvia"]),
    ("Syl-v1a", ["sylvia"]), ("olivia_review", ["olivia", "review"]), ("A1i", ["ali"]),
    # letters alone as written, digits as written, pieces cased unlike one word's apart, a comma not a split
    ("All of them", ["all", "of", "them"]), ("Flat 3, 14 Acacia", ["flat", "3", "14", "acacia"]),
    ("chL-oe", ["chl", "oe"]), ("Sylv, ia", ["sylv", "ia"]), ("Olive oil", ["olive", "oil"]),
])
def test_a_name_is_read_as_a_reader_takes_it(text, words):
    assert [word for _, _, word in name_words(fold(text).text, NAMES)] == words


def test_a_name_read_joined_spans_its_pieces():
    [(start, end, word)] = name_words("C-hl0e", NAMES)
    assert ("C-hl0e"[start:end], word) == ("C-hl0e", "chloe")
