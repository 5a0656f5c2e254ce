"""How the ``kg`` commands report bad input, interrupts and empty results (one line each, on stderr).

Exit statuses:

====  =====================================================================================
0     everything was read and the outputs were written (warnings, e.g. an empty graph, allowed)
1     some inputs were skipped (each named on stderr, with its line); the rest was written
2     nothing was written: ``--strict`` stopped at a bad input, an output could not be
      written, or the command line was wrong
130   interrupted (Ctrl-C); the previous outputs are left as they were
143   terminated (SIGTERM); the previous outputs are left as they were
====  =====================================================================================
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager

import click

SKIPPED = 1
NOTHING_WRITTEN = 2
INTERRUPTED = 130
TERMINATED = 143


def report_errors(extraction) -> None:
    """One ``kg: skipped FILE[:LINE]: reason`` line per input that was not read."""
    for error in extraction.errors:
        click.echo(f"kg: skipped {error}", err=True)


def report_skipped(errors) -> int:
    """Report the inputs a command that reads a corpus on the fly skipped; return its exit status."""
    for error in errors:
        click.echo(f"kg: skipped {error}", err=True)
    return SKIPPED if errors else 0


def warn_if_empty(extraction) -> None:
    """Warn when the graph written is empty: no article was read, or no entity found."""
    if not extraction.count("articles"):
        click.echo("kg: warning: no article was read; the graph written is empty", err=True)
    elif not extraction.count("entities"):
        click.echo("kg: warning: no entity was found; the graph written is empty", err=True)


def exit_status(extraction) -> int:
    return SKIPPED if extraction.errors else 0


def check_output_folder(folder) -> None:
    """Exit at once (status 2) when ``folder`` cannot be created or written, before any input is read."""
    from pathlib import Path

    path = Path(folder)
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    problem = None
    if existing.exists() and not existing.is_dir():
        problem = f"{existing} is not a folder"
    elif not os.access(existing, os.W_OK | os.X_OK):
        problem = f"{existing} is not writable"
    if problem:
        click.echo(f"kg: error: cannot write {folder}: {problem}", err=True)
        sys.exit(NOTHING_WRITTEN)


def write_failed(error: OSError, target) -> None:
    """Exit (status 2) with one line naming the output that could not be written and why."""
    name = error.filename or ("standard output" if str(target) == "-" else target)
    click.echo(f"kg: error: cannot write {name}: {error.strerror or error}", err=True)
    sys.exit(NOTHING_WRITTEN)


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so that temporary files are deleted."""


def _terminate(signum, frame):
    raise Terminated()


def _deliver_again(unraisable) -> None:
    """``sys.unraisablehook`` while a command runs: Ctrl-C or SIGTERM that lands in a finaliser (numpy's
    ``NpzFile.__del__``, a generator being closed) cannot unwind from there, and Python would print a
    traceback and go on as if it had not come; the signal is sent again, by a thread a moment later (sent
    now, it would land in this hook), so that it unwinds the command from where it has got to, as usual."""
    if isinstance(unraisable.exc_value, (KeyboardInterrupt, Terminated)):
        number = signal.SIGINT if isinstance(unraisable.exc_value, KeyboardInterrupt) else signal.SIGTERM
        threading.Thread(target=_send_later, args=(os.getpid(), number), daemon=True).start()
    else:
        sys.__unraisablehook__(unraisable)


def _send_later(pid: int, number: int) -> None:
    time.sleep(0.05)
    os.kill(pid, number)


@contextmanager
def guarded(strict: bool = False):
    """Turn bad input under ``--strict``, unwritable outputs, Ctrl-C and SIGTERM into one message and an
    exit status. Python tracebacks are kept for what is not the user's input (bugs).
    """
    from .corpus import InputError

    previous = None
    hook = sys.unraisablehook
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
        sys.unraisablehook = _deliver_again
    try:
        yield
    except Terminated:
        click.echo("kg: terminated; the previous outputs are unchanged", err=True)
        sys.exit(TERMINATED)
    except InputError as error:
        click.echo(f"kg: error: {error}", err=True)
        if strict:
            click.echo("kg: --strict: stopped at the first bad input; no output was written or changed", err=True)
        sys.exit(NOTHING_WRITTEN)
    except KeyboardInterrupt:
        click.echo("\nkg: interrupted; the previous outputs are unchanged", err=True)
        sys.exit(INTERRUPTED)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        click.echo(f"kg: error: cannot write{where}: {error.strerror or error}", err=True)
        state = getattr(error, "outputs_state", None)  # set when a set of outputs was being switched
        if state:
            click.echo(f"kg: {state}", err=True)
        sys.exit(NOTHING_WRITTEN)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
            sys.unraisablehook = hook
