"""Aggregates a store writes with a graph: counted once at build time, read by the catalog queries.

`with_aggregates(dataset)` returns the Dataset with the aggregate columns that
`casegraph.schemas.aggregates` declares filled in, counted from that Dataset's
own records. A store calls it on each profile's Dataset just before writing it,
so the public graph's counts come from the public projection alone.

Every figure is the one the catalog query computed from the graph before
(see each query file): the same links, counted the same way (links, not
distinct names; a null never counted), so the answers do not change, only
where the counting happens. One pass over each relationship table's id
columns (Arrow to Python lists, then dicts): linear in the number of links.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from casegraph.loaders.dataset import Dataset
from casegraph.schemas.aggregates import FILED_LISTS
from casegraph.schemas.arrow import arrow_schema, arrow_type
from casegraph.schemas.registry import filed_columns

__all__ = ["with_aggregates", "filed_facts", "FEATURE_TYPES", "RANKS", "OUTCOME_CASE_IDS"]

COUNTED_CASE_FIELDS = frozenset(("period", "cases_represented"))
"""A case's values that `cases-by-borough` counts: a case record is a contested one of its borough's
when one of these (or its IN_BOROUGH link) is contested (`casegraph.loaders.merge`)."""

OUTCOME_CASE_FIELDS = COUNTED_CASE_FIELDS | {"outcomes"}
"""A case's values that `outcomes-by-decade` counts: the row's contested case records are those with one
of these contested (sources giving different outcomes: the row counts the shown ones)."""

FEATURE_TYPES = ("SHOWS", "AT_PLACE", "INVOLVES")
"""The links from a case that `similar-cases` compares cases on (and counts for their weight)."""


def _links(dataset: Dataset, rel_type: str, from_label: str, to_label: str | None = None,
           columns: Iterable[str] = (), where: Callable[[pa.Table], pa.Array] | None = None) -> list[tuple]:
    """(from, to, *columns) of every `rel_type` relationship from `from_label` (to `to_label`, if given) and,
    given `where` (a table -> its rows' boolean mask), that it keeps: filtered before any value is read."""
    rows: list[tuple] = []
    for (start, end), table in dataset.rel_groups(rel_type).items():
        if start != from_label or (to_label is not None and end != to_label):
            continue
        if where is not None:
            table = table.filter(where(table))
        names = ["from", "to", *columns]
        rows += zip(*(_values(table.column(name)) for name in names))
    return rows


def _values(column: pa.ChunkedArray) -> list:
    """A string column's values as Python strings, one object per distinct value (`to_pylist` makes one
    per row: at 100,000 cases a few hundred MB for the ids of the links, which repeat)."""
    if not pa.types.is_string(column.type) or column.null_count:
        return column.to_pylist()
    encoded = pc.dictionary_encode(column).combine_chunks()
    return list(map(encoded.dictionary.to_pylist().__getitem__, encoded.indices.to_numpy()))


def _column(dataset: Dataset, label: str, name: str) -> dict[str, object]:
    table = dataset.node_table(label)
    return dict(zip(table.column("id").to_pylist(), table.column(name).to_pylist()))


def _decade(year: int) -> int:
    return year - year % 10


def _set(table: pa.Table, label: str, values: dict[str, list]) -> pa.Table:
    """The table with its aggregate columns replaced by `values` (column name -> one value per row)."""
    target = arrow_schema(label)
    for name, column in values.items():
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, pa.array(column, type=target.field(name).type))
    return table


def _case_links(dataset: Dataset) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for rel_type in FEATURE_TYPES:
        for _, target in _links(dataset, rel_type, "CaseFile"):
            counts[target] += 1
    return counts


def _case_boroughs(case_boroughs: list[tuple]) -> dict[str, set]:
    """Case id -> the ids of the boroughs it is in."""
    boroughs_of: dict[str, set] = defaultdict(set)
    for case, borough, *_ in case_boroughs:
        boroughs_of[case].add(borough)
    return boroughs_of


