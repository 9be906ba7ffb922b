"""Source lineage and what it gives every fact: dated citations, current status, independent sources.

A source may be `derived_from` others (a newspaper that relied on a council
report; an article built on FOI answers). Lineage must be acyclic. Two cited
sources are **not independent** when they share an origin: a root of the
lineage (a source derived from nothing) that both are, or derive from,
directly or not. A fact's `independent_sources` is the number of groups its
cited sources fall into when every two sharing an origin are grouped
together: three newspapers repeating one council report count as one, and so
does an article cited next to the report it relied on.

A citation without `as_of` is dated by its source's publication date: that is
when the source says what it says. The current status is then the latest
established one (`schemas.citations.current_status`).

A citation counts once (`drop_repeated_citations`): the same source, paragraphs,
locator, quote, status and `as_of` stated twice for one fact, in one record or
in two records of it, is one citation, kept where it is first given, with a
warning; stated twice with two grades, it is an error.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from casegraph.loaders.columns import ColumnTable, Collected, Tables
from casegraph.loaders.merge import settle_contested
from casegraph.loaders.problems import Problem
from casegraph.loaders.unloaded import Unloaded
from casegraph.schemas.citations import CITATION_COLUMNS, FINALITY, current_status, grade_text
from casegraph.schemas.nodes import SourceDocument

__all__ = ["citation_field", "citation_at", "check_citation_sources", "drop_repeated_citations", "derive_citations",
           "origins", "independent_count", "cite_status", "SAME_CITATION"]

SAME_CITATION = ("citation_sources", "citation_paragraphs", "citation_locators", "citation_quotes",
                 "citation_statuses", "citation_as_of")
"""What two citations of one fact share to be one citation (as written: an undated one is not one dated)."""


def citation_field(given: Iterable[str], index: int, name: str) -> str:
    """How a data file names field `name` of a record's citation `index`: on the record (the
    one-citation form, always first) or `citations.N.name`."""
    if "source" in given:
        if index == 0:
            return name
        index -= 1
    return f"citations.{index}.{name}"


def citation_at(table: ColumnTable, row: int, index: int) -> tuple[str, int | None]:
    """The field naming the source of citation `index` of `row` (as `citation_field` gives it) and its line."""
    origin = table.origin(row)
    field = citation_field(table.given_fields(row), index, "source")
    return field, origin.line_of(field)


def check_citation_sources(collected: Collected, unloaded: Unloaded | None = None) -> list[Problem]:
    """Every citation names a source document of this load.

    Run before records merge, so a problem points at the record that made it. A source whose own
    record failed to load (`unloaded`) is not unknown: its problem is reported
    already, and a follow-on error at every fact citing it would bury that one."""
    sources = collected.nodes.get(SourceDocument.label)
    known = set(sources["id"]) if sources is not None else set()
    problems = []
    for table in (*collected.nodes.values(), *collected.rels.values()):
        if "citation_sources" not in table.values:
            continue
        for row, cited in enumerate(table["citation_sources"]):
            if all(source in known for source in cited):
                continue
            for index, source in enumerate(cited):
                if source not in known and not (unloaded is not None and unloaded.covers(source)):
                    field, line = citation_at(table, row, index)
                    origin = table.origin(row)
                    problems.append(Problem(origin.file, line, origin.name, field,
                        f"unknown source {source!r}: expected the id of a source document (kind: source)"))
    return problems


def drop_repeated_citations(tables: Tables, more: Iterable[ColumnTable] = ()) -> tuple[list[Problem], list[Problem]]:
    """Keep each citation of a fact once, in place: `(errors, warnings)`.

    A citation stated again for the same fact (`SAME_CITATION`: one record listing it twice, or two
    records of one fact each giving it) would count twice: in citation counts (`case-detail`), in
    the citation lists of exports, tooltips and dossiers, in what a single-source fact is. It is kept
    where it is first given, with one warning for it naming the record, and the citation's own field
    and line for a fact stated by one record (else the record's line and where the fact is stated
    again). Given again with another 3x5x2 grade (reliability, credibility, handling), which grade
    holds is for the editor to say: an error. Run after records merge (`merge_rows`), before
    `derive_citations`; `more` (the public versions of facts, `loaders/public_versions.py`) are kept
    once without a word: their facts' warnings are said."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for table, said in (*((t, True) for t in tables.all()), *((t, False) for t in more)):
        if "citation_sources" not in table.values:
            continue
        values = table.values
        for row, cited in enumerate(values["citation_sources"]):
            if len(cited) < 2:
                continue
            keys = list(zip(*(values[name][row] for name in SAME_CITATION)))
            if len(set(keys)) == len(keys):
                continue
            given: dict[tuple, list[int]] = {}  # a citation -> where the fact gives it
            for index, key in enumerate(keys):
                given.setdefault(key, []).append(index)
            if said:
                for at in given.values():
                    if len(at) > 1:
                        _repeated(table, row, at, errors, warnings)
            keep = sorted(at[0] for at in given.values())
            for name in CITATION_COLUMNS:  # new lists: stored lists are shared between records
                values[name][row] = [values[name][row][i] for i in keep]
    return errors, warnings


