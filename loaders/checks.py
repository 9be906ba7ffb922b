"""Checks across records, run after references resolve and before any write.

Each guards a rule of the subject: no year a source could not report, no
victim left public (whatever role the record gives her, and no child either),
no adult age in a child case, no pseudonym in public text.
"""

from __future__ import annotations

import re

from casegraph.loaders.columns import ColumnTable, Tables, rows_with
from casegraph.loaders.exceptions import Exceptions
from casegraph.loaders.folding import fold, name_skeletons, name_words
from casegraph.loaders.lineage import citation_field
from casegraph.loaders.problems import Problem
from casegraph.loaders.safety import load_rules
from casegraph.schemas import schema
from casegraph.schemas.common import Sensitivity, Timed
from casegraph.schemas.nodes import CaseFile, Person, Place, SourceDocument
from casegraph.schemas.relationships import Involves

__all__ = ["check_dataset", "check_citation_dates", "EARLIEST_YEAR", "PERSON_CHECKS"]

EARLIEST_YEAR = 1900
"""No source here reports abuse before this year; an earlier year is a typo."""

_RESTRICTED = Sensitivity.restricted.value

DESCRIBED_VICTIM, PSEUDONYM, CHILD_IN_CASE = "described-victim", "pseudonym", "child-in-case"
PERSON_CHECKS = (DESCRIBED_VICTIM, PSEUDONYM, CHILD_IN_CASE)
"""The checks of public people an editorial exception may name (`loaders/exceptions.py`), beside the rules of
`schemas/publication-safety.yaml`: `described-victim` (her own text, or an INVOLVES' description, says she was
abused: `_DESCRIBED_VICTIM`), `pseudonym` (`pseudonym: true` on a public individual), `child-in-case` (under 18 in
a case, on the INVOLVES). `_described_victims` runs them."""

_ABUSED = r"(abused|groomed|raped|exploited|trafficked|assaulted|prostituted|pimped)"
_OBJECT = (r"(an?|the|two|three|four|five|six|several|many|more|young|teenage|vulnerable|underage|local|\d+|girls?"
           r"|boys?|child(ren)?|kids?|victims?|her|him|them|women|teenagers?|pupils?|other|one)\b")
"""What follows a perpetrator's act ("groomed girls", "abused her"), not a victim's ("abused as a child")."""
_SERVICE = (r"['’]?\s+(support|services?|care|liaison|champions?|commissioner['’]?s?|trust|network|code|unit|centre"
            r"|center|fund|and\s+witness)\b")
