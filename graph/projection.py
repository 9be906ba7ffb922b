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

import heapq

import networkx as nx

from casegraph.graph.profile import public_dataset
from casegraph.graph.records import stored_columns
from casegraph.graph.store import View
from casegraph.schemas import schema

__all__ = ["project", "project_dataset", "outline", "hydrate", "OUTLINE_FIELDS", "QUERY_ROWS"]

OUTLINE_FIELDS = ("id", "name", "title", "summary", "aliases", "period", "year_start", "year_end", "status",
                  "sensitivity", "investigation_type", "source", "citation_sources", "citation_handling", "type",
                  "role")
"""What the outline keeps of a record: its names (`display_name`, search), its time
(`decades_of`), claim status and sensitivity (selections, the public profile), what kind of
investigation it is (paths skip journalism), what it cites (a selection brings its sources) and
under which handling codes (a selection's notice of code C, `exports.base.conditions_notice`, without
reading it whole)."""


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


QUERY_ROWS = 150.0
"""How many stored relationships an engine walks past (a hub's, filtered by id) in the time of one
more query by an indexed id (LadybugDB through Python at 10,000 cases: 4,548 links of an indicator
read and filtered in 10-29 ms, 100 reads of one link each in 62-74 ms); `hydrate` weighs where to
read relationships from by it."""

ANCHOR_LINKS = 5_000
"""Most stored relationships a node may have to be read through (`hydrate`'s reads over two hops):
beyond it the walk costs more than the reads it saves (an indicator of 45,000 cases)."""

IN_PAIRS = 30_000.0
"""How many (row, listed value) pairs an engine compares for a filter by a list (`IN`) in the time of one
more query by an indexed id (LadybugDB at 10,000 cases: 177 case ids against the 10,000 cases' ids, 1.8
million pairs, in 37 ms; a query about 0.7 ms, `QUERY_ROWS`): `hydrate` weighs a read from many nodes of
one label by it, a scan of that label's whole id column."""

GROUP = "*"
"""The first item of a read from every node of one label at once (`_candidates`), where a node id is."""


def hydrate(view: View, part: nx.MultiDiGraph, degree=None, sizes=None) -> nx.MultiDiGraph:
    """`part` (of an `outline`, made for this: by `select` or `ordered_subgraph`, never a frozen outline
    itself) with every stored property of its nodes and relationships (less the stored orders:
    `records.stored_columns`), read from the store and filled in where the outline's few were, in the
    schema's order: `part` itself, returned, same nodes, relationships and order (a copy cost a borough's
    first page at 100,000 cases a tenth of its time). Raises `StoreError`, and ValueError for a frozen
    graph.

    From the build's record files when the view has them (`view.records`, `casegraph.graph.records`:
    one read by row numbers per table the part touches, no query); else by queries (`_queried`)."""
    if nx.is_frozen(part):
        raise ValueError("hydrate fills a part in: give it a part made for it (select, ordered_subgraph), "
                         "not a frozen outline")
    records = getattr(view, "records", None)
    if records is not None:
        node_props, rel_props = _from_records(records, part)
    else:
        node_props, rel_props = _queried(view, part, degree, sizes)
    for node, attrs in part.nodes(data=True):
        _filled(attrs, "label", node_props.get(node))
    for _, _, key, attrs in part.edges(keys=True, data=True):
        _filled(attrs, "type", rel_props.get(key))
    return part


def _filled(attrs: dict, kind: str, props: dict | None) -> None:
    """A record's outline properties replaced by its stored ones (`props`; None: left as they are),
    its label or type (`kind`) first, as `project` gives them."""
    if props is not None:
        named = attrs[kind]
        attrs.clear()
        attrs[kind] = named
        attrs.update(props)


def _from_records(records, part: nx.MultiDiGraph) -> tuple[dict[str, dict], dict[str, dict]]:
    """The part's nodes' and relationships' stored properties by id, from record files: one read per
    node label and per relationship type between two labels."""
    label = {node: attrs["label"] for node, attrs in part.nodes(data=True)}
    by_label: dict[str, list[str]] = {}
    for node, kind in label.items():
        if kind != "Source":  # the outline holds sources whole
            by_label.setdefault(kind, []).append(node)
    by_table: dict[tuple[str, str, str], list[str]] = {}
    for u, v, key, rel_type in part.edges(keys=True, data="type"):
        by_table.setdefault((rel_type, label[u], label[v]), []).append(key)
    node_props: dict[str, dict] = {}
    for kind, ids in by_label.items():
        node_props.update(records.nodes(kind, ids))
    rel_props: dict[str, dict] = {}
    for (rel_type, from_label, to_label), keys in by_table.items():
        rel_props.update(records.relationships(rel_type, from_label, to_label, keys))
    return node_props, rel_props


