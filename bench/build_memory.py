"""Peak memory of a whole ``kg build``, all its processes together.

    python bench/build_memory.py CORPUS OUT [kg build options...]
    python bench/build_memory.py /tmp/c20 /tmp/o20 --timings      # a 20 MB corpus from bench/synth.py
    python bench/build_memory.py --trace trace.tsv /tmp/c20 /tmp/o20 --timings


Runs ``kg build CORPUS -o OUT ...`` in a new process and samples its process tree (the build, its
extraction workers and the forked graph.ttl writer) twice a second. Prints the peak of the summed resident memory
(RSS: pages shared by ``fork`` counted once per process, so an overestimate) and of the summed proportional
set size (PSS: each shared page split between the processes sharing it, so the machine's real cost), with
the elapsed seconds of each peak. ``--trace FILE`` (first) writes every sample, ``seconds PSS-MiB RSS-MiB``
one a line, to see which stage (``--timings`` prints their lengths) holds what. Needs psutil (installed with the test extra) and Linux (PSS).
"""
from __future__ import annotations

import subprocess
import sys
import time

import psutil

INTERVAL = 0.5  # seconds between samples


def tree_memory(root: psutil.Process) -> tuple[int, int, int]:
    """Summed RSS and PSS in bytes of ``root`` and its descendants, and how many they are."""
    processes = [root] + root.children(recursive=True)
    rss = pss = 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.Error:  # ended meanwhile
            continue
        rss += info.rss
        pss += info.pss
    return rss, pss, len(processes)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    trace = None
    if argv[0] == "--trace":
        trace, argv = open(argv[1], "w", encoding="utf-8"), argv[2:]
    corpus, out, *options = argv
    started = time.perf_counter()
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", corpus, "-o", out, *options])
    root = psutil.Process(build.pid)
    peak = {"rss": (0, 0.0), "pss": (0, 0.0)}
    most = 0
    while build.poll() is None:
        try:
            rss, pss, count = tree_memory(root)
        except psutil.Error:
            break
        now = time.perf_counter() - started
        most = max(most, count)
        if trace is not None:
            trace.write(f"{now:.1f}\t{pss / 2 ** 20:.0f}\t{rss / 2 ** 20:.0f}\n")
            trace.flush()
        if rss > peak["rss"][0]:
            peak["rss"] = (rss, now)
        if pss > peak["pss"][0]:
            peak["pss"] = (pss, now)
        time.sleep(INTERVAL)
    seconds = time.perf_counter() - started
    if trace is not None:
        trace.close()
    gib = 2 ** 30
    print(f"kg build {corpus}: exit status {build.returncode}, {seconds:.1f} s, up to {most} processes")
    print(f"peak PSS {peak['pss'][0] / gib:.2f} GiB at {peak['pss'][1]:.0f} s; "
          f"peak RSS summed {peak['rss'][0] / gib:.2f} GiB at {peak['rss'][1]:.0f} s")
    return build.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
