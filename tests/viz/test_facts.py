"""A record's facts as tooltips and entity pages list them (`viz.facts.fact_rows`): a flag saying a count is a
minimum (`schemas.common.MINIMUM_OF`) is written into the count, never as a fact of its own."""

from __future__ import annotations

import pytest

from casegraph.schemas import schema
from casegraph.schemas.common import minimum_flags
from casegraph.viz.facts import fact_rows


def test_every_minimum_flag_names_an_integer_count_of_its_own_record():
    found = {}
    for node in schema().nodes:
        for count, flag in minimum_flags(node.model).items():
            assert count in node.model.model_fields and node.model.model_fields[flag].annotation in (bool, "bool")
            found[flag] = count
    assert found == {"victims_at_least": "victims_reported", "group_size_at_least": "group_size"}


@pytest.mark.parametrize("label, attrs, shown", [
    ("CaseFile", {"victims_reported": 7, "victims_at_least": True}, ("victims reported", "at least 7")),
    ("CaseFile", {"victims_reported": 7, "victims_at_least": False}, ("victims reported", "7")),
    ("Person", {"group_size": 4, "group_size_at_least": True}, ("group size", "at least 4")),
])
def test_a_minimum_is_written_into_its_count(label, attrs, shown):
    rows = fact_rows({"label": label, **attrs}, label)
    assert shown in rows and not any(field.endswith("at least") for field, _ in rows)


@pytest.mark.parametrize("label, attrs", [("CaseFile", {"victims_at_least": False}),
                                          ("CaseFile", {"victims_at_least": True}),
                                          ("Person", {"group_size_at_least": False})])
def test_an_unknown_count_shows_nothing_of_its_flag(label, attrs):
    """"victims at least: no" beside no count reads as a fact about the victims; the count is unknown."""
    assert fact_rows({"label": label, **attrs}, label) == []
