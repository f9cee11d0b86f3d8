"""Named crash points for the crash-and-rerun tests.

`ETL_FAILPOINT=<name>` makes the process SIGKILL itself when it reaches that point: no
cleanup handlers, no finally blocks, no rollback, exactly as if the machine had died there.
Unset (always, outside those tests), a failpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

POINTS = ("extract:after_model", "validate:after_audit", "load:inside_transaction")


def failpoint(name: str) -> None:
    if os.environ.get("ETL_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
