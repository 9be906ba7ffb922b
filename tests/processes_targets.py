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


def ready_then_sleeps(task, say) -> None:
    import time
    say("ready")  # started: its `_die_with_parent` has run
    time.sleep(600)


def starts_grandchild(task, say) -> None:
    """Starts a child of its own (a grandchild of the test), waits until it runs, says its pid, then waits to be
    stopped."""
    import pickle

    from casegraph.processes import Child
    grandchild = Child("tests.processes_targets:ready_then_sleeps", None)
    assert pickle.load(grandchild.messages) == ("say", "ready")
    say(grandchild.process.pid)
    grandchild.answer()
