"""FollowTheMoney entities for Aleph / OpenAleph: one JSON entity per line.

Load into Aleph with `alephclient write-entities -i FILE -f COLLECTION`, or
inspect with `ftm pretty -i FILE`. Mapping (checked against the
followthemoney 4.x model by the tests):

| casegraph          | FtM schema                                        |
| ------------------ | ------------------------------------------------- |
| Source             | Article (doc_type article), else Document         |
| CaseFile           | Event (startDate/endDate from the period)         |
| Borough, Place     | Address (boroughs: region, country gb, lat/lon)   |
| Institution        | PublicBody (police, council, partnership, inquiry, inspectorate, mayoralty, government, court), else Organization |
| Person             | Person; a group of people: Organization           |
| Investigation, Review | Project (startDate/endDate)                    |
| Statement          | Event (the date it was made)                      |
| Indicator, Recommendation | Note                                       |
| MEMBER_OF          | Membership (member -> organization), when the target is an Organization |
| ASSOCIATED_WITH    | Associate, when both ends are Persons             |
| CONDUCTED_BY, COMMISSIONED_BY | ProjectParticipant (project, participant) |
| any other relationship | UnknownLink (subject = from, object = to)     |

Every relationship becomes an entity of its own (not a property on a node),
so that each keeps its own provenance. Provenance, claim status,
sensitivity and time, on every entity:

- `proof` -> every cited source's entity; `sourceUrl` their URLs;
- a `Documentation` entity per citation of a node (FtM's own link between a
  document and what it documents): `document` the source, `entity` the
  node, `role` the claim status that source gives, `date` its `as_of`,
  `summary` the citation as casegraph writes it (paragraphs or locator,
  grade, quote). FtM cannot document a relationship entity (an Interval),
  so relationships carry their citations in `proof` and `description` only;
- `description` -> one line: every citation (`citation_text`), how many
  independent sources, the current claim status with its date and source
  (and the basis of an inference), contested fields, sensitivity, period, note;
- `status` on relationship entities that have it (all but Associate) is the
  claim status (`alleged`, `convicted`, ...); `role` says what the link is;
- `keywords` on nodes: `casegraph:LABEL`, `status:...`, `sensitivity:...`,
  `period:...` and every other property without an FtM home (`gss_code:...`; an unknown element of
  a list as `unknown`, the text outputs' word);
- `startDate` / `endDate` (and `date` for a single year) on Event and Project.

Every value goes through FollowTheMoney's own type cleaning (by its
property's type, as FtM's `EntityProxy.unsafe_add` does): a value FtM would
drop (a date it cannot read, a URL that is not http(s), a property over its
size limit) is an ExportError, never a silent loss. The export needs `pip install 'casegraph[ftm]'`.

Ids are stable: `casegraph-` + the casegraph id (node ids, and relationship
ids that are a hash of the relationship's endpoints, qualifiers and source).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from casegraph.exports.base import EdgeItem, ExportError, Exporter, NodeItem
from casegraph.schemas.citations import CITATION_COLUMNS, UNKNOWN_TEXT, citation_text, citations_of, contested_of, partial_of
from casegraph.schemas.names import display_name
from casegraph.schemas.text import clip
from casegraph.schemas.words import plural

__all__ = ["FtMExporter", "write_ftm", "read_ftm", "ftm_id", "NODE_SCHEMATA", "PUBLIC_BODY_TYPES"]

PUBLIC_BODY_TYPES = frozenset({
    "police", "council", "safeguarding-partnership", "inquiry", "inspectorate",
    "mayoralty", "government", "court",
})

NODE_SCHEMATA = {
    "Source": "Document", "CaseFile": "Event", "Borough": "Address", "Place": "Address",
    "Institution": "Organization", "Person": "Person", "Investigation": "Project",
    "Review": "Project", "Statement": "Event", "Indicator": "Note", "Recommendation": "Note",
}
"""The default FtM schema of each label; `node_schema` refines it per record."""

ORGANIZATIONS = {"Organization", "PublicBody"}

# Properties that have an FtM home below (everything else becomes a keyword).
_MAPPED = {
    "id", "name", "title", "aliases", "summary", "description", "figures", "findings", "note",
    "source", "paragraphs", "locator", "quote", "status", "sensitivity", "basis",
    "period", "year_start", "year_end", "lat", "lon", "region", "url", "publisher", "published",
    "role", "response", "age_from", "age_to", "status_as_of", "status_source", *CITATION_COLUMNS,
    "contested_values", "contested_sources", "partial_sources",
}
_NAME_MAX = 380


def ftm_id(casegraph_id: str) -> str:
    return f"casegraph-{casegraph_id}"


def node_schema(label: str, props: dict[str, Any]) -> str:
    if label == "Source":
        return "Article" if props.get("doc_type") == "article" else "Document"
    if label == "Institution":
        return "PublicBody" if props.get("institution_type") in PUBLIC_BODY_TYPES else "Organization"
    if label == "Person" and props.get("person_type") == "group":
        return "Organization"
    return NODE_SCHEMATA.get(label, "Note")


def _clip(text: str, limit: int = _NAME_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(name: str) -> str:
    return name.lower().replace("_", " ")


class FtMExporter(Exporter):
    format = "ftm"
    needs = ("followthemoney", "ftm")

    def __init__(self, path, meta=None):
        super().__init__(path, meta)
        from followthemoney import model
        from followthemoney.types import registry

        self.model = model
        self.entity_type = registry.entity
        self.cleaned: dict[tuple[str, str | None], dict[str, str | None]] = {}  # (type, format) -> text -> cleaned
        self.schemata: dict[str, str] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.entities: list[dict[str, Any]] = []

    # -- provenance -------------------------------------------------------

    def cited(self, props: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
        """A record's citations (`citations_of`), each with its text (`citation_text`, with the title of
        its source when this export holds it): made once a record, for its description and its
        Documentation entities."""
        return [(c, citation_text(c, self.sources.get(c["source"], {}).get("title"))) for c in citations_of(props)]

    def provenance(self, props: dict[str, Any], cited: list[tuple[dict[str, Any], str]]) -> str:
        """The one-line `description` of a record whose citations are `cited` (`self.cited(props)`)."""
        parts = []
        if cited:
            texts = [text for _, text in cited]
            independent = props.get("independent_sources")
            count = f" ({independent} independent)" if independent is not None and len(cited) > 1 else ""
            parts.append(f"{plural(len(cited), 'Source')}{count}: " + "; ".join(texts) + ".")
        if props.get("status"):
            status = f"Claim status: {props['status']}"
            if props.get("status_as_of") or props.get("status_source"):
                status += f" ({', '.join(str(props[k]) for k in ('status_as_of', 'status_source') if props.get(k))})"
            if props.get("basis"):
                status += f" (inferred by casegraph: {props['basis']})"
            parts.append(status + ".")
        for item in contested_of(props):
            parts.append(f"Contested {item['field']}: {item['value']} per {', '.join(item['sources'])}.")
        for sources, names in partial_of(props):
            parts.append(f"Stated only by {', '.join(sources)}: {', '.join(names)}.")
        if props.get("sensitivity"):
            parts.append(f"Sensitivity: {props['sensitivity']}.")
        if props.get("period"):
            parts.append(f"Period: {props['period']}.")
        if props.get("note"):
            parts.append(f"Note: {props['note']}")
        return " ".join(parts)

    def _common(self, props: dict[str, Any], entity: dict[str, list[str]],
                cited: list[tuple[dict[str, Any], str]]) -> None:
        sources = list(dict.fromkeys(props.get("citation_sources") or [props.get("source")]))
        entity["proof"] = [ftm_id(s) for s in sources if s in self.schemata]
        entity["sourceUrl"] = [self.sources[s]["url"] for s in sources
                               if s in self.sources and self.sources[s].get("url")]
        text = self.provenance(props, cited)
        if text:
            entity["description"] = [text]

    def _documentation(self, node_id: str, cited: list[tuple[dict[str, Any], str]]) -> None:
        """One FtM Documentation entity per citation of a node: FtM's own provenance link."""
        for index, (citation, text) in enumerate(cited):
            if citation["source"] not in self.schemata:
                continue
            entity = {"document": [ftm_id(citation["source"])], "entity": [ftm_id(node_id)],
                      "role": [citation["status"] or "reported"], "summary": [text]}
            if citation["as_of"]:
                entity["date"] = [citation["as_of"]]
            self.entities.append(self._entity(f"{node_id}-citation-{index + 1}", "Documentation", entity))

    @staticmethod
    def _dates(props: dict[str, Any], entity: dict[str, list[str]]) -> None:
        start, end = props.get("year_start"), props.get("year_end")
        if start is not None:
            entity["startDate"] = [str(start)]
        if end is not None:
            entity["endDate"] = [str(end)]
        if start is not None and start == end:
            entity["date"] = [str(start)]

    # -- nodes ------------------------------------------------------------

    def write_node(self, node: NodeItem) -> None:
        props = node.properties
        schema = node_schema(node.label, props)
        self.schemata[node.id] = schema
        if node.label == "Source":
            self.sources[node.id] = props
        entity: dict[str, list[str]] = {}
        name = display_name(props, node.id)
        if node.label == "Statement":
            name = f"{_words(props.get('statement_type', 'statement')).replace('-', ' ').capitalize()}: {name}"
        entity["name"] = [_clip(str(name))]
        if props.get("aliases"):
            entity["alias"] = list(props["aliases"])
        own_text = props.get("summary") or props.get("description")
        if own_text and own_text != entity["name"][0]:
            entity["summary"] = [own_text]
        notes = [*props.get("figures", []), *props.get("findings", [])]
        if notes:
            entity["notes"] = notes
        cited = self.cited(props)
        self._common(props, entity, cited)
        if schema in ("Event", "Project"):
            self._dates(props, entity)
        if schema in ("Article", "Document"):
            entity["title"] = [props["title"]]
            entity["publisher"] = [props["publisher"]]
            if props.get("published"):
                entity["publishedAt"] = [props["published"]]
            if props.get("url"):
                entity["sourceUrl"] = [props["url"]]
        if schema == "Address":
            if node.label == "Borough":
                entity["full"] = [_clip(f"{props['name']}, {props.get('region', '')}".rstrip(", "), 250)]
                entity["region"] = [props["region"]] if props.get("region") else []
                entity["country"] = ["gb"]  # a GSS code is a UK statistical geography
            else:
                entity["full"] = [_clip(props["name"], 250)]
            for key, prop in (("lat", "latitude"), ("lon", "longitude")):
                if props.get(key) is not None:
                    entity[prop] = [repr(props[key])]
        if schema in ORGANIZATIONS:
            kind = props.get("institution_type") or ("group of people" if props.get("person_type") == "group" else None)
            if kind:
                entity["classification"] = [kind]
        keywords = [f"casegraph:{node.label}"]
        keywords += [f"{k}:{props[k]}" for k in ("status", "sensitivity", "period") if props.get(k)]
        for key, value in props.items():
            if key in _MAPPED or value is None:
                continue
            for item in (value if isinstance(value, list) else [value]):  # an unknown element: the text outputs' word
                shown = UNKNOWN_TEXT if item is None else json.dumps(item) if isinstance(item, bool) else item
                keywords.append(_clip(f"{key}:{shown}", 1000))
        entity["keywords"] = keywords
        self.entities.append(self._entity(node.id, schema, entity))
        self._documentation(node.id, cited)

    # -- relationships ----------------------------------------------------

    def edge_schema(self, edge: EdgeItem) -> tuple[str, str, str]:
        """(FtM schema, property for the from-end, property for the to-end)."""
        a, b = self.schemata[edge.source], self.schemata[edge.target]
        if edge.type == "MEMBER_OF" and b in ORGANIZATIONS and a in ("Person", *ORGANIZATIONS):
            return "Membership", "member", "organization"
        if edge.type == "ASSOCIATED_WITH" and a == b == "Person":
            return "Associate", "person", "associate"
        if edge.type in ("CONDUCTED_BY", "COMMISSIONED_BY") and a == "Project" and b in ("Person", *ORGANIZATIONS):
            return "ProjectParticipant", "project", "participant"
        return "UnknownLink", "subject", "object"

    def write_edge(self, edge: EdgeItem) -> None:
        props = edge.properties
        schema, from_prop, to_prop = self.edge_schema(edge)
        entity: dict[str, list[str]] = {from_prop: [ftm_id(edge.source)], to_prop: [ftm_id(edge.target)]}
        role = _words(edge.type) + (f": {props['role']}" if props.get("role") else "")
        if schema == "Associate":
            entity["relationship"] = [props.get("description") or role]
        else:
            entity["role"] = [role]
            if props.get("status"):
                entity["status"] = [props["status"]]
        summary = [props[k] for k in ("description", "response") if props.get(k)]
        ages = (props.get("age_from"), props.get("age_to"))
        if any(a is not None for a in ages):
            low, high = ages
            summary.append("age " + (f"{low}" if low == high or high is None else
                                     f"up to {high}" if low is None else f"{low} to {high}"))
        if summary:
            entity["summary"] = ["; ".join(str(s) for s in summary)]
        self._common(props, entity, self.cited(props))
        self.entities.append(self._entity(edge.id, schema, entity))

    def _entity(self, casegraph_id: str, schema: str, properties: dict[str, list[str]]) -> dict[str, Any]:
        """The entity as FtM's `unsafe_add` would make it, value by value: cleaned by its property's
        type (`_clean`), past FtM's size limit for its type on one entity refused (30 MB of text),
        a repeat left out. A value FtM would drop is an ExportError. (Not `unsafe_add` itself: it
        looks for a repeat along the property's list, quadratic in a note's 700 keywords.)"""
        entity_id = ftm_id(casegraph_id)
        model_schema = self.model.get(schema)
        made: dict[str, list[str]] = {}
        size = 0
        for name, values in properties.items():
            prop = model_schema.get(name)
            limit = prop.type.total_size
            known = self.cleaned.setdefault((prop.type.name, prop.format), {})
            kept: dict[str, None] = {}
            for value in values:
                text = str(value)
                clean = known[text] if text in known else self._clean(prop, text, entity_id, schema, known)
                if clean is None or (limit is not None and size + len(clean) > limit):
                    raise ExportError(
                        f"FtM entity {clip(entity_id)}: FollowTheMoney's {prop.type.name} cleaning drops "
                        f"{schema}.{name} = {clip(text)}; nothing was written")
                size += len(clean)
                kept[clean] = None
            if kept:
                made[name] = list(kept)
        return {"id": entity_id, "schema": schema, "properties": made}

    def _clean(self, prop, text: str, entity_id: str, schema: str, known: dict[str, str | None]) -> str | None:
        """FtM's cleaning of `text` for `prop` on entity `entity_id` of `schema` (what `unsafe_add`
        does), kept in `known` (this export's cleaned texts of the property's type and format) for
        the next equal value: the same years, statuses, keywords and references come on many
        entities, and a date's parsing was a tenth of the export. Only a reference's cleaning looks
        at the entity, to refuse one to itself (FollowTheMoney's `InvalidData`)."""
        if prop.type is self.entity_type and text == entity_id:
            entity = self.model.make_entity(schema)
            entity.id = entity_id
            return prop.type.clean_text(text, format=prop.format, proxy=entity)
        known[text] = prop.type.clean_text(text, format=prop.format)
        return known[text]

    def finalize(self) -> list[Path]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # orjson: half the time of json's encoder (every property value is text)
        with open(self.path, "wb") as handle:
            for entity in self.entities:
                handle.write(orjson.dumps(entity, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE))
        return [self.path]


def write_ftm(graph: nx.MultiDiGraph, path, meta=None) -> list[Path]:
    """Write a projected graph (or a selection of one) as FollowTheMoney entities (JSON lines)."""
    from casegraph.exports.base import export_graph

    return export_graph(graph, FtMExporter(path, meta))


def read_ftm(path) -> list[dict[str, Any]]:
    """The entity dicts of an FtM export, in file order."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
