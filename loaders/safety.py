"""Publication safety: checks that keep identifying detail out of public text.

Two checks, run on the resolved tables before anything is written:

- `check_publication_safety`: the public text, the id and the whole web
  address (`url`, read as words: host labels, path, query and fragment,
  percent-decoded) of every public record of every kind,
  and the public text of every public relationship, are
  scanned with the rules of the reviewed data file
  `schemas/publication-safety.yaml` (individual ages, time in care, family
  relations, names of schools, health terms, street addresses and the names
  of homes named by their street): a survivor's public record or a
  statement identifies a child as surely as a case summary, linked to a case
  or not. Only the definitions every case shares (boroughs, the indicator
  taxonomy) are not scanned. A hit is an error with file, line, record and
  field, what was found and what to do, unless the record carries an
  editorial exception that covers that rule in that field
  (`safety_exception_*`, `loaders/exceptions.py`: it names the rules it
  covers, and optionally the fields; any other hit is still an error). The rules
  match the text folded (`loaders/folding.py`: "аged 14" with a Cyrillic а,
  a soft hyphen in "14-year-old" read as they look) and quote it as written.
- `restrict_restricted_citations`: a public record citing only restricted
  sources becomes restricted (a citation of a restricted source is itself
  restricted), with a warning saying so; one citing public sources too stays
  public with its public citations only (`loaders/public_versions.py`), with a
  warning saying that.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from array import array
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import yaml

from casegraph.loaders.columns import ColumnTable, Tables, rows_with
from casegraph.loaders.folding import fold
from casegraph.loaders.problems import Problem
from casegraph.loaders.public_versions import PublicVersions
from casegraph.loaders.safety_texts import ID_SEPARATORS, Check, Names, Rule, as_read, kind_of, matcher, text_hits, \
    write_texts
from casegraph.processes import Child, Ended
from casegraph.schemas import schema
from casegraph.schemas.text import shown_path

if TYPE_CHECKING:  # the exceptions module reads this one's `problem_at`
    from casegraph.loaders.exceptions import Exceptions

__all__ = ["RULES_FILE", "load_rules", "check_publication_safety", "SafetyCheck", "restrict_restricted_citations",
           "public_text_fields", "problem_at", "ID_SEPARATORS"]

RULES_FILE = Path(__file__).resolve().parent.parent / "schemas" / "publication-safety.yaml"
if not RULES_FILE.exists():  # installed: schemas/ is the package casegraph.schemas
    from casegraph import schemas as _schemas

    RULES_FILE = Path(_schemas.__file__).resolve().parent / "publication-safety.yaml"

_RESTRICTED = "restricted"
_DEFINITIONS = frozenset(("Borough", "Indicator"))
"""Reference data: definitions every case shares, about no child (the indicator taxonomy names kinds of
harm, "Pregnancy or STI", by design); not scanned. Every other kind is, sources included."""
_NOT_TEXT = frozenset(("id", "from", "to", "source", "period", "published", "url",
                       "derived_from", "text_file", "sha256"))
_NAMES_AS_WORDS = ("url", "text_file")
"""Names that are public text read as words: a web address (`safety_texts.as_read`) and a source text's file name
("girl-13-croydon.txt"), both written into every export of their source."""
_TERM = re.compile(r"\{([a-z_]+)\}")
"""A term's name in a pattern ("{age}"); never a repetition count ("{1,2}")."""


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """The rules of a publication-safety file, each pattern's `{term}` replaced by the file's `terms:`
    entry of that name (one list of ages, used by every pattern that needs it). Raises ValueError naming
    the file and the bad rule (a missing key, an unknown term, an invalid expression)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms = data.get("terms") or {}
    rules = []
    for number, item in enumerate(data.get("rules") or [], start=1):
        try:
            patterns = tuple(_compile(p, terms) for p in item.get("patterns") or ())
            needs = _compile(item["needs"], terms) if item.get("needs") else None
            place_names = _compile(item["place_names"], terms) if item.get("place_names") else None
            rules.append(Rule(item["id"], item["what"], patterns, tuple(item.get("place_types") or ()),
                              " ".join(str(item.get("public") or "").split()), needs, place_names))
        except KeyError as error:
            raise ValueError(f"{shown_path(path)}: rule {number}: no {error.args[0]!r} (a rule needs `id` and `what`; "
                             f"a pattern's {{term}} needs an entry under `terms:`)") from None
        except re.error as error:
            raise ValueError(f"{shown_path(path)}: rule {number}: {error}") from None
    return tuple(rules)


def _compile(pattern: str, terms: dict[str, str]) -> re.Pattern:
    """A rules file's pattern, its `{term}`s replaced by their entries under `terms:`, in any case; a term may
    name others (`one_child` names `child` and `many`), replaced in turn. Raises KeyError for an unknown term,
    re.error for an invalid expression or a term that names itself, at any remove."""
    for _ in range(len(terms) + 1):  # each round replaces one level of terms: a cycle never ends
        expanded = _TERM.sub(lambda m: f"(?:{terms[m.group(1)]})", pattern)
        if expanded == pattern:
            return re.compile(pattern, re.IGNORECASE)
        pattern = expanded
    raise re.error(f"a term names itself: {pattern[:80]}...")


def problem_at(table: ColumnTable, row: int, field: str, message: str) -> Problem:
    """A problem at a record's file and the line of its `field` (the record's line where the format keeps
    no line per field); a record stated in several places (merged) names the others too."""
    origin = table.origin(row)
    return Problem(origin.file, origin.line_of(field), origin.name, field, message + table.also_stated(row, field))


@cache
def public_text_fields(name: str) -> tuple[str, ...]:
    """A table's public free-text fields (not ids, dates, enumerations or restricted text)."""
    names = [c.name for c in schema().columns_of(name)
             if c.type.startswith("STRING") and not c.choices and not c.restricted and c.name not in _NOT_TEXT]
    return tuple(sorted(names, key=lambda n: n.startswith("citation_")))  # a record's own field first


