"""Whether the vtui process that left a file behind (its pid in the name) is still running:
files of a process killed mid-edit or mid-export are cleaned up by the next run."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """True while process `pid` exists (including one of another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
