"""What checking every sentence of an answer with the offline judge costs, per four-sentence answer.

    python -m bench.judge_cost [--answers 50]

Two kinds of answer, each sentence citing real passages of corpus/ with the header line the chain
puts on a cited passage:

- verbatim: four passage sentences quoted whole, as the extractive answerer writes them;
- paraphrased: four supported, reworded claims from evals/judge_cases.jsonl and
  evals/judge_dev.jsonl, as an LLM writes them, each citing its own passage.

Each answer gets a fresh judge (no parse cached from an earlier answer) and is checked once with
`OfflineJudge.many` (the answer's parses batched) and once claim by claim. Wall-clock and CPU
milliseconds per answer; the spaCy pipeline is loaded before timing starts.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from evals.judge_accuracy import load_cases
from evals.stats import percentile
from rag import OfflineJudge, Verdict, sentences, with_header
from rag.corpus import read_article
from rag.nlp import load

REPO = Path(__file__).resolve().parents[1]
Answer = list[tuple[str, list[str]]]  # (sentence, the passages it cites)


def _passages() -> list[tuple[str, list[str]]]:
    """Each corpus article's passages (runs of three paragraphs) with the chain's header line."""
    out = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        art = read_article(path, REPO / "corpus")
        paras = [p for p in art.text.split("\n\n") if len(sentences(p)) >= 1]
        chunks = ["\n\n".join(paras[i : i + 3]) for i in range(0, len(paras), 3)]
        out.append((art.title, [with_header(c, art.title, None, art.date) for c in chunks]))
    return out


def verbatim_answers(n: int, rng: random.Random) -> list[Answer]:
    """Four sentences quoted from two passages of one article, each citing its passage."""
    articles = [cs for _, cs in _passages() if len(cs) >= 2]
    answers = []
    for _ in range(n):
        chunks = rng.sample(rng.choice(articles), 2)
        answer: Answer = []
        for chunk in chunks:
            body = chunk.split("\n\n", 1)[1]
            found = [s for s in sentences(body) if len(s) >= 25]
            answer += [(s, [chunk]) for s in rng.sample(found, min(2, len(found)))]
        answers.append(answer[:4])
    return answers


def paraphrased_answers(n: int, rng: random.Random) -> list[Answer]:
    """Four supported reworded claims of the labelled sets, each citing its own passage(s)."""
    pool = [
        (c.claim, c.passages)
        for path in ("judge_cases.jsonl", "judge_dev.jsonl")
        for c in load_cases(REPO / "evals" / path)
        if c.supported and c.change != "copy"
    ]
    return [rng.sample(pool, 4) for _ in range(n)]


def _time(check: Callable[[OfflineJudge, Answer], list[Verdict]], answers: list[Answer]) -> dict[str, float]:
    wall, cpu, supported = [], [], 0
    for answer in answers:
        judge = OfflineJudge()
        t, c = time.perf_counter(), time.process_time()
        verdicts = check(judge, answer)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        supported += sum(bool(v.supported) for v in verdicts)
    return {
        "answers": len(answers),
        "p50_ms": round(percentile(wall, 50), 1),
        "p90_ms": round(percentile(wall, 90), 1),
        "cpu_p50_ms": round(percentile(cpu, 50), 1),
        "cpu_p90_ms": round(percentile(cpu, 90), 1),
        "sentences_supported": f"{supported}/{sum(len(a) for a in answers)}",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=50, help="answers of each kind")
    args = parser.parse_args(argv)
    rng = random.Random(0)
    kinds = {"verbatim": verbatim_answers(args.answers, rng), "paraphrased": paraphrased_answers(args.answers, rng)}
    load()
    OfflineJudge()(*kinds["paraphrased"][0][0])  # warm up: first calls into the pipeline are slow
    ways: dict[str, Callable[[OfflineJudge, Answer], list[Verdict]]] = {
        "batched": lambda judge, answer: judge.many(answer),
        "one_by_one": lambda judge, answer: [judge(claim, passages) for claim, passages in answer],
    }
    results = {
        f"{kind}/{way}": _time(check, answers) for kind, answers in kinds.items() for way, check in ways.items()
    }
    results["mixed/batched"] = _time(ways["batched"], [a for pair in zip(*kinds.values()) for a in pair])
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