def _places(tables: Tables, rule: Rule) -> tuple[Names, list[str]]:
    """The names of the places of a rule's types, as `matcher` takes them: by their first word (in lower case, as
    folded), and as patterns those that start with no letter or digit (whole words, any case); with `place_names`,
    only the names it matches whole, as folded."""
    names: Names = {}
    patterns: list[str] = []
    places = tables.nodes.get("Place")
    if places is not None and rule.place_types:
        for place_type, name, aliases in zip(places["place_type"], places["name"], places["aliases"]):
            if place_type in rule.place_types:
                for n in filter(None, (name, *(aliases or ()))):
                    n = fold(n).text  # as the texts are matched
                    if rule.place_names is not None and not rule.place_names.fullmatch(n):
                        continue
                    first = _WORD.match(n)
                    if first is None:  # rare: a name that starts with no letter or digit
                        patterns.append(r"\b" + re.escape(n) + r"\b")
                    elif n not in names.setdefault(first.group(0).lower(), []):
                        names[first.group(0).lower()].append(n)
    return names, patterns


_WORD = re.compile(r"\w+")


def check_publication_safety(tables: Tables, exceptions: Exceptions,
                             rules: tuple[Rule, ...] | None = None) -> list[Problem]:
    """Errors for identifying detail in public text (see the module docstring). Scanned: the public
    text fields, the id (an id is public text too), the whole `url` and the `text_file` name (read as words) of every
    public node, and the public text of every public relationship, of every kind but the shared
    definitions (`_DEFINITIONS`); a restricted record is not. A hit the record's editorial exception covers
    (`exceptions`: that rule, in that field) is no error. Each error names file, line, record and field, what
    was found and what to do; rules come from `schemas/publication-safety.yaml` unless given."""
    return SafetyCheck(tables, rules).problems(exceptions)


JUDGE = "casegraph.loaders.safety_texts:judge_texts"
"""The helper's task (`processes.Child`, lean)."""


