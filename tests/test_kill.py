"""Interrupt a real ``kg build`` (SIGINT, SIGTERM and SIGKILL, at several moments) over previous outputs.

Whatever the moment, every output must afterwards be byte for byte either the previous file or the new one
and must parse. After SIGINT or SIGTERM the outputs are all previous (exit status 130 or 143) or all new
(the build had finished) and no temporary file is left; after SIGKILL the next build removes the temporary
files the killed one could not, and writes the new outputs.

The kill points are: during start-up and extraction (a share of the time a whole build takes), and while
the outputs are being written (as soon as the first, second, third or fourth temporary output file appears).
"""
from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.export.json import read_json

OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")
TEMPORARY = re.compile(r"^\..+\.tmp$")


def kg_build(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def temporary_files(folder: Path) -> list[str]:
    try:
        return sorted(p.name for p in folder.iterdir() if TEMPORARY.match(p.name))
    except FileNotFoundError:
        return []


@pytest.fixture(scope="module")
def builds(tmp_path_factory, seeds_dir):
    """The previous outputs (half of seeds/) and the outputs a build of all of seeds/ writes."""
    root = tmp_path_factory.mktemp("kill")
    old, new = root / "old", root / "new"
    pages = sorted(seeds_dir.glob("*.txt"))
    for folder, chosen in ((old, pages[: len(pages) // 2]), (new, pages)):
        folder.mkdir()
        for page in chosen:
            shutil.copy(page, folder / page.name)
    previous = root / "previous"
    assert kg_build(old, previous).wait(600) == 0
    started = time.monotonic()
    assert kg_build(new, root / "expected").wait(600) == 0
    duration = time.monotonic() - started
    before, after = outputs(previous), outputs(root / "expected")
    assert all(before[name] != after[name] for name in OUTPUTS)
    return {"root": root, "new": new, "previous": previous, "before": before, "after": after,
            "duration": duration}


def wait_for(point, process, out: Path, duration: float) -> bool:
    """Wait until the kill point; False if the build ended first."""
    kind, value = point
    if kind in ("share", "seconds"):
        time.sleep(duration * value if kind == "share" else value)
        return process.poll() is None
    while len(temporary_files(out)) < value:  # kind == "temporary files": they stay until the final renames
        if process.poll() is not None:
            return False
        time.sleep(0.001)
    return True


def check_parses(folder: Path) -> None:
    read_json(folder / "graph.json")
    rdflib.Graph().parse(folder / "graph.ttl", format="turtle")
    nx.read_graphml(folder / "graph.graphml")
    for line in (folder / "entities.jsonl").read_text(encoding="utf-8").split("\n"):
        if line:
            json.loads(line)
    html = (folder / "graph.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S).group(1))


def interrupt(builds, tmp_path, sig, point):
    out = tmp_path / "out"
    shutil.copytree(builds["previous"], out)
    process = kg_build(builds["new"], out)
    reached = wait_for(point, process, out, builds["duration"])
    if point[0] == "temporary files":
        assert reached, "the build ended before the kill point"
    if reached:
        process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=600)
    now = outputs(out)
    for name in OUTPUTS:
        assert now[name] in (builds["before"][name], builds["after"][name]), name
    check_parses(out)
    return process.returncode, stderr, now, out


@pytest.mark.parametrize("sig, point", [(signal.SIGINT, ("share", 0.3)), (signal.SIGINT, ("temporary files", 1)),
                                        (signal.SIGINT, ("temporary files", 4)),
                                        (signal.SIGTERM, ("temporary files", 2))],
                         ids=["sigint-extracting", "sigint-writing-first", "sigint-writing-fourth",
                              "sigterm-writing-second"])
def test_sigint_and_sigterm_leave_the_previous_outputs_or_the_new_ones(builds, tmp_path, sig, point):
    status, stderr, now, out = interrupt(builds, tmp_path, sig, point)
    expected = {signal.SIGINT: (130, "kg: interrupted; the previous outputs are unchanged"),
                signal.SIGTERM: (143, "kg: terminated; the previous outputs are unchanged")}[sig]
    assert status in (expected[0], 0), stderr
    assert "Traceback" not in stderr
    if status == expected[0]:
        assert stderr.rstrip().endswith(expected[1])
    assert now in (builds["before"], builds["after"])
    assert temporary_files(out) == []


@pytest.mark.parametrize("point", [("seconds", 0.5), ("share", 0.6), ("temporary files", 1), ("temporary files", 3)],
                         ids=["starting", "extracting", "writing-first", "writing-third"])
def test_sigkill_leaves_no_truncated_output_and_the_next_build_recovers(builds, tmp_path, point):
    status, stderr, now, out = interrupt(builds, tmp_path, signal.SIGKILL, point)
    assert status in (-signal.SIGKILL, 0), stderr
    again = kg_build(builds["new"], out)
    assert again.wait(600) == 0, again.stderr.read()
    assert outputs(out) == builds["after"]
    assert temporary_files(out) == []


def test_an_interrupt_that_lands_in_a_finaliser_still_interrupts_the_command(capsys):
    """Ctrl-C landing in a ``__del__`` (numpy's NpzFile while a dictionary loads) cannot unwind from there:
    Python would print a traceback and go on. kg raises it again, so the command stops as on any Ctrl-C."""
    import time

    from kg.reporting import INTERRUPTED, guarded

    class Finaliser:
        def __del__(self):
            raise KeyboardInterrupt

    with pytest.raises(SystemExit) as stop:
        with guarded():
            Finaliser()  # dropped at once: its finaliser raises
            # The interrupt is sent again a moment later, by another thread, and the kernel may hand it to
            # any thread: short sleeps give the main thread, each time it takes the interpreter back, the
            # chance to run its handler (one long sleep can outlast the signal unseen on a busy machine).
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                time.sleep(0.01)
            print("carried on")
    assert stop.value.code == INTERRUPTED
    captured = capsys.readouterr()
    assert "carried on" not in captured.out
    assert "interrupted" in captured.err and "Traceback" not in captured.err and "Exception ignored" not in captured.err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["sigint", "sigterm"])
def test_a_signal_another_thread_receives_while_a_temporary_file_is_made_leaves_no_file(tmp_path, monkeypatch, sig):
    """The kernel may hand a signal to any thread that does not block it (the store's writer, a library's
    pool) and Python then runs the handler in the main thread: one that lands just after the temporary file
    is made must still find it known to the clean-up, and still stop the write."""
    import tempfile
    import threading

    from kg.io import atomic
    from kg.reporting import Terminated

    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait, daemon=True)
    other.start()
    made = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_signalled(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        signal.pthread_kill(other.ident, sig)  # reaches the other thread; the handler runs here
        # kg holds the signal here (noted, raised when the file is known): give its handler time to run. The
        # main thread runs a pending handler when it takes the interpreter back, hence short sleeps rather
        # than pure bytecode, in which a signal another thread received can go unseen.
        until = time.monotonic() + 0.5
        while time.monotonic() < until:
            time.sleep(0.001)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_signalled)
    raised = KeyboardInterrupt if sig == signal.SIGINT else Terminated
    try:
        with pytest.raises(raised):
            with terminating(sig):
                with atomic.atomic_open(tmp_path / "out.txt") as handle:
                    handle.write("never")
    finally:
        waiting.set()
        other.join()
    assert made and not (tmp_path / "out.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert not atomic._live


@contextmanager
def terminating(sig):
    """SIGTERM raises only under kg's handler (:func:`kg.reporting.guarded` installs it); SIGINT always does."""
    from kg.reporting import _terminate

    previous = signal.signal(signal.SIGTERM, _terminate) if sig == signal.SIGTERM else None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
