"""Errors a user can act on become a message and an exit status, not a traceback."""

from __future__ import annotations

import contextlib
import sys

import click

from casegraph.exports.base import ExportError
from casegraph.graph.store import WriteRefused
from casegraph.graph.selection import SelectionError
from casegraph.graph.store import StoreError
from casegraph.loaders.problems import LoadError
from casegraph.loaders.scaffold import ScaffoldError
from casegraph.queries.catalog import QueryError
from casegraph.queries.restricted import RestrictedRefused
from casegraph.reports import ReportError

__all__ = ["handle_errors", "USER_ERRORS"]

USER_ERRORS = (LoadError, StoreError, QueryError, WriteRefused, SelectionError, ExportError, ReportError,
               ScaffoldError, OSError)
"""Errors whose message tells the user what to fix: printed as one line, exit status 1. `OSError`: the
system's own words name the file, folder, port or host (an `--out` that cannot be written, a port in
use, a host name that does not resolve)."""

HINTS = {RestrictedRefused: "add --profile restricted (or --include-restricted): the output is then marked "
                            "not for publication"}
"""How the command line says what an error's `hint` says for the Python API."""


@contextlib.contextmanager
def handle_errors():
    try:
        yield
    except USER_ERRORS as error:
        click.echo(f"casegraph: {error}", err=True)
        hint = HINTS.get(type(error), getattr(error, "hint", None))
        if hint:
            click.echo(f"hint: {hint}", err=True)
        sys.exit(1)
