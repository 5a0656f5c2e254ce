"""Split a Document into Articles: headlines, datelines, bylines, credits.

A page is read line by line (see :mod:`.repair`). A group of headline lines
starts a new article when the layout says so: a dateline, byline or
continuation marker follows it, an end credit or picture break precedes it,
or the previous paragraph is finished and the group looks like a title rather
than a subhead or a line cut off by a column break.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article, Document
from .meta import iso_date
from .repair import (BREAK, CAPTION_END, DATELINE, LABEL, LEADING_DATE, PAREN_BYLINE, Line, ends_article, ends_sentence,
                     read_lines)
from .sentences import paragraph_sentences, split_sentences

MIN_TITLE = 15  # a cut-off line of one column is shorter than a title standing alone
MID_SENTENCE = re.compile(r"^[\u4e00-\u9fff]{1,2}[。；;！？]")  # "校。加快……": the start is on another page
ENDERS = ("credit", "photo")


@dataclass
class Draft:
    """Lines of one article before it becomes an Article."""

    head: list[Line] = field(default_factory=list)
    labels: list[Line] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # everything after the headline
    structured: bool = False  # has a dateline or an interview subtitle
    continued: bool = False  # continued from another page: subheads inside are not titles

    @property
    def all_lines(self) -> list[Line]:
        return self.labels + self.head + self.lines

    def note(self, line: Line) -> None:
        if not any(x.kind == "body" for x in self.lines):  # first body-like line
            if line.kind == "body" and DATELINE.match(line.text[line.prefix:]):
                self.structured = True
            if line.prefix or line.kind == "marker" or (line.kind == "body" and MID_SENTENCE.match(line.text)):
                self.continued = True
        self.lines.append(line)


def _group_end(lines: list[Line], i: int) -> int:
    j = i
    while j + 1 < len(lines) and lines[j + 1].kind in ("head", "sub") and lines[j + 1].gap < BREAK:
        j += 1
    return j


def _starts_article(lines: list[Line], a: int, b: int, draft: Draft | None) -> bool:
    group = lines[a:b + 1]
    if draft is None or not draft.lines or lines[a].gap >= BREAK:
        return True
    before = lines[a - 1]
    if before.kind == "banner":
        return True
    if before.kind in ENDERS or ends_article(before.text):
        return True
    after = lines[b + 1] if b + 1 < len(lines) else None
    if after is not None and (after.kind in ("byline", "marker") or after.prefix or (
            after.kind == "body" and (DATELINE.match(after.text) or LEADING_DATE.match(after.text)
                                      or (ends_article(after.text) and len(after.text) < 300)))):
        return True  # dateline, byline, continuation, or a dated picture caption follows
    if any(line.kind == "sub" for line in group[1:]):
        return True
    if before.kind not in ("body", "head", "sub", "label") or not ends_sentence(before.text) or draft.continued:
        return False
    return not draft.structured or len(group) > 1 or len(group[0].text) >= MIN_TITLE


def drafts_of(lines: list[Line]) -> list[Draft]:
    drafts: list[Draft] = []
    current: Draft | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "banner":
            i += 1
            continue
        if line.kind in ("head", "sub"):
            j = _group_end(lines, i)
            if _starts_article(lines, i, j, current):
                current = Draft()
                drafts.append(current)
                group = lines[i:j + 1]
                while len(group) > 1 and LABEL.match(group[0].text):
                    current.labels.append(group.pop(0))
                current.head = group
                current.structured = any(x.kind == "sub" for x in group)
                i = j + 1
                continue
            for demoted in lines[i:j + 1]:  # subheads or lines cut by a column break
                demoted.kind = "subhead" if current.continued else "fragment"
                current.note(demoted)
            i = j + 1
            continue
        starts_new = current is None or (
            line.kind == "body" and current.lines and (
                (line.gap >= BREAK and current.lines[-1].kind not in ("byline",))
                or DATELINE.match(line.text)))
        if starts_new:
            current = Draft()
            drafts.append(current)
        current.note(line)
        i += 1
    return drafts


def title_of(head: list[Line]) -> str | None:
    """Headline lines as printed; a title wrapped over two short lines is rejoined."""
    title = ""
    for index, line in enumerate(head):
        if index:
            previous = head[index - 1].text
            wrapped = (len(previous) <= 10 and len(line.text) <= 16 and not line.text.startswith("—")
                       and not (previous.startswith("“") and previous.endswith("”")))
            title += "" if wrapped else " / "
        title += line.text
    return title or None


def _wrapped_pairs(head: list[Line]) -> list[list[Line]]:
    """Headline lines grouped as they are read (a wrapped title is one sentence)."""
    groups: list[list[Line]] = []
    for index, line in enumerate(head):
        if index and title_of(head[index - 1:index + 1]).find(" / ") < 0:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _paragraphs(draft: Draft, article: Article) -> list[list[tuple[int, int]]]:
    """Source pieces of each paragraph: cut paragraphs rejoined, repeats and labels skipped."""
    paragraphs: list[list[tuple[int, int]]] = [[(x.start, x.end) for x in g] for g in _wrapped_pairs(draft.head)]
    open_paragraph = False  # the last paragraph may continue on the next body line
    last_text = ""
    for line in draft.lines:
        if line.kind == "dup":
            article.duplicate_spans.append((line.start, line.end))
            continue
        if line.kind in ("label", "marker"):
            continue
        start, end = line.content
        joinable = line.kind in ("body", "fragment")
        if open_paragraph and joinable and line.gap < BREAK and not DATELINE.match(line.text):
            paragraphs[-1].append((start, end))
        else:
            paragraphs.append([(start, end)])
        last_text = line.text[:len(line.text) - line.suffix]
        open_paragraph = joinable and not line.suffix and not ends_sentence(last_text) \
            and not ends_article(last_text)
    return paragraphs


def _dateline(draft: Draft):
    """(month, day, byline) from the first body line: 本报1月9日讯 (记者 X) / 1月9日,……"""
    body = next((x for x in draft.lines if x.kind in ("body", "fragment", "subhead")), None)
    byline_line = next((x for x in draft.lines if x.kind == "byline"), None)
    byline = byline_line.text.lstrip("■□◆● ") if byline_line else None
    month = day = None
    if body is not None and body is draft.lines[0] or (body is not None and byline_line is not None):
        rest = body.text[body.prefix:]
        match = DATELINE.match(rest)
        if match:
            month = match.group("m1") or match.group("m2")
            day = match.group("d1") or match.group("d2")
            rest = rest[match.end():].lstrip(" \u3000")
            paren = PAREN_BYLINE.match(rest)
            if paren:
                byline = byline or paren.group("who").strip()
                rest = rest[paren.end():]
        if month is None:
            leading = LEADING_DATE.match(rest.lstrip(" \u3000"))
            if leading:
                month, day = leading.group("m"), leading.group("d")
    if byline is None:
        credit = next((x for x in reversed(draft.lines) if x.kind in ENDERS), None)
        if credit is not None:
            byline = re.sub(r"\s*摄$", "", credit.text.strip("()（）■□◆● ")) or None
        elif draft.lines and (tail := CAPTION_END.search(draft.lines[-1].text)):
            byline = re.sub(r"\s*摄\s*[)）]?$", "", tail.group().strip()) or None
    return (int(month), int(day), byline) if month else (None, None, byline)


def segment_document(document: Document) -> list[Article]:
    """Articles of ``document`` with their sentences; a titled record is one article."""
    text = document.text
    lines = read_lines(text)
    if not lines:
        return []
    if document.title:  # a JSON-lines record or web page: already one article
        drafts = [Draft(lines=[])]
        for line in lines:
            if line.kind in ("head", "sub"):
                line.kind = "fragment"
            drafts[0].note(line)
    else:
        drafts = drafts_of(lines)
    articles = []
    for draft in drafts:
        every = draft.all_lines
        if not every:
            continue
        article = Article(document=document, index=len(articles), start=every[0].start, end=every[-1].end,
                          title=title_of(draft.head) or (document.title if len(drafts) == 1 else None),
                          continued=draft.continued)
        article.body_start = draft.lines[0].start if draft.lines else article.end
        month, day, article.byline = _dateline(draft)
        if month:
            article.month_day = f"{month:02d}-{day:02d}"
            article.date = iso_date(document.year, month, day)
        if article.date is None and document.date and len(drafts) == 1:
            article.date = document.date
        for pieces in _paragraphs(draft, article):
            article.sentences.extend(paragraph_sentences(text, pieces))
        articles.append(article)
    return articles


__all__ = ["segment_document", "split_sentences", "title_of"]