class SafetyCheck:
    """`check_publication_safety` in two steps, so that a helper process can read the texts meanwhile: made, it
    takes the rows it will scan (the records public then) and, with `helper`, starts a helper process judging
    each distinct text of them (`safety_texts.judge_texts`); `problems` gives the errors. A large load runs its
    other checks in between (`loaders/load.py`): the texts are half of its checks' time (BENCHMARKS.md, issue
    12). Without the helper, when its file cannot be written or it cannot start, or when it ends without an
    answer, the texts are judged here, and `progress` says why; the errors are the same, in the same order.
    Raises what the helper raised (a failure of casegraph's own)."""

    def __init__(self, tables: Tables, rules: tuple[Rule, ...] | None = None, helper: bool = False,
                 progress: Callable[[str], None] | None = None):
        rules = load_rules() if rules is None else rules
        self._rules, self._progress = rules, progress
        places = [_places(tables, rule) for rule in rules]
        self._checks: list[Check] = [(rule, find) for rule, place in zip(rules, places)
                                     if (find := matcher(rule, *place)) is not None]
        self._scanned = list(_scanned(tables)) if self._checks else []
        self._seen: dict[str, list[tuple[Rule, str]]] = {}  # text as read -> its hits: public texts repeat a lot
        self._judged: dict[tuple[str, str], list[tuple[int, str]]] | None = None  # the helper's answer
        self._helper: Child | None = None
        self._folder: str | None = None
        if helper and self._scanned:
            try:
                self._folder = tempfile.mkdtemp(prefix="casegraph-safety-")
                texts = Path(self._folder) / "texts.pickle"
                write_texts(texts, _distinct(self._scanned))
                self._helper = Child(JUDGE, (rules, places, texts), lean=True)
            except OSError as error:  # no room for its file, no process: the texts are judged here, as for small data
                self.close()
                self._helper = None
                self._say(f"the public texts could not be handed to a process judging them ({error}); "
                          "judging them here")
            except BaseException:
                self.close()
                raise

    def problems(self, exceptions: Exceptions) -> list[Problem]:
        """The errors, in the order of the tables, their rows and fields (see `check_publication_safety`)."""
        try:
            if self._helper is not None:
                try:
                    self._judged = self._helper.answer()
                except Ended as error:  # killed (out of memory?): the same answers are found here
                    self._judged = None
                    self._say(f"the process judging the public texts ended without an answer ({error}); "
                              "judging them here")
            problems = []
            for table, columns, among in self._scanned:
                for row in self._rows_with_hits(columns, among):
                    problems += _scan_row(table, row, columns, self._hits, exceptions)
            return problems
        finally:
            self.close()

    def close(self) -> None:
        """End the helper if it still runs, and remove its file."""
        if self._helper is not None:
            self._helper.stop()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _say(self, message: str) -> None:
        if self._progress is not None:
            self._progress(message)

    def _rows_with_hits(self, columns: list[tuple[str, list]], among: array) -> list[int]:
        """The rows of `among` (ascending), in order, with a hit of a rule in one of `columns` (field, its values),
        or competing values (read by `_scan_row`): each distinct text is judged once, and only these rows read one
        by one."""
        rows: set[int] = set()
        for field, values in columns:
            if field == "contested_values":
                rows.update(row for row in among if values[row])
            else:
                rows.update(rows_with(values, among, lambda text: self._hits(field, text)))
        return sorted(rows)

    def _hits(self, field: str, text: str) -> list[tuple[Rule, str]]:
        """The rules `text`, a value of `field`, hits, each with what it found as written (`safety_texts.text_hits`):
        as the helper judged it, or judged here once per text as read (`safety_texts.as_read`). Competing values are
        never sent to the helper: few, and read only here."""
        kind = kind_of(field)
        if self._judged is not None and field != "contested_values":
            return [(self._rules[rule], hit) for rule, hit in self._judged.get((kind, text), ())]
        read = as_read(kind, text)
        hits = self._seen.get(read)
        if hits is None:
            hits = self._seen[read] = text_hits(read, self._checks)
        return hits


def _scanned(tables: Tables) -> Iterator[tuple[ColumnTable, list[tuple[str, list]], array]]:
    """Each table the check scans, its scanned columns (field, its values: the id first, for a node), and its
    public rows (ascending)."""
    labels = schema().labels
    for table in tables.all():
        if table.name in _DEFINITIONS:
            continue
        fields = ((("id",) if table.name in labels else ()) + public_text_fields(table.name)
                  + tuple(name for name in _NAMES_AS_WORDS if name in table.values))
        among = array("i", (row for row, sensitivity in enumerate(table["sensitivity"])
                            if sensitivity != _RESTRICTED))
        yield table, [(field, table[field]) for field in fields], among


