"""Write some outputs in a forked child process while this process writes the others.

The writers are independent and each is deterministic, so splitting them between two processes changes
no byte; on two cores it takes the export stage from the sum of the writers' times to about the larger
half. The child inherits the graph by ``fork`` (nothing is pickled) and writes its files to temporary files
exactly as :func:`kg.io.atomic.atomic_open` does inside a group, but renames nothing: it hands the
(temporary file, target) pairs back through a pipe and the parent adds them to its own
:func:`~kg.io.atomic.atomic_group`, so every output is still renamed into place together, at the end.

If the parent fails or is interrupted it kills the child and deletes the child's temporary files; if the
child fails, its exception is raised in the parent. A child whose parent is killed (SIGKILL) is killed too
(Linux ``PR_SET_PDEATHSIG``); the next build deletes its temporary files (:func:`~kg.io.atomic.remove_stale`).
Used only where that is all available: Linux, ``fork``, more than one core and no other thread running.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading

from . import atomic

PR_SET_PDEATHSIG = 1


def _libc():
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc if hasattr(libc, "prctl") else None
    except (OSError, AttributeError):
        return None


_unsafe: set = set()  # why forking is unsafe in this process, if it is


def mark_unsafe(reason: str) -> None:
    """Fork no writer from this process any more: a library started threads a child would miss (an on-disk
    store's background threads: a child that writes a store would wait for them for ever)."""
    _unsafe.add(reason)


def unsafe() -> bool:
    """Whether :func:`mark_unsafe` was called in this process."""
    return bool(_unsafe)


def available() -> bool:
    """Whether :class:`ForkedWriters` can run here."""
    from ..parallel import cpu_count

    return (sys.platform.startswith("linux") and hasattr(os, "fork") and cpu_count() > 1
            and threading.active_count() == 1 and not _unsafe and _libc() is not None)


class ForkedWriters:
    """``start(task)`` runs ``task()`` (which writes files with ``atomic_open``) in a child; ``finish()``
    waits for it, adds its files to the open atomic group and returns ``task``'s (picklable) value;
    ``abandon()`` kills it and deletes its files."""

    def __init__(self, folders):
        self.folders = list(folders)  # where the child writes: searched for its temporary files on abandon
        self.pid = None
        self.reader = None

    def start(self, task) -> None:
        parent = os.getpid()
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(reader)
            _run_child(task, writer, parent)  # never returns
        os.close(writer)
        self.pid, self.reader = pid, reader

    def finish(self):
        """Wait for the child; add its temporary files to the current atomic group and return what its task
        returned, or raise its error."""
        with os.fdopen(self.reader, "rb") as pipe:
            self.reader = None
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        outcome = pickle.loads(data) if data else ("error", RuntimeError(f"output writer died ({status})"))
        if outcome[0] != "done":
            raise outcome[1]
        for tmp, target in outcome[1]:
            atomic._live.add(tmp)
            if atomic._groups:
                atomic._groups[-1].append((tmp, target))
            else:
                os.replace(tmp, target)
                atomic._live.discard(tmp)
        return outcome[2]

    def abandon(self) -> None:
        """Kill the child (if still running) and delete the temporary files it left."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
        if self.reader is not None:
            os.close(self.reader)
            self.reader = None
        for folder in self.folders:
            atomic.remove_stale(folder)


def _run_child(task, writer: int, parent: int) -> None:
    code = 0
    try:
        try:
            _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:  # the parent died before the line above
                os._exit(1)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # the parent decides; it kills us on an interrupt
            atomic._groups[:] = [[]]
            value = task()
            outcome = ("done", list(atomic._groups[-1]), value)
        except BaseException as error:  # handed to the parent, which raises it
            code = 1
            for tmp, _ in atomic._groups[-1] if atomic._groups else []:
                atomic._unlink(tmp)
            try:
                pickle.dumps(error)
            except Exception:
                error = RuntimeError(f"{type(error).__name__}: {error}")
            outcome = ("error", error)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
    finally:
        os._exit(code)
