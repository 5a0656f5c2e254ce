"""Load the general-knowledge lexicons shipped in ``kg/lexicons/``.

Every lexicon is a UTF-8 data file (``#`` starts a comment line). Nothing here
names an entity of any particular corpus: these are surnames, administrative
divisions, title words, suffixes and stop lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

LEVELS = ("province", "prefecture", "county", "township")
# Suffixes that a division's short form drops (和林格尔县 -> 和林格尔), longest first.
DIVISION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "街道办事处", "街道", "地区",
                     "林区", "苏木", "省", "市", "县", "区", "旗", "盟", "镇", "乡")


def read_rows(name: str) -> list[list[str]]:
    """Rows of a lexicon file, split on tabs, comments and blank lines dropped."""
    try:
        text = resources.files("kg").joinpath("lexicons", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def read_words(name: str) -> set[str]:
    return {row[0] for row in read_rows(name) if row and row[0]}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent: str | None


@dataclass
class Gazetteer:
    """Administrative divisions of China with their parents and short forms."""

    by_code: dict[str, Division] = field(default_factory=dict)
    by_name: dict[str, list[Division]] = field(default_factory=dict)  # full or short name -> divisions

    def parent(self, division: Division) -> Division | None:
        return self.by_code.get(division.parent) if division.parent else None

    def ancestors(self, division: Division) -> list[Division]:
        chain = []
        current = self.parent(division)
        while current is not None:
            chain.append(current)
            current = self.parent(current)
        return chain

    def lookup(self, name: str) -> list[Division]:
        return self.by_name.get(name, [])


# 土默特左旗 -> 土左旗, 科尔沁右翼前旗 -> 科右前旗: banners named by a direction keep its first characters.
BANNER = re.compile(r"^(.{2,}?)(左翼|右翼)?([左右前后中])旗$")


def short_forms(name: str, level: str) -> list[str]:
    """Short forms derived by rule: 呼和浩特市 -> 呼和浩特, 和林格尔县 -> 和林格尔, 和林县."""
    forms = []
    for suffix in DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if level != "township" or len(stem) >= 2:
                forms.append(stem)
            if level == "county" and len(stem) >= 4 and suffix in ("县", "旗"):
                forms.append(stem[:2] + suffix)
            banner = BANNER.match(name)
            if level == "county" and banner:
                forms.append(banner.group(1)[0] + (banner.group(2) or "")[:1] + banner.group(3) + "旗")
            break
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    rows = read_rows("divisions.tsv")
    for row in rows:
        if row[0] == "code" or len(row) < 3:
            continue
        division = Division(row[0], row[1], row[2], row[3] if len(row) > 3 and row[3] else None)
        gaz.by_code[division.code] = division
    extra = {}
    for row in read_rows("division_short_forms.tsv"):
        if len(row) >= 2:
            extra.setdefault(row[0], []).append(row[1])
    for division in gaz.by_code.values():
        names = [division.name, *short_forms(division.name, division.level), *extra.get(division.name, [])]
        for name in dict.fromkeys(names):
            gaz.by_name.setdefault(name, []).append(division)
    return gaz


@dataclass
class Lexicons:
    surnames: set[str]
    compound_surnames: set[str]
    titles: set[str]
    occupations: set[str]  # 记者, 收藏家: posts named without their holder
    given_name_chars: set[str]  # 伟, 芳: characters given names are written with
    honorifics: set[str]
    org_suffixes: dict[str, str]  # suffix -> "strong" | "weak"
    org_abbreviations: dict[str, str]  # 发改委 -> 发展和改革委员会
    place_suffixes: dict[str, str]  # suffix -> class
    project_suffixes: set[str]
    generic_project_heads: set[str]
    countries: dict[str, str]  # any form -> official short name
    world_cities: set[str]
    city_nicknames: dict[str, str]  # 青城 -> 呼和浩特市
    capital_words: set[str]
    company_industries: set[str]
    place_abbreviations: dict[str, str]  # 美 -> 美国, 沪 -> 上海市: one-character forms
    media: set[str]
    not_person: set[str]
    stop_entities: set[str]
    chunk_breakers: set[str]
    transliteration_chars: set[str]  # 基, 辛, 格: the characters foreign names are written with
    department_fields: set[str]  # 文化, 旅游: the fields joined by 和 in 文化和旅游厅
    traditional_chars: dict[str, str]  # 萬 -> 万: characters never written in simplified text
    relation_verbs: dict[str, tuple[str, frozenset[str]]]  # 会见 -> ("meets", {"direct", "with"})


def _pairs(name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in read_rows(name) if len(row) >= 2 and row[0]}


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    countries: dict[str, str] = {}
    for row in read_rows("countries.tsv"):
        if not row or not row[0]:
            continue
        countries[row[0]] = row[0]
        if len(row) > 1:
            for short in row[1].split(","):
                if short.strip():
                    countries.setdefault(short.strip(), row[0])
    return Lexicons(
        surnames=read_words("surnames.txt"),
        compound_surnames=read_words("compound_surnames.txt"),
        titles=read_words("titles.txt"),
        occupations=read_words("occupations.txt"),
        given_name_chars=read_words("given_name_chars.txt"),
        honorifics=read_words("honorifics.txt"),
        org_suffixes={row[0]: (row[1] if len(row) > 1 else "strong") for row in read_rows("org_suffixes.txt")},
        org_abbreviations=_pairs("org_abbreviations.tsv"),
        place_suffixes={row[0]: (row[1] if len(row) > 1 else "area") for row in read_rows("place_suffixes.txt")},
        project_suffixes=read_words("project_suffixes.txt"),
        generic_project_heads=read_words("generic_project_heads.txt"),
        countries=countries,
        world_cities=read_words("world_cities.txt"),
        city_nicknames=_pairs("city_nicknames.tsv"),
        capital_words=read_words("capital_words.txt"),
        company_industries=read_words("company_industries.txt"),
        place_abbreviations={**{k: v for k, v in countries.items() if len(k) == 1}, **_pairs("place_abbreviations.tsv")},
        media=read_words("media.txt"),
        not_person=read_words("not_person.txt"),
        stop_entities=read_words("stop_entities.txt"),
        chunk_breakers=read_words("chunk_breakers.txt"),
        transliteration_chars=read_words("transliteration_chars.txt"),
        department_fields=read_words("department_fields.txt"),
        traditional_chars=_pairs("traditional_chars.tsv"),
        relation_verbs={row[0]: (row[1], frozenset(row[2].split(",") if len(row) > 2 else ()))
                        for row in read_rows("relation_verbs.tsv") if len(row) >= 2 and row[0]},
    )


@lru_cache(maxsize=1)
def _simplified_table() -> dict[int, str]:
    return str.maketrans(lexicons().traditional_chars)


def to_simplified(text: str) -> str:
    """``text`` with traditional characters written as simplified ones, one for one (offsets stay true).

    >>> to_simplified("蔣萬安出席記者會")
    '蒋万安出席记者会'
    """
    return text.translate(_simplified_table())
