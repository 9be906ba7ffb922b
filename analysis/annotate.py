"""Analytics as node properties, so exports can carry them (`--with-analytics`).

Adds, to the graph given (in place):

- `analytics_community`: the group of similar cases (`communities`) a case
  belongs to; other nodes get the group most of their linked cases belong
  to, if any;
- `analytics_betweenness`: betweenness centrality (`connectors.centrality`);
- `analytics_degree`: number of relationships;
- `analytics_case_count`, `analytics_borough_count`: for institutions,
  places and people, how many cases and boroughs they connect.

These are casegraph's computations, not sourced facts: the `analytics_`
prefix says so, and `ANALYTICS` (written into export metadata) says what
each one means. Compute them on the whole graph of a profile and select
afterwards, so a node's values do not depend on what else was selected.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from casegraph.analysis.communities import case_communities
from casegraph.analysis.connectors import centrality, connectors
from casegraph.graph.selection import linked_cases

__all__ = ["annotate", "ANALYTICS"]

ANALYTICS = {
    "analytics_community": "group of similar cases (Louvain on shared indicators, places, people, institutions)",
    "analytics_betweenness": "betweenness centrality, without source documents and borough adjacency",
    "analytics_degree": "number of relationships",
    "analytics_case_count": "cases this institution, place or person is linked to",
    "analytics_borough_count": "boroughs this institution, place or person is linked to",
}


def annotate(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Add the analytics properties to `graph`'s nodes; return what they mean."""
    community_of = {case: c.id for c in case_communities(graph) for case in c.cases}
    between = centrality(graph)
    for node, attrs in graph.nodes(data=True):
        attrs["analytics_degree"] = graph.degree(node)
        if node in between:
            attrs["analytics_betweenness"] = between[node]
        if node in community_of:
            attrs["analytics_community"] = community_of[node]
        else:
            votes = Counter(community_of[c] for c in linked_cases(graph, node, skip_journalism=True) if c in community_of)
            if votes:
                attrs["analytics_community"] = min(votes, key=lambda k: (-votes[k], k))
    for connector in connectors(graph):
        graph.nodes[connector.id]["analytics_case_count"] = len(connector.cases)
        graph.nodes[connector.id]["analytics_borough_count"] = len(connector.boroughs)
    return dict(ANALYTICS)
