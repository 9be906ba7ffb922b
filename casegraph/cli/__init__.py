"""The `casegraph` command: a thin layer over the library.

Each command lives in its own module and is registered here.
"""

from __future__ import annotations

import importlib
import sys

import click

from casegraph import __version__
from casegraph.cli.errors import handle_errors

__all__ = ["main", "cli"]


class _Group(click.Group):
    """Every command's user errors become a message and exit status 1."""

    def invoke(self, ctx: click.Context):
        with handle_errors():
            return super().invoke(ctx)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casegraph")
def cli() -> None:
    """casegraph: a knowledge graph of child sexual exploitation cases, every fact sourced.

    Start with `casegraph build`: it loads the curated London dataset into the
    embedded store, prints what it found and writes an overview page.
    """


COMMAND_MODULES = ("build", "verify", "inspect", "schema", "export", "analyze", "report", "viz")
"""Modules under casegraph.cli whose COMMANDS the group offers."""


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"casegraph.cli.{name}")
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="casegraph")


if __name__ == "__main__":
    sys.exit(main())
