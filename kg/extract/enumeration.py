"""Type the other items of a list from its typed ones: 金宇集团、金宇保灵、必威安泰等企业.

News writing lists things of one kind, separated by 、. When some items of a
list are already known to be organisations (or people), the remaining items
that look like names are taken to be of the same type.
"""
from __future__ import annotations

import re

from ..lexicon import lexicons
from .candidates import TAGGER_RULE, Candidate, place_tiling
from .grammar import COUNTED_INSIDE, COUNTED_TAIL, COUNTS, FUNCTION_CHARS
from .tokens import Frequency, Tokenizer

ITEM = re.compile(r"[^、，。；：！？,;:!?“”\"（）()\s]+")
LIST_TYPES = ("organization", "person")
MAX_ITEM = {"organization": 14, "person": 4, "project": 24, "place": 10}
# Items that describe a kind rather than name one: 全国新时代好少年, 主要金融机构, 头部企业.
GENERIC_ITEM_HEADS = ("全国", "全球", "全市", "全区", "各", "主要", "相关", "有关", "重点", "头部", "龙头")
GENERIC_ITEM_TAILS = ("企业", "单位", "机构", "部门", "布局", "战略", "构想", "群体", "人才",
                      "工作", "任务", "精神", "会议", "全会", "大会", "要求", "部署")  # 市政府中心工作, 经济工作会议
# Words that make a list item read as construction work, once another item of the list is a project.
CONSTRUCTION_MARKERS = re.compile(r"上跨|下穿|上穿|匝道|互通|立交|改造|扩建|新建|大桥|隧道|高速|公路|铁路|高铁|地铁|机场|电站|"
                                  r"工程|项目|管廊|枢纽")
NAME_TAGS = ("nr", "nrt", "nz", "nt", "ns", "j")  # jieba's tags of proper nouns
BREAKING_WORDS = ("赴", "参观", "前往", "组织")  # 693家企业赴阿联酋: a clause, not an item
MIN_ITEM = {"organization": 2, "person": 2, "project": 3, "place": 2}


def list_items(text: str) -> list[list[tuple[int, int]]]:
    """Runs of at least two items joined by 、 ((start, end) of each item)."""
    if "、" not in text:
        return []  # most sentences: no items to look for
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    position = 0
    for match in ITEM.finditer(text):
        start, end = match.span()
        if current and (text[position:start] != "、" or "等" in text[current[-1][0] + 2:current[-1][1]]):
            if len(current) >= 2:
                runs.append(current)  # a list ends at its 等: 甲、乙等商圈都要丰富场景、业态
            current = []
        current.append((start, end))
        position = end
    if len(current) >= 2:
        runs.append(current)
    return runs


# The noun after 等 names the kind of every item: 甲、乙、丙等企业.
TAIL_TYPES = {"企业": "organization", "公司": "organization", "单位": "organization", "机构": "organization",
              "部门": "organization", "学校": "organization", "高校": "organization", "医院": "organization",
              "运营商": "organization", "银行": "organization", "航空公司": "organization", "集团": "organization",
              "项目": "project", "重点项目": "project", "工程": "project", "重大项目": "project",
              "地": "place", "地区": "place", "城市": "place", "省份": "place", "国家": "place",
              "商圈": "place", "重点商圈": "place", "景区": "place", "街区": "place", "公园": "place",
              "广场": "place", "小区": "place", "商场": "place", "口岸": "place", "旗县": "place",
              "同志": "person", "领导": "person"}
# 甲、乙等企业, 甲、乙等30多家企业; 甲、乙、丙三大运营商 (a count of the items names their kind too).
TAIL = re.compile(r"(?:等(?:\d*[多余]?[个家所项座]|一批|一系列)?|(?P<count>[两三四五六七八九十])大)[\u4e00-\u9fff]{0,2}?"
                  r"(?P<kind>%s)" % "|".join(sorted(TAIL_TYPES, key=len, reverse=True)))


