"""spaCy's attribute ruler against the lookup one (rag/attribute_ruler.py), side by side.

    python -m bench.attribute_ruler [--articles PATH] [--texts 1500] [--rounds 2]

The texts are the index's passages of real articles (default: the rtqa-2022 dev set beside the
checkout, else the shipped corpus), each parsed by the whole pipeline as index-time annotation
parses it, and the same texts split into sentences, as the judge parses them. Two copies of the
pipeline, one with spaCy's own ruler, rounds interleaved; words per second for the whole pipeline
and milliseconds per text for the ruler alone; and whether every token got the same attributes
from both."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rag.attribute_ruler import speed_up
from rag.chunk import chunk_articles
from rag.config import Settings
from rag.corpus import load_corpus
from rag.nlp import DEFAULT_MODEL, _import_spacy
from rag.text import sentences

from .measure import REPO, report
from .rtqa_slice import SOURCE

RTQA = SOURCE / "articles.jsonl"


def passages(path: Path, n: int) -> list[str]:
    """The first `n` passages index-time annotation parses (`rag.chunk`'s chunks of the articles
    `rag.corpus` reads from `path`, default settings), in corpus order."""
    articles, _ = load_corpus(path)
    return [node.text for node in chunk_articles(articles, Settings())[:n]]


def _time(nlp, texts: list[str]) -> tuple[float, float, list[tuple]]:
    """(words per second of the whole pipeline, ruler ms per text, every token's attributes)."""
    t = time.perf_counter()
    docs = list(nlp.pipe(texts))
    whole = time.perf_counter() - t
    ruler = nlp.get_pipe("attribute_ruler")
    t = time.perf_counter()
    for doc in docs:
        ruler(doc)
    alone = (time.perf_counter() - t) / len(docs) * 1000
    attrs = [(tok.tag_, tok.pos_, str(tok.morph), tok.lemma_) for doc in docs for tok in doc]
    return len(attrs) / whole, alone, attrs


def bench_texts(description: str, argv: list[str] | None) -> tuple[argparse.Namespace, dict[str, list[str]]]:
    """The command line of this benchmark and `bench.spacy_blas`, and their texts: the index's
    passages, and the sentences of the first fifth of them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=Path, default=RTQA if RTQA.exists() else REPO / "corpus",
                        help="a corpus to read (any format `rag index` reads)")
    parser.add_argument("--texts", type=int, default=1500, help="passages to parse")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    args = parser.parse_args(argv)
    found = passages(args.articles, args.texts)
    return args, {"passages": found, "sentences": [s for p in found[: args.texts // 5] for s in sentences(p)]}


def _compare(args: argparse.Namespace, sets: dict[str, list[str]]) -> dict:
    spacy = _import_spacy()
    plain, lookup = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    speed_up(lookup)
    results: dict[str, dict] = {}
    for name, texts in sets.items():
        for nlp in (plain, lookup):
            list(nlp.pipe(texts[:20]))  # warm up
        runs: dict[str, list] = {"spacy": [], "lookup": []}
        same = True
        for _ in range(args.rounds):
            a, b = _time(plain, texts), _time(lookup, texts)
            runs["spacy"].append(a[:2])
            runs["lookup"].append(b[:2])
            same = same and a[2] == b[2]
        best = {k: (max(r[0] for r in v), min(r[1] for r in v)) for k, v in runs.items()}
        results[name] = {
            "texts": len(texts),
            "words_per_s": {k: round(v[0]) for k, v in best.items()},
            "ratio": round(best["lookup"][0] / best["spacy"][0], 3),
            "ruler_ms_per_text": {k: round(v[1], 3) for k, v in best.items()},
            "same_attributes": same,
        }
    return {"results": results}


def main(argv: list[str] | None = None) -> int:
    args, sets = bench_texts(__doc__.splitlines()[0], argv)
    return report("bench.attribute_ruler", lambda: _compare(args, sets))


if __name__ == "__main__":
    raise SystemExit(main())
