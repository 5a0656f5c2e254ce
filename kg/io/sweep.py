"""Delete what writers that no longer run left in a folder: the one sweep behind a build's clean-ups
(temporary files, :func:`kg.io.atomic.remove_stale`; store folders, :func:`kg.store.remove_unused_stores`).

A leftover's name holds its writer's process id; a writer still running keeps what it is writing.
"""
from __future__ import annotations

import os
import re
from pathlib import Path


def running(pid: int) -> bool:
    """Whether process ``pid`` runs (this one does). A zombie does not: a writer killed with its parent
    stays one for as long as no one reaps it (a container whose first process never does), and its
    leftovers would otherwise be kept for ever."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        pass
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has exited and waits to be reaped (Linux ``/proc``; elsewhere: not known, False)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read()
    except OSError:
        return False
    state = fields[fields.rfind(b")") + 2:][:1]  # the name, in parentheses, may hold anything
    return state in (b"Z", b"X")


def sweep(folder: str | Path, pattern: re.Pattern, remove, skip=(), mine: bool = False) -> list[Path]:
    """``remove(path)`` for each entry of ``folder`` whose name matches ``pattern`` (group 1: the writer's
    process id) and is not in ``skip``, when its writer no longer runs (``mine``: or is this process);
    return the paths ``remove`` said it deleted. A folder that cannot be listed has nothing to sweep."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = pattern.match(name)
        if match is None or name in skip:
            continue
        pid = int(match.group(1))
        if (mine and pid == os.getpid()) or not running(pid):
            path = Path(folder) / name
            if remove(path):
                removed.append(path)
    return removed
