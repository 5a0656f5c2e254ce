"""Write files so that a crash never leaves a truncated output behind.

:func:`atomic_open` writes to a hidden temporary file beside the target (``.NAME.PID.XXXX.tmp``) and
renames it over the target only when the whole file is written: a reader (or a build killed at any
moment) sees either the previous file or the new one, never part of one.

Inside :func:`atomic_group` the renames wait until the group ends, so a set of outputs (``kg build``'s
five files) is replaced together at the very end, after every file has been written; an error or an
interrupt before then leaves every previous file as it was. If one of those renames fails, the files
already renamed get their previous version back (kept by a hard link until the group is done), so the
set is either all new or all as before; the error says which (``outputs_state``).

Only a regular file (or a path that does not exist yet) is replaced that way. Standard output (``-``), a
pipe, a device (``/dev/null``) or a link of ``/dev`` or ``/proc`` to an open file (``/dev/stdout``) is
written to directly: renaming over it would turn it into a regular file (or fail, as the folder is not ours).

A process that is interrupted deletes its temporary files (also those a Ctrl-C caught half-created: at
exit). One killed with SIGKILL cannot; :func:`remove_stale` deletes those whose writer (the PID in the
name) is no longer running.
"""
from __future__ import annotations

import atexit
import io
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from .sweep import sweep

_groups: list[list[tuple[str, Path]]] = []  # pending (temporary, target) renames of the open groups
_live: set = set()  # temporary files of this process not yet renamed or deleted
_STALE = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


