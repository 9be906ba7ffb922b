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


def test_column_batches_are_the_columns_in_order(london):
    for table in [*node_tables(london), *rel_tables(london)]:
        whole = table.arrow.to_pydict()
        assert whole == {c: [row[c] for row in table.rows] for c in table.columns}
        batches = list(table.column_batches(7))
        assert all(0 < len(batch["id"]) <= 7 for batch in batches)
        assert {c: [v for batch in batches for v in batch[c]] for c in table.columns} == whole
        some = table.columns[-2:]
        assert [list(batch) for batch in table.column_batches(7, some)] == [some] * len(batches)