def _grade(table: ColumnTable, row: int, index: int) -> str:
    return grade_text({name: table.values[f"citation_{name}"][row][index]
                       for name in ("reliability", "credibility", "handling")}) or "not graded"


def _repeated(table: ColumnTable, row: int, at: list[int], errors: list[Problem], warnings: list[Problem]) -> None:
    """Say that `row` gives one citation at each index of `at`: an error if graded otherwise, else a warning
    (`drop_repeated_citations`)."""
    origin = table.origin(row)
    source = table.values["citation_sources"][row][at[0]]
    if table.restated.get(row):  # several records: which one gave which citation is not kept
        field, line, where = None, origin.line, table.also_stated(row)
    else:
        (field, line), *others = (citation_at(table, row, index) for index in reversed(at))
        where = " (also as " + ", ".join(f"{name} at line {number}" for name, number in reversed(others)) + ")"
    said = f"source {source!r} is cited {len(at)} times for this fact with the same paragraphs, locator, quote, " \
           f"status and as_of{where}"
    grades = list(dict.fromkeys(_grade(table, row, index) for index in at))
    if len(grades) > 1:
        errors.append(Problem(origin.file, line, origin.name, field, f"{said}, graded otherwise ({', '.join(grades)}): "
                                                                     "expected one citation with one grade; give it once"))
    else:
        warnings.append(Problem(origin.file, line, origin.name, field,
                                f"{said}: kept once (a citation counts once); give it once"))


def origins(tables: Tables) -> tuple[dict[str, frozenset[str]], list[Problem]]:
    """Each source's origins (the roots of its lineage; itself if derived from nothing), and the
    problems of the lineage: a `derived_from` naming no source, a cycle."""
    sources = tables.nodes.get(SourceDocument.label)
    if sources is None:
        return {}, []
    parents = dict(zip(sources["id"], sources["derived_from"]))
    rows = {source: row for row, source in enumerate(sources["id"])}
    problems: list[Problem] = []
    for source, named in parents.items():
        for parent in named or ():
            if parent not in parents:
                origin = sources.origin(rows[source])
                problems.append(Problem(origin.file, origin.line_of("derived_from"), source, "derived_from",
                    f"unknown source {parent!r}: expected the id of a source document (kind: source)"))
    found: dict[str, frozenset[str]] = {}
    for source in parents:
        _walk(source, parents, found, [], rows, sources, problems)
    return found, problems


def _walk(source, parents, found, path, rows, sources, problems) -> frozenset[str]:
    if source in found:
        return found[source]
    if source in path:
        cycle = path[path.index(source):] + [source]
        if source == min(cycle):  # report each cycle once, at its smallest id
            origin = sources.origin(rows[source])
            problems.append(Problem(origin.file, origin.line_of("derived_from"), source, "derived_from",
                f"derived_from cycle: {' -> '.join(cycle)}: expected a lineage without cycles"))
        return frozenset()
    known = [p for p in parents.get(source) or () if p in parents]
    path.append(source)
    roots = frozenset().union(*(_walk(p, parents, found, path, rows, sources, problems) for p in known)) \
        if known else frozenset((source,))
    path.pop()
    found[source] = roots or frozenset((source,))
    return found[source]


def independent_count(cited: Iterable[str], roots: dict[str, frozenset[str]]) -> int:
    """How many groups of mutually dependent sources `cited` falls into (see the module docstring)."""
    groups: list[set[str]] = []
    for source in dict.fromkeys(cited):
        mine = set(roots.get(source, (source,)))
        touching = [g for g in groups if g & mine]
        for group in touching:
            mine |= group
            groups.remove(group)
        groups.append(mine)
    return len(groups)


