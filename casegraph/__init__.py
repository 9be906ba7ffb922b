"""casegraph: a knowledge graph of child sexual exploitation cases, every fact sourced.

Data flows one way: data files -> `casegraph.loaders` (validated records)
-> `casegraph.graph` (stores) -> `casegraph.queries` -> `casegraph.viz`,
`casegraph.exports`, `casegraph.analysis`, `casegraph.reports`.

The Python API (`casegraph.api`, documented in the README) is what the
`casegraph` command runs:

    import casegraph
    cg = casegraph.open()                     # or open("STORE"), open(neo4j="bolt://...")
    cg.query("similar-cases", case_id="lambeth-2022-hotel-room").to_dataframe()
"""

__version__ = "0.1.0"

from casegraph.api import ArgumentError, Casegraph, Picture, Rows, open, selection_from  # noqa: E402

__all__ = ["open", "Casegraph", "Rows", "Picture", "selection_from", "ArgumentError", "__version__"]
