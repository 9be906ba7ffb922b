"""Reading what a URL asks for: the current selection, and numbers within bounds.

The current selection travels in the query string, so every page of it can
be bookmarked and shared (`?borough=newham&decade=2010&around=...`): the
same criteria as `casegraph export`'s options, read into the one selection
model (`casegraph.graph.selection.Selection`). Ids are checked against the
id pattern before they go anywhere; a bad value is a 400 saying what would
work, never a lookup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from casegraph.explorer.security import valid_id
from casegraph.graph.selection import Selection, SelectionError, parse_decade
from casegraph.queries.restricted import RESTRICTED_PARAM
from casegraph.schemas.text import NUMBER_TEXT, clip

__all__ = ["selection_of", "selection_query", "selection_fields", "SelectionField", "bounded_int", "decade_of",
           "declared", "Takes", "SELECTED", "SELECTION_KEYS", "MAX_AROUND"]

SELECTION_KEYS = ("case", "borough", "decade", "indicator", "institution", "person", "around")
MAX_AROUND = 12
"""Most nodes an expanded network starts from (each adds its neighbours)."""


def bounded_int(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    """An integer parameter in [low, high], `default` when absent; a 400 otherwise."""
    text = params.get(name, "")
    if text == "":
        return default
    value = int(text) if NUMBER_TEXT["int"].fullmatch(text.strip()) else None  # ASCII digits alone
    if value is None or not low <= value <= high:
        raise HTTPException(400, f"{name}: expected a whole number from {low} to {high}")
    return value


def decade_of(text: str) -> int:
    """A decade as a URL gives it, read by the command line's rule (`graph.selection.parse_decade`: 1990s,
    1990 -> 1990), so both take the same forms; a 400 with its message for any other."""
    try:
        return parse_decade(text)
    except SelectionError as error:
        raise HTTPException(400, f"decade: {error}") from None


@dataclass(frozen=True)
class Takes:
    """The query-string parameters one route takes, declared once beside the route (`app.create_app`):
    `once`, each given at most once, and `lists`, each as often as wanted (`around`, `kind`). Every route
    takes `include_restricted` too (`RESTRICTED_PARAM`): `profile_asked` judges it on any route."""

    once: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()

    def names(self) -> list[str]:
        """Every parameter the route takes, sorted: what a refusal lists."""
        return sorted({*self.once, *self.lists, RESTRICTED_PARAM})

    def check(self, params: QueryParams) -> None:
        """Refuse, with a 400 naming it, a parameter the route does not take (`?width=5`: answering without
        it answers another question than the one asked, in silence), listing those it takes; and one given
        more than once that is not a list (`?limit=5&limit=7`: which value was meant cannot be told)."""
        counts = Counter(name for name, _ in params.multi_items())
        taken = self.names()
        unknown = [name for name in counts if name not in taken]
        if unknown:
            others = f" (nor {', '.join(map(clip, unknown[1:]))})" if unknown[1:] else ""
            raise HTTPException(400, f"{clip(unknown[0])}: not a parameter of this page{others}; it takes "
                                     + (", ".join(taken)))
        repeated = sorted(name for name, count in counts.items() if count > 1 and name not in self.lists)
        if repeated:
            raise HTTPException(400, f"{repeated[0]}: given {counts[repeated[0]]} times; give it once"
                                     + (f" (so are {', '.join(repeated[1:])})" if repeated[1:] else ""))


SELECTED = Takes(once=("hops",), lists=SELECTION_KEYS)
"""What a selection takes (`selection_of`): its criteria, as lists, and `hops`."""


def declared(params: QueryParams, query: str, name: str):
    """Parameter `name` of catalog query `query` as that query's header declares it (type, minimum,
    maximum, default): for a route that answers the query's question by its own means (`/connections`,
    the paths of `paths-between-cases` between any two entities), so its bounds are the query's, never a
    second copy. A 400 with the catalog's message for a value the query would refuse."""
    from casegraph.queries import QueryError, catalog

    parameter = catalog()[query].header.parameters[name]
    text = params.get(name, "")
    if text.strip() == "":
        return parameter.default
    try:
        return parameter.convert(name, text)
    except QueryError as error:
        raise HTTPException(400, str(error)) from None


def _ids(params: QueryParams, name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(valid_id(v, name) for v in params.getlist(name) if v != ""))


def selection_of(params: QueryParams) -> Selection:
    """The selection a query string names (empty: the whole graph); `hops` (0-3) applies to every `around`."""
    decades = [decade_of(text) for text in params.getlist("decade") if text != ""]
    around = _ids(params, "around")
    if len(around) > MAX_AROUND:
        raise HTTPException(400, f"around: at most {MAX_AROUND} nodes")
    hops = bounded_int(params, "hops", 1, 0, 3)
    return Selection(
        cases=_ids(params, "case"), boroughs=_ids(params, "borough"), decades=tuple(dict.fromkeys(decades)),
        indicators=_ids(params, "indicator"), institutions=_ids(params, "institution"),
        people=_ids(params, "person"), around=tuple((node, hops) for node in around),
    )


@dataclass(frozen=True)
class SelectionField:
    """One criterion of the selection form (`views.html`): its URL name, its label, and the values its
    inputs show: every value of the selection, then an empty one to add another."""

    name: str
    label: str
    values: tuple[str, ...]


_FORM = (("borough", "Borough id", "boroughs"), ("decade", "Decade", "decades"),
         ("indicator", "Indicator id", "indicators"), ("case", "Case id", "cases"),
         ("institution", "Institution id", "institutions"), ("person", "Person id", "people"))


def selection_fields(selection: Selection) -> list[SelectionField]:
    """The selection form's criteria with every value `selection` holds (`selection_of`'s names), so that
    submitting it again keeps the whole selection, not each criterion's first value."""
    fields = [SelectionField(name, label, (*map(str, getattr(selection, attribute)), ""))
              for name, label, attribute in _FORM]
    return fields + [SelectionField("around", "Around node id", (*(node for node, _ in selection.around), ""))]


def selection_query(selection: Selection, **extra) -> str:
    """The query string of a selection (and any `extra` parameters), for links that keep it."""
    pairs = [("case", c) for c in selection.cases] + [("borough", b) for b in selection.boroughs]
    pairs += [("decade", str(d)) for d in selection.decades] + [("indicator", i) for i in selection.indicators]
    pairs += [("institution", i) for i in selection.institutions] + [("person", p) for p in selection.people]
    pairs += [("around", node) for node, _ in selection.around]
    if selection.around and selection.around[0][1] != 1:
        pairs.append(("hops", str(selection.around[0][1])))
    pairs += [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
    return urlencode(pairs)