"""What makes "victim" or "survivor" the name of a service for victims, not a word about her: "Victim Support" (the
charity), "Victim Support volunteer", "victim liaison officer", "Victims' Commissioner", "The Survivors Trust"."""
_DESCRIBED_VICTIM = re.compile(
    # a court's anonymity designation as a name ("Girl A", "Victim 3", "known in court as Child B")
    r"^\W*(girl|boy|child|victim|witness|complainant)\s+(?-i:[A-Z]|\d{1,3})\b(?!\s*(and|or|to|-)\b|['’])"
    r"|\b(known|referred\s+to|identified|named|called)\s+(in\s+court\s+)?as\s+(girl|boy|child|victim|witness"
    r"|complainant)\s+(?-i:[A-Z]|\d{1,3})\b|"
    rf"^\W*(an?\s+|the\s+)?(alleged\s+|child\s+|teenage\s+)?(victim|survivor|complainant)s?\b(?!{_SERVICE})"
    r"|\b(an?|the|one|formerly\s+an?|once\s+an?)\s+(former\s+)?(alleged\s+|child\s+|teenage\s+)?"
    r"(victim|survivor|complainant)s?\s+of\b"
    rf"|\b(was|were|had been|has been|being)\s+(later\s+|also\s+|then\s+|herself\s+|himself\s+|first\s+)?"
    rf"(sexually\s+)?({_ABUSED[1:-1]}|passed\s+(around|between))\b"
    # "later herself abused", "he himself was groomed"; not "he himself abused girls"
    rf"|\b(her|him)self\s+(later\s+|also\s+|then\s+)?(sexually\s+)?{_ABUSED}\b(?!\s+{_OBJECT})"
    rf"|\b{_ABUSED}\s+(as\s+an?|when\s+(she|he)\s+was|at\s+the\s+age|from\s+the\s+age)\b"
    # a sentence opening on the passive ("Abused from the age of 13", "Trafficked around London"), not on
    # a perpetrator's act ("Groomed girls online": an object follows)
    rf"|(^|[.;:!?]\s+)\W*(sexually\s+)?{_ABUSED}\b(?!\s+{_OBJECT})"
    # a sentence about "the girl" and what men did ("The girl the men passed between them")
    r"|(^|[.;:!?]\s+)\W*(the|a|one)\s+(girl|boy|child|teenager|teen|school(girl|boy)|pupil|youngster)\s+"
    r"((who|whom|that)\s+)?"
    r"(the|these|those|several|many|\d+|two|three|four|five|six)\s+(men|man|abusers|offenders|gang|group"
    r"|perpetrators|accused|defendants)\b"
    # the men who abused her ("Gave evidence at the trial of the men who exploited her"; not "... her daughter")
    rf"|\b(men|man|abusers?|offenders?|gang|group|ring|perpetrators?|defendants|accused|groomers?)\s+(who|that|whom)\s+"
    rf"(had\s+|have\s+|has\s+)?(\w+\s+)?{_ABUSED}\s+(her|him)(?=\s*([.,;:!?)]|$)|\s+(when|while|as|from|at|in|for"
    r"|on|over|and|until|before|after|repeatedly|again|too|between|around)\b)"
    # opening on one of the victims, or of the girls the men abused ("One of his victims"; not "Raped one of his
    # victims", a perpetrator's); years of abuse survived ("Survived years of abuse by the gang")
    r"|(^|[.;:!?]\s+)\W*one\s+of\s+((the|his|their|its|\d+|two|three|four|five|six|several|many)\s+(\w+\s+)?"
    r"(victims|survivors|complainants)\b|the\s+(girls|boys|children|teenagers|pupils)\s+((who|whom|that)\s+)?"
    r"(the|these|those)\s+(men|gang|abusers|offenders|groomers|defendants)\b)"
    r"|\bsurviv(ed|ing|or\s+of)\s+(\w+\s+){0,3}?(abuse|exploitation|grooming|rape|trafficking)\b"
    # a sentence opening on what a gang did to her ("Targeted by the gang from a young age", "Was plied with drink
    # by the men")
    r"|(^|[.;:!?]\s+)\W*(was|were)\s+([\w,]+\s+){0,6}?by\s+(the|an?|older|\d+|two|three|four|five|six|several)\s+"
    r"(\w+\s+)?(men|man|gang|ring|abusers?|groomers?|offenders?|perpetrators|defendants)\b"
    r"|(^|[.;:!?]\s+)\W*(targeted|singled\s+out|picked\s+out|preyed\s+upon|preyed\s+on)\s+by\s+(the|a|an|older|\d+|two"
    r"|three|four|five|six|several)\s+(\w+\s+)?(men|man|gang|group|ring|abusers?|groomers?|offenders?)\b"
    # she, then what was done to her ("She gave evidence against the men who had raped her"; not "her daughter")
    rf"|^\W*she\b[^.]*\b{_ABUSED}\s+her(?=\s*([.,;:!?)]|$)|\s+(when|while|as|from|at|in|for|on|over|and"
    r"|until|before|after|repeatedly|again|too|between|around)\b)"
    rf"|^\W*he\b[^.]*\b{_ABUSED}\s+him(?=\s*([.,;:!?)]|$)|\s+(when|while|as|from|at|in|for|on|over|and"
    r"|until|before|after|repeatedly|again|too|between|around)\b)",
    re.IGNORECASE)
"""Text that says the person it describes was abused: a name or description
starting "victim" or "a survivor", "formerly a victim of", "she was groomed",
"groomed as a 14-year-old", a sentence opening "Abused from the age of ..." or
"Trafficked around London ...", "the girl the men passed between them", "she
... the men who raped her". A record that says so makes her a victim,
whatever its `role`, with or without a link to a case. Applied to a public
individual's own record only: a case summary says what was done to a victim
by design (`schemas/publication-safety.yaml` keeps identifying detail out of it). Also "the men who exploited
her", "a schoolgirl the men plied with drink", a sentence opening "Targeted by the gang", and a court's anonymity
designation ("Girl A", "Victim 3", "known in court as Child B"): each names a victim."""

