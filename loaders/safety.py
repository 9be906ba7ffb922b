"""Publication safety: checks that keep identifying detail out of public text.

Two checks, run on the resolved tables before anything is written:

- `check_publication_safety`: the public text of every case (every case is
  about abused children, whether or not the data has a victim record), of
  every record linked to a case or to a restricted person, its id, the
  relationships between such records and the sources they cite are scanned
  with the rules of the reviewed data file `schemas/publication-safety.yaml`
  (individual ages, family relations, names of schools, health terms). A hit
  is an error with file, line, record and field, unless the record carries an
  editorial exception (`safety_exception_by`, `_on`, `_reason`).
- `restrict_restricted_citations`: a public record citing a restricted source
  becomes restricted (a citation of a restricted source is itself restricted),
  with a warning saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from casegraph.loaders.columns import ColumnTable, Tables
from casegraph.loaders.problems import Problem
from casegraph.schemas import schema

__all__ = ["Rule", "RULES_FILE", "load_rules", "check_publication_safety", "restrict_restricted_citations"]

RULES_FILE = Path(__file__).resolve().parent.parent / "schemas" / "publication-safety.yaml"
if not RULES_FILE.exists():  # installed: schemas/ is the package casegraph.schemas
    from casegraph import schemas as _schemas

    RULES_FILE = Path(_schemas.__file__).resolve().parent / "publication-safety.yaml"

_RESTRICTED = "restricted"
_REFERENCE_LABELS = frozenset(("Borough", "Indicator", "Source"))
"""Reference data: linked to every case, describing no person."""
_NOT_TEXT = frozenset(("id", "from", "to", "source", "period", "published", "url", "locator",
                       "derived_from", "text_file", "sha256"))
_ID_SEPARATORS = re.compile(r"[-_.]+")


@dataclass(frozen=True)
class Rule:
    """One rule of the rules file: an id, what it protects, its compiled patterns."""

    id: str
    what: str
    patterns: tuple[re.Pattern, ...] = ()
    place_types: tuple[str, ...] = ()


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """The rules of a publication-safety file. Raises ValueError naming the file and the bad rule."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    for number, item in enumerate(data.get("rules") or [], start=1):
        try:
            patterns = tuple(re.compile(p, re.IGNORECASE) for p in item.get("patterns") or ())
            rules.append(Rule(item["id"], item["what"], patterns, tuple(item.get("place_types") or ())))
        except (KeyError, re.error) as error:
            raise ValueError(f"{path}: rule {number}: {error}") from None
    return tuple(rules)


def _problem(table: ColumnTable, row: int, field: str, message: str) -> Problem:
    origin = table.origin(row)
    return Problem(origin.file, origin.line_of(field), origin.name, field, message)


@cache
def _text_fields(name: str) -> tuple[str, ...]:
    """A table's public free-text fields (not ids, dates, enumerations or restricted text)."""
    names = [c.name for c in schema().columns_of(name)
             if c.type.startswith("STRING") and not c.choices and not c.restricted and c.name not in _NOT_TEXT]
    return tuple(sorted(names, key=lambda n: n.startswith("citation_")))  # a record's own field first


def _linked(tables: Tables) -> tuple[set[str], set[str]]:
    """(centres: restricted people and every case; the nodes scanned: the cases, every neighbour of a
    centre, and every source that a centre, a scanned node or a relationship of either cites).

    Every case, not only those with a victim record: a case summary naming a child's school identifies
    her whether or not the data records her."""
    people = tables.nodes.get("Person")
    restricted = {i for i, s in zip(people["id"], people["sensitivity"]) if s == _RESTRICTED} if people else set()
    cases = set(tables.nodes["CaseFile"]["id"]) if "CaseFile" in tables.nodes else set()
    centres = restricted | cases
    scanned = set(cases)
    for table in tables.rels.values():
        for a, b in zip(table["from"], table["to"]):
            if a in centres:
                scanned.add(b)
            if b in centres:
                scanned.add(a)
    scanned -= _reference_ids(tables)
    return centres, scanned | _cited(tables, centres | scanned)


def _reference_ids(tables: Tables) -> set[str]:
    """The ids of reference nodes (boroughs, indicators, sources): linked to everything, about no one."""
    return {i for label in _REFERENCE_LABELS if label in tables.nodes for i in tables.nodes[label]["id"]}


