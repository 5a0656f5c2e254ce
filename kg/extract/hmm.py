"""jieba's HMM word guesser (``jieba.finalseg.cut``), word for word, faster.

jieba guesses words in runs of characters its dictionary does not cover with a Viterbi search over four
states (Begin, Middle, End, Single). This is the same search over the same probabilities: the same sums in
the same order and the same tie-breaks (jieba takes the ``max`` of (probability, state) pairs, so on equal
probabilities the later state letter wins), with the four states unrolled instead of dicts of dicts.
Answers are kept per run, as names recur within and across articles.
"""
from __future__ import annotations

import jieba.finalseg as finalseg

MAX_KEPT_RUNS = 100_000  # about 20 MB at most


class HmmCutter:
    def __init__(self):
        start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
        self.start = start["B"], start["M"], start["E"], start["S"]
        low = finalseg.MIN_FLOAT
        self.trans = tuple(trans[a].get(b, low) for a, b in ("EB", "SB", "MM", "BM", "BE", "ME", "SS", "ES"))
        self.emit = emit["B"].get, emit["M"].get, emit["E"].get, emit["S"].get
        self.kept: dict[str, list[str]] = {}
        self.force_split = (id(finalseg.Force_Split_Words), len(finalseg.Force_Split_Words))

    def cut(self, text: str) -> list[str]:
        """``list(jieba.finalseg.cut(text))``."""
        force = finalseg.Force_Split_Words
        if (id(force), len(force)) != self.force_split:  # jieba.del_word forces words apart since
            self.kept.clear()
            self.force_split = (id(force), len(force))
        words = self.kept.get(text)
        if words is None:
            words = self.guess(text, force)
            if len(self.kept) >= MAX_KEPT_RUNS:
                self.kept.clear()
            self.kept[text] = words
        return words

    def guess(self, text: str, force_split: set[str]) -> list[str]:
        words: list[str] = []
        han, skip = finalseg.re_han, finalseg.re_skip
        for block in han.split(text):
            if han.match(block):
                for word in self.split(block):
                    if word in force_split:
                        words.extend(word)
                    else:
                        words.append(word)
            else:
                words.extend(x for x in skip.split(block) if x)
        return words

    def split(self, text: str) -> list[str]:
        """The words of the best state sequence for a run of Chinese characters."""
        words, begin, nexti = [], 0, 0
        for i, state in enumerate(self.states(text)):
            if state == "B":
                begin = i
            elif state == "E":
                words.append(text[begin:i + 1])
                nexti = i + 1
            elif state == "S":
                words.append(text[i])
                nexti = i + 1
        if nexti < len(text):
            words.append(text[nexti:])
        return words

    def states(self, text: str) -> str:
        """jieba's ``viterbi``: the best state sequence, one letter per character."""
        low = finalseg.MIN_FLOAT
        emit_b, emit_m, emit_e, emit_s = self.emit
        eb, sb, mm, bm, be, me, ss, es = self.trans  # transition from the first letter to the second
        char = text[0]
        start_b, start_m, start_e, start_s = self.start
        vb, vm = start_b + emit_b(char, low), start_m + emit_m(char, low)
        ve, vs = start_e + emit_e(char, low), start_s + emit_s(char, low)
        pb, pm, pe, ps = "B", "M", "E", "S"
        for char in text[1:]:
            em = emit_b(char, low)
            from_e, from_s = ve + eb + em, vs + sb + em
            nb, npb = (from_s, ps + "B") if from_s >= from_e else (from_e, pe + "B")
            em = emit_m(char, low)
            from_m, from_b = vm + mm + em, vb + bm + em
            nm, npm = (from_m, pm + "M") if from_m >= from_b else (from_b, pb + "M")
            em = emit_e(char, low)
            from_b, from_m = vb + be + em, vm + me + em
            ne, npe = (from_m, pm + "E") if from_m >= from_b else (from_b, pb + "E")
            em = emit_s(char, low)
            from_s, from_e = vs + ss + em, ve + es + em
            ns, nps = (from_s, ps + "S") if from_s >= from_e else (from_e, pe + "S")
            vb, vm, ve, vs, pb, pm, pe, ps = nb, nm, ne, ns, npb, npm, npe, nps
        return ps if vs >= ve else pe
