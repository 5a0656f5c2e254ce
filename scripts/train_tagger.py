"""Train kg's tagger on the annotated corpora of a folder: kg/models/tagger.npz and kg/models/network.npz.

    pip install '.[train]'
    python scripts/train_tagger.py ../shared/ner                     # about 40 minutes on one core
    python scripts/train_tagger.py ../shared/ner --only network      # the network alone, over the CRF there
    python scripts/train_tagger.py ../shared/ner --write-dev dev/     # the development splits, for kg eval-spans
    python scripts/train_tagger.py ../shared/ner --evaluate kg/models/tagger.npz   # score a model, no training

Reads msra_train.bio.gz, cluener_train.jsonl.gz and resume_train.bmes.gz (any of them
that exist), keeps the last tenth of each as its development split (or, with
--dev-split every-tenth, every tenth sentence, which shares most of its names with training), trains on
the rest (deterministic: the same files and code give the same model), prints exact-span
scores per type on each development split (and the recall of names seen in training and of
names never seen), and writes the model. Then it trains the network whose scores the tagger adds
to the CRF's (kg.network_training: NumPy, a few minutes) on the same sentences, prints the
development scores of the two together, and writes it.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract.network import Network  # noqa: E402
from kg.extract.tagger import Tagger, TaggerModel  # noqa: E402
from kg.network_training import DEFAULT_WEIGHT, train_network, training_arrays  # noqa: E402
from kg.span_eval import score_spans  # noqa: E402
from kg.train import (DEFAULT_DEV_SPLIT, DEV_EVERY, DEV_SPLITS, TrainingSettings, feature_fingerprint,  # noqa: E402
                      read_corpora, recall_by_novelty, tag_all, train_model, training_sentences, vary_names)

CORPUS_FILES = ("msra_train.bio.gz", "cluener_train.jsonl.gz", "resume_train.bmes.gz")


def write_dev_splits(corpora, folder: Path) -> None:
    """Each development split as a BIOES file; CLUENER's as JSON lines too (its own layout)."""
    from kg.annotated import write_cluener, write_tagged

    folder.mkdir(parents=True, exist_ok=True)
    for corpus in corpora:
        name = corpus.name.removesuffix("_train")
        with open(folder / f"{name}_dev.bioes", "w", encoding="utf-8") as handle:
            write_tagged(corpus.dev, handle)
        print(f"wrote {folder / f'{name}_dev.bioes'}")
        if name == "cluener":
            with open(folder / "cluener_dev.jsonl", "w", encoding="utf-8") as handle:
                write_cluener(corpus.dev, handle)
            print(f"wrote {folder / 'cluener_dev.jsonl'}")


def corpus_repeats(values: list[str], names: list[str]) -> dict[str, int]:
    """``NAME=N`` options as {name: N}; a name must be one of the corpora read, N at least 1."""
    repeats = {}
    for value in values:
        name, _, times = value.partition("=")
        if name not in names or not times.isdigit() or int(times) < 1:
            raise ValueError(f"--repeat-corpus {value}: NAME=N with NAME one of {', '.join(names)} and N >= 1")
        repeats[name] = int(times)
    return repeats


def share(found: int, total: int) -> str:
    return f"{found / total:.3f} of {total}" if total else "none"


