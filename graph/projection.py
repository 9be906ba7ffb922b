"""The stored graph as networkx, for analytics, views and exports.

Reads every node and relationship through a store View (so it works the
same on every engine) into a MultiDiGraph: node keys are ids, node
attributes are the label (`label`) plus the stored properties; edge keys
are relationship ids, edge attributes the type (`type`) plus properties.

Which profile is a matter of the view: `store.view("public")` reads the
store's public graph, built with `casegraph.graph.profile.public_dataset`,
the one rule for what the public profile leaves out.
"""

from __future__ import annotations

import networkx as nx

from casegraph.graph.profile import public_dataset
from casegraph.graph.store import View
from casegraph.schemas import schema

__all__ = ["project", "project_dataset"]


def project(view: View) -> nx.MultiDiGraph:
    """The whole graph a view reads (its profile is the view's).

    Ordered by id: an engine returns unordered rows in any order (LadybugDB scans in
    parallel), and exports of the same graph must come out the same every time."""
    graph = nx.MultiDiGraph()
    for node_type in schema().nodes:
        result = view.run(f"MATCH (n:{node_type.label}) RETURN n ORDER BY n.id")
        for (node,) in result.rows:
            props = node["properties"]
            graph.add_node(props["id"], label=node_type.label, **props)
    for rel_type in schema().rels:
        for from_label, to_label in rel_type.endpoints:
            result = view.run(
                f"MATCH (a:{from_label})-[r:{rel_type.type}]->(b:{to_label}) RETURN a.id, b.id, r ORDER BY r.id"
            )
            for source, target, rel in result.rows:
                props = rel["properties"]
                if source in graph and target in graph:
                    graph.add_edge(source, target, key=props["id"], type=rel_type.type, **props)
    return graph


def project_dataset(dataset, include_restricted: bool = True) -> nx.MultiDiGraph:
    """The same projection straight from loaded records (no store needed); with
    `include_restricted=False`, of their public projection."""
    from casegraph.graph.rows import node_tables, rel_tables

    if not include_restricted:
        dataset = public_dataset(dataset)
    graph = nx.MultiDiGraph()
    for table in node_tables(dataset):
        for row in table.rows:
            props = {k: v for k, v in row.items() if v is not None}
            graph.add_node(props["id"], label=table.name, **props)
    for table in rel_tables(dataset):
        for row in table.rows:
            props = {k: v for k, v in row.items() if v is not None and k not in ("from", "to")}
            if row["from"] in graph and row["to"] in graph:
                graph.add_edge(row["from"], row["to"], key=props["id"], type=table.name, **props)
    return graph
