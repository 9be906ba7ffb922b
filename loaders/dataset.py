"""The records a load produces: validated nodes and resolved relationships, as Arrow tables.

Invariant: every relationship's endpoints are node ids of this dataset, of
labels its type allows, and every fact's source is a source document here.
Stores write a Dataset; nothing else reaches a store.

Records are held column by column (one Arrow table per node label, and per
relationship type between two labels, typed by `schemas/arrow.py`): a
100,000-case build must fit in 2 GB, and pydantic models cost ~870 bytes a
record. Readers that want models (tests, views of small data) get them on
demand from `nodes` and `rels`, made without validating again.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from casegraph.loaders.columns import Collected, ColumnTable, Tables
from casegraph.schemas import schema
from casegraph.schemas.arrow import arrow_schema
from casegraph.schemas.citations import CONTESTED_COLUMNS, contested_of
from casegraph.schemas.nodes import Node
from casegraph.schemas.relationships import Relationship

__all__ = ["Dataset", "Records", "RelKey", "to_arrow", "prepare_conversion", "ARROW_POOL", "DATASET_FILE"]

DATASET_FILE = "dataset.json"
"""The list of a saved Dataset's table files (`Dataset.save`)."""

RelKey = tuple[str, str, str]
"""A relationship table's key: (type, from label, to label)."""


ARROW_POOL = pa.system_memory_pool()
"""Where a load's Arrow tables (and their public projection) live: malloc's heap. Arrow's default pool
(jemalloc) cannot reuse the memory the column lists free as they are converted, malloc can: a load of
10,000 generated cases peaked at 391 MB with the default pool, 287 MB with this (BENCHMARKS.md, issue 12)."""


def prepare_conversion() -> None:
    """Import now what pyarrow imports on its first conversion of Python values (pandas and what it
    imports: ~20 MB of module objects). A load calls this before it reads: imported halfway through,
    those objects, alive for good, would sit among the records' and keep the memory the records free
    from being returned (10,000 generated cases: 50 MB more after the load; BENCHMARKS.md, issue 12)."""
    pa.array([], pa.string())


def to_arrow(name: str, values: dict[str, list]) -> pa.Table:
    """Column lists -> an Arrow table typed from the schema; each list is released once converted."""
    target = arrow_schema(name)
    arrays = []
    for field in target:
        arrays.append(pa.array(values.pop(field.name), type=field.type, memory_pool=ARROW_POOL))
    return pa.Table.from_arrays(arrays, schema=target)


class Records(Sequence):
    """Records of one label or relationship type as pydantic models, made on demand from Arrow rows."""

    def __init__(self, model: type, tables: Sequence[pa.Table]):
        self._model = model
        self._tables = [t for t in tables if t.num_rows]

    def __len__(self) -> int:
        return sum(t.num_rows for t in self._tables)

    def __iter__(self) -> Iterator:
        make = self._model.model_construct
        for table in self._tables:
            for row in table.to_pylist():
                if "from" in row:
                    row["from_"] = row.pop("from")
                yield make(**row)

    def __getitem__(self, index):
        items = list(self)
        return items[index]

    def __repr__(self) -> str:
        return f"Records({self._model.__name__}, {len(self)})"


