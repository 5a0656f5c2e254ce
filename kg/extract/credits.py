"""People credited by the paper: bylines, photo credits and a closing line of names."""
from __future__ import annotations

import re

from .candidates import Candidate
from .names import holds_a_word, is_surname_start, plausible_name
from .tokens import Frequency, Tokenizer

BYLINE = re.compile(
    r"[（(]\s*(?:本报)?(?P<title>实习记者|见习记者|特约记者|记者|通讯员|摄影|摄)?\s*"
    r"(?P<names>(?:[\u3400-\u9fff]{2,7}\s*){1,6})[)）]")
PHOTO_CREDIT = re.compile(r"(?:本报)?(?P<title>实习记者|见习记者|记者|通讯员)\s*"
                          r"(?P<names>(?:[\u3400-\u9fff]{2,6}\s+){0,3}(?:[\u3400-\u9fff]{2,6}\s+|[\u3400-\u9fff]{2,3}))摄")
# A line of names alone, as papers sign an article at its end: 刘慧慧 刘欣.
SIGNATURE = re.compile(r"\s*[\u3400-\u9fff]{2,4}(?:\s+[\u3400-\u9fff]{2,4}){0,3}\s*")
# Parenthesised text that is a date or an editor's note, not a byline: （一九九七年十一月二日）, （全文另发）.
NOT_BYLINE = re.compile(r"[〇○零一二三四五六七八九十]年|[年月]\S*日|全文|另发|待续|完|图片|资料|下转|上接")
# Staff titles between the names of one byline: (记者薛来 实习生梁震), (记者宋阿男 通讯员王佳妮).
STAFF_TITLES = re.compile(r"实习记者|见习记者|特约记者|记者|实习生|通讯员|摄影|摄")


def blank(match: re.Match) -> str:
    """Spaces as long as the match, so that offsets into the byline stay true."""
    return " " * len(match.group())


# What a byline without a staff title inside its brackets follows: 本报记者(张鑫), 1月3日讯(刘欣).
BYLINE_LEADS = re.compile(r"(?:实习记者|见习记者|特约记者|记者|通讯员|讯|电)\s*$")


def placed_as_byline(text: str, match: re.Match) -> bool:
    """A name in brackets without a staff title is a byline only where bylines stand: alone on its line
    ((李海珍) after an article's last paragraph) or after a staff title or a dateline. Elsewhere the
    brackets hold another name of what precedes them (沅陵(古称辰阳), 郑乃(王光))."""
    before = text[:match.start()]
    line_start = before.rfind("\n") + 1
    alone = not before[line_start:].strip() and not text[match.end():].split("\n", 1)[0].strip()
    return alone or BYLINE_LEADS.search(before) is not None


def credit_role(match: re.Match) -> list[tuple[str, str | None]]:
    """记者 in (记者 云艳芳): the newspaper's staff role, held at the paper itself."""
    title = match.group("title")
    return [(title, None)] if title and title not in ("摄", "摄影") else []


def credited_people(text: str, tokenizer: Tokenizer) -> list[Candidate]:
    """(记者 云艳芳), 本报记者 祁晓燕 孙岳龙 摄, 刘某某 刘某: names the paper credits, with the staff role."""
    found: list[Candidate] = []
    for match in BYLINE.finditer(text) if "（" in text or "(" in text else ():  # most sentences have no brackets
        if NOT_BYLINE.search(match.group("names")) or not (match.group("title") or placed_as_byline(text, match)):
            continue
        for name_match in re.finditer(r"[\u3400-\u9fff]{2,4}", STAFF_TITLES.sub(blank, match.group("names"))):
            name = name_match.group()
            if plausible_name(name, tokenizer, strict=False) \
                    and (tokenizer.base_tags.get(name) in ("nr", "nrfg") or not tokenizer.is_common_word(name, Frequency.COMMON)) \
                    and not holds_a_word(name, tokenizer):
                s = match.start("names") + name_match.start()
                found.append(Candidate(s, s + len(name), "person", name, "byline", 3, roles=credit_role(match)))
    for match in PHOTO_CREDIT.finditer(text) if "摄" in text else ():  # a photo credit ends with 摄
        for name_match in re.finditer(r"[\u3400-\u9fff]{2,6}", match.group("names")):
            s = match.start("names") + name_match.start()
            found.append(Candidate(s, s + len(name_match.group()), "person", name_match.group(), "photo-credit", 3,
                                   roles=credit_role(match)))
    if SIGNATURE.fullmatch(text):
        names = list(re.finditer(r"[\u3400-\u9fff]+", text))
        if all(is_surname_start(m.group()) and plausible_name(m.group(), tokenizer)
               and not tokenizer.is_common_word(m.group(), Frequency.OCCASIONAL) and not holds_a_word(m.group(), tokenizer)
               for m in names):
            found.extend(Candidate(m.start(), m.end(), "person", m.group(), "signature", 3) for m in names)
    return found
