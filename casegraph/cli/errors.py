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
from casegraph.queries.catalog import QueryError
from casegraph.reports import ReportError

__all__ = ["handle_errors", "USER_ERRORS"]

USER_ERRORS = (LoadError, StoreError, QueryError, WriteRefused, SelectionError, ExportError, ReportError)
"""Errors whose message tells the user what to fix: printed as one line, exit status 1."""


@contextlib.contextmanager
def handle_errors():
    try:
        yield
    except USER_ERRORS as error:
        click.echo(f"casegraph: {error}", err=True)
        sys.exit(1)