_BORN = re.compile(r"\bborn\s+(?:in\s+|on\s+|around\s+|about\s+)?(?:\w+\s+){0,2}?((?:19|20)\d\d)\b", re.IGNORECASE)
"""A birth year in a person's own text ("Born in 1997"): with a case's first year, her age in it."""

_PERSON_TEXT = ("name", "aliases", "description", "note")
"""A person's own text: what, said of a public individual, describes her (`_DESCRIBED_VICTIM`)."""

_ONE_PERSON = re.compile(
    r"^\W*((she|he)\b|(a|an|one)\s+(\w+[- ]year[- ]old\s+)?(girl|boy|child|teenager|school(girl|boy)|pupil|victim"
    r"|survivor|young\s+(woman|man))\b|(aged?\s+)?(\d{1,2}|\w+teen|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve)\s*[,;:(])"
    # what was done to one person, her age singular or her the object ("Targeted by the gang from a young age",
    # "Abused as a child"); not "Men she was arrested with"
    rf"|^\W*(sexually\s+)?({_ABUSED[1:-1]}|targeted|singled\s+out|preyed\s+upon)\b(?!\s+{_OBJECT})[^.]*"
    r"\b(a\s+young\s+age|as\s+an?\s+(girl|boy|child|teenager|schoolgirl|schoolboy|pupil)|(she|he)\s+was)\b",
    re.IGNORECASE)
"""A description that opens on one person ("She ...", "A girl ...", "Thirteen, in a care placement"), or on
what was done to one ("Targeted by the gang from a young age", "Abused as a child"): a group of unknown size
described so is one person. Not "Men she was arrested with": the group, then her."""


def _individuals(people: ColumnTable) -> list[bool]:
    """For each person record, whether it is one person: an individual, a group of one (`group_size: 1`),
    or a group of unknown size whose description opens on one person (`_ONE_PERSON`). A group of
    one is a child as surely as an individual, whatever its `person_type` says."""
    return [person_type != "group" or size == 1
            or (size is None and bool(text) and _ONE_PERSON.search(fold(text).text) is not None)
            for person_type, size, text in zip(people["person_type"], people["group_size"], people["description"])]


def check_dataset(tables: Tables, exceptions: Exceptions) -> list[Problem]:
    """Every error of the checks across records; a hit of `PERSON_CHECKS` that a record's editorial exception
    covers (`exceptions`) is none."""
    problems: list[Problem] = []
    problems += _years(tables)
    problems += _victims(tables)
    problems += _described_victims(tables, exceptions)
    problems += _pseudonyms(tables)
    return problems


def _problem(table: ColumnTable, row: int, field: str, message: str) -> Problem:
    origin = table.origin(row)
    return Problem(origin.file, origin.line_of(field), origin.name, field, message)


def _column_map(table: ColumnTable | None, column: str) -> dict:
    """Node id -> a column's value, for a table that may be absent."""
    return dict(zip(table["id"], table[column])) if table is not None else {}


def _years(tables: Tables) -> list[Problem]:
    published = {source: int(date[:4])  # the year of the publication date, as `SourceDocument.year`
                 for source, date in _column_map(tables.nodes.get(SourceDocument.label), "published").items()
                 if date}
    graph = schema()
    problems = []
    for label, table in tables.nodes.items():
        if not issubclass(graph.node(label).model, Timed):
            continue
        for row, (start, end, cited) in enumerate(zip(table["year_start"], table["year_end"],
                                                       table["citation_sources"])):
            if start is None:
                continue
            latest = max((published[s] for s in cited if s in published), default=None)
            source = cited[0] if len(cited) == 1 else " or ".join(cited)
            for year in (start, end):
                if year is None:
                    continue
                if year < EARLIEST_YEAR or (latest is not None and year > latest):
                    problems.append(_problem(table, row, "period",
                        f"year {year} is outside what source {source!r} could report: "
                        f"expected {EARLIEST_YEAR}-{latest}"))
                    break
    return problems


