"""The stored graph as networkx, for analytics, views and exports.

Reads every node and relationship through a store View (so it works the
same on every engine) into a MultiDiGraph: node keys are ids, node
attributes are the label (`label`) plus the stored properties; edge keys
are relationship ids, edge attributes the type (`type`) plus properties.

Which profile is a matter of the view: `store.view("public")` reads the
store's public graph, built with `casegraph.graph.profile.public_dataset`,
the one rule for what the public profile leaves out.

For a long-lived reader of a large graph (the explorer at 100,000 cases:
1.2 million relationships of some twenty properties each would take
gigabytes) `outline(view)` reads the same graph with only the properties
that names, search, selections and the public-profile rule read
(`OUTLINE_FIELDS`; source documents whole), and `hydrate(view, part)` gives
a part of it (a selection, a page's links) every stored property back,
from the store, in the part's order. `outline(view, extra)` keeps more
properties than the outline's: `casegraph analyze` reads an outline with
`casegraph.analysis.ANALYSED_FIELDS`.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from casegraph.graph.profile import public_dataset
from casegraph.graph.store import View
from casegraph.schemas import schema

__all__ = ["project", "project_dataset", "outline", "hydrate", "OUTLINE_FIELDS"]

OUTLINE_FIELDS = ("id", "name", "title", "summary", "aliases", "period", "year_start", "year_end", "status",
                  "sensitivity", "investigation_type", "source", "citation_sources", "type", "role")
"""What the outline keeps of a record: its names (`display_name`, search), its time
(`decades_of`), claim status and sensitivity (selections, the public profile), what kind of
investigation it is (paths skip journalism), what it cites (a selection brings its sources)."""


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


def _fields(label_or_type: str, wanted: tuple[str, ...]) -> list[str]:
    columns = {c.name for c in schema().columns_of(label_or_type)}
    return [f for f in wanted if f in columns and f != "type"]


def _props(names: list[str], values, shared: dict) -> dict:
    """A record's outline properties; repeated values (a status, a source id, a list of cited
    sources) are one shared object, not a copy per record: a large share of the outline's memory."""
    props = {}
    for name, value in zip(names, values):
        if value is None:
            continue
        if isinstance(value, list):
            value = tuple(value)
        if name != "id" and isinstance(value, (str, tuple)):
            value = shared.setdefault(value, value)
        props[name] = value
    return props


def outline(view: View, extra: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """The stored graph with only `OUTLINE_FIELDS` and the `extra` property names (source documents
    whole), in `project`'s order: the same nodes, relationships and keys as `project(view)` (the
    view's profile). A name no record type has is ignored."""
    wanted = OUTLINE_FIELDS + tuple(f for f in extra if f not in OUTLINE_FIELDS)
    graph = nx.MultiDiGraph()
    shared: dict = {}
    for node_type in schema().nodes:
        if node_type.label == "Source":
            for (node,) in view.run(f"MATCH (n:{node_type.label}) RETURN n ORDER BY n.id").rows:
                graph.add_node(node["properties"]["id"], label=node_type.label, **node["properties"])
            continue
        names = _fields(node_type.label, wanted)
        returned = ", ".join(f"n.{f}" for f in names)
        for row in view.run(f"MATCH (n:{node_type.label}) RETURN {returned} ORDER BY n.id").rows:
            graph.add_node(row[0], label=node_type.label, **_props(names, row, shared))
    for rel_type in schema().rels:
        names = _fields(rel_type.type, wanted)
        returned = ", ".join(f"r.{f}" for f in names)
        for from_label, to_label in rel_type.endpoints:
            rows = view.run(f"MATCH (a:{from_label})-[r:{rel_type.type}]->(b:{to_label}) "
                            f"RETURN a.id, b.id, {returned} ORDER BY r.id").rows
            for source, target, *values in rows:
                props = _props(names, values, shared)
                if source in graph and target in graph:
                    graph.add_edge(source, target, key=props["id"], type=rel_type.type, **props)
    return graph


def hydrate(view: View, part: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`part` (of an `outline`) with every stored property of its nodes and relationships, read
    from the store: a new graph, same nodes, relationships and order. Raises `StoreError`.

    Every read starts from a node's id (its index): nodes by `UNWIND` of their ids, each
    relationship from whichever of its ends more of the part's relationships share (the
    centre of an entity page: one read). A filter over a list of ids (`IN`) would scan the
    whole table, most of a second per table at 100,000 cases."""
    full = nx.MultiDiGraph()
    full.graph.update(part.graph)
    by_label: dict[str, list[str]] = {}
    for node, attrs in part.nodes(data=True):
        if attrs.get("label") != "Source":
            by_label.setdefault(attrs["label"], []).append(node)
    props: dict[str, dict] = {}
    for label, ids in by_label.items():
        rows = view.run(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n", {"ids": ids}).rows
        for (node,) in rows:
            props[node["properties"]["id"]] = {k: v for k, v in node["properties"].items() if v is not None}
    for node, attrs in part.nodes(data=True):
        full.add_node(node, **({"label": attrs["label"], **props[node]} if node in props else attrs))
    # each relationship is read from whichever end more of them share (a hub's page: one read)
    ends = Counter(n for u, v in part.edges() for n in (u, v))
    by_end: dict[tuple[str, bool], list[str]] = {}
    for u, v, key in part.edges(keys=True):
        by_end.setdefault((u, True) if ends[u] >= ends[v] else (v, False), []).append(key)
    rels: dict[str, dict] = {}
    for (node, outgoing), keys in by_end.items():
        anchor = f"(a:{part.nodes[node]['label']} {{id: $id}})"
        pattern = f"{anchor}-[r]->()" if outgoing else f"()-[r]->{anchor}"
        rows = view.run(f"MATCH {pattern} WHERE r.id IN $keys RETURN r", {"id": node, "keys": keys}).rows
        for (rel,) in rows:
            rels[rel["properties"]["id"]] = {k: v for k, v in rel["properties"].items() if v is not None}
    for u, v, key, attrs in part.edges(keys=True, data=True):
        full.add_edge(u, v, key=key, **({"type": attrs["type"], **rels[key]} if key in rels else attrs))
    return full
