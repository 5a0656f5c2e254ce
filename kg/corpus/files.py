"""Find the input files under the paths a user gives, safely and in a fixed order.

- Folders are walked recursively; symbolic links to folders are followed, but a link that leads back
  to a folder being walked (a loop) or to one already walked is not, and a loop is reported.
- Inside folders only regular files with a known suffix (or matching ``include``) are taken; hidden
  entries are skipped; named pipes, sockets and devices are reported, never opened (reading one could
  block forever). Files named explicitly are always taken (``-`` is standard input).
- Folders in ``skip_folders`` (``kg build``'s own output and cache folders) are not walked into, so that
  ``kg build .`` does not read what it wrote; a path given explicitly is still read.
- The result is sorted by path and free of repeats, so the order in which paths are given on the
  command line does not change the output.
"""
from __future__ import annotations

import errno
import fnmatch
import os
import stat
from pathlib import Path

from .errors import InputError

STDIN = "-"


def matches(relative: str, patterns) -> bool:
    """Whether a path relative to its folder (or its last part) matches one of the globs."""
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def sort_key(path: str):
    return [part for part in path.split("/") if part not in ("", ".")] or [path]


def find_inputs(paths, suffixes, include=(), exclude=(), skip_folders=()) -> list[tuple[str, InputError | None]]:
    """``(path, None)`` for every input file under ``paths`` and ``(path, InputError)`` for every entry
    that cannot be one, together in sorted path order, each path once."""
    skip = _identities(skip_folders)
    found: dict[str, tuple[str, InputError | None]] = {}
    for given in paths:
        given = str(given)
        if given == STDIN or not os.path.isdir(given):
            found.setdefault(os.path.normpath(given) if given != STDIN else STDIN, (given, None))
            continue
        for path, problem in _walk(given, suffixes, include, exclude, skip):
            found.setdefault(os.path.normpath(path), (path, problem))
    return sorted(found.values(), key=lambda item: sort_key(item[0]))


def find_files(paths, suffixes, include=(), exclude=(), on_error=None) -> list[str]:
    """The input files under ``paths``, sorted, each once; problems go to ``on_error`` (or raise)."""
    files = []
    for path, problem in find_inputs(paths, suffixes, include, exclude):
        if problem is None:
            files.append(path)
        else:
            _report(on_error, problem)
    return files


def _identities(folders) -> set[tuple[int, int]]:
    """(device, inode) of each of ``folders`` that exists."""
    found = set()
    for folder in folders:
        try:
            info = os.stat(folder)
        except (OSError, ValueError):
            continue
        found.add((info.st_dev, info.st_ino))
    return found


def _walk(top: str, suffixes, include, exclude, skip=frozenset()):
    top_path = Path(top)
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path, ancestors: set[tuple[int, int]]):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield str(folder), InputError(f"{folder}: cannot list the folder ({describe(error)})")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            relative = path.relative_to(top_path).as_posix()
            try:
                info = os.stat(path)
            except OSError as error:
                if _wanted(relative, suffixes, include, exclude) or _is_folder(entry, error):
                    yield str(path), InputError(f"{path}: {describe(error, path)}")
                continue
            if stat.S_ISDIR(info.st_mode):
                if exclude and matches(relative, exclude):
                    continue
                ident = (info.st_dev, info.st_ino)
                if ident in skip:
                    continue
                if ident in ancestors or _contains(path, folder):
                    yield str(path), InputError(f"{path}: symbolic link loop (it points to {os.readlink(path)}, "
                                                "a folder that holds it), not followed")
                elif ident not in seen:  # a second link to a folder already read is not read again
                    seen.add(ident)
                    yield from visit(path, ancestors | {ident})
                continue
            if not _wanted(relative, suffixes, include, exclude):
                continue
            if not stat.S_ISREG(info.st_mode):
                yield str(path), InputError(f"{path}: not a regular file (a pipe, socket or device)")
                continue
            yield str(path), None

    try:
        root = os.stat(top_path)
    except OSError as error:
        yield top, InputError(f"{top}: {describe(error, top_path)}")
        return
    seen.add((root.st_dev, root.st_ino))
    yield from visit(top_path, {(root.st_dev, root.st_ino)})


def _contains(link: Path, folder: Path) -> bool:
    """Whether the symbolic link ``link`` leads to ``folder`` or to a folder above it."""
    if not os.path.islink(link):
        return False
    target, here = os.path.realpath(link), os.path.realpath(folder)
    return here == target or here.startswith(target.rstrip(os.sep) + os.sep)


def _is_folder(entry: os.DirEntry, error: OSError) -> bool:
    """Whether an entry that could not be looked at is a folder (as its parent's listing says) or a path
    too long to look at: skipping it would leave out all it holds without a word."""
    if error.errno == errno.ENAMETOOLONG:
        return True
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _wanted(relative: str, suffixes, include, exclude) -> bool:
    if include:
        if not matches(relative, include):
            return False
    elif Path(relative).suffix.lower() not in suffixes:
        return False
    return not (exclude and matches(relative, exclude))


def describe(error: OSError, path: str | Path | None = None) -> str:
    """A short reason for an OSError, naming symbolic link problems as such."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT and path is not None and os.path.islink(path):
        return f"broken symbolic link (to {os.readlink(path)})"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EISDIR:
        return "is a folder"
    if error.errno == errno.ENAMETOOLONG:
        return "path longer than the system allows (PATH_MAX); not read"
    return (error.strerror or str(error)).lower() if error.strerror else str(error)


def _report(on_error, error: InputError) -> None:
    if on_error is None:
        raise error
    on_error(error)