def print_scores(tagger: Tagger, corpora) -> dict:
    """Print (and return) each development split's exact-span scores and its recall of seen and new names."""
    scores = {}
    for corpus in corpora:
        if not corpus.dev:
            continue
        started = time.perf_counter()
        predicted = tag_all(tagger, corpus.dev)
        table = scores[corpus.name] = score_spans(corpus.dev, predicted)["scores"]
        novelty = recall_by_novelty(corpus, predicted)
        print(f"\n{corpus.name} development split ({len(corpus.dev)} sentences, "
              f"{time.perf_counter() - started:.1f} s)")
        print(f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}   recall: names seen in training / new")
        for kind, row in table.items():
            seen, new = novelty.get(kind, {}).get("seen"), novelty.get(kind, {}).get("new")
            split = f"   {share(*seen)} / {share(*new)}" if seen else ""
            print(f"{kind:<14}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}{split}")
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with the annotated corpora")
    models = Path(__file__).resolve().parent.parent / "kg" / "models"
    parser.add_argument("-o", "--output", type=Path, default=models / "tagger.npz", help="the CRF's file")
    parser.add_argument("--network-output", type=Path, default=models / "network.npz", help="the network's file")
    parser.add_argument("--only", choices=("crf", "network"),
                        help="train only the CRF (scored with the network in --network-output, if there) or only "
                             "the network (over the CRF in --output)")
    parser.add_argument("--network-epochs", type=int, default=10)
    parser.add_argument("--network-hidden", type=int, default=48, help="the network's channels and embedding width")
    parser.add_argument("--network-weight", type=float, default=DEFAULT_WEIGHT,
                        help=f"how much the network's scores count next to the CRF's (default {DEFAULT_WEIGHT})")
    parser.add_argument("--iterations", type=int, default=TrainingSettings.max_iterations)
    parser.add_argument("--c1", type=float, default=TrainingSettings.c1)
    parser.add_argument("--c2", type=float, default=TrainingSettings.c2)
    parser.add_argument("--limit", type=int, help="read only the first LIMIT sentences of each corpus")
    parser.add_argument("--vary-names", type=int, default=2, metavar="N",
                        help="write the person names of every Nth training sentence that has one with other "
                             "characters (default 2, as the shipped model; 0: none)")
    parser.add_argument("--keep-originals", action=argparse.BooleanOptionalAction, default=True,
                        help="with --vary-names: add each varied sentence next to its original (default, as the "
                             "shipped model) or replace it (--no-keep-originals)")
    parser.add_argument("--vary-foreign-names", action="store_true",
                        help="with --vary-names: write foreign names (of any length) with transliteration "
                             "characters too (not the shipped model: see README, Model)")
    parser.add_argument("--vary-any-length", action="store_true",
                        help="with --vary-names: vary Chinese names of one and four characters too (a surname "
                             "standing alone, 老王's 王; not the shipped model: see README, Model)")
    parser.add_argument("--vary-chinese-places", action="store_true",
                        help="with --vary-names: write the name part of Chinese places and organisations (铁法 of "
                             "铁法市) with other characters too, their endings kept, in every Nth sentence that "
                             "names one (not the shipped model: see README, Model)")
    parser.add_argument("--vary-places", action="store_true",
                        help="with --vary-names: write foreign-looking places and organisations of the varied "
                             "sentences with other transliteration characters too (their endings kept), and vary "
                             "every Nth sentence that names one and no person (not the shipped model: see README, Model)")
    parser.add_argument("--dev-split", choices=DEV_SPLITS, default=DEFAULT_DEV_SPLIT,
                        help="development split: the last tenth of each corpus as one block (default, as the "
                             "shipped model: it shares few articles, and so few names, with training), every "
                             "tenth sentence of each (shares most of its names with training), or none (train on "
                             "every sentence)")
    parser.add_argument("--repeat-corpus", action="append", default=[], metavar="NAME=N",
                        help="train on the training sentences of corpus NAME (msra, cluener, resume) N times "
                             "over (default 1), so that it weighs more; may be given once per corpus")
    parser.add_argument("--scores", type=Path,
                        help="also write the development scores to this JSON file (with --evaluate too)")
    parser.add_argument("--evaluate", type=Path, metavar="MODEL",
                        help="score MODEL (a tagger.npz), with the network in --network-output if there, on the "
                             "development splits instead of training one")
    parser.add_argument("--write-dev", type=Path, metavar="DIR",
                        help="write each development split to DIR (for kg eval-spans) and stop")
    args = parser.parse_args()

    paths = [args.data / name for name in CORPUS_FILES if (args.data / name).exists()]
    if not paths:
        parser.error(f"{args.data}: none of {', '.join(CORPUS_FILES)} is there")
    corpora = read_corpora(paths, DEV_EVERY, args.limit, args.dev_split)
    try:
        repeats = corpus_repeats(args.repeat_corpus, [c.name.removesuffix("_train") for c in corpora])
    except ValueError as error:
        parser.error(str(error))
    for corpus in corpora:
        print(f"{corpus.name}: {len(corpus.train)} training, {len(corpus.dev)} development sentences")
    if args.write_dev:
        write_dev_splits(corpora, args.write_dev)
        return 0
    if args.evaluate:
        network = Network.load(args.network_output) if args.network_output.exists() else None
        scores = print_scores(Tagger(TaggerModel.load(args.evaluate), network), corpora)
        if args.scores:
            args.scores.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
        return 0
    training = training_sentences(corpora, repeats)
    if args.vary_names:
        training = vary_names(training, args.vary_names, keep_originals=args.keep_originals,
                              foreign_names=args.vary_foreign_names, places=args.vary_places,
                              any_length=args.vary_any_length, chinese_places=args.vary_chinese_places)
    info = {"trained_on": ", ".join(f"{c.name} ({len(c.train)} sentences)" for c in corpora),
            "dev_split": {"every-tenth": f"every {DEV_EVERY}th sentence of each corpus, held out",
                          "blocks": f"the last 1/{DEV_EVERY} of each corpus, held out",
                          "none": "none: every sentence trained on"}[args.dev_split],
            "varied_names": (f"every {args.vary_names}th training sentence naming a person"
                             + (", foreign names too" if args.vary_foreign_names else "")
                             + (", Chinese names of one to four characters" if args.vary_any_length else "")
                             + (", foreign-looking places and organisations too" if args.vary_places else "")
                             + (", Chinese places and organisations too" if args.vary_chinese_places else "")
                             + (", added next to the original" if args.keep_originals else "")) if args.vary_names else "none"}
    if repeats:
        info["repeated"] = ", ".join(f"{name} x{times}" for name, times in sorted(repeats.items()))
    if args.only == "network":
        model = TaggerModel.load(args.output)
    else:
        settings = TrainingSettings(c1=args.c1, c2=args.c2, max_iterations=args.iterations)
        model = train_model(training, settings, info)
        print("\nthe CRF alone:")
        scores = print_scores(Tagger(model), corpora)
        model.info["dev_f1"] = json.dumps({name: table["overall"]["f1"] for name, table in scores.items()})
        args.output.parent.mkdir(parents=True, exist_ok=True)
        model.save(args.output)
        print(f"\nwrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB, {len(model.keys)} features)")
    if args.only == "crf":
        network = Network.load(args.network_output) if args.network_output.exists() else None
    else:
        started = time.perf_counter()
        inputs, labels, lengths = training_arrays(training)
        print(f"\nthe network's inputs: {len(lengths)} sentences, {len(labels)} characters "
              f"({time.perf_counter() - started:.0f} s)")
        network = train_network(inputs, labels, lengths, embed=args.network_hidden, hidden=args.network_hidden,
                                epochs=args.network_epochs, weight=args.network_weight,
                                info={**info, "feature_fingerprint": feature_fingerprint()})
    if network is None:
        return 0
    print(f"\nthe CRF and the network (weight {network.weight}):")
    scores = print_scores(Tagger(model, network), corpora)
    if args.only != "crf":
        network.info["dev_f1"] = json.dumps({name: table["overall"]["f1"] for name, table in scores.items()})
        args.network_output.parent.mkdir(parents=True, exist_ok=True)
        network.save(args.network_output)
        print(f"\nwrote {args.network_output} ({args.network_output.stat().st_size / 1e6:.1f} MB)")
    if args.scores:
        args.scores.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
