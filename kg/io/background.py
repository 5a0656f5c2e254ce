"""Write one output in a thread of this process while the main thread writes the others.

For a writer whose work is mostly done by code that lets go of the interpreter lock (Oxigraph's bulk
loader, in Rust, writing the graph store): it runs beside the main thread's writers as a forked process
would, but shares the graph instead of copying it. A forked child copies every memory page whose objects it
so much as reads (reading an object changes its reference count), so a writer that reads the whole graph
ends up with a second copy of it: a 100 MB build's peak was that copy.

The task touches no :func:`kg.io.atomic.atomic_group` (whose pending renames are the main thread's): it
returns what is to be renamed and the caller adds it when :meth:`Background.finish` returns, always at the
same place, so the renames keep their order. ``cancelled`` is set when the main thread gives up
(:meth:`Background.abandon`); the task checks it between steps and stops.
"""
from __future__ import annotations

import threading


class Background:
    """``start(task)`` runs ``task(cancelled)`` in a thread; ``finish()`` waits for it and returns its value
    or raises its error; ``abandon()`` asks it to stop and waits for it."""

    def __init__(self):
        self.cancelled = threading.Event()
        self.thread = None
        self.outcome = None

    def start(self, task) -> None:
        def run():
            try:
                self.outcome = ("done", task(self.cancelled))
            except BaseException as error:  # raised in the caller by finish()
                self.outcome = ("error", error)

        self.thread = threading.Thread(target=run, name="kg-writer", daemon=True)
        self.thread.start()

    def finish(self):
        self.thread.join()
        kind, value = self.outcome
        if kind != "done":
            raise value
        return value

    def abandon(self) -> None:
        self.cancelled.set()
        if self.thread is not None:
            self.thread.join()


class Cancelled(Exception):
    """The main thread gave up: the task stopped."""


def check(cancelled) -> None:
    """Raise :class:`Cancelled` if ``cancelled`` (a :class:`threading.Event` or None) is set."""
    if cancelled is not None and cancelled.is_set():
        raise Cancelled("stopped: another output failed or the build was interrupted")
