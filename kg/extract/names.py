"""Is a string a plausible personal name? Checks shared by the rules that find people."""
from __future__ import annotations

from ..lexicon import gazetteer, lexicons
from .tokens import Frequency, Tokenizer

# Last characters of place and body names that given names do not end with.
NOT_NAME_ENDINGS = set("旗县区市省镇乡村馆院局所厂站部处科队署厅委办")


def is_surname_start(text: str) -> int:
    """Length of the surname that ``text`` starts with (0 when none)."""
    lex = lexicons()
    if text[:2] in lex.compound_surnames:
        return 2
    if text[:1] in lex.surnames:
        return 1
    return 0


def plausible_name(name: str, tokenizer: Tokenizer, strict: bool = True) -> bool:
    lex = lexicons()
    if not (2 <= len(name) <= 4) or not all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in name):
        return False
    if name in lex.not_person or name in lex.titles or name in lex.stop_entities:
        return False
    if name[-1] in "某等们" or name[1:] in lex.honorifics:
        return False
    if name[-1] in NOT_NAME_ENDINGS or gazetteer().lookup(name):
        return False  # 乌审旗, 马博馆: places and bodies, not people
    if strict:
        if not is_surname_start(name):
            return False
        pos = tokenizer.tags.get(name)
        if pos and pos not in ("nr", "nrfg", "nrt") and tokenizer.is_common_word(name, Frequency.OCCASIONAL):
            return False
    return True


def names_a_place(word: str) -> bool:
    """A country, a world city or a division of China (or a short form of one)."""
    lex = lexicons()
    return word in lex.countries or word in lex.world_cities or bool(gazetteer().lookup(word))


def holds_a_word(name: str, tokenizer: Tokenizer) -> bool:
    """Does a common word follow the surname inside ``name`` (万达广场: 广场)? Given names rarely hold one."""
    return any(tokenizer.is_common_word(name[i:i + 2], Frequency.FAMILIAR) for i in range(1, len(name) - 1))
