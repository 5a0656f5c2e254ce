"""An adversarial corpus, generated into a folder by the tests (nothing hand-kept in the repository).

:func:`make_corpus` writes good pages beside every kind of bad input a user's uncleaned folder may hold
and returns what ``kg`` must say about each bad one. :data:`HOSTILE` holds the strings that must come
out of every export as harmless, valid text.
"""
from __future__ import annotations

import errno
import json
import os
import random
from pathlib import Path

GOOD_PAGE = ("\n\n2024年1月10日 星期三\n\n市长王明会见客商\n\n本报讯(记者 林青)1月9日,呼和浩特市市长王明会见了"
             "北京星河科技有限公司董事长李华一行。\n\n王明表示,呼和浩特市将推进三环路工程建设。\n")
HUGE_BYTES = 50_000_000

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "</script><script>window.__pwned=2</script>",
    "<img src=x onerror=\"window.__pwned=3\">",
    "\"double\" 'single' `tick`",
    "back\\slash \\\" \\n",
    "<>&amp;&lt;",
    "new\nline\r\nand\rreturn",
    "ctl\x00\x01\x08\x0b\x0c\x1b\x7f",
    "bidi \u202eevil\u202c \u200f\u2066x\u2069",
    "emoji 🚄👨‍👩‍👧 \U0001F600",
    "lone \ud800 and \udfff surrogates",
    "\u2028line\u2029separators",
    "{{ jinja }} ${js} %s",
]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def make_corpus(folder: Path) -> dict[str, str]:
    """Write the adversarial corpus into ``folder``; return {path relative to it: expected message part}.

    Good inputs: ``good.txt``, ``gbk.txt`` (GB18030), ``records.jsonl`` lines 1 and 7, ``sub/page.md``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "good.txt", GOOD_PAGE)
    write(folder / "gbk.txt", GOOD_PAGE.replace("王明", "张伟").encode("gb18030"))
    write(folder / "sub" / "page.md", GOOD_PAGE.replace("王明", "赵强"))
    rng = random.Random(8)
    write(folder / "binary.txt", bytes(rng.randrange(256) for _ in range(20_000)))
    write(folder / "elf.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 64 + bytes(range(256)) * 8)
    write(folder / "empty.txt", b"")
    write(folder / "blank.txt", " \n\n\t\u3000 \r\n")
    huge = "本报讯市长王明会见客商一行。"
    copies = HUGE_BYTES // len(huge.encode("utf-8"))
    write(folder / "huge.txt", huge.encode("utf-8") * copies)
    records = [json.dumps({"id": "ok", "title": "标题", "text": GOOD_PAGE}, ensure_ascii=False),
               "{broken json",
               json.dumps({"title": "no text"}),
               json.dumps({"text": 42}),
               json.dumps(["text", "in a list"]),
               "[" * 100_000 + "]" * 100_000,
               json.dumps({"text": GOOD_PAGE.replace("王明", "孙立")}, ensure_ascii=False),
               json.dumps({"text": "  \n "})]
    write(folder / "records.jsonl", "\n".join(records) + "\n")
    os.symlink("..", folder / "sub" / "loop")
    os.symlink(os.path.abspath(folder.parent), folder / "sub" / "up")  # above the corpus: never walked
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("missing.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    unreadable = write(folder / "unreadable.txt", GOOD_PAGE)
    os.chmod(unreadable, 0)
    return {
        "binary.txt": "binary data",
        "elf.txt": "binary data",
        "empty.txt": "empty",
        "blank.txt": "only whitespace",
        "huge.txt:1": f"line of {len(huge) * copies:,} characters",
        "records.jsonl:2": "malformed JSON",
        "records.jsonl:3": 'no "text"',
        "records.jsonl:4": 'no "text"',
        "records.jsonl:5": 'no "text"',
        "records.jsonl:6": "malformed JSON",
        "records.jsonl:8": 'empty "text"',
        "sub/loop": "symbolic link loop",
        "sub/up": "symbolic link loop",
        "a.txt": "symbolic link loop",
        "b.txt": "symbolic link loop",
        "dangling.txt": "broken symbolic link",
        "pipe.txt": "not a regular file",
        "unreadable.txt": "permission denied",
    }


def deny_as_root(monkeypatch, folder: Path) -> None:
    """Root reads a mode-000 file anyway: make reading ``unreadable.txt`` fail as it does for anyone else."""
    if os.geteuid() != 0:
        return
    import kg.corpus.sources as sources

    real = sources.read_bytes

    def read_bytes(path):
        if Path(path).name == "unreadable.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(sources, "read_bytes", read_bytes)


def hostile_records() -> list[str]:
    """JSON lines whose titles, ids and sentences (around real names) carry every hostile string."""
    lines = []
    for number, evil in enumerate(HOSTILE):
        text = (f"本报讯 {evil}呼和浩特市市长王明{evil}会见了北京{evil}星河科技有限公司董事长李华。{evil}\n"
                f"王明表示,呼和浩特市交通运输局将推进三环路工程。{evil}")
        lines.append(json.dumps({"id": f"r{number}{evil}", "title": f"标题{evil}", "date": "2024-01-09",
                                 "url": f"http://example.org/{evil}", "text": text}))
    return lines


def hostile_graph():
    """A knowledge graph whose every name, alias, title, role, source and home is a hostile string."""
    import networkx as nx

    key = f"dir/{HOSTILE[0]}{HOSTILE[6]}.txt#a0"
    graph = nx.MultiDiGraph(home=HOSTILE[1], articles={key: {"source": key[:-3], "index": 0, "start": 0, "end": 99,
                                                             "title": HOSTILE[2], "date": "2024-01-09"}})
    for number, evil in enumerate(HOSTILE):
        graph.add_node(f"person-{number:012d}", type="person", label=evil, aliases=[evil + " alias", "别名" + evil],
                       mentions=number + 1, articles=1, article_keys=[key],
                       roles=[{"title": evil, "org": HOSTILE[-1 - number]}])
    graph.add_node("organization-000000000000", type="organization", label="组织" + HOSTILE[0], aliases=[],
                   mentions=1, articles=1, article_keys=[key], roles=[])
    for number in range(len(HOSTILE) - 1):
        graph.add_edge(f"person-{number:012d}", f"person-{number + 1:012d}", key="co_occurs", relation="co_occurs",
                       sentences=1, articles=1, npmi=0.5, npmi_article=0.1, score=0.25, weight=2,
                       evidence=[[key, number, number + 3]])
    graph.add_edge("person-000000000002", "organization-000000000000", key=f"holds_position:{HOSTILE[3]}",
                   relation="holds_position", title=HOSTILE[3], evidence=[[key, 1, 2]])
    graph.add_edge("organization-000000000000", "person-000000000004", key="located_in", relation="located_in",
                   basis=HOSTILE[4], evidence=[])
    return graph