def derive_citations(tables: Tables, more: Iterable[ColumnTable] = ()) -> tuple[list[Problem], list[Problem]]:
    """Date every citation, set each fact's current status (with its date and source, and the record's
    `source`/`paragraphs`/`locator`/`quote` those of the citation giving it) and independent-source count,
    and put each fact's citations in date order, in place, in `tables` and in `more` tables of facts
    (the public versions, `loaders/public_versions.py`), by the lineage of `tables`' sources.

    Returns (errors, warnings): the lineage's errors (`origins`), and a warning for each citation of a fact
    in `tables` that gives a legal status other than the current one with no date at all (no `as_of`, a
    source with no publication date): it sorts before every dated citation, so its status loses, though
    it may be the latest word (`acquitted`, undated, against `charged` in 2017)."""
    roots, problems = origins(tables)
    warnings: list[Problem] = []
    checked = {id(table) for table in tables.all()}
    sources = tables.nodes.get(SourceDocument.label)
    published = dict(zip(sources["id"], sources["published"])) if sources is not None else {}
    cache: dict[tuple, tuple] = {}
    for table in (*tables.all(), *more):
        if "citation_sources" not in table.values:
            continue
        columns = [table[name] for name in ("citation_sources", "citation_statuses", "citation_as_of",
                                            "status", "status_as_of", "status_source", "independent_sources")]
        cited_col, status_col, as_of_col, status, status_as_of, status_source, independent = columns
        contested = table.values.get("contested_fields")
        for row, key in enumerate(zip(cited_col, status_col, as_of_col)):
            key = tuple(map(tuple, key))
            result = cache.get(key)
            if result is None:
                cited, statuses, dates = key
                dates = tuple(d or published.get(s) or "" for s, d in zip(cited, dates))
                best = current_status(statuses, dates)
                result = cache[key] = (list(dates), statuses[best], dates[best], cited[best],
                                       independent_count(cited, roots), best,
                                       [i for i, (s, d) in enumerate(zip(statuses, dates))
                                        if not d and s != statuses[best] and FINALITY.get(s, 0) >= _LEGAL])
            as_of_col[row], status[row], status_as_of[row], status_source[row], independent[row], best, undated = result
            if undated and id(table) in checked:
                warnings.extend(_undated(table, row, index, key, result) for index in undated)
            if len(key[0]) > 1:
                best = _in_date_order(table, row, best)
                cite_status(table, row, best)
            if contested and contested[row]:
                settle_contested(table, row)
    return problems, warnings


_LEGAL = FINALITY["alleged"]
"""The least legal status: from here on a status is established (`current_status`)."""


def _undated(table: ColumnTable, row: int, index: int, key: tuple, result: tuple) -> Problem:
    """The warning for citation `index` of `row`, undated and giving a status that is not the current one."""
    cited, statuses, _ = key
    origin = table.origin(row)
    if table.restated.get(row):  # several records: which one gave which citation is not kept
        field, line, where = None, origin.line, table.also_stated(row, "citations")
    else:
        (field, line), where = citation_at(table, row, index), ""
    return Problem(origin.file, line, origin.name, field,
                   f"source {cited[index]!r}{where} gives status {statuses[index]!r} with no date (no as_of, and the source "
                   f"has no publication date), so it sorts before every dated citation: the current status is "
                   f"{result[1]!r}{f' as of {result[2]}' if result[2] else ''} per {result[3]!r}; give the citation "
                   f"an as_of")


def _in_date_order(table: ColumnTable, row: int, best: int) -> int:
    """Put `row`'s citations in date order (undated last; equal dates keep load order), so a fact's
    status history reads in order on every engine, whatever the order of files; returns where
    citation `best` went. New lists: stored lists are shared between records."""
    dates = table.values["citation_as_of"][row]
    order = sorted(range(len(dates)), key=lambda i: (dates[i] == "", dates[i]))
    if order == sorted(order):
        return best
    for name in CITATION_COLUMNS:
        column = table.values[name]
        column[row] = [column[row][i] for i in order]
    return order.index(best)


def cite_status(table: ColumnTable, row: int, best: int) -> None:
    """The record's own `source`, `paragraphs`, `locator` and `quote` become those of citation `best`,
    the one that gives the current status: every output that shows a status beside a source and a
    quote then shows the source that said it, never another citation's words."""
    values = table.values
    paragraphs = values["citation_paragraphs"][row][best]
    picked = {"source": values["citation_sources"][row][best],
              "paragraphs": _paragraph_list(paragraphs),
              "locator": values["citation_locators"][row][best] or None,
              "quote": values["citation_quotes"][row][best] or None}
    for name, value in picked.items():
        if name in values:
            values[name][row] = value


@lru_cache(maxsize=4096)
def _paragraph_list(paragraphs: str) -> list[int]:
    """`"3,4"` -> `[3, 4]`, one list for every record citing the same paragraphs (stored lists are
    never changed in place; a large load holds hundreds of thousands)."""
    return [int(p) for p in paragraphs.split(",") if p]
