"""Store rows come from the Dataset's Arrow tables, in the schema's column order."""

from __future__ import annotations

from casegraph.graph.rows import node_tables, rel_tables
from casegraph.schemas import schema


def test_tables_follow_the_schema(london):
    graph = schema()
    nodes = list(node_tables(london))
    assert [t.name for t in nodes] == [n.label for n in graph.nodes]
    for table in nodes:
        assert table.columns == [c.name for c in graph.node(table.name).columns]
    for table in rel_tables(london):
        assert table.columns[:2] == ["from", "to"]
        assert table.columns[2:] == [c.name for c in graph.rel(table.name).columns]
        assert (table.from_label, table.to_label) in graph.rel(table.name).endpoints


def test_batches_are_the_rows_in_order(london):
    for table in [*node_tables(london), *rel_tables(london)]:
        batches = list(table.batches(7))
        assert all(0 < len(batch) <= 7 for batch in batches)
        assert [row for batch in batches for row in batch] == table.rows
        assert table.column_lists() == {c: [row[c] for row in table.rows] for c in table.columns}
