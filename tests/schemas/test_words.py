"""One rule for a count in prose (`schemas.words`): the singular for exactly one, the plural otherwise."""

from __future__ import annotations

import pytest

from casegraph.schemas.words import counted, plural


@pytest.mark.parametrize(("count", "text"), [(0, "0 cases"), (1, "1 case"), (2, "2 cases"), (1234, "1,234 cases")])
def test_a_count_takes_the_singular_only_for_one(count, text):
    assert counted(count, "case") == text


def test_an_irregular_plural_verb_and_pronoun_follow_the_same_rule():
    assert [counted(n, "person", "people") for n in (0, 1, 2)] == ["0 people", "1 person", "2 people"]
    assert [plural(n, "has", "have") for n in (0, 1, 2)] == ["have", "has", "have"]
    assert [plural(n, "its", "their") for n in (0, 1, 2)] == ["their", "its", "their"]