def _boroughs(dataset: Dataset, case_boroughs: list[tuple], boroughs_of: dict[str, set],
              shows: list[tuple]) -> dict[str, list]:
    ids = dataset.node_table("Borough").column("id").to_pylist()
    represented, period = _column(dataset, "CaseFile", "cases_represented"), _column(dataset, "CaseFile", "period")
    disputed = {case for case, fields in _column(dataset, "CaseFile", "contested_fields").items()
                if not COUNTED_CASE_FIELDS.isdisjoint(fields or ())}
    records, count, inferred, contested = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    periods: dict[str, set] = defaultdict(set)
    for case, borough, status, link_contested in case_boroughs:
        records[borough] += 1
        count[borough] += represented.get(case) or 0
        inferred[borough] += status == "inferred"
        contested[borough] += bool(link_contested) or case in disputed
        if period.get(case) is not None:
            periods[borough].add(period[case])
    indicators: dict[str, set] = defaultdict(set)
    for case, indicator, _ in shows:
        for borough in boroughs_of.get(case, ()):
            indicators[borough].add(indicator)
    return {"case_records": [records[b] for b in ids], "case_count": [count[b] for b in ids],
            "case_periods": [sorted(periods[b]) for b in ids], "inferred_case_links": [inferred[b] for b in ids],
            "contested_case_records": [contested[b] for b in ids], "case_indicator_ids": [sorted(indicators[b]) for b in ids]}


def _indicators(dataset: Dataset, boroughs_of: dict[str, set], shows: list[tuple],
                links: dict[str, int]) -> dict[str, list]:
    ids = dataset.node_table("Indicator").column("id").to_pylist()
    start, end = _column(dataset, "CaseFile", "year_start"), _column(dataset, "CaseFile", "year_end")
    names = _column(dataset, "Borough", "name")
    spans = {case: range(_decade(first), _decade(first if end.get(case) is None else end[case]) + 1, 10)
             for case, first in start.items() if first is not None}  # once a case, not once a link
    cases, boroughs, decades, statuses = (defaultdict(set) for _ in range(4))
    for case, indicator, status in shows:
        cases[indicator].add(case)
        boroughs[indicator].update(boroughs_of.get(case, ()))
        if status is not None:
            statuses[indicator].add(status)
        if case in spans:
            decades[indicator].update(spans[case])
    borough_ids = [sorted(boroughs[i]) for i in ids]
    return {"case_links": [links.get(i, 0) for i in ids], "case_records": [len(cases[i]) for i in ids],
            "case_borough_ids": borough_ids, "case_borough_names": [[names[b] for b in bs] for bs in borough_ids],
            "case_decades": [sorted(decades[i]) for i in ids], "case_statuses": [sorted(statuses[i]) for i in ids]}


def _linked_boroughs(dataset: Dataset, boroughs_of: dict[str, set]) -> dict[str, set]:
    """Person or place id -> the boroughs it is linked to (the rule of `cross-borough-links`)."""
    linked: dict[str, set] = defaultdict(set)
    for rel_type in ("INVOLVES", "AT_PLACE"):
        for case, target in _links(dataset, rel_type, "CaseFile"):
            linked[target].update(boroughs_of.get(case, ()))
    place_boroughs: dict[str, set] = defaultdict(set)
    for place, borough in _links(dataset, "PLACE_IN", "Place", "Borough"):
        place_boroughs[place].add(borough)
        linked[place].add(borough)
    for start in ("Person", "Place"):
        for node, borough in _links(dataset, "ACTIVE_IN", start, "Borough"):
            linked[node].add(borough)
    for person, place in _links(dataset, "ACTIVE_IN", "Person", "Place"):
        linked[person].update(place_boroughs.get(place, ()))
    return linked


def _inferred(table: pa.Table) -> pa.Array:
    """Which relationships of `table` are inferred with a basis (the links `uncertain-facts` names)."""
    return pc.and_(pc.equal(table["status"], "inferred"), pc.is_valid(table["basis"]))


