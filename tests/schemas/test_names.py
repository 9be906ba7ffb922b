"""One display-name rule for tables, exports and reports."""

from casegraph.schemas.names import display_name


def test_name_then_title_then_summary_then_id():
    assert display_name({"id": "a", "name": "Croydon", "title": "T"}) == "Croydon"
    assert display_name({"id": "a", "title": "A case"}) == "A case"
    assert display_name({"id": "s", "summary": "The council declined to comment."}) == "The council declined to comment."
    assert display_name({"id": "r", "name": None, "title": ""}) == "r"


def test_fallback_for_graphs_keyed_by_node():
    assert display_name({}, "node-7") == "node-7"
    assert display_name({"name": "Named"}, "node-7") == "Named"
