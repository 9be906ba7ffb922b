"""Build a dossier from a (selected, profiled) graph: what is stated, and on what source.

Sections: the cases (each with its boroughs, places, people and
institutions, indicators, reviews and statements), a timeline, the
boroughs, the institutions and their responses, the patterns casegraph
finds (recurring indicators, groups of similar cases, bridges between
boroughs), and the sources. Every fact cites the record it comes from;
a pattern cites the relationships it is computed from.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Callable, Iterator

import networkx as nx

from casegraph.analysis import borough_bridges, case_communities, case_features
from casegraph.exports.base import conditional_citations, refuse_unfit, refuse_unfit_graph
from casegraph.reports.model import Citation, Dossier, Fact, Section
from casegraph.schemas.citations import cited_sources, contested_of, contested_text, partial_of, stating_sources
from casegraph.schemas.common import as_stated
from casegraph.schemas.nodes import CaseFile
from casegraph.reports.wording import involvement, name_of, outcome_words, response_words, statement_kind
from casegraph.schemas.words import counted, plural

__all__ = ["build_dossier"]

TIMED = ("CaseFile", "Investigation", "Review", "Statement")
_STATEMENT_SHOWN = ("statement_type", "period", "summary")
"""What a statement's line shows of the statement: its citations are those of the sources stating one."""
CITING_SHOWN = 100
"""The most facts a source's dossier lists as citing it (the explorer's entity page shows as many a
page): a source a whole investigation rests on is cited by thousands; the rest are an export away."""