def extend_enumerations(text: str, candidates: list[Candidate], tokenizer: Tokenizer) -> list[Candidate]:
    """``candidates`` with untyped list items added and the weak candidates they contradict left out.

    Returns a new list; the caller's list is not changed.
    """
    candidates = list(candidates)
    added: list[Candidate] = []
    for run in (part for whole in list_items(text) for part in split_at_counts(text, whole)):
        exact = {(c.start, c.end): c for c in candidates if c.priority >= 2}
        # The last item may carry the list's tail: 开盛生物等企业 -> 开盛生物.
        run[0] = (after_preposition(text, *run[0], tokenizer), run[0][1])
        last = split_conjunction(text, *run[-1])
        if len(last) == 2 and "等" in text[last[1][0]:last[1][1]]:
            run[-1:] = last  # 甲、乙及丙等企业: 丙 is an item too (when the list's tail follows it)
        items = [trim_tail(text, start, end) for start, end in run]
        items[0] = typed_span_at(candidates, items[0], at_end=True)
        items[-1] = typed_span_at(candidates, items[-1], at_end=False)
        tail = TAIL.match(text, items[-1][1])
        # 移动、联通、电信三大运营商: when the count names as many items, even ordinary words are the names.
        counted = tail is not None and COUNTS.get(tail.group("count")) == len(items)
        typed = [exact[item].type for item in items if item in exact]
        head_start = None  # where the first item starts once its clause is dropped (trim_head), worked out once
        for type_ in LIST_TYPES + ("project", "place"):
            declared = tail is not None and TAIL_TYPES[tail.group("kind")] == type_
            works = type_ == "project" and typed.count(type_) >= 1
            if not declared and not works and (type_ not in LIST_TYPES or typed.count(type_) < max(1, len(items) // 3)):
                continue
            for start, end in items:
                if (start, end) in exact:
                    continue
                if (start, end) == items[0]:
                    if head_start is None:
                        head_start = trim_head(text, start, end, tokenizer)
                    start = head_start
                weak = [c for c in candidates if c.start < end and start < c.end]
                if any(c.priority >= 2 or c.start < start or c.end > end for c in weak):
                    continue
                word = text[start:end]
                is_work = CONSTRUCTION_MARKERS.search(word) is not None
                kind = type_
                if declared and type_ == "project" and len(word) <= 4 and not is_work:
                    if not reads_as_names(word, tokenizer):
                        continue  # 制冷量、功率、商品特点等项目: ordinary words, no companies
                    kind = "organization"  # 实施阿特斯、正泰等一批产业项目: the companies stand for their projects
                if kind == "place":
                    end = start + len(without_area_tail(word))
                    word = text[start:end]  # 四川东部、江淮西部等地: 四川, 江淮
                    if place_tiling(start, end, candidates):
                        continue  # 河北唐山、辽宁大连等地: the divisions found in it
                if not (MIN_ITEM[kind] <= len(word) <= MAX_ITEM[kind]):
                    continue
                if works and not declared and not is_work:
                    continue  # 甲路上跨南二环、G6高速东二环互通: other items must read as works too
                known_name = declared and kind == "organization" and (
                    counted or tokenizer.base_tags.get(word) in NAME_TAGS)  # 华为、腾讯等企业
                if not known_name and (any(ch in FUNCTION_CHARS for ch in word) or tokenizer.is_common_word(word, Frequency.COMMON)) \
                        or word.startswith(GENERIC_ITEM_HEADS) or word.endswith(GENERIC_ITEM_TAILS) \
                        or ends_with_title(word) or COUNTED_INSIDE.search(word) \
                        or (type_ != "project" and any(ch.isdigit() for ch in word)) \
                        or any(b in word for b in BREAKING_WORDS) or word in lexicons().department_fields \
                        or not declared and kind != "project" and reads_as_clause(word, tokenizer):
                    continue
                for candidate in weak:
                    candidates.remove(candidate)
                added.append(Candidate(start, end, kind, word, "enumeration", 1))
    return candidates + added


# Parts of speech that make a list item a clause, not a name: 党中央倡导, 区政府公开接受, 潜艇某支队.
CLAUSE_POS = ("v", "vn", "d", "f", "r", "ad", "t", "title")


def reads_as_names(word: str, tokenizer: Tokenizer) -> bool:
    """Is every word of two characters or more in a list item a name jieba tags or a word it does not know
    (正泰, 高瑞德), none an ordinary noun or verb (制冷量, 商品特点)?"""
    return all(len(token.text) < 2 or token.pos in NAME_TAGS + (None, "nrfg")
               for token in tokenizer.tokenize(word))


def reads_as_clause(word: str, tokenizer: Tokenizer) -> bool:
    """Does a list item hold a verb, an adverb, a pronoun, a time or a post: words no name is made of?"""
    return any(token.pos in CLAUSE_POS for token in tokenizer.tokenize(word))


# Words after a place that say which part of it a list item means: 四川东部, 汉水流域, 黄河沿岸.
AREA_TAIL = re.compile(r"[东西南北中]{1,3}部|流域|一带|沿岸|境内")


def without_area_tail(word: str) -> str:
    """The place a list item names without the part of it the item means (四川东部 -> 四川, 江南中北部 -> 江南):
    the longest such tail that leaves a name of two characters or more."""
    for length in range(min(4, len(word) - 2), 1, -1):
        if AREA_TAIL.fullmatch(word[-length:]):
            return word[:-length]
    return word


def typed_span_at(candidates: list[Candidate], item: tuple[int, int], at_end: bool) -> tuple[int, int]:
    """The typed name an outer list item starts (or ends) with: 华希生物的口服疫苗 -> 华希生物; the first item
    ends with a name the tagger is sure of too (坚决贯彻落实党中央 -> 党中央: its clause is no part of it)."""
    for c in candidates:
        if (c.priority >= 2 or at_end and c.rule == TAGGER_RULE) and item[0] <= c.start and c.end <= item[1] and \
                (c.end == item[1] if at_end else c.start == item[0]):
            return c.start, c.end
    return item


def ends_with_title(word: str) -> bool:
    """自治区党委常委, 市长: a post (perhaps with its body), not a name."""
    titles = lexicons().titles
    return any(word[-length:] in titles for length in range(2, min(len(word), 6) + 1))


# Prepositions that bring in a verb's partner: 深化与甲、乙合作 lists 甲 and 乙.
PARTNER_PREPOSITIONS = ("与", "同", "跟", "和")
ANY_PARTNER_PREPOSITION = re.compile("|".join(PARTNER_PREPOSITIONS))


def after_preposition(text: str, start: int, end: int, tokenizer: Tokenizer) -> int:
    """Where a list's first item starts when a verb and a preposition open it: 深化与清华大学 -> 清华大学."""
    if ANY_PARTNER_PREPOSITION.search(text, start + 1, end) is None:
        return start  # most first items hold none
    tokens = tokenizer.tokenize(text[start:end])
    for index, token in enumerate(tokens[1:-1], start=1):
        verb = tokens[index - 1]  # a verb, not a name: 北京与天津 lists 北京 too
        if token.text in PARTNER_PREPOSITIONS and (verb.pos not in NAME_TAGS + (None,)
                                                   or verb.pos == "j" and tokenizer.is_common_word(verb.text, Frequency.FREQUENT)):
            return start + tokens[index + 1].start
    return start


CONJUNCTIONS = ("以及", "及", "和", "与")


def split_at_counts(text: str, run: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """甲、乙、丙三大运营商、丁、戊等项目: a count inside a list closes a list of its own."""
    for index, (start, end) in enumerate(run[:-1]):
        counted = COUNTED_TAIL.search(text, start, end)
        if index >= 1 and counted and TAIL.match(text, counted.start()):
            return [run[:index + 1], run[index + 1:]] if len(run) - index - 1 >= 2 else [run[:index + 1]]
    return [run]


def split_conjunction(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The last item of 甲、乙及丙等企业 holds two: 乙 and 丙 (which carries the list's tail)."""
    word = text[start:end]
    stop = word.find("等")
    for conjunction in CONJUNCTIONS:
        index = word.find(conjunction, 2)
        if index > 0 and (stop < 0 or index < stop) and end - (start + index + len(conjunction)) >= 2:
            return [(start, start + index), (start + index + len(conjunction), end)]
    return [(start, end)]




def trim_tail(text: str, start: int, end: int) -> tuple[int, int]:
    word = text[start:end]
    for tail in ("等", "和", "及", "以及", "与", "的"):
        index = word.find(tail, 2)
        if index > 0:
            word = word[:index]
            break
    counted = COUNTED_TAIL.search(word, 2)  # 电信三大运营商 -> 电信
    return start, start + (counted.start() if counted else len(word))


# Nouns used as adverbs before the verb that opens a list: 重点实施, 全力推进, 集中签约.
ADVERBIAL_LEADS = ("重点", "全力", "大力", "着力", "集中", "共同", "先后", "陆续", "相继", "主要", "积极", "加快")


def trim_head(text: str, start: int, end: int, tokenizer: Tokenizer) -> int:
    """Drop the clause a list's first item starts with: 包括甲 -> 甲, 我要感谢甲 -> 甲."""
    tokens = tokenizer.tokenize(text[start:end])
    verbs = [i for i, t in enumerate(tokens[:-1]) if t.pos == "v" and i > 0
             and (len(t.text) >= 2 or tokens[i - 1].pos == "d")]  # 王玉梅曾去北京: an adverb and a verb
    if verbs:
        tokens = tokens[verbs[-1] + 1:]  # the item starts after the clause's last verb
    for index, token in enumerate(tokens):
        if token.text in ADVERBIAL_LEADS and index + 1 < len(tokens) and tokens[index + 1].pos == "v":
            continue  # 重点实施甲: 重点 modifies the verb
        if token.pos not in ("v", "p", "c", "d", "u", "r", "f", "ul", "uj", "uz", "ug", "uv", "ud") \
                and token.text not in FUNCTION_CHARS \
                or token.pos == "f" and len(token.text) == 1 and token.text in "东南西北":  # 西万象
            return start + token.start
    return start
