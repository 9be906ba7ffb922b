"""The Cypher query catalog: one read-only, parameterised query per file."""

from casegraph.queries.catalog import Parameter, Query, QueryError, catalog, get_query
from casegraph.queries.run import run_adhoc, run_named, run_query

__all__ = ["Parameter", "Query", "QueryError", "catalog", "get_query", "run_adhoc", "run_named", "run_query"]