class Dataset:
    """Validated, resolved records: an Arrow table per node label and per (type, from label, to label)."""

    def __init__(self, nodes: Mapping[str, pa.Table] | None = None,
                 rels: Mapping[RelKey, pa.Table] | None = None):
        self.node_tables: dict[str, pa.Table] = {k: v for k, v in (nodes or {}).items() if v.num_rows}
        self.rel_tables: dict[RelKey, pa.Table] = {k: v for k, v in sorted((rels or {}).items()) if v.num_rows}
        self.warnings: list = []  # Problems the load reported without refusing (see `loaders.load.load`)
        # Facts citing public and restricted sources, as their public citations alone give them: a table
        # per node label or RelKey, rows keyed by `id` (`loaders/public_versions.py`).
        self.public_versions: dict[str | RelKey, pa.Table] = {}

    @classmethod
    def of(cls, nodes: Iterable[Node], rels: Iterable[Relationship]) -> "Dataset":
        """A dataset of records made in code (relationships with resolved ids)."""
        collected = Collected().extend(nodes)
        labels = {i: label for label, table in collected.nodes.items() for i in table["id"]}
        by_key: dict[RelKey, Collected] = {}
        for rel in rels:
            missing = [end for end in (rel.from_, rel.to) if end not in labels]
            if missing or rel.id is None:
                raise ValueError(f"{rel.type} {rel.from_} -> {rel.to}: expected resolved ids of nodes given "
                                 f"(use Relationship.with_ids); not found: {', '.join(missing) or 'its own id'}")
            key = (rel.type, labels[rel.from_], labels[rel.to])
            by_key.setdefault(key, Collected()).add(rel)
        return cls.from_tables(Tables(collected.nodes, {key: c.rels[key[0]] for key, c in by_key.items()}))

    @classmethod
    def from_tables(cls, tables: Tables, public_versions: Mapping[str | RelKey, ColumnTable] | None = None
                    ) -> "Dataset":
        """The resolved, checked tables of a load, converted one at a time (each list released once
        converted); `public_versions` as `loaders.public_versions.PublicVersions.tables` has them."""
        nodes = {label: to_arrow(label, table.values) for label, table in tables.nodes.items()}
        rels = {key: to_arrow(key[0], table.values) for key, table in tables.rels.items()}
        dataset = cls(nodes, rels)
        dataset.public_versions = {key: to_arrow(table.name, table.values)
                                   for key, table in (public_versions or {}).items()}
        return dataset

    def save(self, folder: Path) -> None:
        """Write the tables (and `public_versions`; not `warnings`) as uncompressed Arrow IPC files under a new
        `folder`, listed in `folder/DATASET_FILE`, for `Dataset.open` in another process. Raises OSError."""
        folder.mkdir(parents=True)
        entries = []
        for part, tables in (("nodes", self.node_tables), ("rels", self.rel_tables),
                             ("public_versions", self.public_versions)):
            for key, table in tables.items():
                file = f"{len(entries):03d}.arrow"
                with pa.OSFile(str(folder / file), "wb") as out, pa.ipc.new_file(out, table.schema) as writer:
                    writer.write_table(table)
                entries.append({"part": part, "key": key, "file": file})
        (folder / DATASET_FILE).write_text(json.dumps(entries))

    @classmethod
    def open(cls, folder: Path) -> "Dataset":
        """The Dataset `save` wrote in `folder`, its tables memory-mapped (read as they are used, and shared
        with the page cache). Raises OSError, or KeyError/ValueError for a folder `save` did not write."""
        parts: dict[str, dict] = {"nodes": {}, "rels": {}, "public_versions": {}}
        for entry in json.loads((folder / DATASET_FILE).read_text()):
            key = entry["key"] if isinstance(entry["key"], str) else tuple(entry["key"])
            parts[entry["part"]][key] = pa.ipc.open_file(pa.memory_map(str(folder / entry["file"]))).read_all()
        dataset = cls(parts["nodes"], parts["rels"])
        dataset.public_versions = parts["public_versions"]
        return dataset

    def node_table(self, label: str) -> pa.Table:
        """A label's table, empty (with its columns) when there are none."""
        table = self.node_tables.get(label)
        return table if table is not None else arrow_schema(label).empty_table()

    def rel_groups(self, rel_type: str) -> dict[tuple[str, str], pa.Table]:
        """A relationship type's tables by (from label, to label), in a stable order."""
        return {(a, b): table for (name, a, b), table in self.rel_tables.items() if name == rel_type}

    @property
    def nodes(self) -> dict[str, Records]:
        """Node models by label (made on demand: for small data and tests)."""
        graph = schema()
        return {label: Records(graph.node(label).model, [table]) for label, table in self.node_tables.items()}

    @property
    def rels(self) -> dict[str, Records]:
        """Relationship models by type (made on demand: for small data and tests)."""
        graph = schema()
        types = dict.fromkeys(name for name, _, _ in self.rel_tables)
        return {name: Records(graph.rel(name).model, list(self.rel_groups(name).values())) for name in types}

    def node_counts(self) -> dict[str, int]:
        return {label: table.num_rows for label, table in sorted(self.node_tables.items())}

    def rel_counts(self) -> dict[str, int]:
        counts: Counter = Counter()
        for (name, _, _), table in self.rel_tables.items():
            counts[name] += table.num_rows
        return dict(sorted(counts.items()))

    def all_nodes(self) -> Iterator[Node]:
        for items in self.nodes.values():
            yield from items

    def all_rels(self) -> Iterator[Relationship]:
        for items in self.rels.values():
            yield from items

    def contested(self) -> list[dict]:
        """Every contested fact: `{"fact": label or type, "id", "field", "value" (JSON), "sources"}` per
        competing value, in table order (see `loaders/merge.py`)."""
        found = []
        tables = [*((label, t) for label, t in self.node_tables.items()),
                  *((key[0], t) for key, t in self.rel_tables.items())]
        for name, table in tables:
            if "contested_fields" not in table.column_names:
                continue
            hits = table.filter(pc.greater(pc.list_value_length(table["contested_fields"]), 0))
            for row in hits.select(["id", *CONTESTED_COLUMNS]).to_pylist():
                for item in contested_of(row):
                    found.append({"fact": name, "id": row["id"], **item})
        return found

    def summary(self) -> Counter:
        return Counter({**self.node_counts(), **self.rel_counts()})
