"""The public profile: ONE rule for what may be published, applied to the data itself.

The rule (stated once, here):

- a node or relationship marked `sensitivity: restricted` is left out;
- so is every relationship touching a left-out node (its other end, type and
  facts would still point at the person);
- a citation of a restricted source is itself restricted: a fact citing
  public and restricted sources is shown as its public citations alone give
  it (its public version: citations, current status with its date and source,
  independent-source count, contested values and every value a record states,
  made by the loader's own merge and derivation, `loaders/public_versions.py`);
  a fact citing only restricted sources, or with no public version, is left
  out (the loader turns such a public record restricted, with a warning);
- restricted text fields (`restricted_detail`, the editorial exception: the
  schema's `Column.restricted`) are emptied on every record kept;
- a public source's lineage (`derived_from`) leaves out the restricted
  sources it derives from: their ids are restricted too.

`public_dataset` applies it to a Dataset, and every store builds that public
projection as a graph of its own next to the full one: the embedded store as
a second database, Neo4j under the schema's labels while the full graph lives
under `restricted_label`s. A reader opens a store in a profile
(`store.view(profile)`), so every catalog query, count, view, export,
analytic and dossier of the public profile reads a graph in which restricted
data does not exist, and no query needs a filter of its own.
`public_subgraph` is the same rule for a networkx graph already projected
(views built from a restricted projection without asking for restricted data),
except that it leaves out every fact citing a restricted source: a projected
graph holds the merged fact, not the records that would give its public version.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, Mapping

import networkx as nx
import pyarrow as pa
import pyarrow.compute as pc

from casegraph.schemas import schema
from casegraph.schemas.aggregates import aggregate_fields
from casegraph.loaders.dataset import ARROW_POOL
from casegraph.schemas.citations import CONTESTED_COLUMNS, PARTIAL_COLUMNS, cited_sources, without_fields

__all__ = ["Profile", "PROFILES", "PUBLIC", "RESTRICTED", "is_restricted", "public_dataset",
           "public_subgraph", "public_attrs", "profile_of"]

Profile = Literal["public", "restricted"]
PUBLIC: Profile = "public"
RESTRICTED: Profile = "restricted"
PROFILES: tuple[Profile, ...] = (PUBLIC, RESTRICTED)


def profile_of(include_restricted: bool) -> Profile:
    """The profile a yes/no `include_restricted` option means."""
    return RESTRICTED if include_restricted else PUBLIC


def is_restricted(attrs: Mapping[str, Any]) -> bool:
    """A node or relationship that could identify a victim or a minor."""
    return attrs.get("sensitivity") == "restricted"


def public_attrs(name: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A record's properties without its restricted text fields and its aggregates (`name`: its label
    or type). Aggregates are counted per graph (`casegraph.graph.aggregates`): a public subgraph cut
    from the whole graph would carry counts of restricted records."""
    hidden = _restricted_columns(name)
    if hidden.isdisjoint(attrs):  # most records (in C: a third of a borough's public copy at 100,000 cases)
        return dict(without_fields(attrs, hidden))
    return {k: v for k, v in without_fields(attrs, hidden).items() if k not in hidden}


@cache
def _restricted_columns(name: str) -> frozenset[str]:
    graph = schema()
    if name not in graph.labels and name not in graph.rel_types:
        return frozenset()
    aggregates = aggregate_fields(graph.node(name).model) if name in graph.labels else ()
    return frozenset((*graph.restricted_columns(name), *aggregates))


def _kept(table: pa.Table, restricted_sources: pa.Array, versions: pa.Table | None) -> pa.Array:
    """Rows the rule keeps: not restricted, and citing no restricted source unless the fact has a public
    version (what its public citations alone give, which replaces it: `_with_versions`)."""
    keep = pc.fill_null(pc.not_equal(table.column("sensitivity"), "restricted"), True)
    if "citation_sources" not in table.column_names or not len(restricted_sources):
        return keep
    cited = table.column("citation_sources").combine_chunks()
    hit = pc.fill_null(pc.is_in(pc.list_flatten(cited), restricted_sources), False)
    rows = pc.unique(pc.filter(pc.list_parent_indices(cited), hit))
    citing = pc.is_in(pa.array(range(table.num_rows), pa.int64()), pc.cast(rows, pa.int64()))
    if versions is not None:
        citing = pc.and_(citing, pc.invert(pc.is_in(table.column("id"), versions.column("id"))))
    return pc.and_(keep, pc.invert(citing))


def _with_versions(table: pa.Table, versions: pa.Table | None) -> pa.Table:
    """`table` with each fact that has a public version replaced by it, in place (order kept)."""
    if versions is None or not table.num_rows:
        return table
    at = pc.index_in(table.column("id"), versions.column("id"))
    if at.null_count == len(at):
        return table
    rows = pa.array(range(table.num_rows), pa.int64())
    order = pc.if_else(pc.is_null(at), rows, pc.add(pc.cast(at, pa.int64()), table.num_rows))
    return pa.concat_tables([table, versions.select(table.column_names).cast(table.schema)]).take(order)