def _queried(view: View, part: nx.MultiDiGraph, degree=None, sizes=None) -> tuple[dict[str, dict], dict[str, dict]]:
    """The part's nodes' and relationships' stored properties by id, by queries.

    Every read starts from a node's id (its index) and names its columns (a record's columns
    cost LadybugDB a sixth of the record returned whole, `RETURN r`). Nodes: one `UNWIND` of ids
    per label. Relationships: one read per end and relationship type, or per node and the type
    of its neighbours' relationships (over two hops: a borough's cases' indicators, all in one
    read from the borough), or per label, type and far label from every node of that label (by a
    list of ids), chosen greedily, the most of the part's relationships for the least work
    (`_read_from`; `degree(node)`, the whole graph's degree when the caller has it, else the
    part's; `sizes[label]`, how many nodes the whole graph has of a label, without which nothing
    is read by a list of ids): a borough's selection reads its cases' links through the borough,
    not from each case nor from indicators of thousands of links, and its institutions'
    statements and reviews from its institutions at once; the page of a hub's first 100 cases
    reads them from the hub, filtered by id, in one read. (A filter over a list of node ids,
    `IN`, scans the whole node table's ids, weighed by `IN_PAIRS`; an `UNWIND` of ids joined to a
    relationship pattern makes LadybugDB hash-join its whole relationship table: it grows with
    the graph, not the part.)"""
    by_label: dict[str, list[str]] = {}
    for node, attrs in part.nodes(data=True):
        if attrs.get("label") != "Source":
            by_label.setdefault(attrs["label"], []).append(node)
    props: dict[str, dict] = {}
    for label, ids in by_label.items():
        names, at = _columns(label)
        returned = ", ".join(f"n.{name}" for name in names)
        for row in view.run(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN {returned}", {"ids": ids}).rows:
            props[row[at]] = {name: value for name, value in zip(names, row) if value is not None}
    rels: dict[str, dict] = {}
    ends = {key: (u, v) for u, v, key in part.edges(keys=True)}
    for read, keys in _read_from(part, degree or part.degree, sizes).items():
        rel_type = read[-3]
        names, at = _columns(rel_type)
        returned = ", ".join(f"r.{name}" for name in names)
        if read[0] == GROUP:  # from the nodes at the near end of these relationships, by their ids
            near = sorted({ends[key][0 if read[3] else 1] for key in keys})
            where, params = "a.id IN $ids AND r.id IN $keys", {"ids": near, "keys": sorted(keys)}
        else:
            where, params = "r.id IN $keys", {"id": read[0], "keys": sorted(keys)}
        rows = view.run(f"MATCH {_pattern(part, read)} WHERE {where} RETURN {returned}", params)
        for row in rows.rows:
            if row[at] in keys:
                rels[row[at]] = {name: value for name, value in zip(names, row) if value is not None}
    return props, rels


def _pattern(part: nx.MultiDiGraph, read: tuple) -> str:
    """The pattern of a read (`_read_from`): from the node `$id` (from nodes `a` of one label, for a
    `GROUP` read), maybe through its neighbours of one label by one type, to relationships `r` of one
    type and their far ends of one label."""
    def step(near: str, rel: str, outgoing: bool, far: str) -> str:
        return f"{near}-[{rel}]->{far}" if outgoing else f"{near}<-[{rel}]-{far}"

    if read[0] == GROUP:
        return step(f"(a:{read[1]})", f"r:{read[2]}", read[3], f"(b:{read[4]})")
    anchor = f"(a:{part.nodes[read[0]]['label']} {{id: $id}})"
    if len(read) == 4:
        return step(anchor, f"r:{read[1]}", read[2], f"(b:{read[3]})")
    _, link, link_out, middle, rel_type, outgoing, far = read
    return step(step(anchor, f":{link}", link_out, f"(m:{middle})"), f"r:{rel_type}", outgoing, f"(b:{far})")


def _columns(label_or_type: str) -> tuple[list[str], int]:
    """`records.stored_columns` of a label or type, and where `id` is among them."""
    names = stored_columns(label_or_type)
    return names, names.index("id")


def _candidates(part: nx.MultiDiGraph, degree, sizes=None) -> tuple[dict[tuple, set[str]], dict[tuple, float]]:
    """Every read that could fetch some of the part's relationships -> their keys, and its cost
    (the query, plus the stored relationships it walks past, `QUERY_ROWS` to a query, plus, for a
    read by a list of node ids, the pairs that list's filter compares, `IN_PAIRS` to a query).

    (node, type, outgoing, far label): the relationships of one type at a node. (anchor, link
    type, outgoing, middle label, type, outgoing, far label): those of one type at the anchor's
    neighbours of one label by one link type (never through a node of more than `QUERY_ROWS`
    links, nor from one of more than `ANCHOR_LINKS`; the walk is estimated from the anchor's
    degree and its part neighbours' mean degree). With `sizes` (label -> how many nodes of it
    the whole graph has), also (`GROUP`, label, type, outgoing, far label): those of one type at
    every part node of one label with some and at most `QUERY_ROWS` links, found by a list of
    their ids."""
    label = {node: attrs["label"] for node, attrs in part.nodes(data=True)}
    links = {node: degree(node) for node in part}
    at_node: dict[str, dict[tuple, dict[str, str]]] = {}  # node -> (type, outgoing, far label) -> key -> far
    for u, v, key, rel_type in part.edges(keys=True, data="type"):
        at_node.setdefault(u, {}).setdefault((rel_type, True, label[v]), {})[key] = v
        at_node.setdefault(v, {}).setdefault((rel_type, False, label[u]), {})[key] = u
    reads = {(node, *kind): set(far) for node, kinds in at_node.items() for kind, far in kinds.items()}
    cost = {read: 1 + links[read[0]] / QUERY_ROWS for read in reads}
    groups: dict[tuple, list[str]] = {}  # (GROUP, label, type, outgoing, far label) -> its nodes
    for read in list(reads) if sizes else ():
        if links[read[0]] <= QUERY_ROWS:  # a hub's relationships are read on their own, or from their far ends
            groups.setdefault((GROUP, label[read[0]], *read[1:]), []).append(read[0])
    for group, nodes in groups.items():
        if len(nodes) > 1:
            reads[group] = set().union(*(reads[(node, *group[2:])] for node in nodes))
            cost[group] = 1 + sum(links[node] for node in nodes) / QUERY_ROWS + sizes.get(group[1], 0) * len(nodes) / IN_PAIRS
    for anchor, kinds in at_node.items():
        if links[anchor] > ANCHOR_LINKS:
            continue
        for (link, link_out, middle), far in kinds.items():
            mids = [m for m in dict.fromkeys(far.values()) if links[m] <= QUERY_ROWS]
            if not mids:
                continue
            walked = links[anchor] * (1 + sum(links[m] for m in mids) / len(mids))
            for mid in mids:
                for (rel_type, outgoing, end), keys in at_node[mid].items():
                    if rel_type != link:
                        read = (anchor, link, link_out, middle, rel_type, outgoing, end)
                        reads.setdefault(read, set()).update(keys)
                        cost[read] = 1 + walked / QUERY_ROWS
    return reads, cost


def _read_from(part: nx.MultiDiGraph, degree, sizes=None) -> dict[tuple, set[str]]:
    """Reads (`_candidates`) -> keys of the part's relationships to read there, one query each:
    a greedy cover, each time the read that gets the most relationships still unread per unit
    of cost. Each relationship is read once."""
    unread, cost = _candidates(part, degree, sizes)
    covering: dict[str, list[tuple]] = {}
    for read, keys in unread.items():
        for key in keys:
            covering.setdefault(key, []).append(read)
    queue = [(-len(keys) / cost[read], read) for read, keys in unread.items()]
    heapq.heapify(queue)
    reads: dict[tuple, set[str]] = {}
    while queue:
        _, read = heapq.heappop(queue)
        if not unread[read]:
            continue
        now = -len(unread[read]) / cost[read]
        if queue and now > queue[0][0]:  # fewer unread than when queued: back in line
            heapq.heappush(queue, (now, read))
            continue
        reads[read] = keys = unread[read]
        unread[read] = set()
        for key in keys:
            for other in covering[key]:
                if other != read:
                    unread[other].discard(key)
    return reads
