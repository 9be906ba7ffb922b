"""casegraph: a knowledge graph of child sexual exploitation cases, every fact sourced.

Data flows one way: data files -> `casegraph.loaders` (validated records)
-> `casegraph.graph` (stores) -> `casegraph.queries` -> `casegraph.viz`.
"""

__version__ = "0.1.0"
