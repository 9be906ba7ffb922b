"""Which store a command reads or writes: `--store DIR` (embedded) or `--neo4j URI`.

One decorator gives every command that touches the graph the same options.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import click

from casegraph.graph.embedded import EmbeddedStore, default_store_dir

__all__ = ["store_options", "open_store"]


def open_store(store_dir: Path | None, neo4j_uri: str | None):
    """The store the options name: Neo4j when a URI is given (option or NEO4J_URI), else embedded."""
    uri = neo4j_uri or (os.environ.get("NEO4J_URI") if store_dir is None else None)
    if uri:
        from casegraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_environment(uri)
    return EmbeddedStore(store_dir)


def store_options(command):
    @click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help=f"embedded store directory (default: $CASEGRAPH_STORE or {default_store_dir()})")
    @click.option("--neo4j", "neo4j_uri", default=None, metavar="URI",
                  help="use a Neo4j server instead (bolt://host:7687 or neo4j+s://...; "
                       "also NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)")
    @functools.wraps(command)
    def wrapper(*args, store_dir=None, neo4j_uri=None, **kwargs):
        return command(*args, store=open_store(store_dir, neo4j_uri), **kwargs)

    return wrapper
