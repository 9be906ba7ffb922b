"""Graph analytics with networkx: similarity, communities, connectors, bridges."""