def _inferred_links(dataset: Dataset) -> tuple[dict[str, int], dict[str, list[str]], dict[str, list[str]]]:
    """Case id -> its inferred links (the rule of `uncertain-facts`, see CaseAggregates); case id -> what
    they say: `<node name>: <basis>` for its own, then `<place> in <borough>: <basis>` for its places', each
    part distinct and sorted; and case id -> the 3x5x2 handling codes of those links' citations (each link
    once, its own first, in relationship id order)."""
    named: dict[str, str] = {}
    for table in dataset.node_tables.values():
        if "name" in table.column_names:
            columns = (table.column(c).to_pylist() for c in ("id", "name", "sensitivity"))
            named.update((node, name) for node, name, sensitivity in zip(*columns)
                         if name is not None and sensitivity == "public")
    counts: dict[str, int] = defaultdict(int)
    direct: dict[str, set] = defaultdict(set)
    codes: dict[str, dict] = defaultdict(dict)  # case -> {(own first, link id): its citations' handling codes}
    cited = ["basis", "id", "citation_handling"]
    for rel_type in sorted({key[0] for key in dataset.rel_tables if key[1] == "CaseFile"}):
        for case, target, basis, link, handling in _links(dataset, rel_type, "CaseFile", None, cited, _inferred):
            if target in named:
                counts[case] += 1
                direct[case].add(f"{named[target]}: {basis}")
                codes[case][(0, link)] = handling or []
    places = _column(dataset, "Place", "name") if "Place" in dataset.node_tables else {}
    boroughs = _column(dataset, "Borough", "name") if "Borough" in dataset.node_tables else {}
    inferred_places: dict[str, list] = defaultdict(list)
    for place, borough, basis, link, handling in _links(dataset, "PLACE_IN", "Place", "Borough", cited, _inferred):
        names = places.get(place), boroughs.get(borough)  # counted even where a name is missing (null text)
        inferred_places[place].append((None if None in names else f"{names[0]} in {names[1]}: {basis}",
                                       link, handling or []))
    via: dict[str, set] = defaultdict(set)
    for case, place in _links(dataset, "AT_PLACE", "CaseFile", "Place"):
        counts[case] += len(inferred_places.get(place, ()))
        via[case].update(text for text, _, _ in inferred_places.get(place, ()) if text)
        codes[case].update(((1, link), handling) for _, link, handling in inferred_places.get(place, ()))
    texts = {case: sorted(direct.get(case, ())) + sorted(via.get(case, ())) for case in counts if counts[case]}
    handling = {case: [code for _, found in sorted(links.items()) for code in found] for case, links in codes.items()}
    return counts, texts, handling


RANKS = {
    "contested": lambda table: pc.greater(pc.list_value_length(table["contested_fields"]), 0),
    "single_source": lambda table: pc.equal(table["independent_sources"], 1),
}
"""Evidence query -> which facts it lists (the rule of `contested-facts`, `single-source-facts`)."""


def _public_mask(table: pa.Table, public_ids: tuple[pa.Array, pa.Array] | None) -> pa.Array:
    """Which rows are public facts: the record public and, for a relationship (`public_ids` given: the public
    fact ids of its start's label and of its end's), both ends."""
    mask = pc.equal(table["sensitivity"], "public")
    if public_ids is not None:
        mask = pc.and_(mask, pc.and_(pc.is_in(table["from"], value_set=public_ids[0]),
                                     pc.is_in(table["to"], value_set=public_ids[1])))
    return pc.fill_null(mask, False)


def _fact_ranks(nodes: dict[str, pa.Table], rels: dict[tuple, pa.Table]) -> None:
    """Fill each fact's `<rank>_rank` and `<rank>_total` (`casegraph.schemas.aggregates.FactAggregates`) in place:
    the public facts each rule of RANKS picks, ordered by (kind, id) as the query listed them before."""
    facts = [(label, label, table, None) for label, table in nodes.items() if "independent_sources" in table.column_names]
    # A relationship's ends are looked up among its own labels' public facts only (ids are unique across labels):
    # one set of every label's would be hashed again for each table, which grew faster than the data.
    public_ids = {label: t.filter(_public_mask(t, None)).column("id").combine_chunks() for label, _, t, _ in facts}
    none = pa.array([], pa.string())
    facts += [(key[0], key, table, (public_ids.get(key[1], none), public_ids.get(key[2], none)))
              for key, table in rels.items()]
    public = [_public_mask(table, ends) for _, _, table, ends in facts]  # once per table, not per rule
    values: dict = {key: {} for _, key, _, _ in facts}
    for name, rule in RANKS.items():
        picked = []
        for number, (kind, _, table, _) in enumerate(facts):
            rows = pc.indices_nonzero(pc.and_(public[number], pc.fill_null(rule(table), False)))
            ids = pc.take(table["id"], rows).to_pylist()
            picked += zip([kind] * len(ids), ids, [number] * len(ids), rows.to_pylist())
        picked.sort()
        ranks = [[None] * table.num_rows for _, _, table, _ in facts]
        for rank, (_, _, number, row) in enumerate(picked):
            ranks[number][row] = rank
        for number, (_, key, table, _) in enumerate(facts):
            ranked = any(r is not None for r in ranks[number])
            values[key][f"{name}_rank"] = ranks[number]
            values[key][f"{name}_total"] = [len(picked) if r is not None else None for r in ranks[number]] \
                if ranked else [None] * table.num_rows
    for kind, key, table, _ in facts:
        target = nodes if key == kind else rels
        target[key] = _set(table, kind, values[key])


