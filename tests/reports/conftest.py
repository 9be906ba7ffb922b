"""The London graph in both profiles (fixtures shared with the export tests)."""

from tests.exports.conftest import london_graphs, public_graph, restricted_graph  # noqa: F401
