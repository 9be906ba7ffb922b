"""Views: pyvis pages and still images of the graph, safe to publish."""
