"""What the chart views (tile map, matrices, timeline) read of each case, in one place.

For every case in a (public, filtered) graph: its title, boroughs (the
export rule, `graph.selection.cases_in_borough`: filed under the borough or
at a place in it, so a case can be in two), decades
(`graph.selection.decades_of`: the catalog's rule), first and last year,
the patterns it shows with the claim status of each, the claim statuses of
all its relationships, and where it is reported (every citation of the
case record). A claim counts as established when it is reported, charged or
convicted; alleged and inferred are not, and the charts mark them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from casegraph.graph.selection import cases_in_borough, decades_of
from casegraph.schemas.citations import contested_text
from casegraph.viz.facts import node_name, source_lines
from casegraph.viz.reading import nodes_of, sources_of

__all__ = ["CaseInfo", "case_infos", "ESTABLISHED", "established", "BOROUGH_COUNTING", "counted_caption"]

ESTABLISHED = {"reported", "charged", "convicted"}

BOROUGH_COUNTING = ("A case counts in every borough it is filed under or linked to through a place in it (such a "
                    "link may be inferred), so one case can count in several boroughs; the query cases-by-borough "
                    "counts each case once, where it is filed.")
"""What a chart's count of cases per borough counts (`CaseInfo.boroughs`), said by its caption."""


def counted_caption(own: str | None, made: str) -> str:
    """The caption of a chart that counts cases per borough: the caption `made` for it (which says
    `BOROUGH_COUNTING`), or a user's `own` (`--caption`) followed by `BOROUGH_COUNTING`, so that the
    picture, on its page and as a still, always says what its numbers count."""
    return f"{own} {BOROUGH_COUNTING}" if own else made


def established(status: str | None) -> bool:
    """True for a claim status that is more than an allegation or an inference."""
    return (status or "reported") in ESTABLISHED


@dataclass
class CaseInfo:
    id: str
    title: str
    boroughs: list[str]  # borough ids, sorted
    decades: list[int | None]  # [None] when the period is unknown
    start: int | None
    end: int | None  # None with a start: ongoing (open-ended)
    period: str  # as written; a contested one names which source gives which value (`contested_text`)
    status: str  # the case record's own claim status
    patterns: dict[str, str] = field(default_factory=dict)  # indicator id -> claim status of SHOWS
    statuses: set[str] = field(default_factory=set)  # claim statuses of every relationship of the case
    sources: list[str] = field(default_factory=list)  # every citation of the case record


def case_infos(graph: nx.MultiDiGraph, sources_graph: nx.MultiDiGraph | None = None) -> list[CaseInfo]:
    """Every case of `graph`, sorted by first year (unknown last), then id."""
    sources = sources_of(sources_graph if sources_graph is not None else graph)
    where: dict[str, list[str]] = {}
    for borough in sorted(nodes_of(graph, "Borough")):
        for case in cases_in_borough(graph, borough):
            where.setdefault(case, []).append(borough)
    out = []
    for case in nodes_of(graph, "CaseFile"):
        attrs = graph.nodes[case]
        info = CaseInfo(
            id=case, title=node_name(attrs), boroughs=where.get(case, []),
            decades=list(decades_of(attrs)) or [None], start=attrs.get("year_start"), end=attrs.get("year_end"),
            period=contested_text(attrs, "period", str(attrs.get("period") or "unknown")), status=attrs.get("status") or "reported",
            sources=source_lines(attrs, sources),
        )
        for _, target, data in graph.out_edges(case, data=True):
            if data.get("type") == "SHOWS":
                old = info.patterns.get(target)
                status = data.get("status") or "reported"
                info.patterns[target] = status if old is None or (established(status) and not established(old)) else old
        if not established(info.status):  # a pattern of an alleged case is no more than alleged
            info.patterns = {k: (v if not established(v) else info.status) for k, v in info.patterns.items()}
        for edges in (graph.out_edges(case, data=True), graph.in_edges(case, data=True)):
            info.statuses |= {data.get("status") or "reported" for _, _, data in edges}
        out.append(info)
    return sorted(out, key=lambda c: (c.start is None, c.start or 0, c.id))
