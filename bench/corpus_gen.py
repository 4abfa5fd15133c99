"""Make N synthetic news articles from the shipped ones, deterministically from a seed.

Each article takes a headline from one shipped article and paragraphs from two or three others,
shuffles them, swaps sentences between paragraphs, and substitutes names, numbers, places and
dates, so no two chunks are the same text while the prose stays news-like (BM25 and the model
see realistic vocabulary, not lorem ipsum)."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

from rag.corpus import clean_text
from rag.text import MONTH_NAMES

NAMES = [
    "Kim Jong-un", "Kim Yo-jong", "Joe Biden", "Moon Jae-in", "Linda Thomas-Greenfield", "Kim Song",
    "Jenny Town", "Ned Price", "Antony Blinken", "Yoon Suk-yeol",
]
NEW_NAMES = [
    "Ana Ferreira", "Tomas Lindqvist", "Priya Raman", "Omar Haddad", "Lena Vogel", "Kofi Mensah",
    "Mei Tanaka", "Diego Alvarez", "Sofia Rossi", "Ivan Petrov", "Amara Okafor", "Lars Eriksen",
    "Hana Novak", "Rafael Costa", "Yuki Sato", "Nadia Karim", "Pierre Dubois", "Elif Yilmaz",
    "Marta Kowalska", "Chen Wei", "Aisha Bello", "Jonas Berg", "Lucia Moreno", "Tariq Aziz",
]
PLACES = ["Pyongyang", "Seoul", "Washington", "Beijing", "Tokyo", "Moscow", "New York", "North Korea",
          "South Korea", "United States", "China", "Japan"]
NEW_PLACES = [
    "Lisbon", "Nairobi", "Oslo", "Santiago", "Hanoi", "Ankara", "Warsaw", "Lima", "Accra", "Manila",
    "Tbilisi", "Montevideo", "Riga", "Dakar", "Quito", "Yerevan", "Portugal", "Kenya", "Norway", "Chile",
    "Vietnam", "Poland", "Peru", "Ghana", "Georgia", "Uruguay", "Latvia", "Senegal",
]
TOPICS = [
    ("missile", ["drone", "satellite", "rocket", "radar", "warship"]),
    ("nuclear", ["energy", "fisheries", "water", "trade", "border"]),
    ("talks", ["negotiations", "consultations", "dialogue", "summit", "meetings"]),
    ("hostile", ["aggressive", "unfriendly", "confrontational", "adversarial"]),
    ("leader", ["head of state", "ruler", "chairman", "president"]),
    ("Thursday", ["Monday", "Tuesday", "Wednesday", "Friday", "Saturday"]),
    ("statement", ["communique", "declaration", "announcement", "release"]),
    ("military", ["armed", "defence", "security", "naval"]),
    ("peace", ["calm", "order", "security", "cooperation"]),
    ("Wednesday", ["Monday", "Tuesday", "Friday", "Sunday"]),
    ("officials", ["diplomats", "envoys", "ministers", "aides"]),
    ("weapons", ["arms", "munitions", "systems", "armaments"]),
]
# Short names that stand alone once the full names are replaced (word-bounded).
SHORT = ["Kim", "US", "DPRK", "UN", "UNSC", "KCNA"]
NEW_SHORT = ["Ferreira", "EU", "ROC", "OAS", "AU", "ASEAN", "TASS", "Lindqvist", "Raman", "Haddad"]
_NUMBER = re.compile(r"\b\d{1,4}\b")
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def _paragraphs(text: str) -> tuple[str, list[str]]:
    paras = [p.strip() for p in clean_text(text).split("\n\n") if p.strip()]
    title = paras[0].splitlines()[0]
    body = [p for p in paras[1:] if len(p) > 80]
    return title, body


def _substitute(text: str, rng: random.Random, names: dict[str, str], places: dict[str, str],
                topics: dict[str, str], short: dict[str, str]) -> str:
    for old, new in {**names, **places, **topics}.items():
        text = text.replace(old, new)
    for old, new in short.items():
        text = re.sub(rf"\b{old}\b", new, text)

    def number(m: re.Match) -> str:
        n = int(m.group(0))
        if 1900 <= n <= 2100:  # years stay years
            return str(rng.randint(1995, 2030))
        return str(max(1, n + rng.randint(-n // 2 - 1, n + 3)))

    return _NUMBER.sub(number, text)


def variant(rng: random.Random):
    """A text -> text function that swaps one random draw of names, places, topics and numbers."""
    names = dict(zip(rng.sample(NAMES, 4), rng.sample(NEW_NAMES, 4)))
    places = dict(zip(rng.sample(PLACES, 4), rng.sample(NEW_PLACES, 4)))
    topics = {old: rng.choice(news) for old, news in rng.sample(TOPICS, 6)}
    short = dict(zip(rng.sample(SHORT, 3), rng.sample(NEW_SHORT, 3)))
    return lambda text: _substitute(text, rng, names, places, topics, short)


def _mix_sentences(paras: list[str], rng: random.Random) -> list[str]:
    split = [_SENT.split(p) for p in paras]
    for _ in range(2 * len(paras)):  # swap sentences between paragraphs
        a, b = rng.randrange(len(split)), rng.randrange(len(split))
        if split[a] and split[b]:
            i, j = rng.randrange(len(split[a])), rng.randrange(len(split[b]))
            split[a][i], split[b][j] = split[b][j], split[a][i]
    return [" ".join(s) for s in split if s]


def generate(src_dir: Path, out_dir: Path, n: int, seed: int = 5, keep_sources: bool = True) -> list[Path]:
    """Write `n` articles into `out_dir` (emptied first); returns their paths.

    With `keep_sources`, the shipped articles are among the `n` unchanged, so the gold questions
    still have their answers (and their files) in the bigger corpus."""
    shipped = sorted(Path(src_dir).glob("*.txt"))
    sources = [_paragraphs(p.read_text(encoding="utf-8")) for p in shipped]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    paths = []
    if keep_sources:
        for p in shipped[:n]:
            paths.append(out_dir / p.name)
            paths[-1].write_bytes(p.read_bytes())
    rng = random.Random(seed)
    for i in range(n - len(paths)):
        vary = variant(rng)
        title, _ = rng.choice(sources)
        body: list[str] = []
        for _, paras in rng.sample(sources, rng.randint(2, 3)):
            body += rng.sample(paras, k=min(len(paras), rng.randint(4, 6)))
        rng.shuffle(body)
        body = _mix_sentences(body, rng)
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
        dateline = f"{MONTH_NAMES[day.month - 1].capitalize()} {day.day}, {day.year}"
        text = "\n\n".join([vary(title), dateline, *(vary(p) for p in body)])
        path = out_dir / f"{i:05d}_synthetic.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # pragma: no cover - a manual helper
    import sys

    generate(Path("corpus"), Path(sys.argv[2] if len(sys.argv) > 2 else "bench/out/corpus"), int(sys.argv[1]))
