"""Load-time check that no public record words a conviction its claim status does not give.

The rule is `loaders/conviction.py` (the dossier applies the same one to its own wording). Scanned:
every public record, node or relationship, of every kind: its id (read as words, "convicted-paedophile-
john-doe") and every public text field (`loaders.safety.public_text_fields`: names, aliases, titles,
summaries, descriptions, roles, notes, bases, quotes) and a case's `outcomes` (`convicted` under an
alleged case shows a conviction in every table, page and dossier), each against the record's current status; a
citation's quote and locator against that citation's own status. And the involved party's name (its
display name, `schemas/names.py`) against the status of each INVOLVES that gives its part in a case:
"Convicted paedophile John Doe" involved as `alleged` reads as a conviction in every picture and table
that names him beside that line.

A case under `reported` or `inferred` is not refused for conviction wording (a source may report a
conviction), but one whose `outcomes` give none is warned of (`check_unbacked_convictions`): its pages would
show a conviction that nothing else in the graph records.
"""

from __future__ import annotations

from casegraph.loaders.columns import ColumnTable, Tables, rows_with
from casegraph.loaders.problems import Problem
from casegraph.loaders.safety import ID_SEPARATORS, problem_at, public_text_fields
from casegraph.loaders.conviction import NOT_CONVICTED, Wording, worded_as_conviction
from casegraph.schemas.names import NAME_FIELDS
from casegraph.schemas.text import clip, shown_path

__all__ = ["check_conviction_wording", "check_unbacked_convictions", "Wordings"]

_RESTRICTED = "restricted"
_PUBLIC_ADVICE = ("words only a restricted source supports go in a record that cites that source alone (the public "
                  "profile leaves such a record out), or word it as the public citations give it")
"""What to do about conviction wording in a public version (`check_conviction_wording(public=True)`)."""
_ADVICE = ("word it as the status gives it (\"alleged\", \"charged\", \"cleared\"), or give the status the "
           "source gives (`status: convicted`, with the citation that says so)")


class Wordings:
    """`worded_as_conviction` of each text, sought once a load: public texts repeat a lot (a quote on every
    record it is cited by), and the three checks below read the same texts. Called with a text, gives its
    wording (None: none)."""

    def __init__(self) -> None:
        self._found: dict[str, Wording | None] = {}

    def __call__(self, text: str) -> Wording | None:
        try:
            return self._found[text]
        except KeyError:
            found = self._found[text] = worded_as_conviction(text)
            return found

    def rows(self, columns: list[tuple[str, list]], among: list[int]) -> list[int]:
        """The rows of `among` (ascending), in order, with a text worded as a conviction in one of `columns`
        (field, its values; an id read as words): each distinct text is read once, and only these rows need
        reading one by one."""
        rows: set[int] = set()
        for field, values in columns:
            rows.update(rows_with(values, among, (lambda text: text and worded_as_conviction(_id_words(text)))
                                  if field == "id" else (lambda text: text and self(text))))
        return sorted(rows)


def _id_words(text: str) -> str:
    return ID_SEPARATORS.sub(" ", text)  # "convicted-paedophile-john-doe" reads as words


def check_conviction_wording(tables: Tables, public: bool = False, wordings: Wordings | None = None) -> list[Problem]:
    """Errors, one per record and field, for public text worded as a conviction under a status that is
    not one (see the module docstring). Each names file, line, record and field, the words found, the
    record's status, and what to do. Restricted records are not scanned (nothing of them is published).
    With `public`, the tables are the public versions of facts that cite a restricted source
    (`loaders.public_versions`): checked under the status their public citations alone give, which is
    what the public profile shows with the same text, and the message says so. `wordings`: the texts
    already read (a load shares one among its checks)."""
    record, advice = ("its public version (its public citations only)", _PUBLIC_ADVICE) if public else \
        ("the record", _ADVICE)
    wordings = wordings if wordings is not None else Wordings()
    problems = []
    for table in tables.all():
        if "status" not in table.values:
            continue
        fields = (() if table.is_rel else ("id",)) + public_text_fields(table.name) + \
            (("outcomes",) if "outcomes" in table.values else ())  # `convicted` is an outcome and a wording
        columns = [(field, table[field], field.startswith("citation_")) for field in fields]
        cited = table["citation_statuses"] if "citation_statuses" in table.values else None
        statuses = table["status"]
        among = [row for row, (status, sensitivity) in enumerate(zip(statuses, table["sensitivity"]))
                 if sensitivity != _RESTRICTED and (status in NOT_CONVICTED or (
                     cited is not None and not NOT_CONVICTED.isdisjoint(cited[row])))]
        for row in wordings.rows([(field, values) for field, values, _ in columns], among):
            problems += _scan_row(table, row, statuses[row], columns, cited[row] if cited is not None else (),
                                  wordings, record, advice)
    for (rel_type, _, to_label), table in tables.rels.items():
        if rel_type == "INVOLVES" and to_label in tables.nodes:
            problems += _involved_names(table, tables.nodes[to_label], wordings)
    return problems