def check_citation_dates(tables: Tables) -> list[Problem]:
    """A citation's `as_of` (the date of the status that source gives) is no later than the source's
    publication: a source cannot say what happened after it was written, and the latest `as_of` decides
    the current status. Dates compare at the precision both give (2011 vs 2011-02-15: the year); a date
    after today is refused where it is read (`schemas.text.refuse_future`). Run on the resolved tables
    before their citations are deduplicated or put in date order (`loaders.lineage`), so that an error
    names the citation as it was written: its field and line, or, for a fact stated by several records,
    the first record and where the others are."""
    sources = tables.nodes.get(SourceDocument.label)
    published = dict(zip(sources["id"], sources["published"])) if sources is not None else {}
    problems = []
    for table in tables.all():
        if "citation_as_of" not in table.values:
            continue
        for row, (cited, dates) in enumerate(zip(table["citation_sources"], table["citation_as_of"])):
            for index, (source, as_of) in enumerate(zip(cited, dates)):
                limit = published.get(source)
                width = min(len(as_of or ""), len(limit or ""))
                if not as_of or not limit or as_of[:width] <= limit[:width]:
                    continue
                message = (f"as_of {as_of} is after what its source could report (source {source!r} was published "
                           f"{limit}): expected the date of the status that source gives, on or before {limit}")
                if table.restated.get(row):  # several records: which one gave which citation is not kept
                    origin = table.origin(row)
                    problems.append(Problem(origin.file, origin.line, origin.name, None,
                                            f"{message}{table.also_stated(row, 'citations')}"))
                else:
                    problems.append(_problem(table, row, citation_field(table.given_fields(row), index, "as_of"),
                                             message))
    return problems


def _victims(tables: Tables) -> list[Problem]:
    people = tables.nodes.get(Person.label)
    person_row = {person_id: row for row, person_id in enumerate(people["id"])} if people is not None else {}
    child_case = _column_map(tables.nodes.get(CaseFile.label), "child_case")
    problems = []
    for table in tables.rels_of(Involves.type):
        columns = zip(table["role"], table["from"], table["to"], table["age_from"], table["age_to"])
        for row, (role, case_id, person_id, age_from, age_to) in enumerate(columns):
            if role != "victim":
                continue
            at = person_row.get(person_id)
            if at is not None and people["sensitivity"][at] != _RESTRICTED:
                problems.append(_problem(people, at, "sensitivity",
                    f"{person_id!r} is a victim in {case_id!r}: expected `sensitivity: restricted`"))
            ages = [a for a in (age_from, age_to) if a is not None]
            if child_case.get(case_id) and any(age >= 18 for age in ages):
                problems.append(_problem(table, row, "age_from" if age_from and age_from >= 18 else "age_to",
                    f"victim age {max(ages)} contradicts child case {case_id!r}: expected an age under 18"))
    return problems


