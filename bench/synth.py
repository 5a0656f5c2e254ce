"""A deterministic synthetic Chinese news corpus of N MB, shaped like the pages in ``seeds/``.

    python bench/synth.py 10 -o /tmp/corpus-10mb          # 10 MB (10,000,000 bytes of UTF-8)
    python bench/synth.py --make-templates                 # rebuild bench/templates.json from seeds/

Article shapes come from ``bench/templates.json``: every article of the seeds with each entity name it
mentions cut out as a typed slot (person, organization, place, project). ``--make-templates`` writes that file
from kg's extraction of ``seeds/``; it is committed so that the corpus does not change when extraction does.

Slots are filled with names drawn from kg's general lexicons only: surnames (``surnames.txt``) with common
given-name characters for people; administrative divisions (``divisions.tsv``) for places, drawn from a
Zipf-like distribution so that places repeat as they do in a paper; a division's short form, a two-character
trade name and an organisation suffix (``org_suffixes.txt``) for organisations; a place, a word and a project
suffix (``project_suffixes.txt``) for projects. New people, organisations and projects keep appearing (each
slot is a new name with a fixed probability, else one of the recently used), so the graph grows like a real
one. Articles are laid out as pages of about 20 KB (``page-000001.txt`` ...), articles separated by a blank
line, as in the seeds. The same size and ``--seed`` always give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = Path(__file__).resolve().parent / "templates.json"
PAGE_BYTES = 20_000
# Characters common in Chinese given names (general knowledge).
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力永健兰云峰海波宁晓东梅琳雪飞鹏"
         "志国林斌丹凤春宇新亮浩俊颖婷慧晨欣博佳嘉鑫昊宏振玲德成荣军彬瑞琦思远涵子怡泽旭阳光立威清诚")
TRADE = "宏达鑫源华信恒泰盛世金诚博远天成中瑞嘉禾永安兴隆汇丰祥和顺通聚力众创星辰蓝海绿洲远景凯旋"
WORDS = ("生态", "智慧", "数字", "绿色", "民生", "文化", "科技", "物流", "能源", "水利", "交通", "乡村",
         "产业", "健康", "教育", "旅游", "新材料", "循环", "康养", "湿地")
NEW_NAME = {"person": 0.55, "organization": 0.45, "project": 0.6}  # chance a slot gets a new name
RECENT = 3000  # repeated names are drawn from the most recent ones


def make_templates(seeds: Path = ROOT / "seeds") -> list[list]:
    """Each article of ``seeds`` as segments: text, or ``[type, slot]`` where an entity name was."""
    from kg.pipeline import extract

    extraction = extract([str(seeds)])
    by_article: dict[str, list] = {}
    for entity in extraction.entities:
        for mention in entity.mentions:
            if mention.surface == entity.name and "\n" not in mention.surface:
                by_article.setdefault(mention.article.key, []).append((mention.start, mention.end, entity))
    templates = []
    for article in extraction.articles:
        text = article.document.text
        slots: dict[str, int] = {}
        numbers: dict[str, int] = {}
        segments: list = []
        position = article.start
        for start, end, entity in sorted(by_article.get(article.key, []), key=lambda item: (item[0], -item[1])):
            if start < position:
                continue
            if entity.id not in slots:
                slots[entity.id] = numbers.get(entity.type, 0)
                numbers[entity.type] = slots[entity.id] + 1
            segments += [text[position:start], [entity.type, slots[entity.id]]]
            position = end
        segments.append(text[position:article.end])
        templates.append([s for s in segments if s != ""])
    return templates


class Names:
    """Deterministic name source: new names keep appearing, places repeat."""

    def __init__(self, rng: random.Random):
        from kg.lexicon import gazetteer, lexicons, short_forms

        self.rng = rng
        lex = lexicons()
        self.surnames = sorted(s for s in lex.surnames if len(s) == 1)
        gaz = gazetteer()
        divisions = sorted({(d.name, d.level) for ds in gaz.by_name.values() for d in ds
                            if d.level in ("province", "prefecture", "county")})
        rng.shuffle(divisions)
        self.places = [name for name, _ in divisions]
        self.short = {}
        for name, level in divisions:
            forms = [f for f in short_forms(name, level) if len(f) >= 2]
            self.short[name] = forms[0] if forms else name
        self.org_suffixes = sorted(s for s, kind in lex.org_suffixes.items() if len(s) >= 2 and kind == "strong")
        self.project_suffixes = sorted(s for s in lex.project_suffixes if len(s) >= 2)
        self.used: dict[str, list[str]] = {"person": [], "organization": [], "project": []}
        self.seen: set[str] = set()

    def place(self) -> str:
        # Zipf-like: rank r is drawn with probability ~ 1/r over all divisions.
        rank = int(len(self.places) ** self.rng.random()) - 1
        return self.places[rank]

    def new(self, kind: str) -> str:
        rng = self.rng
        for _ in range(50):
            if kind == "person":
                name = rng.choice(self.surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            elif kind == "organization":
                trade = rng.choice(TRADE) + rng.choice(TRADE) if rng.random() < 0.6 else ""
                name = self.short[self.place()] + trade + rng.choice(self.org_suffixes)
            else:
                name = self.place() + rng.choice(WORDS) + rng.choice(self.project_suffixes)
            if name not in self.seen:
                break
        self.seen.add(name)
        self.used[kind].append(name)
        return name

    def pick(self, kind: str) -> str:
        if kind == "place":
            return self.place()
        used = self.used[kind]
        if not used or self.rng.random() < NEW_NAME[kind]:
            return self.new(kind)
        return used[-1 - int(min(len(used), RECENT) * self.rng.random())]


def articles(templates: list[list], seed: int):
    """Endless stream of filled-in articles."""
    rng = random.Random(seed)
    names = Names(rng)
    while True:
        template = templates[rng.randrange(len(templates))]
        filled: dict[tuple, str] = {}
        parts = []
        for segment in template:
            if isinstance(segment, str):
                parts.append(segment)
            else:
                slot = tuple(segment)
                if slot not in filled:
                    filled[slot] = names.pick(segment[0])
                parts.append(filled[slot])
        yield "".join(parts)


def generate(megabytes: float, out_dir: str | Path, seed: int = 1, templates: list | None = None) -> list[Path]:
    """Write a corpus of ``megabytes`` MB (10^6 bytes of UTF-8) as ~20 KB pages; return the page paths."""
    templates = templates or json.loads(TEMPLATES.read_text(encoding="utf-8"))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1_000_000)
    written, pages, page, size = 0, [], [], 0
    stream = articles(templates, seed)
    while written + size < target:
        article = next(stream)
        page.append(article)
        size += len(article.encode("utf-8")) + 2
        if size >= PAGE_BYTES or written + size >= target:
            path = out / f"page-{len(pages) + 1:06d}.txt"
            data = ("\n\n".join(page) + "\n").encode("utf-8")
            path.write_bytes(data)
            pages.append(path)
            written += len(data)
            page, size = [], 0
    return pages


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("megabytes", type=float, nargs="?", help="Corpus size in MB (10^6 bytes).")
    parser.add_argument("-o", "--output", type=Path, help="Folder to write the pages to.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--make-templates", action="store_true", help="Rebuild bench/templates.json from seeds/.")
    args = parser.parse_args(argv)
    if args.make_templates:
        TEMPLATES.write_text(json.dumps(make_templates(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {TEMPLATES}")
        return
    if args.megabytes is None or args.output is None:
        parser.error("give MEGABYTES and -o FOLDER (or --make-templates)")
    pages = generate(args.megabytes, args.output, args.seed)
    total = sum(p.stat().st_size for p in pages)
    print(f"wrote {len(pages)} pages, {total:,} bytes to {args.output}")


if __name__ == "__main__":
    main()
