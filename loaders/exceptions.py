"""Editorial exceptions: what an editor reviewed and allowed in one record's public text, and nothing more.

A record's exception says who decided, when and why (`safety_exception_by`, `_on`, `_reason`), which checks it
covers (`safety_exception_rules`: rule ids of `schemas/publication-safety.yaml`, such as `individual-age`, or a
check of people, `loaders/checks.py` `PERSON_CHECKS`, such as `described-victim`) and, optionally, in which of
the record's fields (`safety_exception_fields`; none: every field those checks read). A hit of any other rule, or
in any other field, is still an error: an editor who reviewed one flagged text allowed that text only.

An exception that names a check there is not is an error (file, line, record, field and the known checks); one
that names a check, or a field, in which nothing hits is a warning: a stale exception, which would let a later
text pass unreviewed.
"""

from __future__ import annotations

from collections.abc import Iterable

from casegraph.loaders.columns import ColumnTable, Tables
from casegraph.loaders.problems import Problem
from casegraph.loaders.safety import problem_at

__all__ = ["Exceptions"]

_RULES = "safety_exception_rules"
_FIELDS = "safety_exception_fields"


class Exceptions:
    """The editorial exceptions of a dataset's resolved tables, and which of them the checks used.

    `known`: the names of every check an exception may cover. A check asks `covers` for each hit before it
    reports it; once every check has run, `unknown` gives the errors and `stale` the warnings."""

    def __init__(self, tables: Tables, known: Iterable[str]):
        self.known = tuple(known)
        self._given: dict[tuple[int, int], tuple[frozenset[str], frozenset[str]]] = {}  # (table, row) -> rules, fields
        self._rows: list[tuple[ColumnTable, int]] = []
        self._used: set[tuple[int, int, str]] = set()  # (table, row, a rule or a field it covered)
        for table in tables.all():
            if _RULES not in table.values:
                continue
            for row, (rules, fields) in enumerate(zip(table[_RULES], table[_FIELDS])):
                if rules:
                    self._given[(id(table), row)] = (frozenset(rules), frozenset(fields or ()))
                    self._rows.append((table, row))

    def covers(self, table: ColumnTable, row: int, rule: str, field: str | None) -> bool:
        """Whether the row's exception covers a hit of check `rule` in `field` (None: a check that reads no one
        field of the row, such as its age in a case, covered whatever fields the exception names)."""
        given = self._given.get((id(table), row))
        if given is None or rule not in given[0] or (field is not None and given[1] and field not in given[1]):
            return False
        self._used.add((id(table), row, rule))
        if field is not None:
            self._used.add((id(table), row, field))
        return True

    def unknown(self) -> list[Problem]:
        """An error for each check an exception names that there is not, at its `safety_exception_rules`."""
        known = set(self.known)
        return [problem_at(table, row, _RULES, f"names {rule!r}, which is no check: expected the name of a rule "
                           f"of schemas/publication-safety.yaml or of a check of people ({', '.join(self.known)})")
                for table, row in self._rows for rule in sorted(table[_RULES][row]) if rule not in known]

    def stale(self) -> list[Problem]:
        """A warning for each check and each field an exception names in which nothing hit (call it after every
        check has run): a stale exception, which would let a later text pass unreviewed."""
        warnings = []
        for table, row in self._rows:
            rules, fields = self._given[(id(table), row)]
            where = f" in {', '.join(sorted(fields))}" if fields else ""
            for rule in sorted(rules & set(self.known)):
                if (id(table), row, rule) not in self._used:
                    warnings.append(problem_at(table, row, _RULES,
                        f"the editorial exception covers {rule!r}, which finds nothing{where} in this record: "
                        f"remove it (a stale exception would let a later text pass unreviewed)"))
            for field in sorted(fields):
                if (id(table), row, field) not in self._used:
                    warnings.append(problem_at(table, row, _FIELDS,
                        f"the editorial exception covers field {field!r}, in which none of its rules "
                        f"({', '.join(sorted(rules))}) finds anything: remove it (a stale exception would let a "
                        f"later text pass unreviewed)"))
        return warnings
