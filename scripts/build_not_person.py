#!/usr/bin/env python3
"""Write kg/lexicons/not_person.txt: common words that begin with a surname character.

jieba.posseg tends to tag an unknown or ambiguous 2-4 character chunk that
starts with a surname as a person name (nr).  This stop list holds ordinary
words that start with a surname character, so the extractor can refuse them as
person names.  Generation:

1. Load jieba's bundled dictionary (``jieba/dict.txt``, lines ``word freq tag``).
2. Keep words of 2-4 characters whose first character is in surnames.txt, whose
   tag is not a person tag (nr, nrfg, nrt) and whose frequency is >= 50.
3. Add nr-tagged words of 3-4 chars ending in an abstract-noun ending (化, 性,
   者, 业, 界 ...), e.g. 高端化.
4. Add dictionary words that jieba itself tags ``nr`` but that are plainly common
   words (明白, 文明, 阳光, 卫星 ...): a short hand-checked list, picked from the
   most frequent nr entries.
5. With ``--corpora``, leave out the words that the annotated training splits there
   (kg.train's corpora: MSRA, CLUENER, Resume) label as a person in more than half
   of the times they write them, at least twice: jieba's dictionary tags some famous
   people as other words (周恩来 t, 罗干 ns, 金正日 nz), and step 3 catches names
   ending like a noun (张文学).

    python scripts/build_not_person.py --corpora ../shared/ner
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

import jieba

LEX = Path(__file__).resolve().parent.parent / "kg" / "lexicons"
MIN_FREQ = 50
PERSON_TAGS = {"nr", "nrfg", "nrt"}
CORPUS_FILES = ("msra_train.bio.gz", "cluener_train.jsonl.gz", "resume_train.bmes.gz")  # as train_tagger.py reads

# Frequent jieba dictionary entries tagged nr that are ordinary words.
NR_COMMON = """
明白 武功 文明 和尚 王朝 阳光 陆军 卫星 雷达 荣誉 古老 丘陵 言语 冷笑 武林 明星 宫殿 光荣 权威 师傅 封锁 宣言 胡同
师兄 顾问 花岗岩 王爷 智慧 贡献者 王公 白雪 高峰 齐声 祖先 文武 石英 金殿 师哥 高潮 英勇 齐全 黄金周 洪水 顾客 公正
凤凰 辛勤 米粉 古建筑 胡子 须弥座 王府 光辉 叶子 安静 保健 谢谢 宝贝 白领 红旗 宝贵 封建王朝 向东 康复 鱼雷 沙滩 师范
诸如 梅花 吉祥 范畴 相公 周转 诸侯 鹿角 元帅 孙子 杜鹃花 双拥 宝剑 宁可 修正 山珍 凌辱 高明 法王 陈述 荣获 丛林 马匹
双喜 林立 明珠 王子 温泉 白宫 蒙古人 黎明 红外 呼唤 陈列 宫城 通达 乌云 宁静 养老 蓝天 金刚 左翼 师生 冷汗 安抚 高僧
宝石 许可 朱红 原谅 容纳 柴禾 杜绝 卓越 沙丘 季后赛 山珍海味 白莲 苏军 晋升 云母 童子 祝贺 师母 松树 兰花 岳父 蓬勃
史诗 过敏 谢恩 保姆 英才 白白 乌龟 凌厉 沙皇 楚王 师娘 高三 王八 荣耀 胡闹 满怀 旷野 桂花 高悬 马背 乔木 毛巾 麦子 郎中
白布 胡萝卜 张开 元老 金石 银杏 周密 朴素 马夫 陈设 英俊 高薪 华丽 麻木 弘扬 燕子 金字塔 巴掌 练兵 白发 金黄 福晋 林子
林木 杨柳 梅子 安危 查明 胡涂 英超 杜鹃 红宝石 张贴 巨石 周旋 练功 白云 田园 高耸 孔雀 梅林 师兄弟 金碧辉煌 王宫 才华
龙王 杜仲 朱砂 史实 戈壁 张嘴 古文 张口 田野 许可证 慕名 熊掌 李子 马尾松 廉政 贝母 焦黄 凌空 雷声 钱财 安全性 万世
温馨 白银 卢布 铁路桥 蓝图 宣传部 养牛 铁青 殷勤 明智 金钱豹 陈旧 祝福 严正 贝壳 高昂 庄园 金光 顾忌 龙宫 高超 毋宁
宫阙 胡椒 石英砂 扬言 张罗 徐徐 古文化 高雅 郎君 高坡 白旗 常青 牛马 富豪 时髦 宝宝 敬仰
于今 于此 金秋 高水平 高端化 青少年
"""
# nr-tagged dictionary words of 3-4 chars ending like an abstract/common noun (高端化, 可能性 ...).
COMMON_NOUN_ENDINGS = ("化", "性", "者", "们", "型", "式", "业", "界", "率", "度", "感", "类", "品", "物", "学", "论", "主义")


def people_by_label(words: set[str], folder: Path) -> set[str]:
    """The words that the annotated corpora in ``folder`` label as a person (an exact span) in more than half of
    the times their sentences write them, and at least twice."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from kg.annotated import read_annotated

    sentences = [sentence for name in CORPUS_FILES if (folder / name).exists()
                 for sentence in read_annotated(folder / name)]
    labelled, written = Counter(), Counter()
    for sentence in sentences:
        for start, end, kind in sentence.spans:
            if kind == "person" and sentence.text[start:end] in words:
                labelled[sentence.text[start:end]] += 1
    for sentence in sentences:
        for word in labelled:
            written[word] += sentence.text.count(word)
    return {word for word, count in labelled.items() if count >= 2 and 2 * count > written[word]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, help="folder of the annotated training splits (step 5)")
    args = parser.parse_args()
    surnames = {
        line.strip()
        for line in (LEX / "surnames.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    dict_path = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    words: set[str] = set()
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2]
        if not (2 <= len(word) <= 4 and word[0] in surnames):
            continue
        if tag not in PERSON_TAGS and freq >= MIN_FREQ:
            words.add(word)
        elif tag == "nr" and len(word) >= 3 and word.endswith(COMMON_NOUN_ENDINGS):
            words.add(word)
    words |= set(NR_COMMON.split())
    people = people_by_label(words, args.corpora) if args.corpora else set()
    words -= people
    with (LEX / "not_person.txt").open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# Common words starting with a surname character, not person names: jieba {jieba.__version__} "
                f"dict.txt entries of 2-4 chars, first char in surnames.txt, tag not nr/nrfg/nrt, freq >= {MIN_FREQ}, "
                "plus nr-tagged 3-4 char words ending in 化/性/者/业/界..., plus hand-checked nr-tagged common words"
                + (", less the words the annotated training splits label as a person more often than not" if people else "")
                + "; generated by scripts/build_not_person.py\n")
        for w in sorted(words):
            f.write(w + "\n")
    print(len(words), "words;", len(people), "left out as people:", " ".join(sorted(people)))


if __name__ == "__main__":
    main()
