"""Work in a second process: the one way casegraph runs a task in a fresh Python interpreter.

A large build uses a second core where its work allows (BENCHMARKS.md, issue 12): a helper reads half the files
(`loaders/parallel.py`), a helper judges the public texts by the publication-safety rules while the load runs its
other checks (`loaders/safety_texts.py`), and children load, stage and write the databases
(`graph/embedded_write.py`). Each is a `Child`: a fresh interpreter, which inherits no memory or threads and runs
none of the calling program.

The protocol: the task, pickled, on the child's standard input; the child's messages, pickled, on a pipe of its
own: ("say", text) for each progress message, then ("done", its answer) or ("failed", the exception it raised).
This module imports nothing of casegraph, so that a lean child (`lean=True`) costs ~15 MB, not the ~110 MB of
all of casegraph. On Linux a child is killed when the thread that started it ends (`_die_with_parent`): a
build killed, or a child stopped, leaves none of its helpers running.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import pickle
import signal
import subprocess
import sys
from typing import Any, Callable

__all__ = ["Child", "Ended", "NotPickled"]

Progress = Callable[[str], None]

_BOOT = "import sys; from casegraph.processes import _serve; _serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))"
_LEAN = ("import importlib.util as u, sys\n"
         "for n in sys.argv[4:]: sys.modules[n] = u.module_from_spec(u.find_spec(n))\n" + _BOOT)
"""A lean child's start: casegraph and each package above its target are registered without running their
`__init__` (casegraph's and `casegraph.loaders`' import the whole library); this module, the target's and their
imports run as usual."""


class Ended(Exception):
    """A child process ended without an answer: killed (by the system's out-of-memory killer too), or it
    exited. `returncode` is its exit code (negative: the signal that ended it)."""

    def __init__(self, returncode: int | None):
        super().__init__(f"exit code {returncode}: killed, or out of memory?")
        self.returncode = returncode

    def __reduce__(self):
        return Ended, (self.returncode,)


class NotPickled(RuntimeError):
    """An exception a child raised that could not be pickled: its type's name and text."""


class Child:
    """A task run in a fresh child process, started at once: `target` ("package.module:function") is called
    there as `function(task, say)`, `task` what is given here (pickled), `say` a function sending a progress
    message here; what it returns (pickled) is the answer `answer` gives. With `lean`, the packages above the
    target's module are not initialised (see `_LEAN`): for a module that needs nothing of them. Answer or stop
    it on the thread that made it: on Linux the child is killed when that thread ends (`_die_with_parent`).

    Raises OSError when the process cannot start, and pickle's errors when `task` does not pickle."""

    def __init__(self, target: str, task: Any, lean: bool = False):
        self.target = target
        module = target.partition(":")[0]
        packages = list(dict.fromkeys(["casegraph"] + [module.rsplit(".", depth)[0]
                                                        for depth in range(module.count("."), 0, -1)])) if lean else []
        reading, writing = os.pipe()
        try:
            self.process = subprocess.Popen([sys.executable, "-c", _LEAN if lean else _BOOT, target, str(writing),
                                             str(os.getpid()), *packages], stdin=subprocess.PIPE, pass_fds=(writing,))
        except BaseException:
            os.close(reading)
            raise
        finally:
            os.close(writing)
        self.messages = os.fdopen(reading, "rb")
        try:
            pickle.dump(task, self.process.stdin, pickle.HIGHEST_PROTOCOL)
            self.process.stdin.close()
        except BrokenPipeError:  # it ended already: `answer` says so
            try:
                self.process.stdin.close()
            except OSError:  # what was left unwritten cannot be: nothing reads it
                pass
        except BaseException:
            self.stop()
            raise

    def answer(self, say: Progress | None = None) -> Any:
        """Pass the child's progress messages to `say` until it answers; its answer, or raise the exception it
        raised (`NotPickled` with its text when it does not pickle), or `Ended` when it ends without an answer.
        The child has ended when this returns or raises."""
        try:
            while True:
                try:
                    kind, value = pickle.load(self.messages)
                except (EOFError, pickle.UnpicklingError):  # no message, or one cut short: it was killed
                    self.process.wait()
                    raise Ended(self.process.returncode) from None
                if kind == "say":
                    if say is not None:
                        say(value)
                    continue
                self.process.wait()  # its memory is the system's again before the caller's next step
                if kind == "done":
                    return value
                raise value
        finally:
            self.stop()

    def stop(self) -> None:
        """End the child if it still runs (a failure elsewhere), and close its pipe."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.messages.close()
        try:
            self.process.stdin.close()
        except OSError:  # a task left unwritten: nothing reads it
            pass


def _serve(target: str, descriptor: int, parent: int) -> None:
    """The child's side: the task from standard input, `target` run on it, its messages to `descriptor`."""
    _die_with_parent(parent)
    module, _, name = target.partition(":")
    with os.fdopen(descriptor, "wb") as out:
        def send(message: tuple) -> None:
            out.write(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))  # whole or not at all: a failure sends another
            out.flush()

        try:
            task = pickle.load(sys.stdin.buffer)
            send(("done", getattr(importlib.import_module(module), name)(task, lambda text: send(("say", text)))))
        except BaseException as error:  # noqa: BLE001 (every error goes to the caller, which raises it)
            try:
                send(("failed", error))
            except Exception:  # an exception that does not pickle: its text
                send(("failed", NotPickled(f"{type(error).__name__}: {error}")))


_PR_SET_PDEATHSIG = 1
"""prctl(2)'s option: the signal a process gets when the thread that started it ends (Linux)."""


def _die_with_parent(parent: int) -> None:
    """Be killed (SIGKILL) when the thread of `parent` that started this process ends (prctl's rule: the thread,
    not the process), and end now if `parent` has already ended. A stopped or killed child (`Child.stop`, the
    out-of-memory killer) would otherwise leave its own helpers running, orphaned: a load's reading and safety
    helpers. Nothing where prctl is not (not Linux)."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    if prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0 and os.getppid() != parent:
        os._exit(1)  # it ended before this was set: nothing will read the answer
