"""Waiting for a lock another run or load holds: said once on stderr, given up after a while."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

POLL_SECONDS = 0.5


def take_or_wait(take: Callable[[], bool], wait_seconds: float, holder: str) -> None:
    """Call take() until it returns True (the lock is ours). The first refusal says on stderr
    that we wait for `holder`; past wait_seconds, TimeoutError."""
    deadline = time.monotonic() + wait_seconds
    said = False
    while not take():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {wait_seconds:.0f} s waiting for {holder}")
        if not said:
            print(f"waiting for {holder}", file=sys.stderr)
            said = True
        time.sleep(POLL_SECONDS)
