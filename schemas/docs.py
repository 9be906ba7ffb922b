"""The schema reference (docs/schema.md), generated from the models."""

from __future__ import annotations

from casegraph.schemas.registry import Schema, schema

__all__ = ["render_schema_docs"]


def _field_rows(model, columns) -> list[str]:
    rows = ["| field | type | required | profile | description |", "| --- | --- | --- | --- | --- |"]
    fields = model.model_fields
    for column in columns:
        info = fields.get(column.name) or fields.get("from_")
        required = "yes" if info is not None and info.is_required() else ""
        allowed = f" One of: {', '.join(f'`{c}`' for c in column.choices)}." if column.choices else ""
        profile = "restricted" if column.restricted else "public"
        rows.append(f"| `{column.name}` | {column.type} | {required} | {profile} | {column.description}{allowed} |")
    return rows


def _safety_rows() -> list[str]:
    """The publication-safety rules (`schemas/publication-safety.yaml`): what each refuses in public text
    and where its line is drawn, read from the rules file itself so that the two cannot differ."""
    from casegraph.loaders.safety import load_rules  # the loaders read the schema: import when rendering

    rows = [
        "## Publication safety",
        "",
        "`casegraph validate` and `build` refuse identifying detail in the public text (and the id, and the",
        "whole `url`, read as words: host, path, query and fragment, such as `croydon-girl-13.example.org`",
        "or `?name=girl-13`, and a source text's file name, `text_file`, read as words) of every",
        "public record of every kind, linked to a case or not; only the definitions every case shares",
        "(boroughs, the indicator taxonomy) are not scanned. One child, described as one, is never given",
        "an age, a care history, a family link, a school or a health detail in public text: that goes to",
        "`restricted_detail`. A group or a statistic is not one child and stays public. A public person whose",
        "own record says she was abused (\"Abused from the age of 13\", \"The girl the men passed between",
        "them\") is a victim: she must be restricted (the check `described-victim`; with `pseudonym`, a public",
        "individual named by a pseudonym, and `child-in-case`, one under 18 in a case). An editorial exception",
        "(`safety_exception_by`, `_on`, `_reason`: who, when, why) covers what an editor reviewed and no more:",
        "the checks it names (`safety_exception_rules`: a rule below or a check of people, required) in the",
        "fields it names (`safety_exception_fields`; none: every field). Any other hit is still an error; a",
        "named check that is none is an error, and one that finds nothing is a warning (a stale exception).",
        "The rules, from `schemas/publication-safety.yaml`:",
        "",
        "| rule | refuses | stays public |",
        "| --- | --- | --- |",
    ]
    for rule in load_rules():
        rows.append(f"| `{rule.id}` | {rule.what} | {rule.public or 'nothing of this kind'} |")
    return rows + [""]


def render_schema_docs(graph: Schema | None = None) -> str:
    graph = graph or schema()
    out = [
        "# casegraph schema",
        "",
        "Generated from `schemas/` by `casegraph schema --format markdown`; do not edit by hand.",
        "",
        "Every fact carries `source` + `paragraphs` (or `locator`), an optional short `quote`,",
        "a claim `status` (reported, alleged, charged, convicted, acquitted, inferred — an inferred",
        "fact needs a `basis`) and a `sensitivity` (public or restricted). Timed records have a",
        "`period`: a year, a span `YYYY-YYYY`, an ongoing `YYYY-`, or `unknown`.",
        "A fact may cite several sources (`citations`); a citation given twice for one fact (the same",
        "source, paragraphs or locator, quote, status and `as_of`) counts once, with a build warning.",
        "Fields described as *aggregate* are counted by casegraph when it builds a profile's graph",
        "(from that graph's records only) so that queries need not count at national scale; data never gives them.",
        "",
        "Public and restricted text are separate fields of one record. A field marked `public` is",
        "shown wherever the record is (titles, summaries, descriptions, findings, quotes, notes): it",
        "must be safe to publish. A field marked `restricted` (`restricted_detail`, the editorial",
        "exception `safety_exception_*`, INVOLVES `age_from`/`age_to`; `x-casegraph-profile:",
        "restricted` in the JSON Schema) holds",
        "what research needs but could identify a victim, and follows the restricted profile",
        "everywhere: every query, view, export, analytic and dossier of the public profile reads a",
        "public projection of the data without it. A record with `sensitivity: restricted` is",
        "restricted as a whole, and so is every fact citing only restricted sources. A citation of a",
        "restricted source is itself restricted: a fact citing public and restricted sources is",
        "public with its public citations only, its status, independent-source count, contested",
        "values and every value as its public citations alone give them (a build warning says so).",
        "",
        *_safety_rows(),
        "## Nodes",
        "",
    ]
    for node in graph.nodes:
        out += [f"### {node.label} (`kind: {node.kind}`)", "", node.doc, ""]
        out += _field_rows(node.model, node.columns) + [""]
    out += ["## Relationships", ""]
    for rel in graph.rels:
        ends = ", ".join(f"{a} -> {b}" for a, b in rel.endpoints)
        out += [f"### {rel.type}", "", rel.doc, "", f"Joins: {ends}." +
                (" Stored once per pair; read it undirected." if rel.undirected else ""), ""]
        out += ["Besides `from` and `to` (an id, name or alias):", ""]
        out += _field_rows(rel.model, [c for c in rel.columns if c.name != "id"]) + [""]
    return "\n".join(out).rstrip() + "\n"