class _Graph:
    """Small read helpers over the projected graph."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.g = graph

    def label(self, node: str) -> str:
        return self.g.nodes[node].get("label", "")

    def props(self, node: str) -> dict[str, Any]:
        return self.g.nodes[node]

    def name(self, node: str) -> str:
        return name_of(self.props(node))

    def of_label(self, label: str) -> list[str]:
        nodes = [n for n, a in self.g.nodes(data=True) if a.get("label") == label]
        return sorted(nodes, key=lambda n: (self.props(n).get("year_start") is None,
                                            self.props(n).get("year_start") or 0, n))

    def out(self, node: str, rel_type: str, label: str | None = None) -> Iterator[tuple[str, dict]]:
        for _, other, attrs in sorted(self.g.out_edges(node, data=True), key=lambda e: (e[1], e[2]["id"])):
            if attrs.get("type") == rel_type and (label is None or self.label(other) == label):
                yield other, attrs

    def into(self, node: str, rel_type: str, label: str | None = None) -> Iterator[tuple[str, dict]]:
        for other, _, attrs in sorted(self.g.in_edges(node, data=True), key=lambda e: (e[0], e[2]["id"])):
            if attrs.get("type") == rel_type and (label is None or self.label(other) == label):
                yield other, attrs


def _fact(text: str, *records: dict[str, Any], detail: str | None = None,
          status_from: dict[str, Any] | None = None, fields: tuple[str, ...] = ()) -> Fact:
    """A fact citing `records`, worded for the status of `status_from` (default: the first record).

    `detail` is the data's own words; the record's quote is added to it. `fields`: the first record's
    fields the fact shows; it then cites only that record's citations whose source states one of them
    (`_credited`), never a restatement's that left them out.
    """
    basis_record = status_from if status_from is not None else records[0]
    quote = basis_record.get("quote")
    if quote:
        detail = (detail + "; " if detail else "") + f"quote: \u201c{quote}\u201d"
    if len(basis_record.get("citation_sources") or ()) > 1 and basis_record.get("status_source"):
        # the status's own source and date: its quote (above) is that citation's (loaders/lineage.py)
        when = f" as of {basis_record['status_as_of']}" if basis_record.get("status_as_of") else ""
        detail = (detail + "; " if detail else "") + \
            f"current status {basis_record.get('status')}{when}, per {basis_record['status_source']}"
    cited = _credited(records[0], *fields) + [c for r in records[1:] for c in Citation.all_of(r)]
    return Fact(text, cited, basis_record.get("status"), basis_record.get("basis"), detail)


def _credited(props: dict[str, Any], *fields: str) -> list[Citation]:
    """The citations of a record whose source states one of `fields` (`stating_sources`, the one rule);
    every citation when no field is named (the record itself: a link, a node's existence)."""
    cited = Citation.all_of(props)
    if not fields:
        return cited
    stating = {source for field in fields for source in stating_sources(props, field)}
    return [c for c in cited if c.source in stating]


def _stated(props: dict[str, Any], field: str, shown: str | None = None) -> str | None:
    """The value of `field` (`shown`: as worded), saying which source gives it where not every source the
    record cites gives this one value: `x per a; contested: also y per b` (`contested_text`), `x (per a)`
    (a field only some state, `stating_sources`); else the value alone; None without a value."""
    value = props.get(field)
    if value is None:
        return None
    shown = str(value) if shown is None else shown
    worded = contested_text(props, field, shown)
    stating = stating_sources(props, field)
    if worded != shown or len(stating) == len(set(cited_sources(props))):
        return worded
    return f"{shown} (per {', '.join(stating)})"


def _period(props: dict[str, Any]) -> str:
    """The period as shown; where sources disagree, each value with the sources that give it
    (`contested_text`: `2020 per a, b; contested: also 2019 per c`)."""
    period = props.get("period")
    return contested_text(props, "period", "period unknown" if period in (None, "unknown") else str(period))


def _competing(props: dict[str, Any], field: str) -> list[tuple[Any, list[str]]]:
    """The competing values of a contested `field` of a record, each with its sources ([] if not contested)."""
    return [(json.loads(c["value"]), c["sources"]) for c in contested_of(props) if c["field"] == field]


def _field_facts(text: str, props: dict[str, Any], field: str, shown: str,
                 words: Callable[[Any], str] = str) -> list[Fact]:
    """`text: shown`, citing the record; where sources disagree on `field`, one fact per competing
    value (in `words`), each citing only the citations of the sources that give it, marked contested."""
    competing = _competing(props, field)
    if not competing:
        return [_fact(f"{text}: {shown}", props, fields=(field,))]
    cited = Citation.all_of(props)
    facts = []
    for value, sources in competing:
        mark = "shown" if value == props.get(field) else "also stated"
        facts.append(Fact(f"{text} (contested, {mark})", [c for c in cited if c.source in sources],
                          props.get("status"), props.get("basis"),
                          f"{words(value)}; per {', '.join(sources)}; sources disagree on this value"))
    return facts


def _case_section(G: _Graph, case: str) -> Section:
    props = G.props(case)
    title = str(props.get("title", case))
    period = _period(props)
    plain = str(props.get("period"))
    section = Section(title + (f" ({period})" if plain not in title else
                               f" ({period[len(plain):].lstrip()})" if period != plain else ""))
    if _competing(props, "summary"):
        section.facts.extend(_field_facts("Summary", props, "summary", ""))
    else:
        section.facts.append(_fact("Summary", props, detail=props.get("summary"), fields=("summary",)))
    if props.get("outcomes") or _competing(props, "outcomes"):
        section.facts.extend(_field_facts("Outcome reported by the source", props, "outcomes",
                                          outcome_words(props.get("outcomes") or []), outcome_words))
    count = props.get("victims_reported")
    if count is not None:
        section.facts.extend(_field_facts("Victims reported", props, "victims_reported",
                                          as_stated(props, CaseFile, "victims_reported", str(count))))
    for borough, rel in G.out(case, "IN_BOROUGH"):
        section.facts.append(_fact(f"Borough: {G.name(borough)}", rel))
    for place, rel in G.out(case, "AT_PLACE"):
        role = f" ({rel['role']})" if rel.get("role") else ""
        section.facts.append(_fact(f"Place: {G.name(place)}{role}", rel))
    for other, rel in G.out(case, "INVOLVES"):
        text = involvement(G.name(other), rel.get("role", "other"), rel.get("status"))
        section.facts.append(_fact(text, rel, detail=_stated(rel, "description")))
    for indicator, rel in G.out(case, "SHOWS"):
        section.facts.append(_fact(f"Pattern: {G.name(indicator)}", rel))
    for examiner, rel in G.into(case, "EXAMINED"):
        kind = G.label(examiner).lower()
        section.facts.append(_fact(f"Examined by the {kind} \u201c{G.name(examiner)}\u201d ({_period(G.props(examiner))})", rel))
    for statement, rel in G.into(case, "ABOUT", "Statement"):
        speakers = ", ".join(G.name(s) for s, _ in G.out(statement, "MADE_BY"))
        sprops = G.props(statement)
        kind = statement_kind(sprops.get("statement_type"))
        if kind == "declined to comment":
            text = f"{speakers or 'Someone'} declined to comment ({_period(sprops)})"
        else:
            text = f"{kind.capitalize()}{' by ' + speakers if speakers else ''} ({_period(sprops)})"
        section.facts.append(_fact(text, sprops, rel, detail=sprops.get("summary"), fields=_STATEMENT_SHOWN))
    return section


def _timeline(G: _Graph) -> Section:
    section = Section("Timeline", intro="Cases, investigations, reviews and statements by year; "
                                        "entries whose period the source does not give come last.")
    entries = [n for label in TIMED for n in G.of_label(label)]
    entries.sort(key=lambda n: (G.props(n).get("year_start") is None, G.props(n).get("year_start") or 0,
                                TIMED.index(G.label(n)), n))
    for node in entries:
        props = G.props(node)
        kind = {"CaseFile": "Case"}.get(G.label(node), G.label(node))
        section.facts.append(_fact(f"{_period(props)} \u2014 {kind}: {G.name(node)}", props, fields=("period",)))
    return section


def _boroughs(G: _Graph) -> Section:
    section = Section("Boroughs")
    for borough in sorted(G.of_label("Borough")):
        cases = list(G.into(borough, "IN_BOROUGH", "CaseFile"))
        if not cases:
            continue
        props = G.props(borough)
        where = ", ".join(str(props[k]) + (" London" if k == "inner_outer" else "")
                          for k in ("inner_outer", "sub_region") if props.get(k))
        sub = Section(f"{props.get('name', borough)}" + (f" ({where})" if where else ""))
        sub.facts.append(_fact(f"{props.get('name')}: {props.get('region', '')} local authority, "
                               f"GSS code {props.get('gss_code', 'unknown')}", props, fields=("name", "region", "gss_code")))
        for case, rel in cases:
            sub.facts.append(_fact(f"Case: {G.name(case)} ({_period(G.props(case))})", rel))
        section.sections.append(sub)
    return section


def _responses(G: _Graph) -> Section:
    section = Section("Institutions and their responses", intro=(
        "What each institution (or person speaking for one) is recorded as doing: its part in cases, "
        "its statements (including refusals to comment), the reviews it commissioned or carried out, "
        "and what it says it did about their recommendations."))
    responders = sorted({n for n in G.g if G.label(n) in ("Institution", "Person")
                         and (any(True for _ in G.into(n, "MADE_BY"))
                              or (G.label(n) == "Institution" and any(True for _ in G.into(n, "INVOLVES"))))
                         }, key=lambda n: G.name(n).casefold())
    for node in responders:
        sub = Section(G.name(node))
        for case, rel in G.into(node, "INVOLVES", "CaseFile"):
            sub.facts.append(_fact(involvement(G.name(node), rel.get("role", "other"), rel.get("status"), G.name(case)),
                                   rel))
        for statement, rel in G.into(node, "MADE_BY", "Statement"):
            sprops = G.props(statement)
            kind = statement_kind(sprops.get("statement_type"))
            text = f"{'Declined to comment' if kind == 'declined to comment' else kind.capitalize()} ({_period(sprops)})"
            sub.facts.append(_fact(text, sprops, rel, detail=sprops.get("summary"), status_from=sprops,
                                   fields=_STATEMENT_SHOWN))
            for target, resp in G.out(statement, "RESPONDS_TO"):
                words = response_words(resp.get("response"))
                said = _stated(resp, "response", words)
                sub.facts.append(_fact(f"{words} \u201c{G.name(target)}\u201d", resp,
                                       detail=said if said != words else None))
        for rel_type, verb in (("COMMISSIONED_BY", "Commissioned"), ("CONDUCTED_BY", "Carried out")):
            for work, rel in G.into(node, rel_type):
                role = f" ({rel['role']})" if rel.get("role") and rel["role"] != "commissioned" else ""
                sub.facts.append(_fact(f"{verb} the {G.label(work).lower()} \u201c{G.name(work)}\u201d "
                                       f"({_period(G.props(work))}){role}", rel))
                for recommendation, rec in G.out(work, "RECOMMENDS"):
                    sub.facts.append(_fact(f"It recommended: {G.name(recommendation)}", rec))
        if sub.facts:
            section.sections.append(sub)
    return section


def _edges_between(G: _Graph, nodes: set[str], others: set[str]) -> list[dict]:
    found = []
    for node in nodes:
        for u, v, attrs in list(G.g.out_edges(node, data=True)) + list(G.g.in_edges(node, data=True)):
            if (v if u == node else u) in others:
                found.append(attrs)
    return found


def _patterns(G: _Graph) -> Section:
    section = Section("Patterns", intro=(
        "casegraph's analysis of the cases above, not statements of the source: each line cites the "
        "sourced relationships it is computed from."))
    features = case_features(G.g)
    recurring = Section("Recurring indicators")
    for indicator in sorted(G.of_label("Indicator")):
        shows = list(G.into(indicator, "SHOWS", "CaseFile"))
        if len(shows) < 2:
            continue
        cases = {c for c, _ in shows}
        boroughs = sorted({G.name(b) for c in cases for b in features[c].boroughs})
        decades = sorted({d for c in cases for d in features[c].decades})
        text = (f"{G.name(indicator)}: in {counted(len(cases), 'case')}, {counted(len(boroughs), 'borough')} "
                f"({', '.join(boroughs) or 'none recorded'}), decades: "
                f"{', '.join(f'{d}s' for d in decades) or 'unknown'}")
        recurring.facts.append(Fact(text, [c for _, rel in shows for c in Citation.all_of(rel)]))
    recurring.facts.sort(key=lambda f: -len(f.citations))
    section.sections.append(recurring)
    groups = Section("Groups of similar cases", intro=(
        "Cases that share indicators, places, people or institutions, grouped by community "
        "detection (Louvain) on their similarity."))
    for community in case_communities(G.g):
        if len(community.cases) < 2:
            continue
        shared = {n for nodes in community.shared.values() for n in nodes}
        cites = [c for r in _edges_between(G, set(community.cases), shared) for c in Citation.all_of(r)]
        text = (f"Group {community.id}: {', '.join(G.name(c) for c in community.cases)}; across "
                f"{counted(len(community.boroughs), 'borough')} and {counted(len(community.decades), 'decade')}; shared: "
                f"{', '.join(sorted(G.name(n) for n in shared))}")
        if cites:
            groups.facts.append(Fact(text, cites))
    section.sections.append(groups)
    bridges = Section("Bridges between boroughs", intro=(
        "People, places, institutions and cases linked to more than one borough; pairs of boroughs "
        "that do not share a boundary first."))
    for bridge in sorted(borough_bridges(G.g), key=lambda b: (b.neighbours, -len(b.via), b.a, b.b))[:15]:
        cites = [c for r in _edges_between(G, set(bridge.via), set(G.g)) for c in Citation.all_of(r)]
        text = (f"{G.name(bridge.a)} \u2013 {G.name(bridge.b)}"
                f"{' (neighbouring)' if bridge.neighbours else ' (not neighbours)'}: linked through "
                f"{', '.join(G.name(v) for v in bridge.via)}")
        if cites:
            bridges.facts.append(Fact(text, cites))
    section.sections.append(bridges)
    return section


def _source_of(G: _Graph, selection: dict[str, Any]) -> str | None:
    """The source document the dossier is about: the selection is around one node, and it is a source."""
    from casegraph.graph.selection import SelectionError, resolve_node

    around = selection.get("around") or []
    if len(around) != 1 or len(selection) != 1:
        return None
    try:
        node = resolve_node(G.g, around[0]["node"])
    except SelectionError:
        return None
    return node if G.label(node) == "Source" else None


def _citing(G: _Graph, source: str) -> Section:
    """The facts citing `source` (records, cases first, then relationships; by id), each with that source's
    citations alone (its paragraphs and quote), the first `CITING_SHOWN` of them."""
    def own(record: dict[str, Any]) -> list[Citation]:
        return [c for c in Citation.all_of(record) if c.source == source]

    nodes = sorted((n for n in G.g if n != source and own(G.props(n))),
                   key=lambda n: (G.label(n) != "CaseFile", n))
    edges = sorted(((u, v, a) for u, v, a in G.g.edges(data=True) if own(a)), key=lambda e: e[2].get("id", ""))
    total = len(nodes) + len(edges)
    shown = f"the first {CITING_SHOWN} of {total}" if total > CITING_SHOWN else f"{total}"
    section = Section(f"Facts citing {G.name(source)}", intro=(
        f"What this source states: {shown} {plural(total, 'fact')} citing it, each with the paragraphs "
        "it cites" + (f" (`casegraph export --around {source}` writes them all)." if total > CITING_SHOWN else ".")))
    kinds = {"CaseFile": "Case"}
    for node in nodes[:CITING_SHOWN]:
        props = G.props(node)
        missed = [name.replace("_", " ") for sources, names in partial_of(props) if source not in sources
                  for name in names]
        section.facts.append(Fact(f"{kinds.get(G.label(node), G.label(node))}: {G.name(node)}", own(props),
                                  props.get("status"), props.get("basis"),
                                  f"not stated by this source: {', '.join(missed)}" if missed else None))
    for u, v, attrs in edges[:max(0, CITING_SHOWN - len(nodes))]:
        words = str(attrs.get("type", "")).replace("_", " ").lower()
        missed = [name.replace("_", " ") for sources, names in partial_of(attrs) if source not in sources
                  for name in names]
        section.facts.append(Fact(f"{G.name(u)} \u2014{words}\u2014 {G.name(v)}", own(attrs),
                                  attrs.get("status"), attrs.get("basis"),
                                  f"not stated by this source: {', '.join(missed)}" if missed else None))
    return section


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={_plain(v)}" for k, v in value.items())
    return str(value)


def _says(section: Section) -> bool:
    """A section with a fact in it or in a subsection (an empty one is left out, not printed bare)."""
    return bool(section.facts) or any(_says(sub) for sub in section.sections)


def _title(G: _Graph, selection: dict[str, Any]) -> str:
    """The person, case, institution or borough a dossier is about, when the selection names exactly one."""
    from casegraph.graph.selection import SelectionError, resolve_node

    source = _source_of(G, selection)
    if source:
        return f"{G.name(source)}: casegraph dossier of a source"
    for key, label in (("people", "Person"), ("cases", "CaseFile"), ("institutions", "Institution"),
                       ("boroughs", "Borough")):
        refs = selection.get(key) or []
        if len(refs) == 1 and len(selection) == 1:
            try:
                return f"{G.name(resolve_node(G.g, refs[0], label))}: casegraph dossier"
            except SelectionError:
                break
    return "casegraph dossier"


def build_dossier(graph: nx.MultiDiGraph, meta) -> Dossier:
    """The dossier of a graph (already selected and profiled); `meta` is an ExportMeta.

    Raises ExportError for a value no page can hold (see `refuse_unfit_graph`).
    """
    refuse_unfit_graph(graph)
    refuse_unfit("the selection", meta.selection)
    meta = replace(meta, conditional=conditional_citations(graph))  # its notice, as every export's says
    G = _Graph(graph)
    cases = G.of_label("CaseFile")
    cases_section = Section("Cases", intro=f"{counted(len(cases), 'case record')}.",
                            sections=[_case_section(G, c) for c in cases])
    selection = meta.selection
    source = _source_of(G, selection)
    sections = [s for s in (_citing(G, source) if source else None, cases_section, _timeline(G), _boroughs(G),
                            _responses(G), _patterns(G)) if s is not None and _says(s)]
    scope = [
        "Selection: " + ("the whole graph" if selection.get("whole_graph") else
                         "; ".join(f"{k}: {_plain(v)}" for k, v in selection.items())),
        f"Profile: {meta.profile}. {meta.notice}",
        f"{counted(graph.number_of_nodes(), 'node')} and {counted(graph.number_of_edges(), 'relationship')}.",
        "Wording follows each fact's claim status: allegations are worded as allegations, a charge is "
        "not a conviction, and facts casegraph inferred say so and why. Numbers in brackets cite "
        "the source and paragraph.",
    ]
    sources = {n: dict(a) for n, a in graph.nodes(data=True) if a.get("label") == "Source"}
    title = _title(G, selection) + (" \u2014 RESTRICTED" if meta.restricted else "")
    return Dossier(title, meta.profile, meta.notice, scope, sections, sources)
