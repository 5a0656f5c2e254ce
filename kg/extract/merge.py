"""Settle what the tagger and the rules propose for one sentence, before overlaps are settled.

The tagger is the backbone for people, places and organisations; the rules keep the ground
no corpus labels: projects, people named with a title (their roles) or in a credit line.
Where both propose a span:

- the same span: the rule's candidate stays (it carries the normalised name and any roles),
  with the tagger's type unless the rule found a project or a post, or is trusted (央视新闻 of the
  organisation lexicon);
- a person the rules found with a post or a credit that the tagger reads longer or shorter
  (阿卜杜拉 of 总理阿卜杜拉希莫夫): the tagger's extent, the rule's roles (and those of the rules' people
  inside that extent: 森曼 and 伊黛 of 森曼·伊黛);
- a rule's person, place or organisation the tagger did not tag is dropped when the tagger
  reads it as no name (``VETO``), projects aside;
- a rule's place or organisation loses the characters opening it that the tagger is sure are no name
  (任 of 任中源协和细胞基因工程股份有限公司: ``without_head_words``);
- overlapping spans: the tagger's wins, but for the rules listed in ``TRUSTED_RULES``, which
  stay, and the longer span is taken when overlaps are settled; where the tagger and a rule agree on a
  name, a longer rule span over it stays unless the tagger is sure what it adds is no name (中国市场:
  ``outgrows``);
- a span only the tagger proposes is kept when the tagger is sure of it (``MIN_CONFIDENCE``), but not a
  person inside a company named after it (华希 of 华希生物, the trade-name rule's), and a body ends
  before the party group of a post (市财政局党组 of 市财政局党组书记: ``without_party_group``), and a span
  stops at a bracket it opens or closes alone (``within_brackets``);
- a tagger's place that two or more of the rules' places cover exactly (江苏盐城, 河北省秦皇岛市) gives way
  to them: each division is a place (``place_tiling``);
- a bare surname the rules refer to (母处长) is not vetoed: the tagger reading it as a common surname
  decides beforehand (``stand_in.py``).

The figures below are ``scripts/rule_ablation.py`` and ``kg eval-spans`` on the development
splits (every tenth sentence of the training files, never trained on), with the model of their time; the
later ones say which split and model.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from ..lexicon import gazetteer, lexicons, short_forms
from .candidates import TAGGER_RULE, Candidate, place_tiling
from .grammar import HOME_PREFIXES, ORG_ENDINGS
from .stand_in import is_bare_surname
from .tagger import LABELS

# Rules whose spans no overlapping tagger span replaces: posts held and credit lines are kg's own labels
# (the veto still drops what the tagger is sure is no name, and a person takes the tagger's extent).
RULES_GROUND = ("title-before", "title-after", "surname-title", "appointment", "byline", "photo-credit",
                "signature")
# Rules whose span stays where an overlapping tagger span differs: the organisation lexicon, the one
# rule whose trust earns on the development splits (mean F1 -0.0004 untrusted). The gazetteer,
# abbreviations, surnames in context and bodies named after a title were trusted too; each is more
# precise than the tagger in the whole extraction (right / given 0.881, 0.934, 0.971, 0.917; tagger
# 0.876) but trusting them earned nothing once the veto drops what the tagger is sure is no name
# (gazetteer +0.0004 untrusted, the others 0; all four untrusted: mean 0.8094 -> 0.8098).
TRUSTED_RULES = ("lexicon",)
NAMED_TYPES = ("person", "place", "organization")
# A span only the tagger proposes is kept when every character's label has at least this probability
# (forward-backward marginals). On the development splits 0.5 and 0.6 score within 0.002 of each other
# and 0.7 loses recall; 0.6 drops the unsure single characters and common nouns found in page text.
MIN_CONFIDENCE = 0.6
# A rule's person, place or organisation the tagger did not tag as such is dropped when every one of
# its characters reads O with at least this probability: the tagger is sure it is no name. Mean F1 of
# MSRA, CLUENER, Resume and both name-swapped splits by threshold: 0.2 0.8108, 0.5 0.8102, 0.8 0.8094,
# no veto 0.7922; the highest within 0.002 of the best is taken, as it drops least of what the rules
# find in text unlike the splits. The mean of O over the characters scored 0.002 higher (measured before
# the home words were spared) but drops bodies that hold a name the tagger reads (赤峰市人民政府: a
# place, then four characters of O). Measured before the veto reached posts and credits and not kept:
# sparing the trusted rules (mean 0.795 against 0.805) and a type taken from a confident tagger (0.804
# against 0.805).
VETO = 0.8
O_LABEL = LABELS.index("O")
# A rule's place or organisation loses its opening characters the tagger reads as no name (``VETO``) only where
# the tagger reads the next one as beginning a name of that type with at least this probability.
BEGINS = {"place": LABELS.index("B-LOC"), "organization": LABELS.index("B-ORG")}
BEGIN_CONFIDENCE = 0.5
# A rule's span over a name the tagger and a rule agree on is dropped when the tagger reads every character
# it adds as O with at least this probability (中国市场, 马来西亚政府 over 中国, 马来西亚: ``outgrows``).
# Mean F1 of the five development splits 0.8118 -> 0.8150 (MSRA 0.904 -> 0.907, Resume 0.834 -> 0.843);
# 0.9 scores 0.8146. A named feature agreed on (中山路) is spared: a feature named after it (中山路商圈) is one.
OUTGROWN = VETO
# The government of a place is an organisation (赤峰市人民政府, 马来西亚政府), as CLUENER labels it and kg's
# roles need; MSRA labels the place alone, so the tagger reads 政府 as no name.
GOVERNMENTS = ("政府", "人民政府")
NAME_CHARACTERS = "·—"  # with CJK ideographs, what a name the tagger reads may hold (not brackets)
# The least confidence of a tagger person whose extent a rule's person with a post or credit takes: the rule
# has said a person stands there. MSRA made-up names right/wrong: 0.6 1,507/125, 0.45 1,509/123, 0.3 1,510/122.
FIT_CONFIDENCE = 0.3
PARTY_GROUPS = ("党组", "党委", "党总支", "党支部")  # a body's party group, which opens the title of its secretary


def owns_ground(candidate: Candidate) -> bool:
    return candidate.type == "project" or bool(candidate.roles) or candidate.rule in RULES_GROUND


def vetoable(candidate: Candidate, text: str) -> bool:
    """May the tagger's reading drop this rule candidate? Every person, place and organisation, people
    with posts and credits too (dropping the ground rules' people the tagger reads as no name, 过着 of
    村民过着, a column's name in brackets read as a byline, moved the splits' mean F1 from 0.804 to 0.807),
    but not what kg knows and no corpus labels: words for the home region (首府, 青城), which resolution
    names, and a division written after the division it lies in (赛罕区 of 呼和浩特市赛罕区)."""
    if candidate.type not in NAMED_TYPES or candidate.rule == TAGGER_RULE:
        return False
    if is_bare_surname(candidate):
        return False  # a bare surname (母处长): the tagger's reading of it with a common one decides (stand_in.py)
    if candidate.rule == "gazetteer":
        lex = lexicons()
        return candidate.name not in lex.capital_words and candidate.name not in lex.city_nicknames \
            and not follows_its_parent(text, candidate)
    return True


def follows_its_parent(text: str, candidate: Candidate) -> bool:
    """Is the division named by the candidate written right after a division it lies in (呼和浩特市赛罕区)?"""
    names = parent_names(candidate.name)
    return bool(names) and text.endswith(names, 0, candidate.start)


@lru_cache(maxsize=20_000)
def parent_names(name: str) -> tuple[str, ...]:
    """The names and short forms of every division a division of this name lies in."""
    gaz = gazetteer()
    return tuple(form for division in gaz.lookup(name) for parent in gaz.ancestors(division)
                 for form in (parent.name, *short_forms(parent.name, parent.level)))


def probes(text: str, candidates: list[Candidate]) -> list[tuple[int, int]]:
    """The spans whose reading by the tagger :func:`merge_tagged` needs (``Tagger.read``)."""
    return sorted({(c.start, c.end) for c in candidates if vetoable(c, text)})


def reads_as_no_name(rows: np.ndarray) -> bool:
    """Do a span's characters' label probabilities (``Tagger.read``) say it is no name?"""
    return float(rows[:, O_LABEL].min()) >= VETO


def veto(text: str, candidates: list[Candidate], readings: dict) -> list[Candidate]:
    """The candidates without those the tagger is sure are no name."""
    return [c for c in candidates if not ((c.start, c.end) in readings and vetoable(c, text)
                                          and reads_as_no_name(readings[(c.start, c.end)]))]


def without_head_words(text: str, candidates: list[Candidate], readings: dict) -> list[Candidate]:
    """Places and organisations of the rules without the characters opening them that the tagger is sure
    are no name (任中源协和细胞基因工程股份有限公司, 三是常委会: a verb or a count jieba read into the
    name's first word), where the tagger reads the rest as beginning a name of that type; the ending, which
    gives the type, stays, and so does a home prefix (市发改委: resolution names its city). The rest's
    reading is added to ``readings``."""
    trimmed = []
    for c in candidates:
        rows = readings.get((c.start, c.end))
        if rows is not None and c.type in ("place", "organization") and vetoable(c, text) \
                and c.name == text[c.start:c.end]:
            head = 0
            while head < len(rows) and rows[head, O_LABEL] >= VETO:
                head += 1
            if 0 < head and c.end - c.start - head >= 2 and rows[head, BEGINS[c.type]] >= BEGIN_CONFIDENCE \
                    and not text.startswith(HOME_PREFIXES, c.start):
                start = c.start + head
                c = replace(c, start=start, name=text[start:c.end])
                readings.setdefault((c.start, c.end), rows[head:])
        trimmed.append(c)
    return trimmed


def fit_to_tagger(text: str, candidates: list[Candidate], spans: list[tuple[int, int, str, float]]
                  ) -> list[Candidate]:
    """People with a post or a credit take the extent of the one tagger person over them.

    The rules cut foreign and unseen names short or long (阿卜杜拉 of 总理阿卜杜拉希莫夫); the tagger
    reads their extent better (person F1 MSRA 0.929 -> 0.947, made-up names 0.878 -> 0.894; whole
    extraction mean 0.807 -> 0.809). Only names of ideographs (and name separators) are taken: page text
    has bylines the tagger reads with their bracket. The rule has already said a person stands there, so
    the tagger need only be fairly sure of the extent (``FIT_CONFIDENCE``); the rules' people inside that
    extent are the same person (森曼 and 伊黛 of 执行副总裁森曼·伊黛先生: one name, both posts).
    """
    sure = [(s, e) for s, e, kind, confidence in spans if kind == "person" and confidence >= FIT_CONFIDENCE]
    taken = {(c.start, c.end) for c in candidates}
    fitted, absorbed = {}, set()
    for number, c in enumerate(candidates):
        if number in absorbed or not fits(c, sure):
            continue
        over = [(s, e) for s, e in sure if s < c.end and c.start < e]
        if len(over) != 1 or over[0] in taken or not is_name_text(text[over[0][0]:over[0][1]]):
            continue
        start, end = over[0]
        inside = [k for k, g in enumerate(candidates)
                  if k != number and owns_ground(g) and g.start < end and start < g.end]
        if any(k in fitted for k in inside) or not all(
                candidates[k].type == "person" and start <= candidates[k].start and candidates[k].end <= end
                for k in inside):
            continue
        roles = list(c.roles)
        for k in inside:
            roles += [role for role in candidates[k].roles if role not in roles]
        absorbed.update(inside)
        fitted[number] = replace(c, start=start, end=end, type="person", name=text[start:end], roles=roles)
    return [fitted.get(k, c) for k, c in enumerate(candidates) if k not in absorbed or k in fitted]


def fits(candidate: Candidate, sure: list[tuple[int, int]]) -> bool:
    """Is the candidate a person of the rules' ground whose extent the tagger may set?"""
    return candidate.type == "person" and owns_ground(candidate) and candidate.rule != "surname-title" \
        and (candidate.start, candidate.end) not in sure


def without_party_group(text: str, start: int, end: int) -> int:
    """The end of a body the tagger reads with the party group of its post (市财政局党组 of 市财政局党组书记):
    the post is 党组书记 of the body, as kg's roles say, so the body ends before the group."""
    titles = lexicons().titles
    for group in PARTY_GROUPS:
        cut = end - len(group)
        if text.startswith(group, cut) and text.endswith(ORG_ENDINGS, start, cut) and cut - start >= 3 \
                and any(text.startswith(title, cut) for title in (group + "书记", group + "副书记", group + "成员")
                        if title in titles):
            return cut
    return end


BRACKETS = {"（": "）", "(": ")", "《": "》", "“": "”"}


def within_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of a tagger span on this side of a bracket it opens or closes without the other
    (合肥会计师事务所（现华证会计师事务所: 合肥会计师事务所): the brackets hold another name."""
    for opening, closing in BRACKETS.items():
        at = text.find(opening, start, end)
        if at >= 0 and text.find(closing, at, end) < 0:
            end = at
        at = text.rfind(closing, start, end)
        if at >= 0 and text.rfind(opening, start, at) < 0:
            start = at + 1
    return start, end


def is_name_text(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" or ch in NAME_CHARACTERS for ch in text)


def merge_tagged(text: str, candidates: list[Candidate], spans: list[tuple[int, int, str, float]],
                 readings: dict | None = None) -> list[Candidate]:
    """The rules' candidates and the tagger's (start, end, type, confidence) spans, as one list of
    candidates (a new list). ``readings``: the tagger's label probabilities of the candidates' spans
    it did not tag ({(start, end): (characters, labels) array}, ``Tagger.read``)."""
    if not candidates and not spans:
        return []  # many sentences name nothing
    readings = dict(readings or {})
    candidates = fit_to_tagger(text, without_head_words(text, veto(text, candidates, readings), readings), spans)
    ground = bytearray(len(text) + 1)
    for candidate in candidates:
        if owns_ground(candidate):
            ground[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
    exact = {(c.start, c.end): i for i, c in enumerate(candidates)}
    merged = list(candidates)
    tagged = bytearray(len(text) + 1)
    bodies = [(c.start, c.end) for c in candidates if c.rule == "trade-name"]
    agreed: list[tuple[int, int]] = []
    for start, end, kind, confidence in spans:
        same = exact.get((start, end))
        if same is not None:
            rule = merged[same]
            if rule.type != kind and not owns_ground(rule) and rule.rule not in TRUSTED_RULES:
                merged[same] = replace(rule, type=kind)
            if confidence >= MIN_CONFIDENCE and rule.rule != "feature-suffix":
                agreed.append((start, end))  # a named feature (中山路) may be the start of another (中山路商圈)
            continue
        if any(ground[start:end]) or confidence < MIN_CONFIDENCE:
            continue
        if kind == "place" and place_tiling(start, end, candidates):
            continue  # 江苏盐城: the divisions the rules find in it
        if kind == "person" and any(s <= start and end <= e and (s, e) != (start, end) for s, e in bodies):
            continue  # a name inside a body named after it (华希 of 华希生物): the body
        inner = within_brackets(text, start, end)
        if inner != (start, end):
            start, end = inner
            if end - start < 2:
                continue
        if kind == "organization":
            end = without_party_group(text, start, end)
        tagged[start:end] = b"\x01" * (end - start)
        merged.append(Candidate(start, end, kind, text[start:end], TAGGER_RULE, 1))
    return [c for c in merged if c.rule == TAGGER_RULE or owns_ground(c) or c.rule in TRUSTED_RULES
            or not (any(tagged[c.start:c.end]) or outgrows(text, c, agreed, readings))]


def outgrows(text: str, candidate: Candidate, agreed: list[tuple[int, int]], readings: dict) -> bool:
    """Does a rule's span add to a name the tagger and a rule agree on only characters the tagger is sure
    are no name (中国市场, 马来西亚政府, 中国党和政府 over 中国)? Then the agreed name stands alone."""
    inside = [(s, e) for s, e in agreed
              if candidate.start <= s and e <= candidate.end and (s, e) != (candidate.start, candidate.end)]
    rows = readings.get((candidate.start, candidate.end))
    if not inside or rows is None:
        return False
    added = [k - candidate.start for k in range(candidate.start, candidate.end)
             if not any(s <= k < e for s, e in inside)]
    if candidate.type == "organization" and "".join(text[candidate.start + k] for k in added) in GOVERNMENTS:
        return False
    return bool(added) and float(rows[added, O_LABEL].min()) >= OUTGROWN
