"""Typed relations stated by a sentence: who meets whom, who visits where, who signs with or
cooperates with whom, which body invests in or builds which project.

Relations are read from an article's sentences and the mentions extraction found in them, around
the verbs of ``kg/lexicons/relation_verbs.tsv``, in three frames:

- direct: 市长甲会见乙公司董事长丙一行 (甲 meets 丙), 甲调研某县 (甲 visits 某县),
  某公司投资建设某项目 (invests_in), 由某集团承建的某工程 (builds);
- with: 甲与乙举行会谈 (meets), 某市政府与某公司签署…协议 (signs_with), 甲与乙开展合作
  (cooperates_with);
- at: 甲到/赴/深入某县调研 (visits 某县).

Precision comes first: the parties must sit in the verb's clause (between two of ，。；：), lists
(甲、乙会见丙) give one relation per party, a person met is preferred to the body named with them
(丙, not 乙公司), and a verb used as a noun (座谈会, 调研组, 会见中) or in the passive (受到…接见)
states nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import lexicons, to_simplified
from ..model import Mention, Relation

CLAUSE_BREAKS = set("，,。；;：:！!？?\n")
# Who can take part in each relation, subject first; a person met is preferred to their body.
SUBJECTS = {"meets": ("person",), "visits": ("person",), "signs_with": ("organization", "place", "person"),
            "cooperates_with": ("organization", "place", "person"), "invests_in": ("organization",),
            "builds": ("organization",)}
OBJECTS = {"meets": ("person",), "visits": ("place", "organization"),
           "signs_with": ("organization", "place", "person"), "cooperates_with": ("organization", "place", "person"),
           "invests_in": ("project",), "builds": ("project",)}
CONNECTORS = ("与", "同", "跟", "和")  # 甲与乙会谈; 和 only when none of the others is there
MOVES = ("到", "赴", "来到", "前往", "深入", "走进", "在")  # 甲赴某县调研, 甲在某市考察
# Between two parties of one list: nothing, or a joining word and at most a title (甲、市长乙, 甲和夫人乙).
LIST_GAP = re.compile(r"^(?:(?:、|和|及|以及|与|同)[^，,。；;：:、]{0,8})?$")
# What may stand between the last subject and the verb: time, place, manner (在京, 今天下午, 一行, 带队).
SUBJECT_GAP = 14
# A verb followed by one of these is a noun (座谈会, 调研组, 会见厅) or sets a time (会见中, 调研期间).
NOUN_AFTER = ("会", "组", "团", "报告", "课题", "员", "期间", "厅", "室", "成果", "活动", "纪要", "额",
              "总额", "规模", "主体", "单位", "资金", "需求", "者", "工作", "仪式")
TIME_AFTER = ("中", "时")  # 会见中, 调研时: when followed by a pause or a verb of saying, not 会见中国…
SAYING = set("，,。：:；;、的说表讲指强提")
PASSIVE_BEFORE = ("受到", "接受", "得到", "获得", "受")
NEEDS_AGREEMENT = ("签署", "签订")
AGREEMENTS = ("协议", "合同", "备忘录", "协定", "意向书", "合作书", "框架", "契约")
QUOTES = ("“", "”", "《", "》", "\"")  # a quotation between a subject and its verb: another clause
# Attending a meeting, not holding it: 丁某等参加了会见, 会见时在座.
ATTENDING = ("参加", "出席", "陪同", "在座", "参与")
TOGETHER = ("共同", "一起", "一同", "联合")  # 甲与乙共同会见记者: two hosts, not a meeting of the two
PLANS = ("打算", "希望", "愿意", "有意", "期待", "期望", "准备", "愿")  # 打算与某国合作: not done
# What follows 合作 when two parties work together (合作建设, 合作开发); anything else but a pause makes it a
# noun's modifier (合作关系, 合作协议, 合作议案).
COOPERATION_DEEDS = ("建设", "共建", "开发", "设立", "推出", "举办", "成立", "开展", "生产", "研发", "打造", "培养",
                     "研制", "经营", "办学", "实施", "推进", "完成")
INVEST_VERBS = ("投资", "投建", "出资")
INVEST_PREFIX = ("总", "固定资产", "招商", "项目", "累计", "完成")  # 总投资12亿元: an amount, not a deed


@dataclass
class Party:
    """A mention inside the sentence being read: offsets relative to the sentence's source slice."""

    start: int
    end: int
    type: str
    mention: Mention


@dataclass
class Found:
    """A relation stated by one sentence, between two mentions."""

    relation: str
    subject: Mention
    object: Mention
    verb: str
    article_key: str
    start: int  # source offsets of the words stating it
    end: int