def _uncertain(cases: pa.Table, inferred: dict[str, int]) -> dict[str, list]:
    """`uncertain_rank` and `uncertain_total` (the rule of `uncertain-facts`): by id, the cases whose period is
    unknown, whose status is inferred, that are not described individually, or that have inferred links."""
    columns = (cases.column(c).to_pylist() for c in ("id", "year_start", "status", "described_individually"))
    picked = sorted(case for case, start, status, individually in zip(*columns)
                    if start is None or status == "inferred" or individually is False or inferred.get(case, 0) > 0)
    rank = {case: number for number, case in enumerate(picked)}
    ids = cases.column("id").to_pylist()
    return {"uncertain_rank": [rank.get(c) for c in ids],
            "uncertain_total": [len(picked) if c in rank else None for c in ids]}


OUTCOME_CASE_IDS = 20
"""How many case ids (the first, by id) a row of `outcomes-by-decade` names (the query slices by the same number)."""


def _outcome_rows(cases: pa.Table) -> dict[str, list]:
    """The rows of `outcomes-by-decade` (`casegraph.schemas.aggregates.OutcomeRows`), each on the case that
    heads it: a case with no outcome counts as `unknown`, one with a null list not at all, an outcome
    listed twice twice (the query's UNWIND); the decade is its first year's."""
    columns = (cases.column(c).to_pylist()
               for c in ("id", "year_start", "outcomes", "cases_represented", "contested_fields"))
    rows: dict[tuple, list] = defaultdict(list)  # (decade or None, outcome) -> [(id, represented, contested)]
    for case, start, outcomes, represented, fields in zip(*columns):
        if outcomes is None:
            continue
        contested = not OUTCOME_CASE_FIELDS.isdisjoint(fields or ())
        for outcome in outcomes or ["unknown"]:
            rows[(None if start is None else _decade(start), outcome)].append((case, represented, contested))
    headed: dict[str, list] = defaultdict(list)  # head case id -> [(outcome, records, cases, contested, ids)]
    for (_, outcome), members in rows.items():
        members.sort(key=lambda member: member[0])
        headed[members[0][0]].append((outcome, len(members), sum(m[1] or 0 for m in members),
                                      sum(m[2] for m in members), [m[0] for m in members[:OUTCOME_CASE_IDS]]))
    values: dict[str, list] = {name: [] for name in (
        "outcome_rows", "outcome_row_outcomes", "outcome_row_case_records", "outcome_row_cases",
        "outcome_row_contested", "outcome_row_case_ids")}
    for case in cases.column("id").to_pylist():
        mine = sorted(headed.get(case, ()))
        values["outcome_rows"].append(len(mine) or None)
        for number, name in enumerate(("outcome_row_outcomes", "outcome_row_case_records", "outcome_row_cases",
                                       "outcome_row_contested")):
            values[name].append([row[number] for row in mine] if mine else None)
        values["outcome_row_case_ids"].append([i for row in mine for i in row[4]] if mine else None)
    return values


