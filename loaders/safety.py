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
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote, urlsplit

import yaml

from casegraph.loaders.columns import ColumnTable, Tables, rows_with
from casegraph.loaders.folding import fold
from casegraph.loaders.problems import Problem
from casegraph.loaders.public_versions import PublicVersions
from casegraph.schemas import schema
from casegraph.schemas.text import shown_path

if TYPE_CHECKING:  # the exceptions module reads this one's `problem_at`
    from casegraph.loaders.exceptions import Exceptions

__all__ = ["Rule", "RULES_FILE", "load_rules", "check_publication_safety", "restrict_restricted_citations",
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
"""Names that are public text read as words: a web address (`_url_words`) and a source text's file name
("girl-13-croydon.txt"), both written into every export of their source."""
ID_SEPARATORS = re.compile(r"[-_.]+")
_URL_SEPARATORS = re.compile(r"[-_.~:/?#\[\]@!$&'()*+,;=\s]+")
"""What separates the words of a web address: its delimiters and punctuation ("croydon-girl-13.example.org",
"/news/girl-13-from-croydon.html", "?name=girl+13&from=croydon", "#victim-aged-12")."""


def _url_words(url: str) -> str:
    """The words of a whole web address, separators as spaces: its user, its host's labels (an IDNA label,
    "xn--...", as the letters it stands for), path, query keys and values and fragment, percent-decoded until no
    escape is left ("%252D" is "%2D" once, "-" twice); not its scheme or port. Every part is public text: a
    subdomain, a query or a fragment names a child as surely as a slug.

    >>> _url_words("https://croydon-girl-13.example.org/news/a%20council?name=girl+13#victim-aged-12")
    ' croydon girl 13 example org news a council name girl 13 victim aged 12'
    """
    parts = urlsplit(url)  # the load checked it is one (`schemas/text.py` `check_web_url`)
    host = ".".join(_host_label(label) for label in (parts.hostname or "").split("."))
    text = " ".join((parts.username or "", parts.password or "", host, parts.path, parts.query, parts.fragment))
    while (decoded := unquote(text)) != text:  # each round shortens the text: it ends
        text = decoded
    return _URL_SEPARATORS.sub(" ", text)


def _host_label(label: str) -> str:
    """A host's label as a reader sees it: an IDNA label ("xn--...") decoded, any other as it is."""
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except UnicodeError:
            return label
    return label


@dataclass(frozen=True)
class Rule:
    """One rule of the rules file: an id, what it refuses (`what`), what it deliberately lets through
    (`public`: where its line is drawn), its compiled patterns, the place types whose names it refuses (all of
    them, or with `place_names` those a name of which it matches whole: a home named by its street), and
    `needs`: a quick search that every hit of its patterns contains (a text without it is not searched with
    them)."""

    id: str
    what: str
    patterns: tuple[re.Pattern, ...] = ()
    place_types: tuple[str, ...] = ()
    public: str = ""
    needs: re.Pattern | None = None
    place_names: re.Pattern | None = None


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


def _matcher(tables: Tables, rule: Rule) -> Callable[[str], tuple[int, int] | None] | None:
    """A rule's search: the span (start, end) of its leftmost hit in a text, among the rule's own patterns and the
    names of the places of its types (whole words, any case; with `place_names`, the names it matches whole, as
    folded); None for a rule with neither."""
    parts = [p.pattern for p in rule.patterns]
    names: dict[str, list[str]] = {}  # a name's first word, in lower case -> the names starting with it
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
                        parts.append(r"\b" + re.escape(n) + r"\b")
                    elif n not in names.setdefault(first.group(0).lower(), []):
                        names[first.group(0).lower()].append(n)
    pattern = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None
    needs = rule.needs  # half the texts have no number at all: the age rule's 25 patterns skip them
    if not names:
        if pattern is None:
            return None
        if needs is not None:
            return lambda text: (m.span() if needs.search(text) and (m := pattern.search(text)) else None)
        return lambda text: (m.span() if (m := pattern.search(text)) else None)
    if needs is not None:
        return lambda text: _first_hit(text, pattern if needs.search(text) else None, names)
    return lambda text: _first_hit(text, pattern, names)


_WORD = re.compile(r"\w+")


def _first_hit(text: str, pattern: re.Pattern | None, names: dict[str, list[str]]) -> tuple[int, int] | None:
    """The span of the leftmost of `pattern`'s match and a whole-word, any-case occurrence of one of `names`,
    the pattern first where both start at one place, as one regular expression of them all would
    choose (a thousand place names in one took a millisecond a text; this takes microseconds)."""
    found = pattern.search(text) if pattern is not None else None
    limit = found.start() if found else len(text)
    for word in _WORD.finditer(text):
        if word.start() >= limit:
            break
        for name in names.get(word.group(0).lower(), ()):
            stop = word.start() + len(name)
            if text[word.start():stop].lower() == name.lower() and _boundary(text, stop):
                return word.start(), stop
    return found.span() if found else None


def _boundary(text: str, at: int) -> bool:
    """Whether `\\b` holds at `at` (a word character on one side only)."""
    before = at > 0 and _is_word(text[at - 1])
    return before != (at < len(text) and _is_word(text[at]))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def check_publication_safety(tables: Tables, exceptions: Exceptions,
                             rules: tuple[Rule, ...] | None = None) -> list[Problem]:
    """Errors for identifying detail in public text (see the module docstring). Scanned: the public
    text fields, the id (an id is public text too), the whole `url` and the `text_file` name (read as words) of every
    public node, and the public text of every public relationship, of every kind but the shared
    definitions (`_DEFINITIONS`); a restricted record is not. A hit the record's editorial exception covers
    (`exceptions`: that rule, in that field) is no error. Each error names file, line, record and field, what
    was found and what to do; rules come from `schemas/publication-safety.yaml` unless given."""
    rules = load_rules() if rules is None else rules
    checks = [(rule, m) for rule in rules if (m := _matcher(tables, rule)) is not None]
    if not checks:
        return []
    seen: dict[str, list[tuple[Rule, str]]] = {}  # text -> its hits: public texts repeat a lot
    problems = []
    labels = schema().labels
    for table in tables.all():
        if table.name in _DEFINITIONS:
            continue
        fields = ((("id",) if table.name in labels else ()) + public_text_fields(table.name)
                  + tuple(name for name in _NAMES_AS_WORDS if name in table.values))
        columns = [(field, table[field]) for field in fields]
        among = [row for row, sensitivity in enumerate(table["sensitivity"]) if sensitivity != _RESTRICTED]
        for row in _rows_with_hits(columns, among, checks, seen):
            problems += _scan_row(table, row, columns, checks, seen, exceptions)
    return problems


def _rows_with_hits(columns: list[tuple[str, list]], among: list[int], checks, seen: dict) -> list[int]:
    """The rows of `among` (ascending), in order, with a hit of a rule in one of `columns` (field, its values), or
    competing values (read by `_scan_row`): each distinct text is read once, and only these rows one by one."""
    rows: set[int] = set()
    for field, values in columns:
        if field == "contested_values":
            rows.update(row for row in among if values[row])
        else:
            rows.update(rows_with(values, among, lambda text: _hits(field, text, checks, seen)))
    return sorted(rows)


def _hits(field: str, text: str, checks, seen: dict) -> list[tuple[Rule, str]]:
    """The rules `text`, a value of `field`, hits, each with what it found as written: an id or a file name read
    as words, a web address as its words (`_url_words`); `seen` keeps each text's, shared by every row."""
    if field in ("id", "text_file"):
        text = ID_SEPARATORS.sub(" ", text)  # "victim-aged-13" reads "victim aged 13"
    elif field == "url":
        text = _url_words(text)
    hits = seen.get(text)
    if hits is None:
        folded = fold(text)  # the rules match what a reader sees; the message quotes what is written
        hits = seen[text] = [(rule, folded.original_span(*span)) for rule, find in checks
                             if (span := find(folded.text))]
    return hits


def _scan_row(table: ColumnTable, row: int, columns: list[tuple[str, list]], checks, seen: dict,
              exceptions: Exceptions) -> list[Problem]:
    """A row's errors: `columns` (field, its values) are the table's scanned fields (the id first, for a
    node), `seen` each text's hits already found (shared by every row), less the hits its editorial exception
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
            for rule, hit in _hits(field, text, checks, seen):
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
