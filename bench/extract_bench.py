"""Extraction speed with the tagger: kg's whole extraction against plain ``jieba.cut`` on the same news.

    python bench/extract_bench.py                       # 4 MB of synthetic news (bench/synth.py)
    python bench/extract_bench.py --mb 1 --corpus DIR   # another size, or your own folder of pages
    python bench/extract_bench.py --cpu                 # CPU time of the process: steadier on a busy machine

Everything runs in this process, one core, one after the other over the same articles (their
sentence texts, as extraction reads them): ``jieba.cut``; kg's tokenizer alone; the tagger alone
(features and decoding over the tokenizer's words, the rules' candidates left out); the whole extraction of each article
(``kg.extract.extract_articles`` on each page's articles, as ``kg build`` does: tokenizer,
tagger and rules); the same without the tagger.
It prints seconds, MB/s and each one's throughput as a ratio of ``jieba.cut``'s, then the models'
load time in a fresh interpreter (the CRF and the network) and their size on disk.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

LOAD = ("import time; from kg.extract.network import Network; from kg.extract.tagger import TaggerModel; "
        "started = time.perf_counter(); TaggerModel.load(); Network.load(); print(time.perf_counter() - started)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="Size of the synthetic corpus in MB.")
    parser.add_argument("--corpus", type=Path, help="Read this folder instead of a synthetic corpus.")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-extract-bench"))
    parser.add_argument("--cpu", action="store_true",
                        help="Time the CPU this process uses instead of the wall clock (steadier on a busy machine).")
    args = parser.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter

    import jieba

    import kg.extract as extract
    import kg.extract.network as network_module
    import kg.extract.tagger as tagger_module
    from kg.extract.tokens import get_tokenizer
    from kg.lexicon import to_simplified
    from kg.pipeline import read_corpus

    corpus = args.corpus
    if corpus is None:
        from synth import generate

        corpus = args.workdir / f"synthetic-{args.mb:g}mb"
        if not corpus.exists():
            generate(args.mb, corpus)
    articles = read_corpus([str(corpus)])
    texts = [[to_simplified(s.text) for s in article.sentences] for article in articles]
    size = sum(len(t.encode("utf-8")) for sentences in texts for t in sentences) / 1e6
    jieba.initialize()
    tokenizer = get_tokenizer()
    tagger = tagger_module.get_tagger()
    if tagger is None:
        sys.exit("no tagger model in kg/models/")
    extract.extract_article(articles[0])  # lexicons loaded, caches warm

    def timed(label, work):
        started = clock()
        work()
        return label, clock() - started

    def cut():
        for sentences in texts:
            for text in sentences:
                for _ in jieba.cut(text):
                    pass

    def tokenize():
        for sentences in texts:
            for text in sentences:
                tokenizer.tokenize(text)

    def tag():
        for page in by_document.values():
            sentences = [to_simplified(s.text) for article in page for s in article.sentences]
            tagger.tag(sentences, [tokenizer.tokenize(text) for text in sentences])

    by_document: dict[str, list] = {}
    for article in articles:
        by_document.setdefault(article.source, []).append(article)

    def whole():  # as kg build does: the articles of one page in one call
        for page in by_document.values():
            extract.extract_articles(page)

    def rules_only():
        original = extract.get_tagger
        extract.get_tagger = lambda: None
        try:
            whole()
        finally:
            extract.get_tagger = original

    results = [timed("jieba.cut", cut), timed("kg tokenizer", tokenize), timed("tokenizer + tagger alone", tag),
               timed("extraction (tagger + rules)", whole), timed("extraction without the tagger", rules_only)]
    base = results[0][1]
    print(f"{len(articles)} articles, {size:.2f} MB of sentence text, one core, {'CPU' if args.cpu else 'wall'} time")
    print(f"{'':<32}{'seconds':>9}{'MB/s':>8}{'x jieba.cut':>13}")
    for label, seconds in results:
        print(f"{label:<32}{seconds:>9.2f}{size / seconds:>8.3f}{base / seconds:>13.2f}")
    loads = [float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True,
                                  cwd=BENCH.parent).stdout) for _ in range(3)]
    models = Path(tagger_module.__file__).parent.parent / "models"
    network = tagger.network
    print(f"model load, CRF and network (fresh interpreter, best of 3): {min(loads):.2f} s; "
          f"CRF {(models / tagger_module.MODEL_FILE).stat().st_size / 1e6:.1f} MB, {len(tagger.model.keys):,} features; "
          + (f"network {(models / network_module.NETWORK_FILE).stat().st_size / 1e6:.1f} MB, {network.size:,} weights"
             if network is not None else "no network"))


if __name__ == "__main__":
    main()
