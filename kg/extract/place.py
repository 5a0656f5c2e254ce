"""Find places: administrative divisions, countries, world cities, nicknames, named features."""
from __future__ import annotations

from ..lexicon import gazetteer, lexicons
from .candidates import Candidate
from .tokens import FUNCTION_CHARS, Token, Tokenizer

FEATURE_NAME_POS = {"ns", "nz", "n", "j", None, "m", "a", "nr"}


def is_division_name(word: str, tokenizer: Tokenizer) -> bool:
    divisions = gazetteer().lookup(word)
    if not divisions:
        return False
    pos = tokenizer.tags.get(word)
    if any(d.name == word for d in divisions):
        # 城区 is a district's name but mostly an ordinary word.
        return len(word) >= 2 and (pos == "ns" or not tokenizer.is_common_word(word, 50))
    # A short form (和林格尔 for 和林格尔县) unless it is an ordinary word (和平, 城关).
    if any(d.level == "township" for d in divisions) and all(d.level == "township" for d in divisions):
        return False
    return pos == "ns" or not tokenizer.is_common_word(word, 50) or len(word) >= 3


def find_places(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    lex = lexicons()
    found: list[Candidate] = []
    for index, token in enumerate(tokens):
        word = token.text
        if len(word) >= 2 and (is_division_name(word, tokenizer) or word in lex.countries
                               or word in lex.world_cities or word in lex.city_nicknames
                               or word in lex.capital_words):
            found.append(Candidate(token.start, token.end, "place", word, "gazetteer", 1))
            continue
        feature = feature_suffix(word)
        if feature and index > 0:
            first = index
            while first > 0 and index - first < 4:
                previous = tokens[first - 1]
                if previous.is_punct or previous.text in FUNCTION_CHARS or previous.pos not in FEATURE_NAME_POS:
                    break
                if previous.pos == "n" and tokenizer.is_common_word(previous.text, 5000):
                    break
                first -= 1
            chunk = tokens[first:index + 1]
            stem = word[: -len(feature)]
            proper = any(t.pos in ("ns", "nz", "nr", "j", None, "eng") and not t.text.isdigit() for t in chunk[:-1]) \
                or (len(stem) >= 2 and (stem not in tokenizer.tags or tokenizer.tags.get(stem) == "ns"))
            if (chunk[-2].text if len(chunk) > 1 else stem).endswith("新"):
                continue  # 新机场: still a project
            if proper and not any(t.text in lex.chunk_breakers for t in chunk):
                start = tokens[first].start
                name = text[start:token.end]
                if name not in lex.stop_entities and len(name) >= 3:
                    found.append(Candidate(start, token.end, "place", name, "feature-suffix", 1))
    return found


def feature_suffix(word: str) -> str | None:
    suffixes = lexicons().place_suffixes
    for length in range(min(len(word), 4), 0, -1):
        if word[-length:] in suffixes:
            return word[-length:]
    return None
