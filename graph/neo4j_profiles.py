"""The two profiles in one Neo4j database: label and type names, and the public view's scan rule.

Neo4j Community has one user database and no per-label access control, so a
build writes the public projection (`casegraph.graph.profile.public_dataset`)
under the schema's labels and types, and the full graph under
`CasegraphRestricted_<Label>` labels and `CASEGRAPHRESTRICTED_<TYPE>` types
(`restricted_label`). The two graphs share no node, label or type: a public
view runs a query as written and never reaches restricted data; a restricted
view runs it with every schema label and type replaced (`in_profile`; the
names come from the schema, never from input). A plan that scans every node
or relationship (`MATCH (n)`, `()-[r]->()`) is refused in the public profile
(`scans_all`), and so is a query that names the full graph's labels or types,
or a build's staging labels, in any spelling, or gives a label or type by an
expression (`names_other_graph`): the only other ways to reach them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from casegraph.graph.profile import PUBLIC, Profile
from casegraph.schemas import schema

__all__ = ["RESTRICTED_PREFIX", "restricted_label", "public_name", "profile_names", "all_labels",
           "profile_constraints", "in_profile", "scans_all", "names_other_graph"]

RESTRICTED_PREFIX = "CasegraphRestricted"
"""Prefix of the labels the full graph (the restricted profile) carries."""


def restricted_label(label: str) -> str:
    """The label (or relationship type, upper case) a schema label (or type) has in the full graph."""
    if label.isupper():
        return f"{RESTRICTED_PREFIX.upper()}_{label}"
    return f"{RESTRICTED_PREFIX}_{label}"


def public_name(name: str) -> str:
    """A label or type as the schema names it, whichever graph it came from (also lower-cased,
    as `toLower(labels(n)[0])` gives it); any other text unchanged."""
    if name[:len(RESTRICTED_PREFIX) + 1].lower() == RESTRICTED_PREFIX.lower() + "_":
        return name[len(RESTRICTED_PREFIX) + 1:]
    return name


def profile_names(profile: Profile) -> dict[str, str]:
    """Schema label or relationship type -> its name in a profile's graph."""
    names = [*schema().labels, *schema().rel_types]
    return {name: name if profile == PUBLIC else restricted_label(name) for name in names}


def all_labels() -> list[str]:
    """Every node label a built graph uses: the public graph's, then the full graph's."""
    return [*schema().labels, *(restricted_label(label) for label in schema().labels)]


def profile_constraints() -> list[str]:
    """The constraints and indexes of both graphs: the schema's (`schemas.ddl.neo4j_constraints`, one
    rule) under the public graph's names and under the full graph's, so a restricted view finds a node
    by its id, and a stored order by its rank, as fast as a public one."""
    from casegraph.schemas.ddl import neo4j_constraints

    return [*neo4j_constraints(), *neo4j_constraints(name=restricted_label)]


def in_profile(cypher: str, profile: Profile) -> str:
    """The query as it runs on a profile's graph: in the restricted profile, `:Label` ->
    `:CasegraphRestricted_Label` and `:TYPE` / `|TYPE` -> `CASEGRAPHRESTRICTED_TYPE`, and every
    `labels(x)` and `type(x)` gives the schema's names (`_schema_names`), so that what the query does with
    them (ORDER BY, a comparison, text built from them) gives what it gives on the public graph and on LadybugDB.

    Only schema names after a colon (or a `|` of types) are replaced. Raises WriteRefused for text no
    engine would lex (`queries.guard.tokenize`)."""
    if profile == PUBLIC:
        return cypher
    return _schema_names(_name_ref().sub(lambda m: f"{m.group(1)}{restricted_label(m.group(2))}", cypher))


_NAMES_OF = {
    "labels": lambda arg: f"[casegraph_label IN labels({arg}) | replace(casegraph_label, '{RESTRICTED_PREFIX}_', '')]",
    "type": lambda arg: f"replace(type({arg}), '{RESTRICTED_PREFIX.upper()}_', '')",
}
"""Function -> the same call giving the schema's names (the prefix `restricted_label` adds taken off)."""


def _schema_names(cypher: str) -> str:
    """`cypher` with every call of `labels` and `type` (a function, not a property `r.type` or a key) wrapped
    by `_NAMES_OF`; calls inside an argument are wrapped too. Strings and comments are left as written."""
    from casegraph.queries.guard import tokenize

    tokens = tokenize(cypher)
    out, done = [], 0
    for i, token in enumerate(tokens[:-1]):
        wrap = _NAMES_OF.get(token.text.lower()) if token.kind == "word" else None
        if wrap is None or tokens[i + 1].text != "(" or token.offset < done or (i and tokens[i - 1].text == "."):
            continue
        depth, close = 0, None
        for later in tokens[i + 1:]:
            depth += (later.text == "(") - (later.text == ")")
            if depth == 0:
                close = later.offset
                break
        if close is None:  # unbalanced: the engine says where
            return cypher
        out += [cypher[done:token.offset], wrap(_schema_names(cypher[tokens[i + 1].offset + 1:close]))]
        done = close + 1
    return "".join(out) + cypher[done:]


@cache
def _name_ref() -> re.Pattern:
    names = sorted([*schema().labels, *schema().rel_types], key=len, reverse=True)
    return re.compile(r"([:|]\s*)(" + "|".join(names) + r")\b")


_SCANS_ALL = ("AllNodesScan", "AllRelationshipsScan")
"""Plan operators that read every node or relationship, whichever graph it belongs to."""


def scans_all(plan: Any) -> bool:
    """True when a plan (an EXPLAIN summary's `plan` dict) reads every node or relationship, or
    counts them without a label or type."""
    if not plan:
        return False
    operator = str(plan.get("operatorType", ""))
    details = str((plan.get("args") or {}).get("Details", ""))
    if any(name in operator for name in _SCANS_ALL) or ("CountFromCountStore" in operator and ":" not in details):
        return True
    return any(scans_all(child) for child in plan.get("children", ()))


_OTHER_GRAPHS = re.compile(r"casegraph_?(?:restricted|staging)|\$\s*(?:any|all)?\s*\(", re.IGNORECASE)
"""The full graph's labels and types (`CasegraphRestricted_Person`, `CASEGRAPHRESTRICTED_INVOLVES`), a
build's staging labels (`CasegraphStaging_...`), and Neo4j 5's dynamic labels and types (`:$(expr)`,
`:$any(expr)`), which could spell either."""


def names_other_graph(cypher: str) -> str | None:
    """What a public-profile query names outside the public graph (the text matched), or None.

    Text-level and deliberately broad: a name that only appears inside a string literal is refused
    too, since no question about the public graph needs one."""
    found = _OTHER_GRAPHS.search(cypher)
    return found.group(0) if found else None
