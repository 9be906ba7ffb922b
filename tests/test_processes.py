"""`casegraph.processes`: a task in a fresh interpreter, its messages, answer and errors, on real processes."""

from __future__ import annotations

import os
import pickle
import signal
import time
from pathlib import Path

import pytest

from casegraph.processes import Child, Ended, NotPickled


def test_a_child_says_what_it_does_then_answers():
    said = []
    assert Child("tests.processes_targets:echo", ["one", "two"]).answer(said.append) == ["two", "one"]
    assert said == ["one", "two"]


def test_a_childs_error_is_raised_here():
    with pytest.raises(ValueError, match="broken helper"):
        Child("tests.processes_targets:broken", None).answer()


def test_an_error_that_does_not_pickle_is_raised_as_its_text():
    with pytest.raises(NotPickled, match="_Unpicklable: no pickle"):
        Child("tests.processes_targets:unpicklable", None).answer()


def test_a_child_that_ends_without_an_answer_says_its_exit_code():
    with pytest.raises(Ended, match="exit code 3") as ended:
        Child("tests.processes_targets:exit_3", None).answer()
    assert ended.value.returncode == 3


def _running(pid: int) -> bool:
    """Whether process `pid` exists and has not ended (a zombie no one reaped yet has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_a_stopped_childs_own_children_end_with_it():
    """A load's child stopped (or killed by the system) leaves none of its helpers running (`_die_with_parent`)."""
    child = Child("tests.processes_targets:starts_grandchild", None)
    kind, grandchild = pickle.load(child.messages)  # said once the grandchild runs: its prctl is set
    try:
        assert kind == "say" and _running(grandchild)
        child.stop()
        waited = time.monotonic()
        while _running(grandchild) and time.monotonic() - waited < 10:
            time.sleep(0.05)
        assert not _running(grandchild)
    finally:
        if _running(grandchild):
            os.kill(grandchild, signal.SIGKILL)


def test_an_unknown_target_is_raised_here():
    with pytest.raises(ModuleNotFoundError):
        Child("tests.no_such_module:run", None).answer()


def test_a_lean_child_imports_its_module_and_nothing_of_casegraph_above_it():
    """The safety texts' helper (`loaders.safety_texts`) runs lean: none of the packages' __init__, which import
    all of casegraph (pydantic, pyarrow: ~110 MB against ~15 MB)."""
    lean = Child("casegraph.loaders.safety_texts:judge_texts", None, lean=True)
    with pytest.raises(TypeError):  # None is no task: the module imported, its function ran
        lean.answer()
    modules = set(Child("tests.processes_targets:modules", None, lean=True).answer())
    assert "tests.processes_targets" in modules and "pydantic" not in modules and "pyarrow" not in modules
    assert not {name for name in modules if name.startswith("casegraph.")} - {"casegraph.processes"}
    full = set(Child("tests.processes_targets:modules", None).answer())
    assert "pydantic" in full  # a child that is not lean imports casegraph as any program does


def test_the_safety_helper_imports_only_the_folding_of_casegraph():
    """What a lean child of `loaders.safety_texts` imports beside the standard library: the folding, which imports
    nothing more (read from their source: a new import of casegraph would make the helper ~110 MB)."""
    import ast
    import sys

    from casegraph.loaders import folding, safety_texts

    def imported(module) -> set[str]:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        return {name.split(".")[0] if not name.startswith("casegraph") else name
                for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for name in ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""])}

    assert imported(safety_texts) - set(sys.stdlib_module_names) == {"casegraph.loaders.folding"}
    assert imported(folding) <= set(sys.stdlib_module_names)
