"""Aggregates: counts and sets casegraph derives when it builds a graph, stored on the nodes they describe.

A catalog query at national scale cannot expand 100,000 cases' links to count
them on every call (`neighbouring-patterns` took 169 s, `similar-cases` ran out of
memory). So the build counts once (`casegraph.graph.aggregates`) and stores the
result as properties declared here: per borough its cases and indicators, per
indicator its cases, boroughs and decades, per person, place or institution the
cases that link to it (its document frequency) and, for people and places, the
boroughs they are linked to; per case, its inferred links; per fact (node or
relationship), its place in the stored order of the evidence queries
(`contested-facts`, `single-source-facts`), which page by it instead of sorting
a whole graph's facts on every call.

Each profile's graph is counted from its own records only: the public graph's
counts never include a restricted record. Aggregates are never given in data
(the loader refuses them) and are null in a Dataset until a store builds it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, Field, model_validator

__all__ = ["AGGREGATE", "INDEXED", "Aggregated", "FactAggregates", "CaseLinks", "BoroughAggregates", "IndicatorAggregates",
           "LinkedBoroughs", "CaseAggregates", "OutcomeRows", "FollowUpOrder", "Responder", "FiledFact", "FILED_LABEL",
           "FILED_LISTS", "aggregate_fields"]

AGGREGATE = "aggregate, derived by casegraph when it builds this profile's graph: "
"""How every aggregate's description begins (docs/schema.md shows it)."""


INDEXED = ("contested_rank", "single_source_rank", "uncertain_rank", "linked_boroughs", "outcome_rows",
           "follow_up_rank", "statements_made")
"""Aggregates a catalog query finds its rows by (a range of ranks, several boroughs): indexed in Neo4j
(`casegraph.schemas.ddl`), where only the few nodes and relationships that hold a value are indexed."""