def _described_victims(tables: Tables, exceptions: Exceptions) -> list[Problem]:
    """A public individual named by a pseudonym (`pseudonym: true`: victims are; unless she is a victim in a case,
    whose own check speaks, `_victims`), or one whom the data describes as a victim (`_DESCRIBED_VICTIM` in the
    person's own text, `_PERSON_TEXT`, linked to a case or not, or in the description of an INVOLVES in any role but
    `victim`), or whose age in a case is under 18 (the INVOLVES' reported age, else the case's first year less a
    birth year in her own description or note, `_BORN`): a victim or a child at the time, so restricted.

    Groups are not checked: their names describe them ("victims of the ring") and never identify one child;
    a group of one is one person, and is checked (`_individuals`).
    A hit that a record's editorial exception covers (`exceptions`: it names the check, `PERSON_CHECKS`, and
    optionally the field; an adult survivor who campaigns under her own name) is no error: the exception is the
    editors' decision, on record.
    """
    people = tables.nodes.get(Person.label)
    if people is None:
        return []
    public = {person_id: row for row, (person_id, sensitivity, individual) in
              enumerate(zip(people["id"], people["sensitivity"], _individuals(people)))
              if sensitivity != _RESTRICTED and individual}
    problems, described = [], set()

    def said(person_id: str, where: ColumnTable, index: int, field: str, value, how: str) -> None:
        found = _DESCRIBED_VICTIM.search(value) if value else None
        if found and (where.name, index, field) not in described \
                and not exceptions.covers(where, index, DESCRIBED_VICTIM, field):
            described.add((where.name, index, field))
            problems.append(_problem(where, index, field,
                f"{person_id!r}{how} is described as a victim here ({found.group(0).strip(' .;:!?')!r}): "
                f"expected `role: victim` and `sensitivity: restricted` on the person, or wording that "
                f"does not say so, or (an adult who speaks of it in public) an editorial exception with "
                f"`safety_exception_rules: [{DESCRIBED_VICTIM}]`"))

    linked: dict[str, str] = {}  # person -> the first case an INVOLVES links her to
    victims = set()  # a victim's own check says what a victim needs (`_victims`)
    for table in tables.rels_of(Involves.type):
        for case_id, person_id, role in zip(table["from"], table["to"], table["role"]):
            linked.setdefault(person_id, case_id)
            if role == "victim":
                victims.add(person_id)
    for person_id, at in public.items():
        if people["pseudonym"][at] and person_id not in victims and not exceptions.covers(people, at, PSEUDONYM,
                                                                                         "pseudonym"):
            case = f" in {linked[person_id]!r}" if person_id in linked else ""
            problems.append(_problem(people, at, "pseudonym",
                f"{person_id!r}{case} is named by a pseudonym (`pseudonym: true`), as a victim is: expected "
                f"`sensitivity: restricted` on the person, or an editorial exception (safety_exception_by, _on, "
                f"_reason, and _rules naming {PSEUDONYM!r}) for an adult who chose to be known by it"))
        for field in _PERSON_TEXT:
            value = people[field][at]
            for text in value if isinstance(value, list) else (value,):
                said(person_id, people, at, field, text, "")
    own = {person_id: " ".join(filter(None, (people["description"][at], people["note"][at])))
           for person_id, at in public.items()}
    born = {person_id: int(found.group(1)) for person_id, text in own.items()
            if text and (found := _BORN.search(fold(text).text))}
    case_start = _column_map(tables.nodes.get(CaseFile.label), "year_start")
    for table in tables.rels_of(Involves.type):
        columns = zip(table["role"], table["from"], table["to"], table["age_from"], table["age_to"],
                      table["description"], table["sensitivity"])
        for row, (role, case_id, person_id, age_from, age_to, text, sensitivity) in enumerate(columns):
            at = public.get(person_id)
            if at is None or role == "victim":  # a victim's own check says what a victim needs
                continue
            if sensitivity != _RESTRICTED:
                said(person_id, table, row, "description", text, f" ({role} in {case_id!r})")
            age, how = (age_to, "") if age_to is not None else (age_from, "")
            if age is None and person_id in born and case_start.get(case_id) is not None:
                age = case_start[case_id] - born[person_id]  # her own record's birth year, the case's first year
                how = f" (born in {born[person_id]}; the case began in {case_start[case_id]})"
            read = None if how else ("age_to" if age_to is not None else "age_from")  # a birth year: her record's
            if age is not None and 0 <= age < 18 and not exceptions.covers(table, row, CHILD_IN_CASE, read):
                problems.append(_problem(people, at, "sensitivity",
                    f"{person_id!r} ({role} in {case_id!r}) was {age}, a child, at the time{how}: "
                    f"expected `sensitivity: restricted` (a child is never named in public)"))
    return problems


