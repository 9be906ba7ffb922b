"""Exports: subgraphs to GraphML, GEXF, node-link JSON, CSV, Cypher and FollowTheMoney."""
