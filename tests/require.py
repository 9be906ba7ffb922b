"""One rule for tests that need a real component: skip locally, fail in CI.

`CI` counts as set when it holds anything but an empty string, `0`, `false`,
`no` or `off` (any case): `.ci/run` sets `CI=true`, and `CI=false` on a
developer's machine must not turn skips into failures.
"""

from __future__ import annotations

import os

import pytest

__all__ = ["in_ci", "require"]


def in_ci() -> bool:
    """True when the CI environment variable is set to a true value (see the module docstring)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def require(available: bool, missing: str, how: str = "") -> None:
    """Go on if `available`; else fail under CI, skip elsewhere.

    `missing` says what is not there ("no java to start a local Neo4j"), `how`
    how to get it; both end up in the skip or failure message.
    """
    if available:
        return
    if in_ci():
        pytest.fail(f"CI must run this test, but {missing}", pytrace=False)
    pytest.skip(f"{missing}; {how}" if how else missing)