def _pseudonyms(tables: Tables) -> list[Problem]:
    """A restricted person's name or pseudonym, or a restricted place's name (a home's address), must not appear
    in any public text.

    Groups' names are descriptions ("victims of ..."), not names, and are not searched, unless the group is
    one person (`_individuals`) or has a pseudonym; nor is a restricted home's name that the street-address rule
    refuses (a home named by its street, `place_names`), which would give one fault two errors. Names and texts are
    compared folded (`loaders/folding.py`:
    "Chloë", "Chlоe" with a Cyrillic о, "J-a-s-m-i-n-e" read "Chloe", "Jasmine"), and read as a reader takes a
    name (`name_words`: "Ch-loe", "Chl0e", "Sy1via", "olivia_review"); the message quotes the text.
    """
    names: dict[tuple[str, ...], str] = {}  # a name's words -> what it names ("'p-olivia', a restricted person")
    people = tables.nodes.get(Person.label)
    if people is not None:
        columns = zip(people["id"], people["sensitivity"], _individuals(people), people["pseudonym"],
                      people["name"], people["aliases"])
        for person_id, sensitivity, individual, pseudonym, name, aliases in columns:
            if sensitivity == _RESTRICTED and (individual or pseudonym):
                _add_names(names, (name, *(aliases or ())), "a restricted person")
    places = tables.nodes.get(Place.label)
    # a school's name: its rule says, of every school; a home's: the street-address rule says its names that it
    # matches (`place_names`: a home named by its street), this check the others (one fault, one error)
    ruled = {place_type for rule in load_rules() if rule.place_names is None for place_type in rule.place_types}
    by_name = [rule for rule in load_rules() if rule.place_names is not None]
    if places is not None:
        for sensitivity, place_type, name, aliases in zip(places["sensitivity"], places["place_type"],
                                                          places["name"], places["aliases"]):
            if sensitivity == _RESTRICTED and place_type not in ruled:
                _add_names(names, [n for n in (name, *(aliases or ())) if n and not any(
                    place_type in rule.place_types and rule.place_names.fullmatch(fold(n).text) for rule in by_name)],
                           f"a restricted place ({place_type})")
    if not names:
        return []
    sizes: dict[str, set[int]] = {}  # a name's first word -> the lengths of names starting with it
    for words in names:
        sizes.setdefault(words[0], set()).add(len(words))
    known = name_skeletons({word for words in names for word in words})
    seen: dict[str, tuple[str, str] | None] = {}  # text -> the name it contains and what: public texts repeat a lot

    def find(text: str) -> tuple[str, str] | None:
        hit = seen.get(text, _UNSEEN)
        if hit is _UNSEEN:
            hit = seen[text] = _find(text, names, sizes, known)
        return hit

    problems = []
    graph = schema()
    for table in tables.all():
        fields = [c.name for c in graph.columns_of(table.name)
                  if c.type.startswith("STRING") and not c.restricted and c.name not in _NOT_TEXT]
        public = [row for row, sensitivity in enumerate(table["sensitivity"]) if sensitivity != _RESTRICTED]
        for field in fields:
            for row in rows_with(table[field], public, find):  # each distinct text read once
                value = table[field][row]
                for text in value if isinstance(value, (list, tuple)) else (value,):
                    if hit := seen.get(text):
                        problems.append(_problem(table, row, field,
                            f"public text names {hit[0]!r}, {hit[1]}: expected no victim name or pseudonym, "
                            f"nor a restricted place's name, in public records (reword it, or restrict the record)"))
    return problems


def _add_names(names: dict[tuple[str, ...], str], given, what: str) -> None:
    """Each of the `given` names (None skipped) as its folded words in small letters (`name_words`) -> `what`."""
    for one in filter(None, given):
        words = tuple(word for _, _, word in name_words(fold(one).text, name_skeletons(())))
        if words:
            names.setdefault(words, what)


_NOT_TEXT = frozenset(("from", "to", "source", "status_source", "status_as_of", "citation_sources",
                       "citation_paragraphs", "citation_statuses", "citation_as_of", "citation_reliability",
                       "citation_credibility", "citation_handling", "contested_fields", "contested_sources",
                       "partial_fields", "partial_sources"))
_UNSEEN = object()


def _find(text: str, names: dict[tuple[str, ...], str], sizes: dict[str, set[int]], known) -> tuple[str, str] | None:
    """The shortest, then first, restricted name in the text (folded, `loaders/folding.py`, its words read as
    names are, `name_words` with `known`, the names' `name_skeletons`), as a phrase of whole words, quoted from
    the original text, and what it names; None for none."""
    folded = fold(text)
    found = name_words(folded.text, known)
    words = [word for _, _, word in found]
    starts = [i for i, word in enumerate(words) if word in sizes]
    if not starts:
        return None
    for size in sorted({n for i in starts for n in sizes[words[i]]}):
        for start in starts:
            if size in sizes[words[start]] and (what := names.get(tuple(words[start:start + size]))):
                return folded.original_span(found[start][0], found[start + size - 1][1]), what
    return None