def _scan_row(table: ColumnTable, row: int, status: str | None, columns: list[tuple[str, list, bool]],
              cited: list[str | None], wordings: Wordings, record: str, advice: str) -> list[Problem]:
    """A row's errors: `columns` (field, its values, whether per citation) are the table's scanned fields,
    `cited` the row's citation statuses; `record` and `advice` are what the message calls the record and
    tells to do."""
    problems = []
    said = set()  # texts already refused in this row: `citation_quotes` repeats `quote`
    for field, values, per_citation in columns:
        value = values[row]
        if value is None:
            continue
        for index, text in enumerate(value if isinstance(value, list) else (value,)):
            given = (cited[index] if index < len(cited) else status) if per_citation else status
            if given not in NOT_CONVICTED or not text or text in said:
                continue
            wording = worded_as_conviction(_id_words(text)) if field == "id" else wordings(text)
            if wording:
                said.add(text)
                whose = f"its citation {index + 1} is" if per_citation else f"{record} is"
                problems.append(problem_at(table, row, field, f"worded as a conviction: {wording.words!r} in "
                                           f"{clip(wording.sentence, 200)}, but {whose} {given!r}; {advice}"))
                break  # one error per field: the rest of a list says the same
    return problems


_CONVICTED = "convicted"


def check_unbacked_convictions(tables: Tables, wordings: Wordings | None = None) -> list[Problem]:
    """Warnings, one per field, for a public case (a table with `outcomes`) whose status is neither
    `convicted` nor one `check_conviction_wording` refuses under (`reported`, `inferred`), whose own public
    text (title, summary, quote, ...; not its citations' quotes, which carry their own statuses) is worded as
    a conviction (`loaders.conviction.worded_as_conviction`) while its `outcomes` hold no `convicted`. Each
    names file, line, record and field, the words and their sentence, the status and outcomes, and what to
    do. A warning, not an error: the source may report a conviction the record has not yet been given.
    `wordings`: the texts already read (a load shares one among its checks)."""
    wordings = wordings if wordings is not None else Wordings()
    warnings = []
    for table in tables.all():
        if "outcomes" not in table.values or table.is_rel:
            continue
        fields = [field for field in public_text_fields(table.name) if not field.startswith("citation_")]
        statuses, outcome_lists = table["status"], table["outcomes"]
        among = [row for row, (status, sensitivity, outcomes) in enumerate(zip(statuses, table["sensitivity"],
                                                                                 outcome_lists))
                 if not (sensitivity == _RESTRICTED or status in NOT_CONVICTED or status == _CONVICTED
                         or _CONVICTED in (outcomes or ()))]
        for row in wordings.rows([(field, table[field]) for field in fields], among):
            status, outcomes = statuses[row], outcome_lists[row]
            for field in fields:
                value = table[field][row]
                wording = next(filter(None, map(wordings, filter(None, value if isinstance(value, list)
                                                                  else (value,)))), None)
                if wording:
                    given = ", ".join(outcomes or ()) or "none"
                    warnings.append(problem_at(table, row, field, (
                        f"worded as a conviction: {wording.words!r} in {clip(wording.sentence, 200)}, but the case "
                        f"is {status!r} and its outcomes ({given}) give no conviction; if its source reports one, add "
                        f"`convicted` to `outcomes` (or `status: convicted`) with the citation that says so, else "
                        f"word it as the source gives it (\"alleged\", \"charged\")")))
    return warnings


def _involved_names(table: ColumnTable, parties: ColumnTable, wordings: Wordings) -> list[Problem]:
    """Errors for public INVOLVES, under a status in NOT_CONVICTED, whose involved party (a row of
    `parties`) is named as convicted; each at the relationship, naming the party's record and line."""
    problems = []
    rows: dict[str, int] | None = None  # party id -> row, made on the first relationship that needs it
    for row, (status, target) in enumerate(zip(table["status"], table["to"])):
        if status not in NOT_CONVICTED or table["sensitivity"][row] == _RESTRICTED:
            continue
        if rows is None:
            rows = {party: at for at, party in enumerate(parties["id"])}
        at = rows.get(target)
        field = next((f for f in NAME_FIELDS if f in parties.values and parties[f][at]), None) \
            if at is not None else None
        found = wordings(parties[field][at]) if field else None
        if found:
            origin = parties.origin(at)
            problems.append(problem_at(table, row, "to", (
                f"the involved party {target!r} is named as convicted ({found.words!r} in its {field} "
                f"{parties[field][at]!r}, {shown_path(origin.file)}:{origin.line_of(field)}), but this involvement is "
                f"{status!r}; rename the party, or {_ADVICE}")))
    return problems