def _file_mode(path: Path) -> int:
    """The mode a new file would get (0666 less the umask), or the mode ``path`` already has."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


_SYSTEM_FOLDERS = ("/dev", "/proc")  # their links (/dev/stdout) name open streams, never ours to rename over


def is_stream(path: str | Path) -> bool:
    """Whether ``path`` is standard output (``-``), a pipe, a device or a link of /dev or /proc to an open
    file (/dev/stdout): written to in place, never replaced."""
    if str(path) == "-":
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:  # a new path (or one the rename will report on)
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return True
    if not os.path.islink(path):  # a file of /dev/shm is a file like any other
        return False
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))  # /dev/stdout, /dev/fd/1, /proc/self/fd/1
    return any(folder == system or folder.startswith(system + os.sep) for system in _SYSTEM_FOLDERS)


@contextmanager
def _stream_open(path, mode: str, encoding, newline):
    """Write to standard output, or open the pipe or device ``path`` for writing, without truncating or
    creating anything (a regular file reached through /dev/fd is appended to, as a shell's ``>>``)."""
    text = {} if "b" in mode else {"encoding": encoding, "newline": newline}
    if str(path) == "-":
        sys.stdout.flush()
        handle = sys.stdout.buffer if "b" in mode else io.TextIOWrapper(sys.stdout.buffer, **text)
        try:
            yield handle
        finally:
            handle.flush()
            if handle is not sys.stdout.buffer:
                handle.detach()  # leaves sys.stdout open
        return
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    if stat.S_ISREG(os.stat(path).st_mode):
        flags |= os.O_APPEND
    handle = os.fdopen(os.open(path, flags), mode, **text)
    with handle:
        yield handle


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = "\n",
                durable: bool = True, make_folder: bool = True):
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    The file gets the permissions a normal ``open`` would give it (those of the file it replaces, or
    0666 less the umask). ``durable`` syncs it to disk before the rename; ``make_folder=False`` skips
    creating ``path``'s folder (the caller knows it exists). Standard output (``-``), pipes and devices
    are written to directly (:func:`is_stream`).
    """
    if is_stream(path):
        with _named(path), _stream_open(path, mode, encoding, newline) as handle:
            yield handle
        return
    with _named(path):
        with _atomic_open(Path(path), mode, encoding, newline, durable, make_folder) as handle:
            yield handle


@contextmanager
def _named(path):
    """An OSError without a file name (a write on a full disk) gets ``path``'s, so that its message says
    which output could not be written."""
    try:
        yield
    except OSError as error:
        if error.filename is None and error.errno is not None:
            name = "standard output" if str(path) == "-" else os.fspath(path)
            raise OSError(error.errno, error.strerror or str(error), name) from error
        raise


@contextmanager
def _atomic_open(path: Path, mode, encoding, newline, durable, make_folder):
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = handle = None
    try:
        with interrupts_held():  # a Ctrl-C now would leave the file unknown to the clean-up
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
            _live.add(tmp)
            os.fchmod(fd, _file_mode(path))
            if "b" in mode:
                handle = os.fdopen(fd, mode)
            else:
                handle = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if _groups:
            _groups[-1].append((tmp, path))
        else:
            os.replace(tmp, path)
            _live.discard(tmp)
    except BaseException:
        if handle is not None:
            handle.close()  # a no-op once closed; here if the held interrupt came as the block ended
        if tmp is not None:
            _unlink(tmp)
        raise


@contextmanager
def atomic_group():
    """Defer the renames of every :func:`atomic_open` inside the block to its successful end.

    On an exception (or KeyboardInterrupt) inside the block, no target is touched and the temporary
    files are deleted.
    """
    pending: list[tuple[str, Path]] = []
    _groups.append(pending)
    try:
        yield pending
    except BaseException:
        _groups.pop()
        for tmp, _ in pending:
            if tmp is not None:
                _unlink(tmp)
        raise
    _groups.pop()
    if _groups:  # nested: the outer group renames
        _groups[-1].extend(pending)
        return
    with interrupts_held():  # Ctrl-C waits until every file is in place (microseconds)
        _switch(pending)


def _switch(pending: list[tuple[str, Path]]) -> None:
    """Rename every temporary file over its target, or, if one rename fails, put back the targets already
    renamed and raise that error with ``outputs_state`` saying what the folder holds."""
    done: list[tuple[Path, str | None]] = []  # (target, its previous version: a hard link, NEW or LOST)
    for number, (tmp, path) in enumerate(pending):
        try:
            previous = _keep_previous(path)
            if tmp is None and previous == NEW:  # a removal of what is already gone
                continue
            try:
                if tmp is None:  # a removal (pending_removal)
                    os.unlink(path)
                else:
                    os.replace(tmp, path)
            except BaseException:
                if previous not in (NEW, LOST):
                    _unlink(previous)
                raise
        except BaseException as error:
            for later, _ in pending[number:]:
                if later is not None:
                    _unlink(later)
            mixed = _roll_back(done)
            if isinstance(error, Exception):
                error.outputs_state = (f"outputs left mixed: new {', '.join(map(str, mixed))}; the others as before"
                                       if mixed else "no output was changed: the previous files are as they were")
            raise
        _live.discard(tmp)
        done.append((path, previous))
    for _, previous in done:
        if previous not in (NEW, LOST):
            _unlink(previous)


NEW = "new"  # the target did not exist before
LOST = "lost"  # its previous version could not be kept (no hard links on this file system)


def _keep_previous(path: Path) -> str:
    """A hard link to ``path`` (the file, or the symbolic link itself) under a temporary name, or NEW or
    LOST."""
    if not os.path.lexists(path):
        return NEW
    import secrets

    keep = str(path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        os.link(path, keep, follow_symlinks=False)
    except OSError:
        return LOST
    _live.add(keep)
    return keep


def _roll_back(done: list[tuple[Path, str]]) -> list[Path]:
    """Put back the previous version of each target in ``done``; return those that stay new."""
    mixed = []
    for path, previous in reversed(done):
        try:
            if previous == NEW:
                os.unlink(path)
            elif previous == LOST:
                mixed.append(path)
            else:
                os.replace(previous, path)
                _live.discard(previous)
        except OSError:
            mixed.append(path)
    return sorted(mixed)


_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def interrupts_held():
    """Hold Ctrl-C and SIGTERM until the block ends, then let them act as usual.

    Python runs a signal's handler in the main thread whichever thread the signal reached, so blocking
    the signals in this thread (a signal mask) is not enough once another thread runs (the store's
    writer, a library's pool): the kernel hands the signal to that thread and the main thread's handler
    raises anyway. Instead the main thread's handlers are swapped for one that notes the signal; at the
    end the old ones come back and the noted signal is raised again. Elsewhere than the main thread no
    handler runs, so nothing is to be done.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = {}
    try:
        try:
            for number in _HELD_SIGNALS:
                previous[number] = signal.signal(number, lambda signum, frame: noted.append(signum))
        except (ValueError, OSError):  # no handlers to swap here (an embedding interpreter)
            pass
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        if noted:
            signal.raise_signal(noted[0])


@atexit.register
def _remove_live() -> None:
    """At exit (after an interrupt too), delete the temporary files this process still holds."""
    mine = f".{os.getpid()}."  # a forked child holds a copy of the set: not its files to delete
    for tmp in list(_live):
        if mine in os.path.basename(tmp):
            _unlink(tmp)


def pending_rename(tmp: str, target: Path) -> None:
    """Rename ``tmp`` (a temporary file or symbolic link this process made) over ``target`` with the open
    :func:`atomic_group`, or at once outside one."""
    _live.add(tmp)
    if _groups:
        _groups[-1].append((tmp, Path(target)))
    else:
        os.replace(tmp, target)
        _live.discard(tmp)


def pending_removal(target: Path) -> None:
    """Delete ``target`` together with the renames of the open :func:`atomic_group` (put back if one of
    them fails), or at once outside one: an output a build no longer writes goes when the new ones come."""
    if _groups:
        _groups[-1].append((None, Path(target)))
    else:
        _unlink(target)


def remove_stale(folder: str | Path) -> list[Path]:
    """Delete the temporary files in ``folder`` left by writers that no longer run; return them."""
    return sweep(folder, _STALE, _unlink)


def _unlink(path) -> bool:
    _live.discard(path)
    try:
        os.unlink(path)
        return True
    except FileNotFoundError:
        return False