def _follow_up(nodes: dict[str, pa.Table], rels: dict[tuple, pa.Table]) -> None:
    """`follow_up_rank` / `follow_up_total` (`casegraph.schemas.aggregates.FollowUpOrder`) in place: the rows of
    `review-follow-up` (each RECOMMENDS link from a review to a recommendation; a review with none, once)
    in its order: review id, then recommendation summary, then recommendation id."""
    if "Review" not in nodes:
        return
    summary = dict(zip(*(nodes["Recommendation"].column(c).to_pylist() for c in ("id", "summary")))) \
        if "Recommendation" in nodes else {}
    keys = [key for key in rels if key == ("RECOMMENDS", "Review", "Recommendation")]
    rows: list[tuple] = []  # (review, summary is None, summary, recommendation, key or None, row number)
    recommending = set()
    for key in keys:
        columns = (rels[key].column(c).to_pylist() for c in ("from", "to"))
        for number, (review, rec) in enumerate(zip(*columns)):
            recommending.add(review)
            rows.append((review, summary.get(rec) is None, summary.get(rec) or "", rec, key, number))
    reviews = nodes["Review"].column("id").to_pylist()
    rows += [(review, True, "", "", None, number) for number, review in enumerate(reviews)
             if review not in recommending]
    rows.sort(key=lambda row: row[:4])
    ranks = {key: [None] * rels[key].num_rows for key in keys}
    ranks[None] = [None] * len(reviews)
    for rank, row in enumerate(rows):
        ranks[row[4]][row[5]] = rank
    for key, table in [*((key, rels[key]) for key in keys), (None, nodes["Review"])]:
        values = {"follow_up_rank": ranks[key],
                  "follow_up_total": [len(rows) if r is not None else None for r in ranks[key]]}
        if key is None:
            nodes["Review"] = _set(table, "Review", values)
        else:
            rels[key] = _set(table, "RECOMMENDS", values)


def _statements_made(dataset: Dataset) -> tuple[dict[str, int], dict[str, int]]:
    """Person or institution id -> the statements it made (MADE_BY, each once), and the public ones."""
    public = {s for s, sensitivity in _column(dataset, "Statement", "sensitivity").items() if sensitivity == "public"} \
        if "Statement" in dataset.node_tables else set()
    made: dict[str, set] = defaultdict(set)
    for statement, maker in _links(dataset, "MADE_BY", "Statement"):
        made[maker].add(statement)
    return ({maker: len(statements) for maker, statements in made.items()},
            {maker: len(statements & public) for maker, statements in made.items()})


def with_aggregates(dataset: Dataset) -> Dataset:
    """The Dataset with every aggregate column (`casegraph.schemas.aggregates`) filled from its own records.

    Returns a new Dataset sharing the unchanged tables; never raises on a loaded Dataset."""
    case_boroughs = _links(dataset, "IN_BOROUGH", "CaseFile", "Borough", ["status", "contested_fields"])
    shows = _links(dataset, "SHOWS", "CaseFile", "Indicator", ["status"])
    boroughs_of = _case_boroughs(case_boroughs)
    links = _case_links(dataset)
    linked = _linked_boroughs(dataset, boroughs_of)
    nodes = dict(dataset.node_tables)
    if "Borough" in nodes:
        nodes["Borough"] = _set(nodes["Borough"], "Borough", _boroughs(dataset, case_boroughs, boroughs_of, shows))
    if "Indicator" in nodes:
        nodes["Indicator"] = _set(nodes["Indicator"], "Indicator",
                                  _indicators(dataset, boroughs_of, shows, links))
    if "CaseFile" in nodes:
        inferred, texts, handling = _inferred_links(dataset)
        ids = nodes["CaseFile"].column("id").to_pylist()
        nodes["CaseFile"] = _set(nodes["CaseFile"], "CaseFile", {"inferred_links": [inferred.get(c, 0) for c in ids],
                                                                 "inferred_link_texts": [texts.get(c, []) for c in ids],
                                                                 "inferred_link_handling": [handling.get(c, [])
                                                                                            for c in ids],
                                                                 **_uncertain(nodes["CaseFile"], inferred),
                                                                 **_outcome_rows(nodes["CaseFile"])})
    for label, rel_type in (("Investigation", "EXAMINED"), ("Review", "EXAMINED"), ("Statement", "ABOUT")):
        if label in nodes:
            examined = Counter(start for start, _ in set(_links(dataset, rel_type, label, "CaseFile")))  # each case once
            ids = nodes[label].column("id").to_pylist()
            nodes[label] = _set(nodes[label], label, {"case_links": [examined.get(i, 0) for i in ids]})
    made, public_made = _statements_made(dataset)
    for label in ("Person", "Place", "Institution"):
        if label not in nodes:
            continue
        ids = nodes[label].column("id").to_pylist()
        values: dict[str, list] = {"case_links": [links.get(i, 0) for i in ids]}
        if label != "Place":
            values["statements_made"] = [made.get(i) or None for i in ids]
            values["public_statements_made"] = [public_made.get(i) or None for i in ids]
        if label != "Institution":
            values["linked_borough_ids"] = [sorted(linked.get(i, ())) for i in ids]
            values["linked_boroughs"] = [len(linked[i]) if len(linked.get(i, ())) > 1 else None for i in ids]
        nodes[label] = _set(nodes[label], label, values)
    rels = dict(dataset.rel_tables)
    _follow_up(nodes, rels)
    _fact_ranks(nodes, rels)
    return Dataset(nodes, rels)