def find_relations(article, mentions: list[Mention]) -> list[Found]:
    """Relations stated in ``article``, from its sentences and its ``mentions`` (any order)."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.sentence is not None:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    found: list[Found] = []
    text = article.document.text
    any_verb = verb_pattern()
    for number in sorted(by_sentence):
        sentence = article.sentences[number]
        if len(by_sentence[number]) < 2:
            continue
        words = to_simplified(text[sentence.start:sentence.end])
        if any_verb.search(words) is None:
            continue  # most sentences
        parties = [Party(m.start - sentence.start, m.end - sentence.start, m.type, m)
                   for m in sorted(by_sentence[number], key=lambda m: (m.start, m.end))]
        for relation, subject, obj, verb, start, end in sentence_relations(words, parties):
            found.append(Found(relation, subject.mention, obj.mention, verb, article.key,
                               sentence.start + start, sentence.start + end))
    return found


@lru_cache(maxsize=1)
def verb_pattern() -> re.Pattern:
    """Any verb of the relation lexicon."""
    return re.compile("|".join(sorted(map(re.escape, lexicons().relation_verbs), key=len, reverse=True)) or "(?!)")


def sentence_relations(words: str, parties: list[Party]):
    """(relation, subject, object, verb, start, end) for each relation the sentence ``words`` states."""
    seen = set()
    parties = qualified([p for p in parties if p.end - p.start >= 2 and not bracketed(words, p)])
    for verb, start in verb_places(words, parties):
        relation, frames = lexicons().relation_verbs[verb]
        end = start + len(verb)
        if is_noun_or_passive(words, start, end, relation):
            continue
        clause_start, clause_end = clause_of(words, start, end)
        if verb in NEEDS_AGREEMENT and not any(word in words[end:clause_end] for word in AGREEMENTS):
            continue  # 签署…协议, not 签署命令
        inside = [p for p in parties if p.start >= clause_start and p.end <= clause_end]
        for subject, obj in read_frames(words, relation, frames, start, end, inside, clause_start):
            key = (relation, subject.start, obj.start)
            if key in seen or subject.mention is obj.mention or subject.mention.key == obj.mention.key:
                continue
            seen.add(key)
            yield relation, subject, obj, verb, min(subject.start, obj.start, start), max(subject.end, obj.end, end)


def qualified(parties: list[Party]) -> list[Party]:
    """Parties with a place written right before them read as one (某省某市, 某市某公司): the inner one
    takes part, over the whole span."""
    merged: list[Party] = []
    for party in parties:
        if merged and merged[-1].type == "place" and merged[-1].end == party.start:
            party = Party(merged.pop().start, party.end, party.type, party.mention)
        merged.append(party)
    return merged


def bracketed(words: str, party: Party) -> bool:
    """某公司（香港）, （新华社记者某某摄）: a note beside the sentence, not a party to what it states."""
    before = words[:party.start]
    return max(before.rfind("（"), before.rfind("(")) > max(before.rfind("）"), before.rfind(")"))


def at_place(words: str, party: Party) -> bool:
    """在加格拉签署, 于北京会见: a place where it happens, not a party; 中/美 alone are not parties either."""
    return party.type == "place" and words[max(0, party.start - 1):party.start] in ("在", "于")


def verb_places(words: str, parties: list[Party]):
    """(verb, offset) of every relation verb in ``words`` that is not inside a name (投资促进局)."""
    covered = bytearray(len(words) + 1)
    for party in parties:
        covered[party.start:party.end] = b"\x01" * (party.end - party.start)
    places = []
    for verb in lexicons().relation_verbs:
        at = words.find(verb)
        while at >= 0:
            if not any(covered[at:at + len(verb)]):
                places.append((at, verb))
            at = words.find(verb, at + 1)
    return [(verb, at) for at, verb in sorted(places)]


def is_noun_or_passive(words: str, start: int, end: int, relation: str) -> bool:
    after, before = words[end:end + 4], words[max(0, start - 3):start]
    if after.startswith(NOUN_AFTER) and not (relation == "signs_with" and after.startswith("仪式")):
        return True
    if after.startswith(TIME_AFTER) and after[1:2] in SAYING:
        return True
    if after.startswith("的") and relation in ("meets", "visits", "cooperates_with"):
        return True  # 前来考察的客商, 参加会见的领导, 交流与合作的座谈会: a description, not a deed
    if before.endswith(ATTENDING) or before[:-1].endswith(ATTENDING):
        return True  # 某某等参加了会谈: present at it
    if relation == "invests_in" and before.endswith(INVEST_PREFIX):
        return True
    if relation == "builds" and before.endswith(INVEST_VERBS):
        return True  # 投资建设: the investor's deed (invests_in)
    if relation == "cooperates_with" and (before.endswith(("与", "和", "及", "多党")) or not (
            not after or after[0] in CLAUSE_BREAKS or after[0] in "、" or after.startswith(COOPERATION_DEEDS))):
        return True  # 交流与合作, 合作关系, 合作议案: a kind of thing; 合作。 合作建设…: two parties working
    return before.endswith(PASSIVE_BEFORE)


def clause_of(words: str, start: int, end: int) -> tuple[int, int]:
    first = start
    while first > 0 and words[first - 1] not in CLAUSE_BREAKS:
        first -= 1
    last = end
    while last < len(words) and words[last] not in CLAUSE_BREAKS:
        last += 1
    return first, last


def read_frames(words: str, relation: str, frames, start: int, end: int, parties: list[Party], first: int):
    """(subject, object) pairs the verb at ``start:end`` states, trying its frames in order; the clause
    starts at ``first``."""
    if relation != "visits":
        parties = [p for p in parties if not at_place(words, p)]
    before = [p for p in parties if p.end <= start]
    after = [p for p in parties if p.start >= end]
    if relation == "meets" and words[end:end + 4].lstrip("时中后").startswith(ATTENDING):
        return []  # 甲、乙和丙会见时在座: those present, not those meeting
    if "direct" in frames and relation == "meets" and objects_after(words, relation, end, after):
        return direct_frame(words, relation, start, end, before, after)  # 甲和夫人乙会见了丙: 丙 is met
    lead = outside(words, parties, first, start)  # the clause before the verb
    if "with" in frames and not (relation == "meets" and lead.endswith(TOGETHER)) \
            and not any(word in lead for word in PLANS):
        pairs = with_frame(words, relation, start, end, before, first)
        if pairs:
            return pairs
    if "at" in frames:
        pairs = at_frame(words, relation, start, before, first)
        if pairs:
            return pairs
    if "direct" in frames:
        return direct_frame(words, relation, start, end, before, after)
    return []


def outside(words: str, parties: list[Party], start: int, end: int) -> str:
    """``words[start:end]`` with the parties' names blanked out (东方希望集团 plans nothing)."""
    chars = list(words[start:end])
    for party in parties:
        for at in range(max(party.start, start), min(party.end, end)):
            chars[at - start] = "□"
    return "".join(chars)


