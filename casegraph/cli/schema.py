"""`casegraph schema`: the generated JSON Schema, store DDL or reference docs."""

from __future__ import annotations

import click

from casegraph.schemas.ddl import ladybug_ddl, neo4j_constraints
from casegraph.schemas.docs import render_schema_docs
from casegraph.schemas.jsonschema import render_json_schema

__all__ = ["COMMANDS", "schema_command"]


@click.command("schema")
@click.option("--format", "fmt", type=click.Choice(["jsonschema", "markdown", "ladybug-ddl", "neo4j-ddl"]),
              default="jsonschema", show_default=True, help="what to generate")
def schema_command(fmt):
    """Print what is generated from the schema: JSON Schema for data authors, docs, or store DDL."""
    if fmt == "jsonschema":
        click.echo(render_json_schema(), nl=False)
    elif fmt == "markdown":
        click.echo(render_schema_docs(), nl=False)
    elif fmt == "ladybug-ddl":
        click.echo(";\n".join(ladybug_ddl()) + ";")
    else:
        click.echo(";\n".join(neo4j_constraints()) + ";")


COMMANDS = [schema_command]
