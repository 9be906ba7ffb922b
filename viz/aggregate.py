"""Above the node budget, many nodes become one: "412 cases, Newham".

A page of thousands of individually drawn nodes is neither quick nor
readable (figures in VIEWS.md), so when a view's graph exceeds the budget
the most numerous node types are grouped, by default one group per type and
borough, until it fits. Boroughs and indicators, the axes people read a
picture by, stay individual; so do the nodes a view asks to keep (the
centre of an ego view).

Invariant: a group's relationships are bundles that never overstate: a
bundle whose members share one claim status is drawn with it, a bundle of
several statuses is drawn as `mixed` and its tooltip gives the breakdown.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterable

import networkx as nx

from casegraph.schemas.citations import cited_sources
from casegraph.schemas.names import display_name
from casegraph.schemas.words import counted
from casegraph.viz.reading import boroughs_of, label_of

__all__ = ["aggregate", "by_borough", "GroupKey", "DEFAULT_BUDGET", "is_group"]

DEFAULT_BUDGET = 1500
"""Individual nodes a page draws before grouping; chosen from the measurements in VIEWS.md."""

GroupKey = Callable[[nx.MultiDiGraph, str], str]


def by_borough(graph: nx.MultiDiGraph, node: str) -> str:
    """A node's home borough by name (the first, alphabetically, if it has several)."""
    names = sorted(graph.nodes[b].get("name", b) for b in boroughs_of(graph, node))
    return names[0] if names else "no known borough"


def is_group(attrs: dict) -> bool:
    return bool(attrs.get("group"))


def aggregate(graph: nx.MultiDiGraph, budget: int, keep: Iterable[str] = (),
              protect: Iterable[str] = ("Borough", "Indicator"),
              key: GroupKey = by_borough, by: str = "borough") -> tuple[nx.MultiDiGraph, list[str]]:
    """The graph with its largest node types grouped until it holds at most `budget` nodes.

    Returns the (possibly new) graph and notes saying what was grouped. Nodes
    in `keep`, and of the `protect` labels, are never grouped; `by` names the
    grouping in the note.
    """
    if graph.number_of_nodes() <= budget:
        return graph, []
    keep, protect = set(keep), set(protect)
    by_label: dict[str, list[str]] = defaultdict(list)
    for node in graph.nodes:
        if node not in keep and label_of(graph, node) not in protect:
            by_label[label_of(graph, node)].append(node)
    group_of: dict[str, str] = {}
    group_key: dict[str, tuple[str, str]] = {}
    size = graph.number_of_nodes()
    grouped_labels = []
    for label, members in sorted(by_label.items(), key=lambda item: -len(item[1])):
        if size <= budget:
            break
        keys = {}
        for node in members:
            part = key(graph, node)
            group_id = f"group:{label}:{part}"
            group_of[node] = group_id
            keys[group_id] = (label, part)
        group_key.update(keys)
        size += len(keys) - len(members)
        grouped_labels.append(label)
    result = _build(graph, group_of, group_key)
    notes = [
        f"{counted(graph.number_of_nodes(), 'node')} are more than this page draws one by one "
        f"(budget {budget:,}); {', '.join(_plural(label) for label in grouped_labels)} are grouped by "
        f"{by}, shown as {counted(result.number_of_nodes(), 'node')}. "
        "Filter (--borough, --decade, --indicator, --type) to see them one by one."
    ]
    return result, notes


def _plural(label: str) -> str:
    from casegraph.viz.style import node_style

    return node_style(label).plural


def _build(graph: nx.MultiDiGraph, group_of: dict[str, str], group_key: dict[str, tuple[str, str]]) -> nx.MultiDiGraph:
    result = nx.MultiDiGraph()
    members: dict[str, list[str]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        if node in group_of:
            members[group_of[node]].append(node)
        else:
            result.add_node(node, **attrs)
    for group_id, nodes in members.items():
        label, part = group_key[group_id]
        statuses = Counter(graph.nodes[n].get("status", "reported") for n in nodes)
        result.add_node(
            group_id, label=label, id=group_id, group=True, count=len(nodes), part=part,
            members=sorted(nodes, key=lambda n: display_name(graph.nodes[n], n)),
            member_names=[display_name(graph.nodes[n], n) for n in nodes[:12]],
            statuses=dict(statuses), sources=sorted({s for n in nodes for s in cited_sources(graph.nodes[n])}),
            status=next(iter(statuses)) if len(statuses) == 1 else "mixed",
        )
    bundles: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    internal = Counter()
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        gu, gv = group_of.get(u, u), group_of.get(v, v)
        if gu == u and gv == v:
            result.add_edge(u, v, key=k, **attrs)
        elif gu == gv:
            internal[gu] += 1
        else:
            bundles[(gu, gv, attrs.get("type", ""))].append(attrs)
    for group_id, count in internal.items():
        result.nodes[group_id]["internal"] = count
    for (gu, gv, rel_type), items in bundles.items():
        statuses = Counter(a.get("status", "reported") for a in items)
        key = f"bundle:{rel_type}:{gu}:{gv}"
        result.add_edge(
            gu, gv, key=key, id=key, type=rel_type, group=True, count=len(items), statuses=dict(statuses),
            status=next(iter(statuses)) if len(statuses) == 1 else "mixed",
            sources=sorted({s for a in items for s in cited_sources(a)}),
        )
    return result
