"""Which store a command reads or writes: `--store DIR` (embedded) or `--neo4j URI`.

One decorator gives every command that touches the graph the same options;
the command receives `cg`, the `casegraph.api.Casegraph` that `casegraph.open`
returns (the CLI is a thin layer over that API).
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

__all__ = ["store_options"]


def store_options(command):
    @click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="embedded store directory (default: $CASEGRAPH_STORE, else "
                       "$XDG_DATA_HOME/casegraph/store, i.e. ~/.local/share/casegraph/store)")
    @click.option("--neo4j", "neo4j_uri", default=None, metavar="URI",
                  help="use a Neo4j server instead (bolt://host:7687 or neo4j+s://...; "
                       "also NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)")
    @functools.wraps(command)
    def wrapper(*args, store_dir=None, neo4j_uri=None, **kwargs):
        from casegraph.api import open as open_graph

        return command(*args, cg=open_graph(store_dir, neo4j=neo4j_uri), **kwargs)

    return wrapper