def _distinct(scanned: list) -> Iterator[tuple[str, list[str]]]:
    """(kind, values) for the helper (`safety_texts.write_texts`): each distinct value of the scanned columns'
    public rows once per kind (an item of a list column as a value); not competing values (`SafetyCheck._hits`)."""
    sent: dict[str, set[str]] = {}
    for _, columns, among in scanned:
        for field, values in columns:
            if field == "contested_values":
                continue
            taken = values if len(among) == len(values) else [values[row] for row in among]
            distinct = set()
            for value in taken:
                if isinstance(value, list):
                    distinct.update(value)
                elif value is not None:
                    distinct.add(value)
            distinct.discard(None)
            done = sent.setdefault(kind_of(field), set())
            new = [value for value in distinct if value not in done]
            done.update(new)
            yield kind_of(field), new


def _scan_row(table: ColumnTable, row: int, columns: list[tuple[str, list]], hits_of, exceptions: Exceptions,
              ) -> list[Problem]:
    """A row's errors: `columns` (field, its values) are the table's scanned fields (the id first, for a
    node), `hits_of(field, text)` each text's hits (`SafetyCheck._hits`), less the hits its editorial exception
    covers."""
    problems = []
    reported = set()  # (text, rule) already an error in this row: `citation_quotes` repeats `quote`
    for field, values in columns:
        value = values[row]
        if value is None:
            continue
        # an exception naming `quote` covers the record's citations' quotes, which `citation_quotes` holds
        covered_as = "quote" if field == "citation_quotes" else field
        texts = value if isinstance(value, list) else (value,)
        if field == "contested_values":  # each competing value is its own field's text (`_competing`)
            texts, named = _competing(table, row, value)
        for at, text in enumerate(texts):
            if field == "contested_values":
                covered_as = named[at]
            for rule, hit in hits_of(field, text):
                # each field asks its own exception: the same text excused in one field is still an error in another
                if exceptions.covers(table, row, rule.id, covered_as) or (text, rule.id) in reported:
                    continue
                reported.add((text, rule.id))
                exception = (f"record an editorial exception (safety_exception_by, _on, _reason, and _rules "
                             f"naming {rule.id!r})")
                advice = ("choose an id that says nothing identifying" if field == "id" else
                          f"restrict the record (sensitivity: restricted), or {exception}" if field == "url" else
                          f"move it to `restricted_detail`, or {exception}" +
                          (f"; what the rule lets through: {rule.public}" if rule.public else ""))
                problems.append(problem_at(table, row, covered_as if field == "contested_values" else field,
                        f"public text gives {rule.what}: {hit!r} (rule {rule.id!r} of "
                        f"schemas/publication-safety.yaml); {advice}"))
    return problems


def _competing(table: ColumnTable, row: int, values: list[str]) -> tuple[list[str], list[str]]:
    """The competing values of `row` (`contested_values`, JSON) that are public text, and the field each is
    a value of: a restricted field's values (`restricted_detail`) are restricted text, never published (the
    public profile leaves them out, `graph.profile`), so no rule reads them."""
    restricted = set(schema().restricted_columns(table.name))
    kept = [(text, name) for text, name in zip(values, table.values["contested_fields"][row]) if name not in restricted]
    return [text for text, _ in kept], [name for _, name in kept]


def restrict_restricted_citations(tables: Tables, versions: PublicVersions) -> list[Problem]:
    """Turn every public record citing only restricted sources (`versions.hidden`) restricted, in place,
    with a warning; warn too for each public record citing public and restricted sources: the public
    profile shows it with its public citations only (`loaders/public_versions.py`). Each warning is at
    the record, file and line that cites the restricted source (`PublicVersions.cited_at`). Runs after
    the citations are derived (`citation_sources` final)."""
    hidden = versions.hidden
    if not hidden:
        return []
    warnings = []
    for table in tables.all():
        if table.name == "Source" or "citation_sources" not in table.values:
            continue
        sensitivity = table["sensitivity"]
        for row, cited in enumerate(table["citation_sources"]):
            if sensitivity[row] == _RESTRICTED or hidden.isdisjoint(cited):
                continue
            found = [s for s in cited if s in hidden]
            if len(found) == len(cited):
                sensitivity[row] = _RESTRICTED
                message = (f"cites only restricted sources ({', '.join(map(repr, dict.fromkeys(found)))}), so it "
                           f"is restricted too (a public fact needs a public citation): cite a public source "
                           f"to publish it")
            else:
                message = (f"cites restricted source {found[0]!r}: the public profile shows it with its "
                           f"{len(cited) - len(found)} public citation(s) only, its status, independent sources "
                           f"and values as those give them")
            warnings.append(replace(versions.cited_at[(table.name, table["id"][row])], message=message))
    return warnings
