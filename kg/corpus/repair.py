"""Lines of a printed page and what each one is.

Newspaper pages come as one paragraph per line with blank lines between
(more blank lines at a section or picture break). Everything here works on
line offsets into ``Document.text`` so that no repair ever loses a position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』)）》】"
CJK = "\u4e00-\u9fff\u3400-\u4dbf"
NAME = f"[{CJK}·]{{2,4}}"
SPACES = " \t\u3000\xa0"
BREAK = 3  # blank lines that separate sections rather than paragraphs

# "(上接第1版)", "■上接第1版", "（下转第3版）", "上接二版"
MARKER = re.compile(r"[(（【\[]?\s*[■□◆●]?\s*[上下]接第?\s*[0-9０-９一二三四五六七八九十A-Z]{1,3}\s*版\s*[)）】\]]?\s*")
MARKER_TAIL = re.compile(r"\s*[(（]\s*[下转]+转?第?\s*[0-9０-９一二三四五六七八九十A-Z]{1,3}\s*版\s*[)）]\s*$")
# An end credit alone on a line: "(李海珍)", "（张三 李四）".
CREDIT = re.compile(rf"^[(（]\s*{NAME}(?:[\s、，,]+{NAME}){{0,3}}\s*[)）]$")
# Names alone on a line after an article: "刘慧慧 刘欣" (needs context to be sure).
NAMES = re.compile(rf"^[{CJK}]{{2,3}}(?:[{SPACES}]+[{CJK}]{{2,3}}){{1,3}}$")
# A picture credit, alone or closing a caption: "■本报记者 X 摄", "新华社记者 刘磊 摄".
PHOTO_LINE = re.compile(rf"^[■□◆●]?\s*[{CJK}A-Za-z\s·、]{{0,30}}摄\s*[)）]?$")
CAPTION_END = re.compile(rf"(?:记者|摄影|通讯员)\s*[{CJK}·\s]{{2,16}}?\s*摄\s*[)）]?$|新华社(?:记者)?\s*(?:[{CJK}]{{2,4}}\s*摄)?\s*[)）]?$")
# A credit closing the last paragraph: "……。(李海珍)".
TAIL_CREDIT = re.compile(rf"[{TERMINAL}”]\s*[(（]\s*{NAME}(?:\s+{NAME}){{0,2}}\s*[)）]$")
# A byline on its own line: "□本报记者 巴依斯古楞", "实习记者 若谷".
BYLINE = re.compile(rf"^[■□◆●]?\s*(?:本报)?(?:特约|实习|首席)?(?:记者|通讯员)\s*[{CJK}·{SPACES}]{{2,30}}$")
# Datelines: 本报讯, 本报1月9日讯, 本报呼和浩特2月9日讯, 本报包头2月9日电, 本报记者(张鑫), 新华社北京1月9日电
DATELINE = re.compile(
    rf"^(?:本报(?P<place>[{CJK}]{{2,8}}?)?(?:(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})日)?[讯电]"
    rf"|(?:新华社|中新社)[{CJK}]{{2,8}}?(?P<m2>\d{{1,2}})月(?P<d2>\d{{1,2}})日电"
    rf"|本报记者\s*(?=[(（]))")
LEADING_DATE = re.compile(r"^(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
PAREN_BYLINE = re.compile(r"^\s*[(（](?P<who>[^()（）]{2,40})[)）]\s*")
# Column labels and desk notes, never titles: "短评", "回眸2023", "责任编辑:张三".
# Page furniture that belongs to no article: "2024年1月10日 星期三", "第3版 要闻".
BANNER = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:农历\S*\s*)?(?:星期|周|礼拜)[一二三四五六日天]"
                    r"|^第?\s*[A-Z]?\d{1,2}\s*版(?:\s|$)")
LABEL = re.compile(rf"^(?:[{CJK}]{{1,4}}|[{CJK}]{{2,6}}\s*(?:19|20)\d\d|(?:本版)?(?:责编|责任编辑|编辑|校对|美编|版式|组版)[:：\s].*)$")


@dataclass
class Line:
    """A non-blank line: [start, end) without surrounding spaces."""

    start: int
    end: int
    text: str
    gap: int  # blank lines before it (BREAK or more: a section or picture break)
    kind: str = "body"  # head, sub, label, banner, byline, credit, photo, marker, dup, body
    prefix: int = 0  # characters of a leading continuation marker
    suffix: int = 0  # characters of a trailing "(下转第X版)"

    @property
    def content(self) -> tuple[int, int]:
        """The part of the line that is article text (markers cut off)."""
        return self.start + self.prefix, self.end - self.suffix


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + SPACES)
    return bool(stripped) and stripped[-1] in TERMINAL


def ends_article(text: str) -> bool:
    """A paragraph that closes an article: picture credit or end credit at its end."""
    return bool(CAPTION_END.search(text) or TAIL_CREDIT.search(text))


PAIRS = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "「": "」", "『": "』", "【": "】"}


def balanced(text: str) -> bool:
    stack = []
    for char in text:
        if char in PAIRS:
            stack.append(PAIRS[char])
        elif char in PAIRS.values():
            if not stack or stack.pop() != char:
                return False
    return not stack


def split_lines(text: str) -> list[Line]:
    lines, blank, position = [], 0, 0
    for raw in text.split("\n"):
        stripped = raw.strip().strip("\ufeff").strip()
        if stripped:
            start = position + raw.index(stripped)
            lines.append(Line(start, start + len(stripped), stripped, blank))
            blank = 0
        else:
            blank += 1
        position += len(raw) + 1
    return lines


def is_headline(text: str) -> bool:
    """Short, no sentence punctuation: a headline, subhead, label or a cut-off fragment."""
    if not 2 <= len(text) <= 40 or ends_sentence(text):
        return False
    if any(mark in text for mark in "。，,；;") or text[-1] in "、：:（(“‘":
        return False
    if not balanced(text):
        return False  # a quotation cut by the layout: the line is a fragment
    return not (DATELINE.match(text) or BYLINE.match(text) or CREDIT.match(text) or PHOTO_LINE.match(text))


def classify(lines: list[Line]) -> None:
    """Give each line its context-free kind and cut continuation markers."""
    for line in lines:
        marker = MARKER.match(line.text)
        if marker and marker.end() == len(line.text):
            line.kind = "marker"
            continue
        if marker:
            line.prefix = marker.end()
        tail = MARKER_TAIL.search(line.text)
        if tail and tail.start() > line.prefix:
            line.suffix = len(line.text) - tail.start()
        text = line.text[line.prefix:len(line.text) - line.suffix]
        if len(text) <= 40 and BANNER.search(text) and not ends_sentence(text):
            line.kind = "banner"
        elif CREDIT.match(text):
            line.kind = "credit"
        elif PHOTO_LINE.match(text) and len(text) <= 30:
            line.kind = "photo"
        elif BYLINE.match(text):
            line.kind = "byline"
        elif line.prefix == 0 and is_headline(text):
            line.kind = "sub" if text.startswith("—") else "head"


def mark_context(lines: list[Line]) -> None:
    """Kinds that need neighbours: interjected labels, name credits, repeated paragraphs."""
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        if line.kind == "head" and before and after and before.kind == "body" and after.kind == "body" \
                and not ends_sentence(before.text) and not ends_article(before.text) \
                and len(line.text) <= 8 and line.gap < BREAK and after.gap < BREAK:
            line.kind = "label"  # a column label printed inside a sentence cut by the layout
        elif line.kind == "head" and NAMES.match(line.text) and before and before.kind == "body" \
                and ends_sentence(before.text) and (after is None or after.kind in ("head", "sub") or after.gap >= BREAK):
            line.kind = "credit"
    seen = set()
    for line in lines:
        if line.kind != "body" or len(line.text) < 20:
            continue
        if line.text in seen:
            line.kind = "dup"
        seen.add(line.text)


def read_lines(text: str) -> list[Line]:
    lines = split_lines(text)
    classify(lines)
    mark_context(lines)
    return lines
