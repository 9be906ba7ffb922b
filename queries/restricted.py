"""The one rule for asking for restricted data by parameter (`include_restricted`), for every caller.

A profile decides what a reader may see (`casegraph.graph.profile`): the
public graph holds no restricted data, the restricted graph holds all of it.
A parameter never widens a profile, and is never dropped in silence:

- in the public profile, `include_restricted` asking for restricted data
  (true, yes, 1) is refused (`RestrictedRefused`), never answered from the
  public graph as if it had been granted;
- in the restricted profile, a catalog query's `include_restricted` is true
  unless the call says false; a call that says false is answered by the same
  build's public graph (`answering_view`), the public profile's answer: the
  query's own filters leave restricted records out, and what the build counted
  (`case_links`, `linked_borough_ids` ...) is counted without restricted links
  there, as the restricted graph's counts are not.

Every reader that takes a user's parameters applies `profile_params` before
`run_query`, on the view `answering_view` gives: `Casegraph.query` (the command line's `query`, the Python API),
a `--query` selection (`graph.selection.select`: `export`, `viz`, `report`,
`analyze`, `Casegraph.select`) and the explorer's forms (`Explorer.run`); the
explorer also applies `asked` to every other route's URL. (`run_query`
itself runs what it is given, on whichever view: the engine's own tests.)
Each front end adds how it grants the restricted profile
(`RestrictedRefused.hint` is the Python API's way).
"""

from __future__ import annotations

from typing import Any

from casegraph.queries.catalog import Parameter, Query, QueryError

__all__ = ["RESTRICTED_PARAM", "RestrictedRefused", "answering_view", "asked", "profile_params"]

RESTRICTED_PARAM = "include_restricted"
"""The parameter that asks for restricted data (a catalog query's, and any explorer URL's)."""

_AS_BOOL = Parameter(type="bool", description=RESTRICTED_PARAM)


class RestrictedRefused(QueryError):
    """A request for restricted data in the public profile; `hint` says how the Python API grants it
    (the command line and the explorer say their own way)."""

    hint = "read in the restricted profile (profile=\"restricted\"); what it gives is not for publication"

    def __init__(self, value: Any):
        super().__init__(f"{RESTRICTED_PARAM}={_shown(value)} asks for restricted data (victims, minors, "
                         "identifying details), which the public profile in use leaves out; nothing was read")


def _shown(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def asked(value: Any, profile: str) -> bool:
    """Whether `value` of `include_restricted` (text from a URL or a form, or a value from the command line
    or Python) asks for restricted data. Raises `RestrictedRefused` when it does and `profile` is public,
    and `QueryError` for a value that is not a yes/no."""
    wanted = _AS_BOOL.convert(RESTRICTED_PARAM, value)
    if wanted and profile != "restricted":
        raise RestrictedRefused(value)
    return wanted


def profile_params(query: Query, params: dict[str, Any], profile: str) -> dict[str, Any]:
    """`params` of a call of `query` on a graph of `profile`, by the rule above: in the restricted profile
    `include_restricted` given its default, true, when the query has it and the call does not say.
    Raises `RestrictedRefused` (public profile, restricted data asked for) and `QueryError` (not a yes/no)."""
    if RESTRICTED_PARAM not in query.header.parameters:
        return params
    if RESTRICTED_PARAM in params and params[RESTRICTED_PARAM] not in (None, ""):
        asked(params[RESTRICTED_PARAM], profile)
        return params
    return {**params, RESTRICTED_PARAM: profile == "restricted"}


def answering_view(view, query: Query, params: dict[str, Any]):
    """The store View that answers `query` called with `params` (as `profile_params` gives them) on
    `view`: `view` itself, except a restricted view asked with `include_restricted` false, which is
    answered by its build's public graph (`view.sibling("public")`, closed with `view`)."""
    if view.profile == "restricted" and RESTRICTED_PARAM in query.header.parameters \
            and not asked(params.get(RESTRICTED_PARAM, True), view.profile):
        return view.sibling("public")
    return view
