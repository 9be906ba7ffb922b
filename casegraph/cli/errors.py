"""Errors a user can act on become a message and an exit status, not a traceback."""

from __future__ import annotations

import contextlib
import sys

import click

from casegraph.graph.guard import WriteRefused
from casegraph.graph.store import StoreError
from casegraph.loaders.problems import LoadError
from casegraph.queries.catalog import QueryError

__all__ = ["handle_errors", "USER_ERRORS"]

USER_ERRORS = (LoadError, StoreError, QueryError, WriteRefused)


@contextlib.contextmanager
def handle_errors():
    try:
        yield
    except USER_ERRORS as error:
        click.echo(f"casegraph: {error}", err=True)
        sys.exit(1)
