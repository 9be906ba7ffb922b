"""Graph analytics with networkx: similarity, communities, connectors, bridges.

All of it runs on a projected graph (`casegraph.graph.projection.project`),
the whole graph or a selection (`casegraph.graph.selection.select`), in a
profile: a public projection is analysed on public data only.
"""

from casegraph.analysis.annotate import ANALYTICS, annotate
from casegraph.analysis.bridges import Bridge, borough_bridges
from casegraph.analysis.communities import Community, case_communities
from casegraph.analysis.connectors import Connector, centrality, connectors
from casegraph.analysis.features import CaseFeatures, case_features
from casegraph.analysis.similarity import CasePair, case_similarity, similarity_graph

__all__ = [
    "ANALYTICS", "annotate", "Bridge", "borough_bridges", "Community", "case_communities",
    "Connector", "centrality", "connectors", "CaseFeatures", "case_features",
    "CasePair", "case_similarity", "similarity_graph",
]