FILED_FROM = {"from_id": "from", "to_id": "to", "status": "status", "sources": "citation_sources", "fields": "contested_fields",
              "values": "contested_values", "value_sources": "contested_sources", "paragraphs": "citation_paragraphs",
              "locators": "citation_locators", "statuses": "citation_statuses", "as_of": "citation_as_of",
              "citation_handling": "citation_handling"}
"""A `FiledFact` column -> the fact's column it copies (`name` is the display rule of the evidence queries)."""


def _filed_name(table: pa.Table, relationship: bool) -> pa.Array:
    """The evidence queries' name of a fact: a node's name, title or summary; a relationship's `from -> to`."""
    if relationship:
        return pc.binary_join_element_wise(table["from"], table["to"], " -> ")
    names = [table[c] for c in ("name", "title", "summary") if c in table.column_names]
    return pc.coalesce(*names) if names else pa.nulls(table.num_rows, pa.string())


def filed_facts(dataset: Dataset) -> Iterator[pa.Table]:
    """The `FiledFact` rows (`casegraph.schemas.aggregates.FiledFact`) of a Dataset whose aggregates are filled
    (`with_aggregates`): one row per fact and list of FILED_LISTS it holds a rank in, keyed `<list>:<rank>`,
    with the columns that list's query returns; the others null. One table per list and fact table that has
    rows, made when asked for: a writer holds one at a time, never the whole (made at once, with every
    column of the facts' rows filtered, it raised the staging's peak by ~95 MB at 30,000 cases: BENCHMARKS.md,
    stop 29). Columns in `filed_columns()` order (the DDL's, which a COPY follows). Linear in the number
    of ranked facts."""
    columns = filed_columns()
    target = pa.schema([pa.field(c.name, arrow_type(c.type)) for c in columns])
    tables = [(label, table, False) for label, table in dataset.node_tables.items()]
    tables += [(key[0], table, True) for key, table in dataset.rel_tables.items()]
    for name, wanted in FILED_LISTS.items():
        for kind, table, relationship in tables:
            if f"{name}_rank" not in table.column_names:
                continue
            # only the columns read are filtered (a fact's rows hold many more)
            read = [c for c in (f"{name}_rank", f"{name}_total", "id", "from", "to", "name", "title", "summary",
                                *(FILED_FROM[c] for c in wanted if c in FILED_FROM)) if c in table.column_names]
            rows = table.select(list(dict.fromkeys(read)))
            rows = rows.filter(pc.is_valid(rows[f"{name}_rank"]))
            if not rows.num_rows:
                continue
            ranks = pc.cast(rows[f"{name}_rank"], pa.string())
            values = {"key": pc.binary_join_element_wise(pa.array([name] * rows.num_rows), ranks, ":"),
                      "total": rows[f"{name}_total"], "fact": pa.array([kind] * rows.num_rows), "id": rows["id"]}
            if "name" in wanted:
                values["name"] = _filed_name(rows, relationship)
            values.update((column, rows[FILED_FROM[column]]) for column in wanted
                          if column in FILED_FROM and FILED_FROM[column] in rows.column_names)
            yield pa.table([values[c.name] if c.name in values else pa.nulls(rows.num_rows, target.field(c.name).type)
                            for c in columns], schema=target)