class Aggregated(BaseModel):
    """A node with aggregate properties: refused in data, filled by the build."""

    @model_validator(mode="before")
    @classmethod
    def _no_aggregate_input(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in aggregate_fields(cls):
                if name in data:
                    raise ValueError(f"`{name}` is an aggregate casegraph derives when it builds the graph: "
                                     "leave it out of the data")
        return data


@cache
def aggregate_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The aggregate fields of a model (those whose description says so), in declaration order.

    Cached per model: every record's validation asks (1.8 million at 100,000 cases)."""
    return tuple(name for name, info in model.model_fields.items()
                 if (info.description or "").startswith(AGGREGATE))


_RANKED = ("the public facts of the profile's graph (nodes and relationships; a relationship counts when it "
           "and both its ends are public) ordered by kind (label or type), then id")


class FactAggregates(Aggregated):
    """Every fact's place in the stored order of the two evidence queries, and the length of that order."""

    contested_rank: int | None = Field(default=None, description=AGGREGATE + (
        f"its place (0, 1, ...) among the contested ones of {_RANKED}: `contested-facts` reads its page "
        "by it; null when it is not contested or not public"))
    contested_total: int | None = Field(default=None, description=AGGREGATE + (
        "how many facts `contested_rank` ranks (set where it is set)"))
    single_source_rank: int | None = Field(default=None, description=AGGREGATE + (
        f"its place (0, 1, ...) among the facts on one independent source of {_RANKED}: "
        "`single-source-facts` reads its page by it; null otherwise"))
    single_source_total: int | None = Field(default=None, description=AGGREGATE + (
        "how many facts `single_source_rank` ranks (set where it is set)"))


class CaseLinks(Aggregated):
    case_links: int | None = Field(default=None, description=AGGREGATE + (
        "SHOWS, AT_PLACE and INVOLVES links from cases to it: its document frequency, which "
        "`similar-cases` weighs by (log10(cases / case_links))"))


class ExaminedCases(Aggregated):
    case_links: int | None = Field(default=None, description=AGGREGATE + (
        "the cases it links to directly (an investigation or review EXAMINED, a statement is ABOUT): "
        "above `paths-between-cases`' hub_cases (an inquiry into thousands of cases) it is context, not a "
        "connection between two of them"))


class LinkedBoroughs(CaseLinks):
    linked_borough_ids: list[str] | None = Field(default=None, description=AGGREGATE + (
        "ids of the boroughs it is linked to, sorted: through its cases (INVOLVES, AT_PLACE, then "
        "IN_BOROUGH), directly (ACTIVE_IN, PLACE_IN) and through places it is active in"))
    linked_boroughs: int | None = Field(default=None, description=AGGREGATE + (
        "how many boroughs `linked_borough_ids` names, when more than one (null otherwise): "
        "`cross-borough-links`"))


class OutcomeRows(Aggregated):
    """The rows of `outcomes-by-decade`, each stored on the case that heads it: the first, by id, of the
    cases of its decade (or of unknown period) with its outcome. The query reads these few cases by
    index instead of grouping every case on every call; a case heads at most one row per outcome."""

    outcome_rows: int | None = Field(default=None, description=AGGREGATE + (
        "how many rows of `outcomes-by-decade` it heads (it is the first, by id, of the cases of its decade, "
        "or of unknown period, with that outcome): the query finds them by it; null when none"))
    outcome_row_outcomes: list[str] | None = Field(default=None, description=AGGREGATE + (
        "the outcome of each row it heads (`unknown` for cases with none), sorted"))
    outcome_row_case_records: list[int] | None = Field(default=None, description=AGGREGATE + (
        "each row's case records (in the order of `outcome_row_outcomes`)"))
    outcome_row_cases: list[int] | None = Field(default=None, description=AGGREGATE + (
        "each row's cases: the sum of its case records' `cases_represented`"))
    outcome_row_contested: list[int] | None = Field(default=None, description=AGGREGATE + (
        "each row's case records whose period, `cases_represented` or outcomes are contested"))
    outcome_row_case_ids: list[str] | None = Field(default=None, description=AGGREGATE + (
        "each row's first 20 case ids (by id; fewer when it has fewer), one row after the other"))


class CaseAggregates(OutcomeRows):
    inferred_links: int | None = Field(default=None, description=AGGREGATE + (
        "its links whose claim status is `inferred` (with a basis) to a public, named node, and the "
        "inferred PLACE_IN links (with a basis) of the places it is at: `uncertain-facts`"))
    inferred_link_texts: list[str] | None = Field(default=None, description=AGGREGATE + (
        "what those links say, distinct: `<node name>: <basis>` for its own links, `<place> in <borough>: "
        "<basis>` for its places' (`uncertain-facts` lists them)"))
    inferred_link_handling: list[str] | None = Field(default=None, description=AGGREGATE + (
        "the 3x5x2 handling codes (P, C; empty for none) of those links' citations, each link once: what "
        "`uncertain-facts` counts, with the case's own, for its notice of handling code C"))
    uncertain_rank: int | None = Field(default=None, description=AGGREGATE + (
        "its place (0, 1, ...), by id, among the cases `uncertain-facts` lists (unknown period, inferred, "
        "not described individually, or with `inferred_links`): the query reads its page by it; null otherwise"))
    uncertain_total: int | None = Field(default=None, description=AGGREGATE + (
        "how many cases `uncertain_rank` ranks (set where it is set)"))


class BoroughAggregates(Aggregated):
    case_records: int | None = Field(default=None, description=AGGREGATE + "IN_BOROUGH links from cases to it")
    case_count: int | None = Field(default=None, description=AGGREGATE + (
        "the cases those case records stand for (the sum of their `cases_represented`)"))
    case_periods: list[str] | None = Field(default=None, description=AGGREGATE + "its cases' periods, distinct")
    inferred_case_links: int | None = Field(default=None, description=AGGREGATE + (
        "IN_BOROUGH links to it whose claim status is `inferred`"))
    contested_case_records: int | None = Field(default=None, description=AGGREGATE + (
        "of those case records, the ones whose IN_BOROUGH link, period or `cases_represented` is contested "
        "(sources disagree: `contested-facts` lists the values)"))
    case_indicator_ids: list[str] | None = Field(default=None, description=AGGREGATE + (
        "ids of the indicators its cases show, sorted: `neighbouring-patterns`"))


class IndicatorAggregates(CaseLinks):
    case_records: int | None = Field(default=None, description=AGGREGATE + "the cases that show it, distinct")
    case_borough_ids: list[str] | None = Field(default=None, description=AGGREGATE + (
        "ids of the boroughs of the cases that show it, sorted"))
    case_borough_names: list[str] | None = Field(default=None, description=AGGREGATE + (
        "the names of those boroughs, in the same order"))
    case_decades: list[int] | None = Field(default=None, description=AGGREGATE + (
        "every decade the periods of the cases that show it touch (2000-2016: 2000 and 2010), sorted; "
        "a case of unknown period touches none"))
    case_statuses: list[str] | None = Field(default=None, description=AGGREGATE + (
        "the claim statuses of the SHOWS links to it, distinct and sorted"))


class FollowUpOrder(Aggregated):
    """A row's place in the order `review-follow-up` lists its rows (review id, recommendation summary,
    recommendation id): on each RECOMMENDS link (a row), and on a review that recommends nothing (its one
    row). A page is a range of ranks, never a sort of every review's recommendations."""

    follow_up_rank: int | None = Field(default=None, description=AGGREGATE + (
        "its row's place (0, 1, ...) in the order `review-follow-up` lists reviews and their recommendations "
        "(a review with none is one row): the query reads its page by it"))
    follow_up_total: int | None = Field(default=None, description=AGGREGATE + (
        "how many rows `follow_up_rank` ranks (set where it is set)"))


class Responder(Aggregated):
    """Statements a person or institution made (MADE_BY), counted once each: `institution-responses`
    finds its responders by index and pages them without expanding every statement."""

    statements_made: int | None = Field(default=None, description=AGGREGATE + (
        "the statements (distinct records) it made: `institution-responses` with restricted statements; "
        "null when none"))
    public_statements_made: int | None = Field(default=None, description=AGGREGATE + (
        "of those, the public ones: `institution-responses` without; null when none"))


FILED_LABEL = "FiledFact"
"""The LadybugDB node table that files the evidence queries' public answers (`FiledFact`)."""

FILED_LISTS = {
    "contested": ("name", "fields", "values", "value_sources", "sources", "paragraphs", "locators", "statuses", "as_of",
                  "citation_handling"),
    "single_source": ("name", "status", "sources", "citation_handling"),
    "uncertain": (),
    "follow_up": ("from_id", "to_id"),
}
"""Each filed list (the `<list>_rank` aggregate it files by) -> the columns of `FiledFact` its rows fill
(the columns its query returns besides fact, id and total; `uncertain-facts` reads the rest from the case,
`review-follow-up` from the review and the recommendation a row's RECOMMENDS link joins)."""


class FiledFact(BaseModel):
    """One row of an evidence query's public answer, filed by the build at its rank (LadybugDB only).

    LadybugDB has no secondary index: finding a page of `contested-facts`, `single-source-facts`,
    `uncertain-facts` or `review-follow-up` by its ranks (`FactAggregates`, `CaseAggregates`,
    `FollowUpOrder`) scanned every node and
    relationship table (a relationship's ends with it), several hundred ms at 100,000 cases. Each
    ranked fact is therefore also filed under the primary key `<list>:<rank>`, with the values its
    query returns (copies of the fact's own, made by `casegraph.graph.aggregates.filed_facts`), so a
    page is one primary-key lookup per row. Neo4j seeks its range indexes on the ranks instead.
    Not a fact: never exported, not in the JSON Schema; a store writes it beside each profile's graph.
    """

    key: str = Field(description="`<list>:<rank>`: the list (`FILED_LISTS`) and the fact's place in it (0, 1, ...)")
    total: int = Field(description="how many facts the list holds (the query's `total`)")
    fact: str = Field(description="the fact's label or relationship type")
    id: str = Field(description="the fact's id")
    name: str | None = Field(default=None, description="its name, title or summary; a relationship's `from -> to`")
    status: str | None = Field(default=None, description="its claim status")
    sources: list[str] | None = Field(default=None, description="its `citation_sources`")
    fields: list[str] | None = Field(default=None, description="its `contested_fields`")
    values: list[str] | None = Field(default=None, description="its `contested_values`")
    value_sources: list[str] | None = Field(default=None, description="its `contested_sources`")
    paragraphs: list[str] | None = Field(default=None, description="its `citation_paragraphs`")
    locators: list[str] | None = Field(default=None, description="its `citation_locators`")
    statuses: list[str] | None = Field(default=None, description="its `citation_statuses`")
    as_of: list[str] | None = Field(default=None, description="its `citation_as_of`")
    citation_handling: list[str] | None = Field(default=None, description=(
        "its `citation_handling`: the codes an answer's notice of handling code C counts"))
    from_id: str | None = Field(default=None, description="a relationship's start node id")
    to_id: str | None = Field(default=None, description="a relationship's end node id")