def _public_lineage(sources: pa.Table, restricted_sources: pa.Array) -> pa.Table:
    """Source rows whose `derived_from` lists no restricted source (an emptied list becomes null)."""
    index = sources.schema.get_field_index("derived_from")
    if index < 0 or not sources.num_rows:
        return sources
    hidden = set(restricted_sources.to_pylist())
    lineage = [([s for s in ids if s not in hidden] or None) if ids else ids
               for ids in sources.column(index).to_pylist()]
    return sources.set_column(index, "derived_from", pa.array(lineage, sources.schema.field(index).type))


def _emptied(name: str, table: pa.Table) -> pa.Table:
    hidden = frozenset(schema().restricted_columns(name))
    for column in hidden:
        index = table.schema.get_field_index(column)
        if index >= 0:
            table = table.set_column(index, column, pa.nulls(table.num_rows, table.schema.field(column).type))
    return _unnamed(table, hidden) if hidden else table


def _unnamed(table: pa.Table, hidden: frozenset[str]) -> pa.Table:
    """`table` without the competing values and credits of its `hidden` fields (`without_fields`): the few
    rows naming one are rewritten, the rest kept as they are."""
    for columns in (CONTESTED_COLUMNS, PARTIAL_COLUMNS):
        if columns[0] not in table.column_names or not table.num_rows:
            continue
        named = table.column(columns[0]).combine_chunks()
        hit = pc.fill_null(pc.is_in(pc.list_flatten(named), pa.array(sorted(hidden))), False)
        rows = pc.unique(pc.filter(pc.list_parent_indices(named), hit)).to_pylist()
        if not rows:
            continue
        values = {column: table.column(column).to_pylist() for column in columns}
        for row in rows:
            kept = without_fields({column: values[column][row] for column in columns}, hidden)
            for column in columns:
                values[column][row] = kept[column]
        for column in columns:
            index = table.schema.get_field_index(column)
            table = table.set_column(index, column, pa.array(values[column], table.schema.field(index).type))
    return table


def _filtered(table: pa.Table, keep: pa.Array) -> pa.Table:
    """The rows kept, without a copy when every row is (most tables: half the build's memory at scale)."""
    if pc.all(keep).as_py() is not False:
        return table
    return pc.filter(table, keep, memory_pool=ARROW_POOL)


def public_dataset(dataset):
    """The public projection of a Dataset (the rule in the module docstring), as a new Dataset.

    Column-wise (Arrow compute), so it costs a fraction of the load even at
    100,000 cases. Never raises on valid data."""
    from casegraph.loaders.dataset import Dataset

    sources = dataset.node_table("Source")
    restricted_sources = pc.filter(sources.column("id"), pc.equal(sources.column("sensitivity"), "restricted")) \
        if sources.num_rows else pa.array([], pa.string())
    versions = getattr(dataset, "public_versions", {})
    nodes = {}
    for label, table in dataset.node_tables.items():
        kept = _filtered(table, _kept(table, restricted_sources, versions.get(label)))
        nodes[label] = _emptied(label, _with_versions(kept, versions.get(label)))
    if "Source" in nodes and len(restricted_sources):
        nodes["Source"] = _public_lineage(nodes["Source"], restricted_sources)
    kept_ids = pa.chunked_array([t.column("id") for t in nodes.values()], type=pa.string()) \
        if nodes else pa.chunked_array([], type=pa.string())
    kept_ids = pc.unique(kept_ids)
    rels = {}
    for key, table in dataset.rel_tables.items():
        keep = pc.and_(_kept(table, restricted_sources, versions.get(key)),
                       pc.and_(pc.is_in(table.column("from"), kept_ids), pc.is_in(table.column("to"), kept_ids)))
        rels[key] = _emptied(key[0], _with_versions(_filtered(table, keep), versions.get(key)))
    return Dataset(nodes, rels)


def public_subgraph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of a projected graph under the public-profile rule (see the module docstring)."""
    restricted_sources = {n for n, a in graph.nodes(data=True) if a.get("label") == "Source" and is_restricted(a)}

    def keep(attrs) -> bool:
        return not is_restricted(attrs) and not (restricted_sources and
                                                 restricted_sources.intersection(cited_sources(attrs)))

    def attrs_of(a) -> dict[str, Any]:
        kept = public_attrs(a.get("label", ""), a)
        if kept.get("derived_from") and restricted_sources:
            lineage = [s for s in kept.pop("derived_from") if s not in restricted_sources]
            if lineage:
                kept["derived_from"] = lineage
        return kept

    public = nx.MultiDiGraph()
    public.graph.update(graph.graph)
    public.add_nodes_from((n, attrs_of(a)) for n, a in graph.nodes(data=True) if keep(a))
    public.add_edges_from(
        (u, v, k, public_attrs(a.get("type", ""), a)) for u, v, k, a in graph.edges(keys=True, data=True)
        if u in public and v in public and keep(a)
    )
    return public
