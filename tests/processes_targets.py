"""Tasks for the child processes the tests start (`casegraph.processes.Child`): importable in a fresh interpreter
started in the project's folder, as the suite runs."""

from __future__ import annotations

import os
import sys


def exit_3(task, say) -> None:
    os._exit(3)


def broken(task, say) -> None:
    raise ValueError("broken helper")


def echo(task, say):
    for text in task:
        say(text)
    return list(reversed(task))


class _Unpicklable(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.lock = __import__("threading").Lock()


def unpicklable(task, say) -> None:
    raise _Unpicklable("no pickle", 2)


def modules(task, say) -> list[str]:
    return sorted(sys.modules)

