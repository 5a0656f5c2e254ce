"""Run a function in a forked child that cannot reach the network, within a time and a memory budget.

``kg query`` evaluates user-written SPARQL with Oxigraph, which sends a federated query (``SERVICE <iri>``)
to the server it names and has no switch to refuse. Deciding that from the query's text is fragile, so the
query runs in a child process whose kernel refuses to create or connect sockets (a seccomp filter, Linux
x86-64 and ARM64): whatever the text, no request can leave the machine. The same child is where a time
limit (it is killed) and a memory limit (``RLIMIT_AS``: an allocation fails there, not in the caller) apply,
so a runaway query ends with a message while the caller lives on.
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import signal
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
X32_SYSCALL_BIT = 0x40000000
# machine -> (audit architecture, numbers of socket() and connect())
NETWORK_SYSCALLS = {"x86_64": (0xC000003E, (41, 42)), "aarch64": (0xC00000B7, (198, 203))}


class Failed(Exception):
    """The child did not return: ``reason`` is "start" (it could not be made), "timeout", "memory" or
    "died"."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason


def _filter_program(arch: int, numbers) -> bytes:
    """A classic-BPF seccomp program: on ``arch``, socket() and connect() fail with EACCES; all else runs."""
    def op(code, jt, jf, k):
        return struct.pack("HBBI", code, jt, jf, k)

    load_word, jump_equal, and_constant, ret = 0x20, 0x15, 0x54, 0x06
    count = len(numbers)  # jumps count from the next instruction; "allow" is at 4 + count, "deny" after it
    program = [op(load_word, 0, 0, 4),  # seccomp_data.arch
               op(jump_equal, 0, count + 2, arch),  # another ABI: allow
               op(load_word, 0, 0, 0),  # seccomp_data.nr
               op(and_constant, 0, 0, 0xFFFFFFFF & ~X32_SYSCALL_BIT)]
    program += [op(jump_equal, count - index, 0, number) for index, number in enumerate(numbers)]
    program.append(op(ret, 0, 0, SECCOMP_RET_ALLOW))
    program.append(op(ret, 0, 0, SECCOMP_RET_ERRNO | errno.EACCES))
    return b"".join(program)


def deny_network() -> bool:
    """Make socket() and connect() fail (EACCES) in this process and its children, for good; False where the
    kernel or the machine type does not allow it."""
    known = NETWORK_SYSCALLS.get(platform.machine())
    if not sys.platform.startswith("linux") or known is None:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    code = _filter_program(*known)
    buffer = ctypes.create_string_buffer(code, len(code))

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    program = Program(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) == 0


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> bool:
    """Have the kernel kill this process (SIGKILL) when ``parent``, which forked it, dies, even by SIGKILL;
    exit now if it already has. False where that is not available (not Linux): the caller's own clean-up
    is all there is then."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)
    return True


def _proc_bytes(path: str, field: str) -> int:
    """A ``field:  N kB`` line of a /proc file, in bytes; 0 where unknown."""
    try:
        with open(path, encoding="ascii") as lines:
            for line in lines:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def address_space_in_use() -> int:
    """Bytes of address space this process has mapped (VmSize), 0 where unknown."""
    return _proc_bytes("/proc/self/status", "VmSize")


def available_memory() -> int:
    """Bytes of memory available without swapping (MemAvailable), 0 where unknown."""
    return _proc_bytes("/proc/meminfo", "MemAvailable")


def _limit_memory(budget: int | None) -> None:
    """Cap this process's address space at what it uses now plus ``budget`` bytes (or the cap it has)."""
    if not budget:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = address_space_in_use() + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def available() -> bool:
    return hasattr(os, "fork")


def run(function, *args, timeout: float | None = None, memory: int | None = None):
    """``function(*args)`` in a forked child without network access; its return value (pickled back), or
    its exception raised here. :class:`Failed` when it runs past ``timeout`` seconds, runs out of the
    ``memory`` bytes it may allocate beyond what it inherits, or dies."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args, memory, os.getpid()), daemon=True)
    try:
        process.start()
    except OSError as error:  # fork refused: no memory for the copy, too many processes
        receiver.close()
        sender.close()
        raise Failed("start", error.strerror or str(error)) from None
    sender.close()
    try:
        if not receiver.poll(timeout):
            process.kill()
            raise Failed("timeout", f"timed out after {timeout:g} s")
        try:
            status, value = receiver.recv()
        except (EOFError, OSError):
            process.join()
            code = process.exitcode
            if code == -signal.SIGABRT or code == -signal.SIGSEGV or code == -signal.SIGKILL:
                raise Failed("memory" if memory else "died", f"exit {code}") from None
            raise Failed("died", f"exit {code}") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "memory":
        raise Failed("memory", value)
    if status == "error":
        raise value
    return value


def _child(sender, function, args, memory, parent) -> None:
    import pickle

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills us on Ctrl-C
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # a Rust "memory allocation failed" abort says nothing the parent will not
    except OSError:
        pass
    import faulthandler

    faulthandler.disable()  # nor a dump of the Python stack on that abort
    deny_network()
    _limit_memory(memory)
    try:
        outcome = ("ok", function(*args))
    except MemoryError as error:
        outcome = ("memory", str(error))
    except Exception as error:  # noqa: BLE001 - raised again in the parent
        try:
            pickle.dumps(error)
        except Exception:  # noqa: BLE001
            error = RuntimeError(f"{type(error).__name__}: {error}")
        outcome = ("error", error)
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send(("memory", "out of memory"))