def with_frame(words: str, relation: str, start: int, end: int, before: list[Party], first: int):
    """甲与乙(举行)会谈, 甲分别与乙、丙签约, 甲与乙签署…协议: every subject with every partner.

    和 joins two hosts as often as two partners (甲和乙会见丙): it is read as "with" only when nothing
    the verb acts on follows it (甲和乙举行会谈。).
    """
    ends_clause = end >= len(words) or words[end] in CLAUSE_BREAKS or words[end] in "后时中并"
    for connectors in (CONNECTORS[:3], CONNECTORS[3:] if ends_clause or relation != "meets" else ()):
        for at in range(start - 1, first - 1, -1):
            if words[at] not in connectors or any(p.start <= at < p.end for p in before):
                continue
            partners = chain_after(words, [p for p in before if p.start > at], at + 1, start, OBJECTS[relation])
            if not partners:
                continue  # 共同, 同时: not a connector here
            subjects = chain_before(words, [p for p in before if p.end <= at], at, SUBJECTS[relation], gap=4)
            return [(s, o) for s in subjects for o in partners]  # none without a subject (深化与某地合作)
    return []


def at_frame(words: str, relation: str, start: int, before: list[Party], first: int):
    """甲到某县调研, 甲赴某市、某市考察, 甲在某市考察: the places (or bodies) between the move and the verb."""
    for at in range(start - 1, first - 1, -1):
        move = next((m for m in MOVES if words.startswith(m, at)), None)
        if move is None or any(p.start <= at < p.end for p in before):
            continue
        places = [p for p in before if p.start >= at + len(move) and p.type in OBJECTS[relation]]
        if not places or words[at + len(move):places[0].start].strip() not in ("", "了"):
            return []
        if words[places[-1].end:start].strip(" 了") and len(words[places[-1].end:start]) > 6:
            return []  # 到某县开展立法调研 is fine, a long gap is not
        subjects = chain_before(words, [p for p in before if p.end <= at], at, SUBJECTS[relation], gap=8)
        return [(s, o) for s in subjects for o in places]
    return []


