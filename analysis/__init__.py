"""Graph analytics with networkx: similarity, communities, connectors, bridges.

All of it runs on a projected graph (`casegraph.graph.projection.project`),
the whole graph or a selection (`casegraph.graph.selection.select`), in a
profile: a public projection is analysed on public data only. They read
few properties: `casegraph analyze` gives them an outline of the graph
(`casegraph.graph.projection.outline(view, ANALYSED_FIELDS)`), not every
stored property, so 100,000 cases fit in memory.

At scale some are estimated, each documented where it is computed: similar
pairs proposed only by features of at most `similarity.HUB_CASES` cases;
betweenness sampled from `connectors.SAMPLE_SOURCES` sources (seed 7) above
`connectors.EXACT_BETWEENNESS` nodes; communities by igraph's Louvain above
`communities.NETWORKX_LOUVAIN_CASES` cases. London is below every size, so its
answers are exact (and as before).
"""

ANALYSED_FIELDS = ("institution_type", "citation_reliability", "citation_credibility")
"""What the analyses and their selections read beyond an outline's properties: an institution's
type (bridges leave out the outlets that reported the cases), citations' grades (`--min-grade`)."""

from casegraph.analysis.annotate import ANALYTICS, annotate
from casegraph.analysis.bridges import Bridge, borough_bridges
from casegraph.analysis.communities import Community, case_communities
from casegraph.analysis.connectors import Connector, centrality, connectors
from casegraph.analysis.features import CaseFeatures, case_features
from casegraph.analysis.similarity import CasePair, case_similarity, similarity_graph

__all__ = [
    "ANALYSED_FIELDS", "ANALYTICS", "annotate", "Bridge", "borough_bridges", "Community", "case_communities",
    "Connector", "centrality", "connectors", "CaseFeatures", "case_features",
    "CasePair", "case_similarity", "similarity_graph",
]