def _cited(tables: Tables, records: set[str]) -> set[str]:
    """The sources cited by these records or by a relationship touching one: a source's title and
    description are public text shown with the fact that cites it."""
    cited: set[str] = set()
    for table in tables.all():
        if table.name in _REFERENCE_LABELS or "source" not in table.values:
            continue
        lists = table["citation_sources"] if "citation_sources" in table.values else None
        ends = ((i, i) for i in table["id"]) if not table.is_rel else zip(table["from"], table["to"])
        for row, (a, b) in enumerate(ends):
            if a in records or b in records:
                cited.update(lists[row] or () if lists is not None else (table["source"][row],))
    return cited


def _matcher(tables: Tables, rule: Rule) -> re.Pattern | None:
    """One pattern for a rule: its own patterns and the names of the places of its types."""
    parts = [p.pattern for p in rule.patterns]
    places = tables.nodes.get("Place")
    if places is not None and rule.place_types:
        for place_type, name, aliases in zip(places["place_type"], places["name"], places["aliases"]):
            if place_type in rule.place_types:
                parts += [r"\b" + re.escape(n) + r"\b" for n in (name, *(aliases or ())) if n]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None


def check_publication_safety(tables: Tables, rules: tuple[Rule, ...] | None = None) -> list[Problem]:
    """Errors for identifying detail in public text linked to a restricted person (see the module
    docstring). Scanned: the public text fields and the id (an id is public text too) of every
    scanned node, and the public text of every relationship with an end that is a centre or a
    scanned node (a review's response, a statement's quote). Each error names file, line, record
    and field; rules come from `schemas/publication-safety.yaml` unless given."""
    rules = load_rules() if rules is None else rules
    centres, scanned = _linked(tables)
    if not centres:
        return []
    checks = [(rule, m) for rule in rules if (m := _matcher(tables, rule)) is not None]
    seen: dict[str, list[tuple[Rule, str]]] = {}  # text -> its hits: public texts repeat a lot
    problems = []
    labels = schema().labels
    for table in tables.all():
        is_node = table.name in labels
        if is_node and table.name in _REFERENCE_LABELS and table.name != "Source":
            continue
        ends = zip(table["from"], table["to"]) if not is_node else ((i, i) for i in table["id"])
        exempt = table["safety_exception_by"] if "safety_exception_by" in table.values else None
        for row, (a, b) in enumerate(ends):
            if table["sensitivity"][row] == _RESTRICTED or (exempt and exempt[row]):
                continue
            if (a not in scanned) if is_node else (a not in centres and a not in scanned
                                                   and b not in centres and b not in scanned):
                continue
            problems += _scan_row(table, row, checks, seen, with_id=is_node)
    return problems


def _scan_row(table: ColumnTable, row: int, checks, seen: dict, with_id: bool = False) -> list[Problem]:
    problems = []
    fields = (("id",) if with_id else ()) + _text_fields(table.name)
    done = set()  # texts already scanned in this row: `citation_quotes` repeats `quote`
    for field in fields:
        value = table[field][row]
        if value is None:
            continue
        for text in value if isinstance(value, list) else (value,):
            if field == "id":
                text = _ID_SEPARATORS.sub(" ", text)  # "victim-aged-13" reads "victim aged 13"
            if text in done:
                continue
            done.add(text)
            hits = seen.get(text)
            if hits is None:
                hits = seen[text] = [(rule, m.group(0)) for rule, matcher in checks if (m := matcher.search(text))]
            for rule, hit in hits:
                advice = ("choose an id that says nothing identifying" if field == "id" else
                          "move it to `restricted_detail`, or record an editorial exception "
                          "(safety_exception_by, _on, _reason)")
                problems.append(_problem(table, row, field,
                        f"public text of a record linked to a restricted person gives {rule.what} "
                        f"({hit!r}, rule {rule.id!r}): {advice}"))
    return problems


def restrict_restricted_citations(tables: Tables) -> list[Problem]:
    """Turn every public record citing a restricted source (in any of its citations) restricted, in
    place; a warning for each. Runs after the citations are derived (`citation_sources` final)."""
    sources = tables.nodes.get("Source")
    if sources is None:
        return []
    hidden = {i for i, s in zip(sources["id"], sources["sensitivity"]) if s == _RESTRICTED}
    if not hidden:
        return []
    warnings = []
    for table in tables.all():
        if table.name == "Source" or "source" not in table.values:
            continue
        sensitivity = table["sensitivity"]
        cited = table["citation_sources"] if "citation_sources" in table.values else [[s] for s in table["source"]]
        for row, sources_cited in enumerate(cited):
            found = [s for s in sources_cited or () if s in hidden]
            if found and sensitivity[row] != _RESTRICTED:
                sensitivity[row] = _RESTRICTED
                warnings.append(_problem(table, row, "source",
                    f"cites restricted source {found[0]!r}, so it is restricted too (a public fact needs "
                    f"public citations only): cite public sources only to publish it"))
    return warnings