def direct_frame(words: str, relation: str, start: int, end: int, before: list[Party], after: list[Party]):
    """甲会见乙一行, 甲、乙会见丙, 甲调研某县, 某公司投资建设某项目, 由某集团承建的某工程."""
    subjects = chain_before(words, before, start, SUBJECTS[relation], gap=SUBJECT_GAP)
    if not subjects:
        return []
    objects = objects_after(words, relation, end, after)
    if relation in ("invests_in", "builds") and objects:
        between = words[subjects[-1].end:start]
        lead = words[max(0, subjects[0].start - 1):subjects[0].start]
        if len(between) > 6 and not lead == "由":
            return []
    return [(s, o) for s in subjects for o in objects]


def objects_after(words: str, relation: str, end: int, after: list[Party]) -> list[Party]:
    """The parties the verb acts on: the list right after it (persons first for meetings)."""
    stop = len(words)
    for mark in ("并", "后", "时", "，", "。"):
        found = words.find(mark, end)
        if 0 <= found < stop and not any(p.start <= found < p.end for p in after):
            stop = found
    span = [p for p in after if p.end <= stop]
    if relation == "meets":  # not 某某的 (某总理的夫人某某: the wife is met)
        return [p for p in without_attendees(words, span) if p.type == "person" and words[p.end:p.end + 1] != "的"]
    if relation in ("invests_in", "builds"):
        projects = [p for p in span if p.type == "project"]
        if projects and len(words[end:projects[0].start]) <= 14 and not any(p.start < projects[0].start
                                                                             and p.type == "organization"
                                                                             for p in span):
            return projects[:1]
        return []
    if relation == "signs_with" and not any(word in words[end:stop] for word in AGREEMENTS):
        return []
    wanted = OBJECTS[relation]
    first = [p for p in span if p.type in wanted]
    if not first or words[end:first[0].start].strip(" ") not in ("", "了"):
        return []  # 考察了在某地进行的训练, 视察与某地接壤的地区: the place is not what is visited
    chain = [first[0]]
    for party in first[1:]:
        if not LIST_GAP.match(words[chain[-1].end:party.start]) or len(words[chain[-1].end:party.start]) > 2:
            break
        chain.append(party)
    return chain


def without_attendees(words: str, span: list[Party]) -> list[Party]:
    """``span`` without the list of people written before 参加/出席/陪同 (某某、某某等参加了会见)."""
    for index, party in enumerate(span):
        following = words[party.end:party.end + 4].lstrip("等人同志")
        if party.type == "person" and following.startswith(ATTENDING):
            first = index
            while first > 0:
                gap = words[span[first - 1].end:span[first].start]
                joined = span[first - 1].type != "person" or any(mark in gap for mark in ("、", "和", "及"))
                if not (joined and LIST_GAP.match(gap)):
                    break
                first -= 1
            return span[:first]
    return span


def chain_before(words: str, before: list[Party], limit: int, types, gap: int) -> list[Party]:
    """The list of parties of ``types`` that ends shortly before ``limit`` (甲、乙 in 甲、乙会见丙)."""
    candidates = [p for p in before if p.type in types]
    if not candidates:
        return []
    last = candidates[-1]
    between = words[last.end:limit]
    if len(between) > gap or any(verb in between for verb in lexicons().relation_verbs) \
            or any(mark in between for mark in QUOTES) \
            or any(p.start >= last.end and p.type == "person" for p in before if p is not last):
        return []
    chain = [last]
    for party in reversed(candidates[:-1]):
        if not LIST_GAP.match(words[party.end:chain[0].start]):
            break
        chain.insert(0, party)
    return chain


def chain_after(words: str, after: list[Party], first: int, limit: int, types) -> list[Party]:
    """The partners between a connector at ``first`` and the verb at ``limit`` (乙, or 乙公司董事长丙)."""
    span = [p for p in after if p.end <= limit]
    if not span or len(words[first:span[0].start]) > 6 or len(words[span[-1].end:limit]) > 10:
        return []
    people = [p for p in span if p.type == "person" and "person" in types]
    return people if people else [p for p in span if p.type in types]


def entity_relations(found: list[Found], entity_of: dict[int, object]) -> list[Relation]:
    """The relations between entities: ``entity_of`` maps ``id(mention)`` to its entity."""
    relations = []
    for item in found:
        subject, obj = entity_of.get(id(item.subject)), entity_of.get(id(item.object))
        if subject is None or obj is None or subject.id == obj.id:
            continue
        relations.append(Relation(subject.id, obj.id, item.relation, {"verb": item.verb},
                                  [(item.article_key, item.start, item.end)]))
    return relations
