"""The Python API's arguments, checked against its own annotations before anything runs.

`checked(function)` wraps a public function of `casegraph.api` so that a
missing argument, an unknown one, or one of a type its annotation does not
allow (`cg.list(None)`, `cg.search(["malone"])`) is an `ArgumentError`
naming the function, the argument and what was expected, not a Python error
from deep inside (`'NoneType' object has no attribute 'strip'`). The types
are the annotations themselves (checked by typeguard), so a signature and its
check cannot disagree. Values of the right type that mean nothing here (an
unknown kind, an id no node has) are each function's own errors.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Iterable
from functools import wraps
from typing import Any, Callable, TypeVar

from typeguard import CollectionCheckStrategy, TypeCheckError, check_type

__all__ = ["ArgumentError", "checked"]

F = TypeVar("F", bound=Callable[..., Any])


class ArgumentError(TypeError):
    """A public function called without an argument it needs, with one it does not take, or with one of
    the wrong type: the message names the function, the argument and what was expected."""


def _words(hint: Any) -> str:
    """An annotation as a person reads it: `str | None` -> "str or None"."""
    if hint is None or hint is type(None):
        return "None"
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_words(arg) for arg in typing.get_args(hint))
    if origin is not None:
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        name = "an iterable" if origin is Iterable else getattr(origin, "__name__", str(origin))
        return f"{name} of {' and '.join(_words(a) for a in args)}" if args else name
    return getattr(hint, "__qualname__", str(hint))


def checked(function: F) -> F:
    """`function`, refusing a missing, unknown or wrong-typed argument with an `ArgumentError` (see the module
    docstring). `*args`/`**kwargs` parameters are the function's own to check."""
    signature = inspect.signature(function)
    name = function.__qualname__.replace("Casegraph.", "cg.")

    @wraps(function)
    def call(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as error:  # missing, unknown or too many: Python's words, under the function's name
            raise ArgumentError(f"{name}(): {error}") from None
        hints = _hints()
        for argument, value in bound.arguments.items():
            parameter = signature.parameters[argument]
            hint = hints.get(argument)
            if hint is None or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            try:
                check_type(value, hint, collection_check_strategy=CollectionCheckStrategy.ALL_ITEMS)
            except TypeCheckError:
                raise ArgumentError(f"{name}(): argument {argument!r}: expected {_words(hint)}, got "
                                    f"{_shown(value)}") from None
        return function(*args, **kwargs)

    cache: dict[str, Any] = {}

    def _hints() -> dict[str, Any]:
        # resolved on first call: the annotations name types imported after the function is defined
        if not cache:
            cache.update(typing.get_type_hints(function))
        return cache

    return typing.cast(F, call)


def _shown(value: Any) -> str:
    """A value and its type, short: `None`, `int 5`, `list ['malone']`."""
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return text if value is None else f"{type(value).__name__} {text}"
